/**
 * HiGHS (WebAssembly, `highs` on npm), loaded on first use only: a check with
 * nothing to explain never pays for it. Models go in as CPLEX LP text.
 */
import type { Highs } from 'highs';

let loading: Promise<Highs> | undefined;

export function loadHighs(): Promise<Highs> {
  loading ??= import('highs').then((m) => (m.default as unknown as () => Promise<Highs>)());
  return loading;
}

/** Whether the solver has been loaded in this process (the bench and tests check a clean check never does). */
export function highsLoaded(): boolean {
  return loading !== undefined;
}

export interface LpTerm {
  coef: number;
  name: string;
}

/** A tiny builder of LP-format models; names are generated (x0, z3 …), never workbook text. */
export class LpModel {
  private readonly objective: LpTerm[] = [];
  private readonly rows: string[] = [];
  private readonly bounds: string[] = [];
  private readonly binaries: string[] = [];
  private readonly integers: string[] = [];

  /** A copy to add rows to (the alternatives' cuts) without touching this one. */
  clone(): LpModel {
    const m = new LpModel();
    m.objective.push(...this.objective);
    m.rows.push(...this.rows);
    m.bounds.push(...this.bounds);
    m.binaries.push(...this.binaries);
    m.integers.push(...this.integers);
    return m;
  }

  minimize(coef: number, name: string): void {
    if (coef !== 0) this.objective.push({ coef, name });
  }

  /** Σ terms (op) rhs. */
  row(terms: LpTerm[], op: '<=' | '>=' | '=', rhs: number): void {
    const lhs = terms.filter((t) => t.coef !== 0).map((t) => `${t.coef < 0 ? '-' : '+'} ${num(Math.abs(t.coef))} ${t.name}`);
    if (lhs.length === 0) return;
    this.rows.push(` r${this.rows.length}: ${lhs.join(' ')} ${op} ${num(rhs)}`);
  }

  bound(name: string, lower: number | undefined, upper: number | undefined): void {
    const lo = lower === undefined ? '-inf' : num(lower);
    const hi = upper === undefined ? '+inf' : num(upper);
    this.bounds.push(` ${lo} <= ${name} <= ${hi}`);
  }

  binary(name: string): void {
    this.binaries.push(name);
  }

  integer(name: string): void {
    this.integers.push(name);
  }

  toString(): string {
    const obj = this.objective.length
      ? this.objective.map((t) => `${t.coef < 0 ? '-' : '+'} ${num(Math.abs(t.coef))} ${t.name}`).join(' ')
      : '0 x_none';
    const out = ['Minimize', ` obj: ${obj}`, 'Subject To', ...this.rows, 'Bounds', ...this.bounds];
    if (!this.objective.length) out.push(' x_none = 0');
    if (this.binaries.length) out.push('Binary', ...wrap(this.binaries));
    if (this.integers.length) out.push('General', ...wrap(this.integers));
    out.push('End');
    return out.join('\n');
  }
}

function wrap(names: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < names.length; i += 20) out.push(' ' + names.slice(i, i + 20).join(' '));
  return out;
}

/** A finite number as LP text (no exponent for the integers we pass; weights may be fractional). */
function num(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`LP: ${x} is not finite`);
  return Number.isInteger(x) ? x.toFixed(0) : String(x);
}

export interface LpResult {
  status: string;
  objective: number;
  values: Map<string, number>;
}

export async function solveLp(model: LpModel, timeLimit = 20): Promise<LpResult> {
  const highs = await loadHighs();
  const res = highs.solve(model.toString(), {
    output_flag: false,
    time_limit: timeLimit,
    mip_feasibility_tolerance: 1e-9,
    primal_feasibility_tolerance: 1e-9,
  } as Parameters<Highs['solve']>[1]);
  const values = new Map<string, number>();
  const cols = res.Columns as Record<string, { Primal?: number }>;
  for (const [name, col] of Object.entries(cols ?? {})) if (typeof col.Primal === 'number') values.set(name, col.Primal);
  return { status: res.Status, objective: res.ObjectiveValue, values };
}
