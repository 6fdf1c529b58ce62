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
 *
 * Terms are in ./term.ts, their wording in ./wording.ts, the lazy finding of a
 * failed identity in ./identity-finding.ts.
 */
import { Decimal } from 'decimal.js';
import type { Amount, TableId } from '../model/amount.js';
import type { Budget } from '../model/budget.js';
import type { Row } from '../model/table.js';
import type { Finding, FindingLocation, Localized, Severity } from '../model/finding.js';
import type { NotRun } from '../model/report.js';
import type { AuditOptions, RuleMeta } from './types.js';
import type { BudgetIndex } from '../model/lookup/budget-index.js';
import type { RowIdentity } from './columns.js';
import { ExactZero } from './exact-zero.js';
import { acrossTerms, downTerms, recordIdentity, type IdentityRecorder } from './identity-recorder.js';
import { difference, fmtAt, IdentityFinding, locateIn, type Pending, type Shown, type Wording } from './identity-finding.js';
import { isBlank, valueOf, ZERO, type Missing, type Term } from './term.js';

// Terms and their wording live in ./term.ts and ./wording.ts; rules import them from here.
export { isMissing, missing, type Missing, type Term } from './term.js';
export { describe, sameMessage, sumMessage } from './wording.js';

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


export type { RecordedIdentity, IdentityRecorder } from './identity-recorder.js';

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
    if (this.recorder && !this.recording) return this.record('sum', 1, acrossTerms(row, identity), () => this.sumAcross(row, identity, opts));
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
    if (this.recorder && !this.recording) return this.record('sum', 1, downTerms(totalRow, rows, column), () => this.sumDown(totalRow, rows, column));
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

  /** Runs one identity with recording paused; the recorder gets it if it ran (./identity-recorder.ts). */
  private record(form: 'sum' | 'same', left: number, terms: (Term | undefined)[], run: () => void): void {
    this.recording = true;
    try {
      recordIdentity(this, this.meta.id, form, left, terms, run, this.recorder!);
    } finally {
      this.recording = false;
    }
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
