/**
 * Every arithmetic identity the rules checked, as a linear equation over the
 * published amounts: Σ coef·x = 0 within a bound. Variables are cells (a blank
 * cell is a variable at 0 the solver may fill); an absent row (Missing) is a
 * constant 0 — a row can't be suggested into existence and checked again.
 *
 * Amounts go to the solver as whole numbers of the smallest published unit
 * (10^-scale, fen at two decimals): exact integers, well inside 2^53. Nothing
 * returns from the solver as money without being rebuilt as a Decimal from an
 * integer and checked again by the engine (verify.ts).
 */
import { Decimal } from 'decimal.js';
import type { Amount } from '../model/amount.js';
import type { Budget } from '../model/budget.js';
import type { Finding } from '../model/finding.js';
import type { FileReport } from '../model/report.js';
import { audit } from '../rules/index.js';
import type { RecordedIdentity, Term } from '../rules/engine.js';
import type { AuditOptions } from '../rules/types.js';
import { findingIds } from './ids.js';

export interface Variable {
  amount: Amount;
  /** Published value in units of 10^-scale. */
  units: number;
}

export interface Constraint {
  ruleId: string;
  /** Variable index → coefficient (±1, or ±2 when a cell is named twice); built from `at` / `by` on first use. */
  readonly coefs: Map<number, number>;
  /** The variables and their coefficients, as parallel arrays (what a large system is stored as). */
  at: number[];
  by: number[];
  /** Σ coef × published units. */
  residual: number;
  /** Rounding bound in units: |Σ coef·x| ≤ bound keeps the identity within rounding. */
  bound: number;
  /** Published (non-blank) terms: what the engine's bound counts. */
  published: number;
  /** 'sum' identities: the total's variable and the parts' (absent rows left out). */
  total?: number;
  parts?: number[];
  /**
   * 未分项: a 'sum' whose parts are all blank while the total has a value — the
   * breakdown isn't given, so it holds whatever the total (info, not an equation).
   */
  notGiven?: boolean;
  /** The finding it produced (error / warning / rounding; never info), and its id in the report. */
  finding?: Finding;
  findingId?: string;
}

export interface LinearSystem {
  budget: Budget;
  /** Decimal places of a unit: amounts are integers of 10^-scale. */
  scale: number;
  /** The budget's published precision (half a unit of it is the rounding of one figure). */
  precision: number;
  vars: Variable[];
  constraints: Constraint[];
  /** The constraints variable v appears in. */
  constraintsOf(v: number): Int32Array;
  /** The recording run's report (same findings as a plain audit with these options). */
  report: FileReport;
  /** Ids of the recording run's findings, by finding object. */
  ids: Map<Finding, string>;
}

function isMissing(t: Term): boolean {
  return (t as { missing?: boolean }).missing === true;
}

export function cellKey(a: Amount): string {
  return `${a.ref.sheet}!${a.ref.cell}`;
}

/**
 * A 'sum' whose parts are all blank while its total has a value is a breakdown
 * not given (未分项, info), not an equation the figures must satisfy.
 */
function breakdownNotGiven(r: RecordedIdentity): boolean {
  if (r.form !== 'sum') return false;
  const total = r.terms[0]!;
  if (isMissing(total) || (total as Amount).blank || (total as Amount).value.isZero()) return false;
  for (let i = 1; i < r.terms.length; i++) {
    const t = r.terms[i]!;
    if (!isMissing(t) && !(t as Amount).blank) return false;
  }
  return true;
}

/** Runs every rule once more with the recorder on, and builds the linear system of what it saw. */
export function buildSystem(budget: Budget, options: AuditOptions = {}): LinearSystem {
  const precision = Number.isInteger(budget.precision) && budget.precision >= 0 ? budget.precision : 2;
  // The unit: the most decimals any amount of the budget has (at least the published precision).
  let scale = precision;
  for (const table of Object.values(budget.tables)) {
    for (const row of table.rows) {
      for (const a of row.cells) if (a && !a.blank && !a.invalid && a.value.isFinite()) scale = Math.max(scale, a.value.decimalPlaces());
    }
  }
  const unit = new Decimal(10).pow(scale);
  // Half a published unit, in units: 5 × 10^(scale − precision − 1), as a fraction when scale = precision.
  const half = new Decimal(5).times(new Decimal(10).pow(scale - precision - 1));
  const tolerance = options.tolerance !== undefined ? new Decimal(options.tolerance).abs().times(unit).floor() : undefined;

  const vars: Variable[] = [];
  // By sheet, then row × 16384 + column (Excel's column limit): numbers, no strings per lookup —
  // and no Map keyed by the Amount objects themselves (that would add a hash to 10⁵ objects).
  const bySheet = new Map<string, Map<number, number>>();
  const varOf = (a: Amount): number => {
    let cells = bySheet.get(a.ref.sheet);
    if (!cells) bySheet.set(a.ref.sheet, (cells = new Map()));
    const pos = a.ref.row * 16384 + a.ref.col;
    let v = cells.get(pos);
    if (v === undefined) {
      const key = cellKey(a);
      // toFixed(scale) is exact (scale ≥ the value's decimals): its digits are the integer of units.
      const units = a.blank ? 0 : Number(a.value.toFixed(scale).replace('.', ''));
      if (!Number.isSafeInteger(units)) throw new RangeError(`${key}: ${a.value.toString()} is too large for the solver`);
      v = vars.length;
      vars.push({ amount: a, units });
      cells.set(pos, v);
    }
    return v;
  };
  const bounds: number[] = [];
  // Bounds are whole numbers of units (fen at 0.01) for the MIP; a bound past 2^53 units could not be
  // represented exactly, so it is refused like an amount that large.
  const toUnits = (d: Decimal): number => {
    const n = d.toNumber();
    if (!Number.isSafeInteger(n)) throw new RangeError(`a rounding bound of ${d.toString()} units is too large for the solver`);
    return n;
  };
  const toleranceUnits = tolerance ? toUnits(tolerance) : undefined;
  const boundOf = (published: number): number => toleranceUnits ?? (bounds[published] ??= toUnits(half.times(published).floor()));
  // Where a variable sits in the constraint being built (stamped per constraint): merges a cell named twice.
  let slot = new Int32Array(1024);
  let stamp = new Int32Array(1024);
  let current = 0;

  const constraints: Constraint[] = [];
  // Each identity becomes a constraint as the engine checks it: the recorded terms are not kept.
  const record = (r: RecordedIdentity): void => {
    current++;
    const at: number[] = [];
    const by: number[] = [];
    let residual = 0;
    let published = 0;
    const terms = r.terms;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      if (isMissing(t)) continue;
      const a = t as Amount;
      const v = varOf(a);
      if (v >= slot.length) {
        const grow = (x: Int32Array) => { const y = new Int32Array(Math.max(v + 1, x.length * 2)); y.set(x); return y; };
        slot = grow(slot);
        stamp = grow(stamp);
      }
      const sign = i < r.left ? 1 : -1;
      if (stamp[v] === current) by[slot[v]!]! += sign;
      else {
        stamp[v] = current;
        slot[v] = at.length;
        at.push(v);
        by.push(sign);
      }
      residual += sign * vars[v]!.units;
      if (!a.blank) published++;
    }
    let n = 0;
    for (let k = 0; k < at.length; k++) {
      if (by[k] === 0) continue;
      at[n] = at[k]!;
      by[n++] = by[k]!;
    }
    at.length = by.length = n;
    if (n === 0) return;
    const c = new SystemConstraint(r.ruleId, at, by, residual, boundOf(published), published);
    if (r.form === 'sum') {
      const total = terms[0]!;
      if (!isMissing(total)) c.total = varOf(total as Amount);
      const parts: number[] = [];
      for (let i = 1; i < terms.length; i++) if (!isMissing(terms[i]!)) parts.push(varOf(terms[i] as Amount));
      c.parts = parts;
      if (r.finding?.severity === 'info' || breakdownNotGiven(r)) c.notGiven = true;
    }
    if (r.finding && r.finding.severity !== 'info') c.finding = r.finding;
    constraints.push(c);
  };
  const report = audit(budget, options, record);
  const idList = findingIds(report.findings);
  const ids = new Map<Finding, string>(report.findings.map((f, i) => [f, idList[i]!]));
  for (const c of constraints) if (c.finding) c.findingId = ids.get(c.finding);
  // Variable → constraints as one compressed list (offsets + entries): few objects for a large budget.
  const start = new Int32Array(vars.length + 1);
  for (const c of constraints) for (const v of c.at) start[v + 1]!++;
  for (let v = 0; v < vars.length; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, vars.length);
  const list = new Int32Array(start[vars.length]!);
  constraints.forEach((c, j) => {
    for (const v of c.at) list[fill[v]!++] = j;
  });
  const constraintsOf = (v: number): Int32Array => list.subarray(start[v]!, start[v + 1]!);
  return { budget, scale, precision, vars, constraints, constraintsOf, report, ids };
}

class SystemConstraint implements Constraint {
  total?: number;
  parts?: number[];
  notGiven?: boolean;
  finding?: Finding;
  findingId?: string;
  #coefs?: Map<number, number>;

  constructor(
    readonly ruleId: string,
    public at: number[],
    public by: number[],
    public residual: number,
    public bound: number,
    public published: number,
  ) {}

  get coefs(): Map<number, number> {
    if (!this.#coefs) {
      this.#coefs = new Map();
      for (let k = 0; k < this.at.length; k++) this.#coefs.set(this.at[k]!, this.by[k]!);
    }
    return this.#coefs;
  }
}

/** units × 10^-scale as a Decimal, exactly (the integer is exact in a double below 2^53). */
export function fromUnits(sys: LinearSystem, units: number): Decimal {
  return new Decimal(units).div(new Decimal(10).pow(sys.scale));
}
