/** Small lookups the rules share. */
import { type Amount, type TableId } from '../model/amount.js';
import type { FindingLocation } from '../model/finding.js';
import type { Row, Table } from '../model/table.js';
import { templateAmountKeys } from '../templates/amount-columns.js';
import { HUNAN_23 } from '../templates/hunan-23.js';
import { codeLevel, normName, type TableIndex } from '../model/lookup/budget-index.js';
import { missing, type RuleContext, type Term } from './engine.js';

export const GRID_TABLES: TableId[] = HUNAN_23.filter((t) => t.layout === 'grid').map((t) => t.id);

/** Row kinds that carry figures in grid tables. */
export const FIGURE_KINDS = new Set(['total', 'department', 'unit', 'function', 'economic', 'project']);

const AMOUNT_KEYS = new Map<TableId, string[]>(HUNAN_23.map((t) => [t.id, templateAmountKeys(t)]));

/** The template's amount column keys of a table: key i is `Row.cells[i]`. */
export function amountKeys(id: TableId): string[] {
  return AMOUNT_KEYS.get(id) ?? [];
}

/** A1 of the cell in `row` under column `key`, from the table's located header. */
export function cellAt(table: Table, row: Row, key: string): FindingLocation {
  const col = table.columns.find((c) => c.key === key)?.col;
  const loc: FindingLocation = { table: table.id, row: row.label, column: key };
  if (table.sheet) loc.sheet = table.sheet;
  if (col !== undefined) loc.cell = a1(row.sheetRow, col);
  else if (row.labelRef) loc.cell = row.labelRef.cell;
  const text = row.texts[key];
  if (text !== undefined) loc.value = text;
  // Read from a PDF: a text cell is on its row's page.
  if (row.labelRef?.page !== undefined) loc.page = row.labelRef.page;
  return loc;
}

/** Where a row's label sits. */
export function rowLocation(table: Table, row: Row): FindingLocation {
  return {
    table: table.id,
    ...(table.sheet ? { sheet: table.sheet } : {}),
    ...(row.labelRef ? { sheet: row.labelRef.sheet, cell: row.labelRef.cell } : {}),
    row: row.label,
  };
}

function a1(r: number, c: number): string {
  let s = '';
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return `${s}${r + 1}`;
}

/** A row's amount under `key` (undefined when the column wasn't read). */
export function amt(row: Row, key: string): Amount | undefined {
  return row.amounts[key];
}

/** Several columns over rows: row by row, each row's amounts under `keys`. */
export function columns(rows: readonly Row[], keys: readonly string[]): (Amount | undefined)[] {
  const out = new Array<Amount | undefined>(rows.length * keys.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const amounts = rows[i]!.amounts;
    for (let j = 0; j < keys.length; j++) out[n++] = amounts[keys[j]!];
  }
  return out;
}

/** Detail rows of a table by code, across all its scopes (built once per table; read-only). */
export function rowsByCode(t: TableIndex): Map<string, Row[]> {
  let m = t.cache.byCode;
  if (!m) {
    m = new Map<string, Row[]>();
    for (let ri = 0; ri < t.details.length; ri++) {
      const r = t.details[ri]!;
      if (!r.code) continue;
      const list = m.get(r.code);
      if (list) list.push(r);
      else m.set(r.code, [r]);
    }
    t.cache.byCode = m;
  }
  return m;
}

/**
 * The figures standing for a whole table in one column (its 合计 row; else its
 * departments / units / top rows to be added). Absent rows: one Missing term.
 */
export function grandTerms(ctx: RuleContext, id: TableId, key: string): (Term | undefined)[] {
  const rows = ctx.index.grand(id);
  if (rows.length === 0) return [missing(id, '合计', key)];
  return rows.map((r) => r.amounts[key]);
}

/** Sum of several columns of a table's grand row(s). */
export function grandTermsOf(ctx: RuleContext, id: TableId, keys: string[]): (Term | undefined)[] {
  return keys.flatMap((k) => grandTerms(ctx, id, k));
}

const LINE_COLUMN: Record<string, string> = { income: '收入 › 预算数' };

/** A 01/06 line's amount by section and name (under a parent line when given); absent → Missing. */
export function lineTerm(ctx: RuleContext, id: TableId, section: string, name: string, parent?: string): Term {
  const node = ctx.index.line(id, section, name, parent);
  return node?.amount ?? missing(id, name, LINE_COLUMN[section] ?? '支出 › 预算数');
}

/** A table's 功能科目 rows, in order (built once per table; read-only). */
export function functionRows(t: TableIndex): Row[] {
  return (t.cache.functionRows ??= t.details.filter((r) => r.kind === 'function'));
}

export function maxLevel(rows: Row[]): number {
  let m = 0;
  for (const r of rows) m = Math.max(m, codeLevel(r.code) ?? 0);
  return m;
}

/** The deepest 功能科目 level a table publishes (0 without function rows). */
export function functionMaxLevel(t: TableIndex): number {
  return (t.cache.functionMaxLevel ??= maxLevel(functionRows(t)));
}

export function functionKey(r: Row, withUnit: boolean, level: number): string | undefined {
  if (!r.code || codeLevel(r.code) !== level) return undefined;
  return withUnit ? `${r.unitCode ?? ''}|${r.code}` : r.code;
}

/**
 * A table's function rows at `level`, grouped by (unit,) code in first-seen
 * order: the keys of a row-by-row comparison (built once per table and key; read-only).
 */
export function functionGroups(t: TableIndex, withUnit: boolean, level: number): Map<string, Row[]> {
  const groups = (t.cache.functionGroups ??= new Map());
  const k = `${withUnit ? 'u' : ''}${level}`;
  let g = groups.get(k);
  if (!g) {
    g = new Map<string, Row[]>();
    const rows = functionRows(t);
    for (let i = 0; i < rows.length; i++) {
      const key = functionKey(rows[i]!, withUnit, level);
      if (key === undefined) continue;
      const list = g.get(key);
      if (list) list.push(rows[i]!);
      else g.set(key, [rows[i]!]);
    }
    groups.set(k, g);
  }
  return g;
}

/** The keys of two groupings: a's in order, then those only b has (what `new Set([...a.keys(), ...b.keys()])` holds). */
export function unionKeys<K>(a: Map<K, unknown>, b: Map<K, unknown>): K[] {
  const out: K[] = [];
  a.forEach((_, k) => out.push(k));
  b.forEach((_, k) => {
    if (!a.has(k)) out.push(k);
  });
  return out;
}

/** Groups rows by key (preserving first-seen order). */
export function groupBy<T>(items: T[], key: (t: T) => string | undefined): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const k = key(it);
    if (k === undefined) continue;
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

export { normName };
