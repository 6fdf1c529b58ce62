/**
 * The arithmetic behind every rule: exact Decimal sums, the rounding bound and
 * the findings. Rules declare identities over located amounts (`sum`,
 * `sumAcross`, `sumDown`, `equal`, `same`, `condition`); this module decides
 * pass / rounding / info / failure and writes the finding with every cell
 * involved.
 *
 * Most identities hold, so a passing check allocates nothing: the exact-zero
 * test (exact-zero.ts) decides it on decimal.js's own digit words. A failed
 * one is judged rounding or not the same way, and adds up its sides, formats
 * its message and locates its cells only when they are read (IdentityFinding).
 *
 * Rounding bound (XBRL Calculations 1.1, round-to-nearest): each published figure
 * may be off by half a unit of its last decimal, so `total = a₁ + … + aₙ` holds
 * within (n + 1) × 0.005 at two decimals. Blank cells are exact zeros (the
 * published note "单元格空白表示数据为零") and add nothing to the bound.
 */
import { Decimal } from 'decimal.js';
import type { Amount, TableId } from '../model/amount.js';
import type { Budget } from '../model/budget.js';
import type { Row } from '../model/table.js';
import type { Finding, FindingLocation, Localized, Severity } from '../model/finding.js';
import type { NotRun } from '../model/report.js';
import { HUNAN_23 } from '../templates/hunan-23.js';
import type { AuditOptions, RuleMeta } from './types.js';
import type { BudgetIndex } from './budget-index.js';
import type { RowIdentity } from './columns.js';
import { ExactZero } from './exact-zero.js';

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

/**
 * 0 + v without the copy, for the Decimal fallback of a sum the exact test
 * can't take: v itself when Decimal's default 20 significant digits hold it
 * (two base-1e7 words ≤ 14 digits), else `ZERO.plus(v)`.
 */
function start(v: Decimal): Decimal {
  const d = v.d;
  return d !== null && d.length <= 2 && d[0] !== 0 ? v : ZERO.plus(v);
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
  /** A row identity across columns: `row[total] = Σ row[parts]` (as `sum`, without building the list). */
  sumAcross(row: Row, identity: RowIdentity, opts?: SumOptions): void;
  /**
   * A column identity down rows: `totalRow[column] = Σ rows[column]` (as `sum`,
   * without building the list); `column` is the position in `Row.cells`
   * (the i-th of the table's `amountKeys`).
   */
  sumDown(totalRow: Row, rows: readonly Row[], column: number): void;
  /** The same figure published twice: `a = b`. */
  equal(a: Term | undefined, b: Term | undefined, msg?: Localized): void;
  /** The same figure built two ways: `Σ left = Σ right`. */
  same(left: (Term | undefined)[], right: (Term | undefined)[], msg?: Localized): void;
  /**
   * A completeness / code condition; `ok` false → one finding. Pass a function
   * to build the finding (message, cell locations) only when it fails.
   */
  condition(ok: boolean, finding: ConditionFinding | (() => ConditionFinding)): void;
  /** A condition that holds: one passed check (`condition(true, …)` for loops over many rows). */
  pass(): void;
  /** A condition that fails: one check and its finding (`condition(false, …)`). */
  fail(finding: ConditionFinding): void;
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

/** How figures are shown and absent rows located: the budget's precision and its tables. */
interface Shown {
  budget: Budget;
  precision: number;
}

// Decimal#toFixed is exact decimal formatting (no binary float involved).
function fmtAt(precision: number, d: Decimal): string {
  return d.toFixed(Math.max(precision, places(d)));
}

function locateIn(shown: Shown, t: Term): FindingLocation {
  if (isMissing(t)) {
    const sheet = shown.budget.tables[t.table]?.sheet;
    return { table: t.table, ...(sheet ? { sheet } : {}), row: t.rowLabel, column: t.column, value: '' };
  }
  return {
    table: t.table,
    sheet: t.ref.sheet,
    cell: t.ref.cell,
    row: t.rowLabel,
    column: t.column,
    value: t.blank ? '' : fmtAt(shown.precision, t.value),
  };
}

/** How a failed identity is worded. */
interface Wording {
  /** 'sum': terms[0] = Σ the rest; 'same': Σ terms[0, left) = Σ terms[left, …). */
  form: 'sum' | 'same';
  left: number;
  /** The rule's own message, else the form's default. */
  msg?: Localized;
  /** 未分项 (info): the total is published, its parts are all blank. */
  info?: boolean;
  /** The difference is within rounding. */
  rounding?: boolean;
}

/**
 * What a failed identity's finding is built from when it is read: its terms
 * and the exact difference. The two sides are added up in Decimal only then.
 */
interface Pending {
  shown: Shown;
  terms: Term[];
  wording: Wording;
  /** Σ of the right side ('sum': the parts; 'same': terms[left, …)), on first use. */
  expected?: Decimal;
  /** The left side ('sum': the total; 'same': Σ terms[0, left)), on first use. */
  actual?: Decimal;
  /** actual − expected. */
  diff?: Decimal;
  /** Decimal places the figures are shown with (computed on first use). */
  dp?: number;
}

const SIDE = new ExactZero();

/**
 * Σ of the published terms in [from, to), exactly: blank and absent terms are
 * exact zeros. (Decimal#plus would round a sum beyond 20 significant digits.)
 */
function sumOf(terms: Term[], from: number, to: number): Decimal {
  let some = false;
  for (let i = from; i < to; i++) {
    const t = terms[i]!;
    if (isBlank(t)) continue;
    SIDE.add((t as Amount).value, 1);
    some = true;
  }
  if (!some) return ZERO;
  const exact = SIDE.take();
  if (exact !== undefined) return exact;
  // A term beyond the exact test (NaN, an extreme exponent): decimal.js adds up.
  let s: Decimal | undefined;
  for (let i = from; i < to; i++) {
    const t = terms[i]!;
    if (!isBlank(t)) s = s === undefined ? start((t as Amount).value) : s.plus((t as Amount).value);
  }
  return s ?? ZERO;
}

function expectedOf(p: Pending): Decimal {
  return (p.expected ??= sumOf(p.terms, p.wording.left, p.terms.length));
}

function actualOf(p: Pending): Decimal {
  const w = p.wording;
  return (p.actual ??= w.form === 'sum' ? valueOf(p.terms[0]!) : sumOf(p.terms, 0, w.left));
}

function messageOf(p: Pending): Localized {
  const { terms, wording: w } = p;
  const total = terms[0]!;
  const base =
    w.msg ?? (w.form === 'sum' ? sumMessage(total, terms.slice(1)) : sameMessage(terms.slice(0, w.left), terms.slice(w.left)));
  if (w.info) {
    const parts = terms.slice(1);
    const shown = fmtAt(p.shown.precision, actualOf(p));
    return {
      zh: `未分项：${describe(total)} 为 ${shown}，其明细（${listZh(parts, total)}）均为空。${base.zh}`,
      en: `Breakdown not given: ${describeEn(total)} is ${shown} while its parts (${listEn(parts, total)}) are all blank. ${base.en}`,
    };
  }
  if (w.rounding) {
    const shown = fmtAt(p.shown.precision, difference(p));
    return {
      zh: `${base.zh}（差额 ${shown} 在舍入误差范围内）`,
      en: `${base.en} (difference ${shown} is within rounding)`,
    };
  }
  return base;
}

/** actual − expected, exactly (from the terms, on first use). */
function difference(p: Pending): Decimal {
  if (p.diff === undefined) {
    const { terms, wording: w } = p;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      if (!isBlank(t)) SIDE.add((t as Amount).value, i < w.left ? 1 : -1);
    }
    p.diff = SIDE.isZero() ? ZERO : (SIDE.take() ?? actualOf(p).minus(expectedOf(p)));
  }
  return p.diff;
}

/** The figures are shown to the published precision, or to the most decimals any term has. */
function figure(p: Pending, d: Decimal): string {
  if (p.dp === undefined) {
    let dp = p.shown.precision;
    for (const t of p.terms) if (!isMissing(t)) dp = Math.max(dp, places(t.value));
    p.dp = dp;
  }
  return d.toFixed(p.dp);
}

/** Turns a lazy property into a plain data property holding `value`. */
function settle(obj: object, key: string, value: unknown): void {
  // Reflect: a frozen finding keeps its accessor (and computes again) rather than throwing.
  Reflect.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * The finding of a failed identity. Its severity is decided at once; its
 * message, figures and locations (strings per term) are own enumerable
 * properties built on first read, then kept as plain data properties: JSON,
 * spread and structured clone (worker threads) see ordinary values, while
 * findings nobody reads cost no formatting. What they are built from sits in
 * a private field, which none of those copy.
 */
class IdentityFinding implements Finding {
  declare ruleId: string;
  declare severity: Severity;
  declare message: Localized;
  declare expected: string;
  declare actual: string;
  declare difference: string;
  declare locations: FindingLocation[];
  readonly #pending: Pending;

  static #lazy(key: keyof Finding, make: (p: Pending) => unknown): PropertyDescriptor {
    return {
      enumerable: true,
      configurable: true,
      get(this: IdentityFinding): unknown {
        const value = make(this.#pending);
        settle(this, key, value);
        return value;
      },
      set(this: IdentityFinding, value: unknown): void {
        settle(this, key, value);
      },
    };
  }

  static readonly #message = IdentityFinding.#lazy('message', messageOf);
  static readonly #expected = IdentityFinding.#lazy('expected', (p) => figure(p, expectedOf(p)));
  static readonly #actual = IdentityFinding.#lazy('actual', (p) => figure(p, actualOf(p)));
  static readonly #difference = IdentityFinding.#lazy('difference', (p) => figure(p, difference(p)));
  static readonly #locations = IdentityFinding.#lazy('locations', (p) => p.terms.map((t) => locateIn(p.shown, t)));

  constructor(ruleId: string, severity: Severity, pending: Pending) {
    // Own properties in the order of every finding.
    this.ruleId = ruleId;
    this.severity = severity;
    Object.defineProperty(this, 'message', IdentityFinding.#message);
    Object.defineProperty(this, 'expected', IdentityFinding.#expected);
    Object.defineProperty(this, 'actual', IdentityFinding.#actual);
    Object.defineProperty(this, 'difference', IdentityFinding.#difference);
    Object.defineProperty(this, 'locations', IdentityFinding.#locations);
    this.#pending = pending;
  }
}

/**
 * One arithmetic identity as the engine checked it (for src/corrections):
 * 'sum' is terms[0] = Σ terms[1…]; 'same' is Σ terms[0, left) = Σ terms[left, …).
 * `finding` is what it produced (error / rounding / info), absent when it held.
 */
export interface RecordedIdentity {
  ruleId: string;
  form: 'sum' | 'same';
  left: number;
  terms: Term[];
  finding?: Finding;
}

/** Receives every identity that ran; set `Engine.recorder` to turn recording on (off: one test per identity). */
export type IdentityRecorder = (identity: RecordedIdentity) => void;

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
  /** Optional identity recorder (suggested corrections); undefined in a plain check. */
  recorder?: IdentityRecorder;
  private recording = false;

  private meta!: RuleMeta;
  private severity: Severity = 'error';
  private readonly half: Decimal;
  private readonly precision: number;
  private readonly shown: Shown;
  private readonly tolerance?: Decimal;
  private readonly seenNotRun = new Set<string>();
  private readonly seenInfo = new Set<string>();
  /** n × half, by n. */
  private readonly bounds: Decimal[] = [];
  /** Decides that a passing identity passes without Decimal arithmetic. */
  private readonly exact = new ExactZero();

  constructor(
    readonly budget: Budget,
    readonly index: BudgetIndex,
    private readonly options: AuditOptions = {},
  ) {
    this.precision = Number.isInteger(budget.precision) && budget.precision >= 0 ? budget.precision : 2;
    // Half a unit of the last published decimal: 0.005 at two decimals.
    this.half = new Decimal(5).times(new Decimal(10).pow(-(this.precision + 1)));
    this.shown = { budget, precision: this.precision };
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

  /** Records why an identity is not run: a term is a column that wasn't read, or a cell that isn't a number. */
  private unread(t: Term | undefined): void {
    if (t === undefined) this.notRun('所需的列未读到 / a column it needs was not read');
    // The unreadable cell is already a read-bad-amount finding; a sum over it would only echo it.
    else this.notRun('含无法读取的金额单元格 / involves a cell that is not an amount');
  }

  /**
   * Adds each published term to the exact-zero test with `sign`, in one pass
   * that also checks each term can be used: null when one can't (recorded as
   * not run; the test starts over), else whether any term is published. Blank
   * terms are exact zeros and cost nothing (most cells of a wide table are blank).
   */
  private tally(terms: (Term | undefined)[], sign: number): boolean | null {
    let some = false;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i] as Amount | undefined;
      if (t === undefined || t.invalid) {
        this.exact.reset();
        this.unread(t);
        return null;
      }
      if (t.blank || (t as unknown as Missing).missing === true) continue;
      some = true;
      this.exact.add(t.value, sign);
    }
    return some;
  }

  sum(total: Term | undefined, parts: (Term | undefined)[], msg?: Localized, opts?: SumOptions): void {
    if (this.recorder && !this.recording) return this.record('sum', 1, [total, ...parts], () => this.sum(total, parts, msg, opts));
    if (total === undefined || (total as Amount).invalid) return this.unread(total);
    const some = this.tally(parts, -1);
    if (some === null) return;
    if (!some) {
      if (this.blankParts(total, opts)) this.info([total].concat(parts as Term[]), msg);
      return;
    }
    if (!isBlank(total)) this.exact.add(valueOf(total), 1);
    if (!this.verdict()) this.judge([total].concat(parts as Term[]), { form: 'sum', left: 1, msg });
  }

  // sumAcross / sumDown run for most checks of a large budget: they look each
  // cell up once, and while an identity holds they call nothing but the
  // exact-zero test (they also run before the JIT has optimized anything,
  // where every call counts). Only a failing identity builds its list of terms.

  sumAcross(row: Row, identity: RowIdentity, opts?: SumOptions): void {
    if (this.recorder && !this.recording) {
      const all = [row.cells[identity.totalAt], ...identity.partsAt.map((i) => row.cells[i])];
      return this.record('sum', 1, all, () => this.sumAcross(row, identity, opts));
    }
    const cells = row.cells;
    const total = cells[identity.totalAt];
    if (total === undefined || total.invalid) return this.unread(total);
    const at = identity.partsAt;
    const exact = this.exact;
    let some = false;
    for (let i = 0; i < at.length; i++) {
      const t = cells[at[i]!];
      if (t === undefined || t.invalid) {
        exact.reset();
        return this.unread(t);
      }
      if (t.blank) continue;
      some = true;
      exact.add(t.value, -1);
    }
    if (some && !total.blank) exact.add(total.value, 1);
    if (some ? this.verdict() : !this.blankParts(total, opts)) return;
    const terms = new Array<Term>(at.length + 1);
    terms[0] = total;
    for (let i = 0; i < at.length; i++) terms[i + 1] = cells[at[i]!]!;
    if (some) this.judge(terms, { form: 'sum', left: 1 });
    else this.info(terms);
  }

  sumDown(totalRow: Row, rows: readonly Row[], column: number): void {
    if (this.recorder && !this.recording) {
      const all = [totalRow.cells[column], ...rows.map((r) => r.cells[column])];
      return this.record('sum', 1, all, () => this.sumDown(totalRow, rows, column));
    }
    const total = totalRow.cells[column];
    if (total === undefined || total.invalid) return this.unread(total);
    const exact = this.exact;
    let some = false;
    for (let i = 0; i < rows.length; i++) {
      const t = rows[i]!.cells[column];
      if (t === undefined || t.invalid) {
        exact.reset();
        return this.unread(t);
      }
      if (t.blank) continue;
      some = true;
      exact.add(t.value, -1);
    }
    if (some && !total.blank) exact.add(total.value, 1);
    if (some ? this.verdict() : !this.blankParts(total)) return;
    const terms = new Array<Term>(rows.length + 1);
    terms[0] = total;
    for (let i = 0; i < rows.length; i++) terms[i + 1] = rows[i]!.cells[column]!;
    if (some) this.judge(terms, { form: 'sum', left: 1 });
    else this.info(terms);
  }

  /**
   * Counts one identity whose terms are in the exact-zero test (the actual
   * side added, the expected side subtracted): true when it holds; false
   * when it fails, the terms staying in the test for `judge`.
   */
  private verdict(): boolean {
    this.checks++;
    if (this.exact.isZero()) {
      this.passed++;
      return true;
    }
    return false;
  }

  /**
   * Counts `total = Σ parts` with every part blank: true when it needs the
   * 未分项 finding (the total has a value and, under `infoOnce`, none was
   * reported yet for that key).
   */
  private blankParts(total: Term, opts?: SumOptions): boolean {
    this.checks++;
    if (isBlank(total) || valueOf(total).isZero()) {
      this.passed++;
      return false;
    }
    if (opts?.infoOnce !== undefined) {
      const key = `${this.meta.id}\u0000${opts.infoOnce}`;
      if (this.seenInfo.has(key)) {
        this.passed++;
        return false;
      }
      this.seenInfo.add(key);
    }
    return true;
  }

  /** 未分项: a figure published without its breakdown is not an arithmetic error. */
  private info(terms: Term[], msg?: Localized): void {
    const pending: Pending = { shown: this.shown, terms, wording: { form: 'sum', left: 1, msg, info: true }, expected: ZERO };
    this.findings.push(new IdentityFinding(this.meta.id, 'info', pending));
  }

  equal(a: Term | undefined, b: Term | undefined, msg?: Localized): void {
    this.same([a], [b], msg);
  }

  same(left: (Term | undefined)[], right: (Term | undefined)[], msg?: Localized): void {
    if (this.recorder && !this.recording) return this.record('same', left.length, [...left, ...right], () => this.same(left, right, msg));
    if (this.tally(left, 1) === null || this.tally(right, -1) === null) return;
    if (!this.verdict()) this.judge((left as Term[]).concat(right as Term[]), { form: 'same', left: left.length, msg });
  }

  /**
   * Runs one identity with recording paused and hands it to the recorder when
   * it ran (every term read) — with the finding it produced, if any.
   */
  private record(form: 'sum' | 'same', left: number, terms: (Term | undefined)[], run: () => void): void {
    const checks = this.checks;
    const before = this.findings.length;
    this.recording = true;
    try {
      run();
    } finally {
      this.recording = false;
    }
    if (this.checks === checks || terms.some((t) => t === undefined || (t as Amount).invalid)) return;
    const finding = this.findings.length > before ? this.findings[this.findings.length - 1] : undefined;
    this.recorder!({ ruleId: this.meta.id, form, left, terms: terms as Term[], ...(finding ? { finding } : {}) });
  }

  condition(ok: boolean, finding: ConditionFinding | (() => ConditionFinding)): void {
    if (ok) this.pass();
    else this.fail(typeof finding === 'function' ? finding() : finding);
  }

  pass(): void {
    this.checks++;
    this.passed++;
  }

  fail(f: ConditionFinding): void {
    this.checks++;
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
    for (let i = 0; i < terms.length; i++) if (!isBlank(terms[i]!)) n++;
    return (this.bounds[n] ??= this.half.times(n));
  }

  /**
   * A failed identity, its terms still in the exact-zero test: rounding-sized
   * (decided there, exactly, while the bound is below 1), or the rule's
   * severity. A fixed --tolerance, or a term beyond the exact test, is
   * compared in Decimal instead.
   */
  private judge(terms: Term[], wording: Wording): void {
    const pending: Pending = { shown: this.shown, terms, wording };
    let rounding: boolean | undefined;
    if (!this.tolerance) {
      let n = 0;
      for (let i = 0; i < terms.length; i++) if (!isBlank(terms[i]!)) n++;
      rounding = this.exact.isWithin(5 * n, this.precision + 1);
    }
    if (rounding === undefined) {
      const diff = this.exact.take() ?? difference(pending);
      if (diff.isZero()) {
        this.passed++;
        return;
      }
      pending.diff = diff;
      rounding = diff.abs().lte(this.bound(terms));
    }
    if (rounding) {
      wording.rounding = true;
      this.findings.push(new IdentityFinding(this.meta.id, 'rounding', pending));
    } else {
      this.findings.push(new IdentityFinding(this.meta.id, this.severity, pending));
    }
  }

  fmt(d: Decimal): string {
    return fmtAt(this.precision, d);
  }

  locate(t: Term): FindingLocation {
    return locateIn(this.shown, t);
  }

  result(): EngineResult {
    return { findings: this.findings, notRun: this.notRuns, checks: this.checks, passed: this.passed };
  }
}
