/**
 * Lookups by meaning — "表03, 2080199, 项目支出", "表08, 30217,
 * 本年一般公共预算基本支出 › 公用经费", "表01 income 本年收入合计" — without
 * knowing a cell address. Thin calls into the model's one table index
 * (./lookup/table-index.ts), kept per Table (rebuilt if its `rows` array is
 * replaced), so lookups in loops are O(1).
 */
import { lineName, norm } from '../text/normalize.js';
import type { Amount } from './amount.js';
import { PATH_SEP } from './amount.js';
import type { FunctionLevel } from './codes.js';
import { buildLookup, buildTableIndex, keyNorm, type TableIndex, type TableLookup } from './lookup/table-index.js';
import type { Row, RowKind, Table } from './table.js';

const cache = new WeakMap<Table, TableIndex>();
const J = '\u0001';
const EMPTY: readonly Row[] = Object.freeze([]);

/** The table's index (built once per `rows` array) with its lookup maps. */
function indexOf(t: Table): TableLookup {
  let ix = cache.get(t);
  if (!ix || ix.rows !== t.rows) {
    ix = buildTableIndex(t, t.id);
    cache.set(t, ix);
  }
  return (ix.lookup ??= buildLookup(t));
}

/** The grand-total row (合计 / 总计), if the table has one. */
export function totalRow(t: Table): Row | undefined {
  return indexOf(t).byKind.get('total')?.[0];
}

/** Rows of one kind, in sheet order. */
export function rowsOf(t: Table, kind: RowKind): readonly Row[] {
  return indexOf(t).byKind.get(kind) ?? EMPTY;
}

export interface FunctionQuery {
  /** Only rows of this 单位 (unit code, e.g. "201001"). */
  unit?: string;
  /** 1 类 / 2 款 / 3 项. */
  level?: FunctionLevel;
}

/** 功能科目 rows, optionally of one unit and/or one level. */
export function functionRows(t: Table, q: FunctionQuery = {}): readonly Row[] {
  if (q.unit === undefined && q.level === undefined) return rowsOf(t, 'function');
  const ix = indexOf(t);
  const k = `${q.unit ?? '*'}|${q.level ?? '*'}`;
  let rows = ix.functionQueries.get(k);
  if (!rows) {
    rows = rowsOf(t, 'function').filter(
      (r) => (q.unit === undefined || r.unitCode === q.unit) && (q.level === undefined || r.level === q.level),
    );
    ix.functionQueries.set(k, rows);
  }
  return rows;
}

/** 经济科目 rows (表08), optionally of one level (1: 301, 2: 30101). */
export function economicRows(t: Table, level?: FunctionLevel): Row[] {
  return rowsOf(t, 'economic').filter((r) => level === undefined || r.level === level);
}

export interface RowQuery {
  code: string;
  /** Default: any kind with that code (function before economic before unit…, in sheet order). */
  kind?: RowKind;
  /** The row's 单位 (unitCode); default: the first row with that code. */
  unit?: string;
}

/** Every row with that code (and kind / unit when given), in sheet order. */
export function findRows(t: Table, q: RowQuery): readonly Row[] {
  const ix = indexOf(t);
  let rows: readonly Row[];
  if (q.kind) rows = ix.byCode.get(`${q.kind}${J}${q.code}`) ?? EMPTY;
  else {
    const all: Row[] = [];
    for (const kind of ['function', 'economic', 'department', 'unit', 'project'] as RowKind[]) {
      const list = ix.byCode.get(`${kind}${J}${q.code}`);
      if (list) all.push(...list);
    }
    rows = all;
  }
  return q.unit === undefined ? rows : rows.filter((r) => r.unitCode === q.unit);
}

/** The first row with that code (and kind / unit when given). */
export function findRow(t: Table, q: RowQuery): Row | undefined {
  return findRows(t, q)[0];
}

/** 01 / 06: the line named `name` (numbering and spaces ignored) in a section ('income', 'function', …). */
export function line(t: Table, section: string, name: string): Row | undefined {
  return indexOf(t).lines.get(`${section}${J}${norm(lineName(name))}`);
}

/** 01 / 06: all lines of a section, top-down. */
export function linesOf(t: Table, section: string): readonly Row[] {
  return indexOf(t).linesBySection.get(section) ?? EMPTY;
}

/** 22 / 23: the indicator rows of a project (or unit), by its name. */
export function indicatorsOf(t: Table, owner: string): readonly Row[] {
  return indexOf(t).byOwner.get(owner) ?? EMPTY;
}

/**
 * A row's amount under a column key in the template's spelling
 * ("基本支出 › 人员经费 › 工资福利支出"). Full/half-width brackets, spaces and
 * quotes in `columnKey` are tolerated. Undefined when the row has no such column.
 */
export function amountAt(row: Row, columnKey: string): Amount | undefined {
  const exact = row.amounts[columnKey];
  if (exact) return exact;
  const want = keyNorm(columnKey);
  for (const k in row.amounts) if (keyNorm(k) === want) return row.amounts[k];
  return undefined;
}

/** The table's own spelling of a column key given in any width/spacing, or undefined. */
export function columnKey(t: Table, key: string): string | undefined {
  return indexOf(t).keys.get(keyNorm(key));
}

/** Distinct amount column keys of a table, left to right. */
export function amountKeys(t: Table): string[] {
  const seen = new Set<string>();
  for (const c of t.columns) if (c.role === 'amount') seen.add(c.key);
  return [...seen];
}

/**
 * Shortcut: the amount of the row with `code` (kind/unit as in findRow) under
 * `columnKey`, e.g. `amountOf(t03, '2080199', '项目支出')`.
 */
export function amountOf(t: Table, code: string, columnKey: string, q: Omit<RowQuery, 'code'> = {}): Amount | undefined {
  const row = findRow(t, { ...q, code });
  return row ? amountAt(row, columnKey) : undefined;
}

/** The direct children of a 功能科目 / 经济科目 row (类 → 款, 款 → 项) within the same unit. */
export function childrenOf(t: Table, row: Row): readonly Row[] {
  if (row.code === undefined || (row.kind !== 'function' && row.kind !== 'economic')) return EMPTY;
  return indexOf(t).children.get(`${row.kind}|${row.unitCode ?? ''}|${row.code}`) ?? EMPTY;
}

export { PATH_SEP };
