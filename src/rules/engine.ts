/**
 * The arithmetic behind every rule: exact Decimal sums, the rounding bound and
 * the findings. Rules declare identities over located amounts (`sum`, `equal`,
 * `same`, `condition`); this module decides pass / rounding / info / failure and
 * writes the finding with every cell involved.
 *
 * Rounding bound (XBRL Calculations 1.1, round-to-nearest): each published figure
 * may be off by half a unit of its last decimal, so `total = a₁ + … + aₙ` holds
 * within (n + 1) × 0.005 at two decimals. Blank cells are exact zeros (the
 * published note "单元格空白表示数据为零") and add nothing to the bound.
 */
import { Decimal } from 'decimal.js';
import type { Amount, TableId } from '../model/amount.js';
import type { Budget } from '../model/budget.js';
import type { Finding, FindingLocation, Localized, Severity } from '../model/finding.js';
import type { NotRun } from '../model/report.js';
import { HUNAN_23 } from '../templates/hunan-23.js';
import type { AuditOptions, RuleMeta } from './types.js';
import type { BudgetIndex } from './budget-index.js';

/** A figure that should be published but whose row is absent: an exact zero without a cell. */
export interface Missing {
  missing: true;
  table: TableId;
  rowLabel: string;
  column: string;
}

/** What an identity is built from: a published amount, or a row that isn't there. */
export type Term = Amount | Missing;

export function missing(table: TableId, rowLabel: string, column: string): Missing {
  return { missing: true, table, rowLabel, column };
}

export function isMissing(t: Term): t is Missing {
  return (t as Missing).missing === true;
}

const ZERO = new Decimal(0);

function valueOf(t: Term): Decimal {
  return isMissing(t) ? ZERO : t.value;
}

function isBlank(t: Term): boolean {
  return isMissing(t) || t.blank;
}

/** Σ of terms; blanks are exact zeros and skipped. */
function total(terms: Term[]): Decimal {
  let s = ZERO;
  for (const t of terms) if (!isBlank(t)) s = s.plus((t as Amount).value);
  return s;
}

export interface ConditionFinding {
  message: Localized;
  /** Cells (or absent rows) the finding is about; the first is where the fix goes. */
  terms?: Term[];
  /** Extra locations for non-amount cells (codes, names, indicator texts). */
  locations?: FindingLocation[];
  /** Overrides the rule's severity (e.g. a warning-level sub-check). */
  severity?: Severity;
  expected?: string;
  actual?: string;
}

export interface SumOptions {
  /**
   * Breakdowns sharing this key report 未分项 once (e.g. one column pair of a
   * table over all its rows): later all-blank occurrences count as passed.
   */
  infoOnce?: string;
}

export interface RuleContext {
  readonly budget: Budget;
  readonly index: BudgetIndex;
  /**
   * True when every listed table was found. Otherwise records the rule as
   * not run for them (never as passed) and returns false.
   */
  need(...tables: TableId[]): boolean;
  /** Records that part of the rule could not run (e.g. a column the header lacks). */
  notRun(reason: string): void;
  /**
   * A breakdown: `total = Σ parts`. When every part is blank but the total has a
   * value, the breakdown simply isn't given: one `info` finding, not an error.
   * An `undefined` term means a column that wasn't read: the identity is not run.
   */
  sum(total: Term | undefined, parts: (Term | undefined)[], msg?: Localized, opts?: SumOptions): void;
  /** The same figure published twice: `a = b`. */
  equal(a: Term | undefined, b: Term | undefined, msg?: Localized): void;
  /** The same figure built two ways: `Σ left = Σ right`. */
  same(left: (Term | undefined)[], right: (Term | undefined)[], msg?: Localized): void;
  /** A completeness / code condition; `ok` false → one finding. */
  condition(ok: boolean, finding: ConditionFinding): void;
}

/** Per-table column labels for messages: 01/06 lines are named by their row, not their column. */
const SIDE_BY_SIDE = new Set<TableId>(HUNAN_23.filter((t) => t.layout === 'sideBySide').map((t) => t.id));

function rowOf(t: Term): string {
  return t.rowLabel;
}

/** 01/06 labels are published spaced out ("本　年　支　出　合　计"): messages use them compacted. */
function lineLabel(t: Term): string {
  return t.rowLabel.replace(/[\s\u3000]+/g, '');
}

/** "表03 合计 › 基本支出": the table's own words for one figure. */
export function describe(t: Term, rel?: Term): string {
  const line = SIDE_BY_SIDE.has(t.table);
  if (rel && rel.table === t.table) {
    if (line) return lineLabel(t);
    if (rowOf(rel) === rowOf(t)) return t.column;
    if (rel.column === t.column) return `${t.rowLabel}行`;
    return `${t.rowLabel}行 ${t.column}`;
  }
  return line ? `表${t.table} ${lineLabel(t)}` : `表${t.table} ${t.rowLabel}行 ${t.column}`;
}

function describeEn(t: Term, rel?: Term): string {
  const line = SIDE_BY_SIDE.has(t.table);
  if (rel && rel.table === t.table) {
    if (line) return lineLabel(t);
    if (rowOf(rel) === rowOf(t)) return t.column;
    if (rel.column === t.column) return `row ${t.rowLabel}`;
    return `row ${t.rowLabel}, ${t.column}`;
  }
  return line ? `table ${t.table} ${lineLabel(t)}` : `table ${t.table} row ${t.rowLabel}, ${t.column}`;
}

const MAX_LISTED = 6;

/** All terms on one row of another table: name the row once ("表14 2080101 行政运行行 办公费 + 印刷费"). */
function sharedRow(terms: Term[], rel: Term | undefined): Term | undefined {
  const first = terms[0];
  if (!first || terms.length < 2 || SIDE_BY_SIDE.has(first.table) || (rel && rel.table === first.table)) return undefined;
  return terms.every((t) => t.table === first.table && t.rowLabel === first.rowLabel) ? first : undefined;
}

function listZh(terms: Term[], rel: Term | undefined): string {
  if (terms.length === 0) return '0（无明细行）';
  const shared = sharedRow(terms, rel);
  if (shared) return `表${shared.table} ${shared.rowLabel}行 ${listZh(terms, shared)}`;
  const shown = terms.length > MAX_LISTED ? terms.slice(0, 3) : terms;
  const s = shown.map((t) => describe(t, rel)).join(' + ');
  return terms.length > MAX_LISTED ? `${s} + …（共 ${terms.length} 项）` : s;
}

function listEn(terms: Term[], rel: Term | undefined): string {
  if (terms.length === 0) return '0 (no detail rows)';
  const shared = sharedRow(terms, rel);
  if (shared) return `table ${shared.table} row ${shared.rowLabel}: ${listEn(terms, shared)}`;
  const shown = terms.length > MAX_LISTED ? terms.slice(0, 3) : terms;
  const s = shown.map((t) => describeEn(t, rel)).join(' + ');
  return terms.length > MAX_LISTED ? `${s} + … (${terms.length} terms)` : s;
}

/** The default message of `total = Σ parts`. */
export function sumMessage(total: Term, parts: Term[]): Localized {
  return {
    zh: `${describe(total)} 应等于 ${listZh(parts, total)}`,
    en: `${describeEn(total)} should equal ${listEn(parts, total)}`,
  };
}

export function sameMessage(left: Term[], right: Term[]): Localized {
  const rel = left[0];
  return {
    zh: `${left.length === 1 ? describe(left[0]) : listZh(left, undefined)} 应等于 ${listZh(right, rel && left.length === 1 ? rel : undefined)}`,
    en: `${left.length === 1 ? describeEn(left[0]) : listEn(left, undefined)} should equal ${listEn(right, rel && left.length === 1 ? rel : undefined)}`,
  };
}

/** Decimal places a value was published with. */
function places(d: Decimal): number {
  return d.decimalPlaces();
}

export interface EngineResult {
  findings: Finding[];
  notRun: NotRun[];
  checks: number;
  passed: number;
}

/**
 * One engine per audit. `run(meta, fn)` evaluates one rule with its effective
 * severity; results accumulate.
 */
export class Engine implements RuleContext {
  readonly findings: Finding[] = [];
  readonly notRuns: NotRun[] = [];
  checks = 0;
  passed = 0;

  private meta!: RuleMeta;
  private severity: Severity = 'error';
  private readonly half: Decimal;
  private readonly precision: number;
  private readonly tolerance?: Decimal;
  private readonly seenNotRun = new Set<string>();
  private readonly seenInfo = new Set<string>();

  constructor(
    readonly budget: Budget,
    readonly index: BudgetIndex,
    private readonly options: AuditOptions = {},
  ) {
    this.precision = Number.isInteger(budget.precision) && budget.precision >= 0 ? budget.precision : 2;
    // Half a unit of the last published decimal: 0.005 at two decimals.
    this.half = new Decimal(5).times(new Decimal(10).pow(-(this.precision + 1)));
    if (options.tolerance !== undefined) this.tolerance = new Decimal(options.tolerance).abs();
  }

  /** Runs one rule; its failures take `severity` (the rule's own, or the user's override). */
  run(meta: RuleMeta, severity: Severity, fn: (ctx: RuleContext) => void): void {
    this.meta = meta;
    this.severity = severity;
    fn(this);
  }

  need(...tables: TableId[]): boolean {
    let ok = true;
    for (const id of tables) {
      const t = this.budget.tables[id];
      if (!t || !t.found) {
        ok = false;
        this.notRun(`表${id} 未找到 / table ${id} not found`);
      }
    }
    return ok;
  }

  notRun(reason: string): void {
    const key = `${this.meta.id}\u0000${reason}`;
    if (this.seenNotRun.has(key)) return;
    this.seenNotRun.add(key);
    this.notRuns.push({ ruleId: this.meta.id, reason });
  }

  /** True (and the identity is not run) when a term is a column that wasn't read or a cell that isn't a number. */
  private unread(terms: (Term | undefined)[]): boolean {
    for (const t of terms) if (this.unread1(t)) return true;
    return false;
  }

  private unread1(t: Term | undefined): boolean {
    if (t === undefined) {
      this.notRun('所需的列未读到 / a column it needs was not read');
      return true;
    }
    // The unreadable cell is already a read-bad-amount finding; a sum over it would only echo it.
    if (!isMissing(t) && t.invalid) {
      this.notRun('含无法读取的金额单元格 / involves a cell that is not an amount');
      return true;
    }
    return false;
  }

  sum(totalIn: Term | undefined, parts: (Term | undefined)[], msg?: Localized, opts: SumOptions = {}): void {
    if (this.unread1(totalIn) || this.unread(parts)) return;
    const total = totalIn as Term;
    const ps = parts as Term[];
    this.checks++;
    // One pass; blank parts are exact zeros and cost no Decimal arithmetic
    // (most cells of a wide table are blank).
    let expected = ZERO;
    let allBlank = true;
    for (const p of ps) {
      if (isBlank(p)) continue;
      allBlank = false;
      expected = expected.plus((p as Amount).value);
    }
    if (allBlank && isBlank(total)) {
      this.passed++;
      return;
    }
    const actual = valueOf(total);
    if (allBlank && !actual.isZero()) {
      // 未分项: a figure published without its breakdown is not an arithmetic error.
      if (opts.infoOnce !== undefined) {
        const key = `${this.meta.id}\u0000${opts.infoOnce}`;
        if (this.seenInfo.has(key)) {
          this.passed++;
          return;
        }
        this.seenInfo.add(key);
      }
      const base = msg ?? sumMessage(total, ps);
      this.push('info', {
        zh: `未分项：${describe(total)} 为 ${this.fmt(actual)}，其明细（${listZh(ps, total)}）均为空。${base.zh}`,
        en: `Breakdown not given: ${describeEn(total)} is ${this.fmt(actual)} while its parts (${listEn(ps, total)}) are all blank. ${base.en}`,
      }, [total, ...ps], ZERO, actual);
      return;
    }
    this.judge([total, ...ps], expected, actual, () => msg ?? sumMessage(total, ps));
  }

  equal(a: Term | undefined, b: Term | undefined, msg?: Localized): void {
    this.same([a], [b], msg);
  }

  same(left: (Term | undefined)[], right: (Term | undefined)[], msg?: Localized): void {
    if (this.unread(left) || this.unread(right)) return;
    const l = left as Term[];
    const r = right as Term[];
    this.checks++;
    const actual = total(l);
    const expected = total(r);
    this.judge([...l, ...r], expected, actual, () => msg ?? sameMessage(l, r));
  }

  condition(ok: boolean, f: ConditionFinding): void {
    this.checks++;
    if (ok) {
      this.passed++;
      return;
    }
    const locations = [...(f.terms ?? []).map((t) => this.locate(t)), ...(f.locations ?? [])];
    this.findings.push({
      ruleId: this.meta.id,
      severity: f.severity ?? this.severity,
      message: f.message,
      ...(f.expected !== undefined ? { expected: f.expected } : {}),
      ...(f.actual !== undefined ? { actual: f.actual } : {}),
      locations,
    });
  }

  /** Rounding bound: one half-unit per published (non-blank) figure, or the fixed tolerance. */
  bound(terms: Term[]): Decimal {
    if (this.tolerance) return this.tolerance;
    let n = 0;
    for (const t of terms) if (!isBlank(t)) n++;
    return this.half.times(n);
  }

  private judge(terms: Term[], expected: Decimal, actual: Decimal, msg: () => Localized): void {
    if (actual.eq(expected)) {
      this.passed++;
      return;
    }
    const diff = actual.minus(expected);
    const m = msg();
    if (diff.abs().lte(this.bound(terms))) {
      this.push('rounding', {
        zh: `${m.zh}（差额 ${this.fmt(diff)} 在舍入误差范围内）`,
        en: `${m.en} (difference ${this.fmt(diff)} is within rounding)`,
      }, terms, expected, actual);
    } else {
      this.push(this.severity, m, terms, expected, actual);
    }
  }

  // Decimal#toFixed is exact decimal formatting (no binary float involved).
  private push(severity: Severity, message: Localized, terms: Term[], expected: Decimal, actual: Decimal): void {
    let dp = this.precision;
    for (const t of terms) if (!isMissing(t)) dp = Math.max(dp, places(t.value));
    this.findings.push({
      ruleId: this.meta.id,
      severity,
      message,
      expected: expected.toFixed(dp),
      actual: actual.toFixed(dp),
      difference: actual.minus(expected).toFixed(dp),
      locations: terms.map((t) => this.locate(t)),
    });
  }

  fmt(d: Decimal): string {
    return d.toFixed(Math.max(this.precision, places(d)));
  }

  locate(t: Term): FindingLocation {
    if (isMissing(t)) {
      const sheet = this.budget.tables[t.table]?.sheet;
      return { table: t.table, ...(sheet ? { sheet } : {}), row: t.rowLabel, column: t.column, value: '' };
    }
    return {
      table: t.table,
      sheet: t.ref.sheet,
      cell: t.ref.cell,
      row: t.rowLabel,
      column: t.column,
      value: t.blank ? '' : this.fmt(t.value),
    };
  }

  result(): EngineResult {
    return { findings: this.findings, notRun: this.notRuns, checks: this.checks, passed: this.passed };
  }
}
