/**
 * Global rounding consistency (rule `rounding-consistency`): each identity
 * alone forgives half a unit per figure, but the published figures must be the
 * rounding of ONE set of exact figures. An LP asks HiGHS whether exact values
 * e_i ∈ [v_i − ½, v_i + ½] (in published units; blank cells exactly 0) satisfy
 * every identity exactly. The interval is taken closed: a figure exactly half
 * a unit off counts as consistent (lenient for a warning).
 *
 * If none exists, a MIP finds the fewest cells whose printed value must move by
 * whole units (0.01) for one to exist: those cells are the finding's locations.
 *
 * Only identities that hold or differ by rounding take part (an error is its
 * own finding), and only the connected parts of the system that contain a
 * non-exact identity: where every identity holds exactly, the printed values
 * themselves are a solution and no solver is needed.
 */
import type { Finding, FindingLocation } from '../model/finding.js';
import { LpModel, solveLp, type LpTerm } from './highs.js';
import type { LinearSystem } from './system.js';

export const ROUNDING_CONSISTENCY = 'rounding-consistency';

/** Larger conflicting parts are not solved (reported as not run). */
const MAX_VARS = 60_000;

export interface RoundingResult {
  finding?: Finding;
  notRun?: string;
}

function involved(sys: LinearSystem): number[] {
  return sys.constraints.flatMap((c, j) => (c.finding === undefined || c.finding.severity === 'rounding' ? [j] : []));
}

/** Constraints of the connected parts (by shared cells) that hold a non-exact identity. */
function conflictingParts(sys: LinearSystem, rows: number[]): number[] {
  const parent = sys.vars.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const j of rows) {
    let first: number | undefined;
    for (const v of sys.constraints[j]!.coefs.keys()) {
      if (first === undefined) first = find(v);
      else parent[find(v)] = first;
    }
  }
  const roots = new Set<number>();
  for (const j of rows) {
    const c = sys.constraints[j]!;
    if (c.residual !== 0) roots.add(find(c.coefs.keys().next().value!));
  }
  return rows.filter((j) => roots.has(find(sys.constraints[j]!.coefs.keys().next().value!)));
}

export async function roundingConsistency(sys: LinearSystem): Promise<RoundingResult> {
  const rows = conflictingParts(sys, involved(sys));
  if (rows.length === 0) return {};
  const vars = [...new Set(rows.flatMap((j) => [...sys.constraints[j]!.coefs.keys()]))].sort((a, b) => a - b);
  if (vars.length > MAX_VARS) return { notRun: `${vars.length} 个相关单元格，超出求解规模 / ${vars.length} cells, too many to solve` };
  const local = new Map(vars.map((v, i) => [v, i]));
  // Half a published unit and one published unit, in the system's units.
  const step = 10 ** (sys.scale - sys.precision);
  const half = step / 2;

  const build = (elastic: boolean): LpModel => {
    const m = new LpModel();
    vars.forEach((v, i) => {
      const blank = sys.vars[v]!.amount.blank;
      m.bound(`u${i}`, blank ? 0 : -half, blank ? 0 : half);
      if (elastic) {
        m.bound(`d${i}`, -100, 100);
        m.integer(`d${i}`);
        m.binary(`z${i}`);
        m.minimize(1, `z${i}`);
        m.row([{ coef: 1, name: `d${i}` }, { coef: -100, name: `z${i}` }], '<=', 0);
        m.row([{ coef: 1, name: `d${i}` }, { coef: 100, name: `z${i}` }], '>=', 0);
      }
    });
    for (const j of rows) {
      const c = sys.constraints[j]!;
      const terms: LpTerm[] = [];
      for (const [v, coef] of c.coefs) {
        const i = local.get(v)!;
        terms.push({ coef, name: `u${i}` });
        if (elastic) terms.push({ coef: coef * step, name: `d${i}` });
      }
      m.row(terms, '=', -c.residual);
    }
    return m;
  };

  const lp = await solveLp(build(false));
  if (lp.status === 'Optimal') return {};
  if (lp.status !== 'Infeasible') return { notRun: `求解器未得出结论 / the solver ended with "${lp.status}"` };

  const mip = await solveLp(build(true));
  if (mip.status !== 'Optimal') return { notRun: `求解器未得出结论 / the solver ended with "${mip.status}"` };
  const moved: { v: number; d: number }[] = [];
  vars.forEach((v, i) => {
    const d = Math.round(mip.values.get(`d${i}`) ?? 0);
    if (d !== 0) moved.push({ v, d });
  });
  const cells = new Set(moved.map((m) => m.v));
  const inConflict = rows.filter((j) => [...sys.constraints[j]!.coefs.keys()].some((v) => cells.has(v)));
  const rules = [...new Set(inConflict.map((j) => sys.constraints[j]!.ruleId))].sort();
  const locations: FindingLocation[] = moved.map(({ v }) => {
    const a = sys.vars[v]!.amount;
    return {
      table: a.table, sheet: a.ref.sheet, cell: a.ref.cell, row: a.rowLabel, column: a.column,
      value: a.blank ? '' : a.value.toFixed(Math.max(sys.precision, a.value.decimalPlaces())),
    };
  });
  const names = locations.map((l) => `${l.sheet}!${l.cell}`).join('、');
  const unit = (1 / 10 ** sys.precision).toFixed(sys.precision);
  return {
    finding: {
      ruleId: ROUNDING_CONSISTENCY,
      severity: 'warning',
      message: {
        zh: `各表数字不能是同一组精确数字的舍入结果：每个恒等式单独看都在舍入误差内，但 ${inConflict.length} 个恒等式（${rules.join('、')}）不能同时成立，至少需将 ${names} 改动 ${unit}`,
        en: `The published figures cannot all be roundings of one set of exact figures: each identity is within rounding alone, but ${inConflict.length} identities (${rules.join(', ')}) cannot hold at once unless ${names} moves by ${unit}`,
      },
      locations,
    },
  };
}
