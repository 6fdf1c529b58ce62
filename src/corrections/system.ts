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
  key: string;
  amount: Amount;
  /** Published value in units of 10^-scale. */
  units: number;
  /** Constraints it appears in. */
  in: number[];
}

export interface Constraint {
  ruleId: string;
  /** Variable index → coefficient (±1, or ±2 when a cell is named twice). */
  coefs: Map<number, number>;
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
  byKey: Map<string, number>;
  constraints: Constraint[];
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
  const recorded: RecordedIdentity[] = [];
  const report = audit(budget, options, (r) => recorded.push(r));
  const idList = findingIds(report.findings);
  const ids = new Map<Finding, string>(report.findings.map((f, i) => [f, idList[i]!]));

  const precision = Number.isInteger(budget.precision) && budget.precision >= 0 ? budget.precision : 2;
  let scale = precision;
  for (const r of recorded) {
    for (const t of r.terms) if (!isMissing(t)) scale = Math.max(scale, (t as Amount).value.decimalPlaces());
  }
  const unit = new Decimal(10).pow(scale);
  // Half a published unit, in units: 5 × 10^(scale − precision − 1), as a fraction when scale = precision.
  const half = new Decimal(5).times(new Decimal(10).pow(scale - precision - 1));
  const tolerance = options.tolerance !== undefined ? new Decimal(options.tolerance).abs().times(unit).floor() : undefined;

  const vars: Variable[] = [];
  const byKey = new Map<string, number>();
  const constraints: Constraint[] = [];
  for (const r of recorded) {
    const coefs = new Map<number, number>();
    let residual = 0;
    let published = 0;
    r.terms.forEach((t, i) => {
      if (isMissing(t)) return;
      const a = t as Amount;
      const key = cellKey(a);
      let v = byKey.get(key);
      if (v === undefined) {
        const units = a.blank ? 0 : Number(a.value.times(unit).toFixed(0));
        if (!Number.isSafeInteger(units)) throw new RangeError(`${key}: ${a.value.toString()} is too large for the solver`);
        v = vars.length;
        vars.push({ key, amount: a, units, in: [] });
        byKey.set(key, v);
      }
      const sign = i < r.left ? 1 : -1;
      coefs.set(v, (coefs.get(v) ?? 0) + sign);
      residual += sign * vars[v]!.units;
      if (!a.blank) published++;
    });
    for (const [v, c] of coefs) if (c === 0) coefs.delete(v);
    if (coefs.size === 0) continue;
    const bound = tolerance ? tolerance.toNumber() : half.times(published).floor().toNumber();
    const c: Constraint = { ruleId: r.ruleId, coefs, residual, bound, published };
    if (r.form === 'sum') {
      const total = r.terms[0]!;
      if (!isMissing(total)) c.total = byKey.get(cellKey(total as Amount));
      c.parts = r.terms.slice(1).flatMap((t) => (isMissing(t) ? [] : [byKey.get(cellKey(t as Amount))!]));
      if (r.finding?.severity === 'info' || breakdownNotGiven(r)) c.notGiven = true;
    }
    if (r.finding && r.finding.severity !== 'info') {
      c.finding = r.finding;
      c.findingId = ids.get(r.finding);
    }
    const at = constraints.length;
    constraints.push(c);
    for (const v of coefs.keys()) vars[v]!.in.push(at);
  }
  return { budget, scale, precision, vars, byKey, constraints, report, ids };
}

/** units × 10^-scale as a Decimal, exactly (the integer is exact in a double below 2^53). */
export function fromUnits(sys: LinearSystem, units: number): Decimal {
  return new Decimal(units).div(new Decimal(10).pow(sys.scale));
}
