/**
 * The one index over a table of the typed Budget: 合计 rows, 部门 → 单位 →
 * detail rows (per-unit scopes), and — built on first use — the lookup maps by
 * kind, code, line name, owner and column key. The rules read it through
 * BudgetIndex (./budget-index.ts), the public API through src/model/query.ts.
 * Every lookup is a Map: nothing scans a table inside a loop.
 */
import type { TableId } from '../amount.js';
import type { Row, RowKind, Table } from '../table.js';
import { norm } from '../../text/normalize.js';

/** 1 / 2 / 3 from a 功能科目 (3/5/7 digits) or 经济科目 (3/5) code. */
export function codeLevel(code: string | undefined): number | undefined {
  if (!code) return undefined;
  return code.length === 3 ? 1 : code.length === 5 ? 2 : code.length === 7 ? 3 : undefined;
}

/** Detail rows of one scope (a unit, a department without units, or the whole table), by code. */
export interface Scope {
  /** The unit/department row the scope belongs to (absent: the table itself). */
  owner?: Row;
  rows: Row[];
  /** Rows at the shallowest level present: what the owner sums. */
  top: Row[];
  /** Levels present (1 类 / 2 款 / 3 项). */
  levels: Set<number>;
  /** The codes its rows carry (built on first use by scopeHasCode). */
  codes?: Set<string>;
}

/** True when a row of the scope carries `code`. */
export function scopeHasCode(s: Scope, code: string): boolean {
  let codes = s.codes;
  if (!codes) {
    codes = new Set();
    for (let i = 0; i < s.rows.length; i++) {
      const c = s.rows[i]!.code;
      if (c) codes.add(c);
    }
    s.codes = codes;
  }
  return codes.has(code);
}

/** parentCode() results: a few hundred codes in any budget (bounded: cleared when large). */
const PARENTS = new Map<string, string>();

/** The 类 / 款 a 款 / 项 code belongs to by its digits (20801 ⊃ 2080101, 301 ⊃ 30101); undefined for a 类. */
export function parentCode(code: string): string | undefined {
  const lv = codeLevel(code);
  if (lv === undefined || lv === 1) return undefined;
  let p = PARENTS.get(code);
  if (p === undefined) {
    p = code.slice(0, lv === 2 ? 3 : 5);
    if (PARENTS.size >= 50_000) PARENTS.clear();
    PARENTS.set(code, p);
  }
  return p;
}

export interface TableIndex {
  id: TableId;
  rows: Row[];
  totals: Row[];
  departments: Row[];
  units: Row[];
  /** 功能科目 / 经济科目 / project rows, in order. */
  details: Row[];
  /** Department → its unit rows (positional). */
  deptUnits: Map<Row, Row[]>;
  /** Department without unit rows → its detail scope. Unit → its detail scope. */
  scopeOf: Map<Row, Scope>;
  /** Detail rows outside any unit/department. */
  looseScope: Scope;
  /** Every scope with detail rows (for rollups / code checks). */
  scopes: Scope[];
  /** What the 合计 row sums: departments, else units, else top detail rows. */
  topRows: Row[];
  /** True when function rows carry a unit (a 单位代码 column or a unit row above them). */
  functionRowsHaveUnits: boolean;
  /** The lookup maps (src/model/query.ts), built on first use. */
  lookup?: TableLookup;
  /** Caches filled on first use by the helpers (rowsByCode, functionRows, functionGroups). */
  cache: {
    byCode?: Map<string, Row[]>;
    functionRows?: Row[];
    functionMaxLevel?: number;
    functionGroups?: Map<string, Map<string, Row[]>>;
  };
}

function newScope(owner?: Row): Scope {
  const s: Scope = { rows: [], top: [], levels: new Set() };
  if (owner) s.owner = owner;
  return s;
}

function finishScope(s: Scope): void {
  const rows = s.rows;
  const levels = new Array<number>(rows.length);
  let min = Infinity;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const lv = r.kind === 'project' ? 0 : (codeLevel(r.code) ?? 0);
    levels[i] = lv;
    s.levels.add(lv);
    if (lv < min) min = lv;
  }
  for (let i = 0; i < rows.length; i++) if (levels[i] === min) s.top.push(rows[i]!);
}

const DETAIL = new Set(['function', 'economic', 'project']);

/** One pass over a table (absent: an empty index) into its scopes and row lists. */
export function buildTableIndex(table: Table | undefined, id: TableId): TableIndex {
  const rows = table?.rows ?? [];
  const idx: TableIndex = {
    id,
    rows,
    totals: [],
    departments: [],
    units: [],
    details: [],
    deptUnits: new Map(),
    scopeOf: new Map(),
    looseScope: newScope(),
    scopes: [],
    topRows: [],
    functionRowsHaveUnits: true,
    cache: {},
  };
  const unitByCode = new Map<string, Row>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.kind === 'unit' && r.code && !unitByCode.has(r.code)) unitByCode.set(r.code, r);
  }

  let dept: Row | undefined;
  let unit: Row | undefined;
  let anyFunction = false;
  const scopeFor = (owner: Row): Scope => {
    let s = idx.scopeOf.get(owner);
    if (!s) {
      s = newScope(owner);
      idx.scopeOf.set(owner, s);
    }
    return s;
  };
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    switch (r.kind) {
      case 'total':
        idx.totals.push(r);
        break;
      case 'department':
        idx.departments.push(r);
        idx.deptUnits.set(r, []);
        dept = r;
        unit = undefined;
        break;
      case 'unit':
        idx.units.push(r);
        if (dept) idx.deptUnits.get(dept)!.push(r);
        unit = r;
        break;
      default:
        if (!DETAIL.has(r.kind)) break;
        idx.details.push(r);
        if (r.kind === 'function') {
          anyFunction = true;
          if (!r.unitCode) idx.functionRowsHaveUnits = false;
        }
        {
          // A detail row belongs to the unit its 单位代码 names, else the unit/department above it.
          const owner = (r.unitCode ? unitByCode.get(r.unitCode) : undefined) ?? unit ?? dept;
          (owner ? scopeFor(owner) : idx.looseScope).rows.push(r);
        }
    }
  }
  if (!anyFunction) idx.functionRowsHaveUnits = false;
  for (const s of idx.scopeOf.values()) {
    finishScope(s);
    idx.scopes.push(s);
  }
  finishScope(idx.looseScope);
  if (idx.looseScope.rows.length > 0) idx.scopes.push(idx.looseScope);
  idx.topRows =
    idx.departments.length > 0 ? idx.departments : idx.units.length > 0 ? idx.units : idx.looseScope.top;
  return idx;
}

const J = '\u0001';

/** The lookup maps of one table (what src/model/query.ts answers from), built on first use. */
export interface TableLookup {
  rows: Row[];
  byKind: Map<RowKind, Row[]>;
  /** `${kind}\u0001${code}` → rows (one per unit when a table repeats codes per unit). */
  byCode: Map<string, Row[]>;
  /** `${section}\u0001${norm(name)}` → the first such line. */
  lines: Map<string, Row>;
  linesBySection: Map<string, Row[]>;
  byOwner: Map<string, Row[]>;
  /** norm(column key) → key as used in the table. */
  keys: Map<string, string>;
  /** `${kind}|${unitCode}|${parent code}` → child rows (类 → 款 → 项). */
  children: Map<string, Row[]>;
  /** functionRows results by `${unit}|${level}`, filled on demand. */
  functionQueries: Map<string, Row[]>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function keyNorm(key: string): string {
  return key
    .split(/\s*›\s*|\s*>\s*/)
    .map(norm)
    .join(J);
}

export function buildLookup(t: Table): TableLookup {
  const ix: TableLookup = {
    rows: t.rows,
    byKind: new Map(),
    byCode: new Map(),
    lines: new Map(),
    linesBySection: new Map(),
    byOwner: new Map(),
    keys: new Map(),
    children: new Map(),
    functionQueries: new Map(),
  };
  for (const row of t.rows) {
    push(ix.byKind, row.kind, row);
    if (row.code !== undefined) push(ix.byCode, `${row.kind}${J}${row.code}`, row);
    if (row.kind === 'line' && row.section !== undefined) {
      const k = `${row.section}${J}${norm(row.name)}`;
      if (!ix.lines.has(k)) ix.lines.set(k, row);
      push(ix.linesBySection, row.section, row);
    }
    if (row.owner !== undefined) push(ix.byOwner, row.owner, row);
    if ((row.kind === 'function' || row.kind === 'economic') && row.code !== undefined && row.code.length > 3) {
      push(ix.children, `${row.kind}|${row.unitCode ?? ''}|${row.code.slice(0, row.code.length - 2)}`, row);
    }
  }
  for (const c of t.columns) if (!ix.keys.has(keyNorm(c.key))) ix.keys.set(keyNorm(c.key), c.key);
  return ix;
}

