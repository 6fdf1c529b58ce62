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

import { ROUNDING_CONSISTENCY_META } from './meta.js';

export const ROUNDING_CONSISTENCY = ROUNDING_CONSISTENCY_META.id;

/** Larger conflicting parts are not solved (reported as not run). */
const MAX_VARS = 60_000;

export interface RoundingResult {
  finding?: Finding;
  notRun?: string;
}

function involved(sys: LinearSystem): number[] {
  return sys.constraints.flatMap((c, j) => (!c.notGiven && (c.finding === undefined || c.finding.severity === 'rounding') ? [j] : []));
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
    for (const v of sys.constraints[j]!.at) {
      if (first === undefined) first = find(v);
      else parent[find(v)] = first;
    }
  }
  const roots = new Set<number>();
  for (const j of rows) {
    const c = sys.constraints[j]!;
    if (c.residual !== 0) roots.add(find(c.at[0]!));
  }
  return rows.filter((j) => roots.has(find(sys.constraints[j]!.at[0]!)));
}

/** `width` scales the ±½-unit interval (1 = the rounding itself; below 1 probes how tight a workbook is). */
export async function roundingConsistency(sys: LinearSystem, width = 1): Promise<RoundingResult> {
  const rows = conflictingParts(sys, involved(sys));
  if (rows.length === 0) return {};
  const vars = [...new Set(rows.flatMap((j) => sys.constraints[j]!.at))].sort((a, b) => a - b);
  if (vars.length > MAX_VARS) return { notRun: `${vars.length} 个相关单元格，超出求解规模 / ${vars.length} cells, too many to solve` };
  const local = new Map(vars.map((v, i) => [v, i]));
  // Half a published unit and one published unit, in the system's units.
  const step = 10 ** (sys.scale - sys.precision);
  const half = (step / 2) * width;

  /**
   * mode 'exact': is there a solution at all. 'l1': the least total movement d
   * (continuous, in published units) beyond the rounding interval. 'count': the
   * fewest cells moved by whole units (MIP), only among `movable`.
   */
  const build = (mode: 'exact' | 'l1' | 'count', movable?: Set<number>): LpModel => {
    const m = new LpModel();
    const moves = (v: number) => mode !== 'exact' && (movable === undefined || movable.has(v));
    vars.forEach((v, i) => {
      const blank = sys.vars[v]!.amount.blank;
      m.bound(`u${i}`, blank ? 0 : -half, blank ? 0 : half);
      if (!moves(v)) return;
      if (mode === 'l1') {
        m.bound(`a${i}`, 0, 100);
        m.bound(`b${i}`, 0, 100);
        m.minimize(1, `a${i}`);
        m.minimize(1, `b${i}`);
      } else {
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
      for (let k = 0; k < c.at.length; k++) {
        const v = c.at[k]!;
        const coef = c.by[k]!;
        const i = local.get(v)!;
        terms.push({ coef, name: `u${i}` });
        if (!moves(v)) continue;
        if (mode === 'l1') terms.push({ coef: coef * step, name: `a${i}` }, { coef: -coef * step, name: `b${i}` });
        else terms.push({ coef: coef * step, name: `d${i}` });
      }
      m.row(terms, '=', -c.residual);
    }
    return m;
  };

  const lp = await solveLp(build('exact'));
  if (lp.status === 'Optimal') return {};
  if (lp.status !== 'Infeasible') return { notRun: `求解器未得出结论 / the solver ended with "${lp.status}"` };

  // The least movement (LP) shows where the conflict is; the fewest cells (MIP) are then sought around it.
  const l1 = await solveLp(build('l1'));
  if (l1.status !== 'Optimal') return { notRun: `求解器未得出结论 / the solver ended with "${l1.status}"` };
  const support = vars.filter((_v, i) => (l1.values.get(`a${i}`) ?? 0) + (l1.values.get(`b${i}`) ?? 0) > 1e-6);
  const near = new Set(support);
  for (const v of support) for (const j of sys.constraintsOf(v)) for (const w of sys.constraints[j]!.at) if (local.has(w)) near.add(w);
  const mip = await solveLp(build('count', near), 10);
  let moved: { v: number; d: number }[] = [];
  if (mip.status === 'Optimal') {
    vars.forEach((v, i) => {
      // An integer variable (whole units) returned as a double by the solver: decoded, never used as money.
      const d = Math.round(mip.values.get(`d${i}`) ?? 0);
      if (d !== 0) moved.push({ v, d });
    });
  }
  if (moved.length === 0) moved = support.map((v) => ({ v, d: 0 }));
  const cells = new Set(moved.map((m) => m.v));
  const inConflict = rows.filter((j) => sys.constraints[j]!.at.some((v) => cells.has(v)));
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
