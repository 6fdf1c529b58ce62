/**
 * One pass over each table (lazily, once per audit) into the structures the
 * rules look things up in: the 合计 rows, 部门 → 单位 → detail rows, 功能科目 /
 * 经济科目 rows by code, the 01/06 line trees. Every lookup is a Map: rules
 * never scan a table inside a loop.
 */
import type { Amount, TableId } from '../model/amount.js';
import type { Budget } from '../model/budget.js';
import type { Row } from '../model/table.js';
import { lineLevel, type LineSectionKind, sectionKind } from './data/lines.js';

/** normName results: names repeat in every unit and table (bounded: cleared when large). */
const NAME_KEYS = new Map<string, string>();

/** Comparison key of a published name: NFKC, no whitespace, no quotes. */
export function normName(s: string): string {
  let k = NAME_KEYS.get(s);
  if (k === undefined) {
    k = s
      .normalize('NFKC')
      .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '')
      .replace(/["'“”‘’「」]/g, '');
    if (NAME_KEYS.size >= 50_000) NAME_KEYS.clear();
    NAME_KEYS.set(s, k);
  }
  return k;
}

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
  /** Caches filled on first use by the helpers (rowsByCode, functionRows, functionGroups). */
  cache: {
    byCode?: Map<string, Row[]>;
    functionRows?: Row[];
    functionMaxLevel?: number;
    functionGroups?: Map<string, Map<string, Row[]>>;
  };
}

export interface LineNode {
  row: Row;
  amount: Amount | undefined;
  level: number;
  /** 'subtotal' 本年收入合计 / 本年支出合计; 'grand' 收入总计 / 支出总计. */
  role: 'item' | 'subtotal' | 'grand';
  name: string;
  parent?: LineNode;
  children: LineNode[];
}

export interface LineSection {
  table: TableId;
  key: string;
  kind: LineSectionKind;
  nodes: LineNode[];
  /** By normalized name; a name can repeat under different parents (06 一般公共预算拨款). */
  byName: Map<string, LineNode[]>;
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

function buildTableIndex(budget: Budget, id: TableId): TableIndex {
  const table = budget.tables[id];
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

const TOTAL_SUBTOTAL = new Set(['本年收入合计', '本年支出合计']);
const TOTAL_GRAND = new Set(['收入总计', '支出总计']);

/** numbering() results: the same labels in every workbook (bounded: cleared when large). */
const NUMBERING = new Map<string, 0 | 1 | 2>();

/** "一、" style (1), "（一）" style (2), unnumbered (0). */
function numbering(label: string): 0 | 1 | 2 {
  let n = NUMBERING.get(label);
  if (n === undefined) {
    const s = label.normalize('NFKC').replace(/[\s\u3000]+/g, '');
    n = /^(?:[一二三四五六七八九十百]+|\d+)[、.](?!\d)/.test(s) ? 1 : /^\([一二三四五六七八九十百\d]+\)/.test(s) ? 2 : 0;
    if (NUMBERING.size >= 10_000) NUMBERING.clear();
    NUMBERING.set(label, n);
  }
  return n;
}

function buildLineSections(budget: Budget, id: TableId): LineSection[] {
  const table = budget.tables[id];
  if (!table) return [];
  const bySection = new Map<string, Row[]>();
  for (const r of table.rows) {
    if (r.kind !== 'line' || !r.section) continue;
    const list = bySection.get(r.section);
    if (list) list.push(r);
    else bySection.set(r.section, [r]);
  }
  const out: LineSection[] = [];
  for (const [key, rows] of bySection) {
    const kind = sectionKind(id, key);
    const hasTopNumbering = rows.some((r) => numbering(r.label) === 1);
    const nodes: LineNode[] = [];
    const byName = new Map<string, LineNode[]>();
    const stack: LineNode[] = [];
    let lastNumbered = 0;
    for (const row of rows) {
      const name = normName(row.name);
      if (!name) continue;
      let amount: Amount | undefined;
      for (const k in row.amounts) {
        amount = row.amounts[k];
        break;
      }
      let role: LineNode['role'] = 'item';
      let level: number;
      if (TOTAL_SUBTOTAL.has(name)) {
        role = 'subtotal';
        level = 1;
      } else if (TOTAL_GRAND.has(name)) {
        role = 'grand';
        level = 1;
      } else {
        const n = numbering(row.label);
        if (n === 1) level = 1;
        else if (n === 2) level = hasTopNumbering ? 2 : 1;
        else level = lineLevel(id, key, name) ?? (lastNumbered > 0 ? lastNumbered + 1 : 1);
        if (n !== 0) lastNumbered = level;
      }
      const node: LineNode = { row, amount, level, role, name, children: [] };
      if (role === 'item') {
        while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) {
          node.parent = parent;
          parent.children.push(node);
        }
        stack.push(node);
      } else {
        stack.length = 0;
        lastNumbered = 0;
      }
      nodes.push(node);
      const list = byName.get(name);
      if (list) list.push(node);
      else byName.set(name, [node]);
    }
    out.push({ table: id, key, kind, nodes, byName });
  }
  return out;
}

/** Lazily built per-table indexes for one budget. */
export class BudgetIndex {
  private readonly tables = new Map<TableId, TableIndex>();
  private readonly lines = new Map<TableId, LineSection[]>();

  constructor(readonly budget: Budget) {}

  table(id: TableId): TableIndex {
    let t = this.tables.get(id);
    if (!t) {
      t = buildTableIndex(this.budget, id);
      this.tables.set(id, t);
    }
    return t;
  }

  lineSections(id: TableId): LineSection[] {
    let s = this.lines.get(id);
    if (!s) {
      s = buildLineSections(this.budget, id);
      this.lines.set(id, s);
    }
    return s;
  }

  lineSection(id: TableId, key: string): LineSection | undefined {
    return this.lineSections(id).find((s) => s.key === key);
  }

  /** The first line of a section by name, optionally under a named parent. */
  line(id: TableId, section: string, name: string, parent?: string): LineNode | undefined {
    const s = this.lineSection(id, section);
    const list = s?.byName.get(normName(name));
    if (!list) return undefined;
    if (parent === undefined) return list[0];
    const p = normName(parent);
    return list.find((n) => n.parent?.name === p);
  }

  /**
   * The figures that stand for a whole table in one column: its 合计 row(s);
   * else its departments, units or top detail rows (to be added up).
   */
  grand(id: TableId): Row[] {
    const t = this.table(id);
    if (t.totals.length > 0) return [t.totals[0]!];
    return t.topRows;
  }
}
