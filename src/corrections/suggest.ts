/**
 * Suggested corrections: the failing identities, clustered by the cells they
 * share; for each cluster, the fewest cell changes that make every identity
 * touching them hold within its rounding bound — a MIP solved by HiGHS:
 *
 *   minimise  W·Σ z_i + Σ_j w_j (p_j + n_j)
 *   s.t.      Σ_i c_ij d_i + r_j = p_j − n_j,  0 ≤ p_j, n_j ≤ B_j   (every identity j touching a candidate)
 *             −M z_i ≤ d_i ≤ M z_i,  d_i integer (units), z_i ∈ {0, 1}
 *             v_i + d_i ≥ 0 where the published v_i ≥ 0
 *
 * r_j is identity j's published residual, B_j its rounding bound. The first
 * term counts changed cells; the second prefers, among as few changes, the
 * values that leave the identities closest to exact — weighted by 1/terms, so
 * a figure published twice (a 2-term equality) counts more than a long sum of
 * rounded parts. Sign: a figure published ≥ 0 stays ≥ 0; a negative one
 * (a refund, a 结转 adjustment) may take any value.
 *
 * Candidates are the cells of the cluster's failing identities; if no fix
 * exists among them, the cells one identity further out are added once.
 * Another optimum of as many cells (found by cutting off the first) makes the
 * suggestion ambiguous. Each proposal is re-checked by the engine (verify.ts).
 */
import type { Severity } from '../model/finding.js';
import type { SuggestedCell } from '../model/suggestion.js';
import { LpModel, solveLp, type LpTerm } from './highs.js';
import { fromUnits, type LinearSystem } from './system.js';
import type { Change } from './verify.js';

export interface Cluster {
  /** Failing constraints (indices into sys.constraints). */
  failing: number[];
  /** Their findings' ids, in report order. */
  findingIds: string[];
}

/** Union-find over the failing constraints by the cells they share. */
export function clusters(sys: LinearSystem, isTarget: (s: Severity) => boolean): Cluster[] {
  const failing = sys.constraints.flatMap((c, i) => (c.finding && isTarget(c.finding.severity) ? [i] : []));
  const parent = new Map<number, number>(failing.map((i) => [i, i]));
  const find = (i: number): number => {
    let r = i;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(i, r);
    return r;
  };
  const owner = new Map<number, number>();
  for (const j of failing) {
    for (const v of sys.constraints[j]!.coefs.keys()) {
      const o = owner.get(v);
      if (o === undefined) owner.set(v, j);
      else parent.set(find(j), find(o));
    }
  }
  const groups = new Map<number, number[]>();
  for (const j of failing) {
    const r = find(j);
    groups.set(r, [...(groups.get(r) ?? []), j]);
  }
  return [...groups.values()].map((g) => ({ failing: g, findingIds: g.map((j) => sys.constraints[j]!.findingId!).filter(Boolean) }));
}

export interface Proposal {
  changes: Change[];
  cells: SuggestedCell[];
  /** The solver's residual term: lower is closer to exact. */
  residual: number;
  /** Σ |change| in units: among equally exact fixes, the smaller change ranks first (clearing a stray 3.00 before filling 2,421.73 elsewhere). */
  size: number;
}

/** At most this many candidate cells in one model (a cluster larger than this is left without suggestion). */
const MAX_CANDIDATES = 5000;
/** Alternatives looked for after the best proposal. */
const MAX_ALTERNATIVES = 3;

/**
 * The best proposals for one cluster: the first has the fewest changes; the
 * others have as many (alternatives), best first. Empty when none exists.
 */
export async function propose(sys: LinearSystem, cluster: Cluster, strict = false, deadline = Infinity): Promise<Proposal[]> {
  let candidates = new Set<number>();
  for (const j of cluster.failing) for (const v of sys.constraints[j]!.coefs.keys()) candidates.add(v);
  for (let ring = 0; ring < 2; ring++) {
    if (candidates.size > MAX_CANDIDATES) return [];
    const found = await solveFor(sys, [...candidates].sort((a, b) => a - b), strict, deadline);
    if (found.length) return found;
    const wider = new Set(candidates);
    for (const v of candidates) for (const j of sys.constraintsOf(v)) for (const w of sys.constraints[j]!.coefs.keys()) wider.add(w);
    if (wider.size === candidates.size) break;
    candidates = wider;
  }
  return [];
}

/**
 * The model over `cand`. 'count': minimise W·(changed cells) + the weighted
 * residuals. 'polish' (cand = one found set of cells, each free to move): the
 * weighted residuals first (×K), then the smallest total change Σ|d| — among
 * equally exact values for these cells, the one nearest what was published.
 */
function buildModel(
  sys: LinearSystem,
  cand: number[],
  mode: 'count' | 'polish',
  exact: boolean,
): { model: LpModel; weights: number[]; touched: number[] } {
  const local = new Map(cand.map((v, i) => [v, i]));
  const rows = new Set<number>();
  for (const v of cand) for (const j of sys.constraintsOf(v)) rows.add(j);
  const touched = [...rows].sort((a, b) => a - b);

  // Big-M from the size of what is broken: no single change needs more than the residuals it repairs twice over.
  let broken = 0;
  for (const j of touched) {
    const c = sys.constraints[j]!;
    broken += Math.max(0, Math.abs(c.residual) - c.bound);
  }
  const M = 2 * broken + 100;
  let slack = 0;
  const w = touched.map((j) => 1 / Math.max(1, sys.constraints[j]!.coefs.size));
  touched.forEach((j, k) => (slack += w[k]! * sys.constraints[j]!.bound));
  const W = Math.ceil(slack) + 1;
  // polish: one unit of weighted residual outweighs any total change (≤ M per cell).
  const K = mode === 'polish' ? 2 * M * cand.length * Math.max(...touched.map((j) => sys.constraints[j]!.coefs.size), 1) + 1 : 1;

  const m = new LpModel();
  cand.forEach((v, i) => {
    const units = sys.vars[v]!.units;
    m.bound(`d${i}`, units >= 0 ? Math.max(-M, -units) : -M, M);
    m.integer(`d${i}`);
    if (mode === 'count') {
      m.minimize(W, `z${i}`);
      m.row([{ coef: 1, name: `d${i}` }, { coef: -M, name: `z${i}` }], '<=', 0);
      m.row([{ coef: 1, name: `d${i}` }, { coef: M, name: `z${i}` }], '>=', 0);
      m.binary(`z${i}`);
    } else {
      m.row([{ coef: 1, name: `d${i}` }, { coef: -1, name: `a${i}` }, { coef: 1, name: `b${i}` }], '=', 0);
      m.bound(`a${i}`, 0, M);
      m.bound(`b${i}`, 0, M);
      m.minimize(1, `a${i}`);
      m.minimize(1, `b${i}`);
    }
  });
  touched.forEach((j, k) => {
    const c = sys.constraints[j]!;
    const terms: LpTerm[] = [];
    for (const [v, coef] of c.coefs) {
      const i = local.get(v);
      if (i !== undefined) terms.push({ coef, name: `d${i}` });
    }
    terms.push({ coef: -1, name: `p${k}` }, { coef: 1, name: `n${k}` });
    // 未分项: a breakdown whose parts are all blank holds whatever its total. When every part
    // outside the candidates is blank, y_k = 1 lets the identity go — and clears the candidate parts.
    const partsIn = (c.parts ?? []).map((v) => local.get(v));
    const canClear =
      c.total !== undefined &&
      (c.parts ?? []).every((v, n) => (partsIn[n] === undefined ? sys.vars[v]!.amount.blank : sys.vars[v]!.units >= 0));
    if (canClear) {
      const big = M * (c.coefs.size + 1) + Math.abs(c.residual);
      terms.push({ coef: -1, name: `q${k}` }, { coef: 1, name: `s${k}` });
      m.bound(`q${k}`, 0, big);
      m.bound(`s${k}`, 0, big);
      m.binary(`y${k}`);
      m.row([{ coef: 1, name: `q${k}` }, { coef: -big, name: `y${k}` }], '<=', 0);
      m.row([{ coef: 1, name: `s${k}` }, { coef: -big, name: `y${k}` }], '<=', 0);
      partsIn.forEach((i, n) => {
        if (i === undefined) return;
        const v = sys.vars[c.parts![n]!]!.units;
        // y = 1 ⇒ v + d ≤ 0 (with v + d ≥ 0: the part is cleared); y = 0 ⇒ d ≤ M.
        m.row([{ coef: 1, name: `d${i}` }, { coef: v + M, name: `y${k}` }], '<=', M);
      });
    }
    m.row(terms, '=', -c.residual);
    // With --strict a rounding difference fails the run: an identity that holds exactly must stay exact.
    const bound = exact && c.residual === 0 ? 0 : c.bound;
    m.bound(`p${k}`, 0, bound);
    m.bound(`n${k}`, 0, bound);
    m.minimize(K * w[k]!, `p${k}`);
    m.minimize(K * w[k]!, `n${k}`);
  });
  return { model: m, weights: w, touched };
}

/** Σ w·(p + n) of a solution: how far from exact it leaves the identities it touches. */
function residualOf(values: Map<string, number>, weights: number[]): number {
  let r = 0;
  weights.forEach((w, k) => (r += w * ((values.get(`p${k}`) ?? 0) + (values.get(`n${k}`) ?? 0))));
  return r;
}

/** HiGHS's time limit for one solve: what is left before the deadline (at least 0.5 s, at most 20 s). */
function secondsLeft(deadline: number): number {
  return Math.min(20, Math.max(0.5, (deadline - Date.now()) / 1000));
}

async function solveFor(sys: LinearSystem, cand: number[], exact: boolean, deadline: number): Promise<Proposal[]> {
  const { model: base } = buildModel(sys, cand, 'count', exact);
  const out: Proposal[] = [];
  const cuts: number[][] = [];
  for (let round = 0; round <= MAX_ALTERNATIVES; round++) {
    const model = base.clone();
    for (const cut of cuts) model.row(cut.map((i) => ({ coef: 1, name: `z${i}` })), '<=', cut.length - 1);
    if (Date.now() > deadline) break;
    const res = await solveLp(model, secondsLeft(deadline));
    if (res.status !== 'Optimal') break;
    const changed: number[] = [];
    cand.forEach((_v, i) => {
      if (Math.round(res.values.get(`d${i}`) ?? 0) !== 0) changed.push(i);
    });
    if (changed.length === 0) break;
    if (out.length && changed.length > out[0]!.changes.length) break;
    cuts.push(changed);
    // The values for exactly these cells: nearest exact first, then the smallest change.
    const cells = changed.map((i) => cand[i]!);
    const polish = buildModel(sys, cells, 'polish', exact);
    const best = await solveLp(polish.model, secondsLeft(deadline));
    if (best.status !== 'Optimal') continue;
    // The solver's integer variables come back as doubles (HiGHS WASM): rounding decodes whole units; the money
    // itself is rebuilt exactly in Decimal (toProposal) and re-verified by the engine.
    const deltas = cells.map((_v, i) => Math.round(best.values.get(`d${i}`) ?? 0));
    if (deltas.some((d) => d === 0)) continue;
    out.push(toProposal(sys, cells, deltas, residualOf(best.values, polish.weights)));
  }
  return out;
}

function toProposal(sys: LinearSystem, vars: number[], deltas: number[], residual: number): Proposal {
  const changes: Change[] = [];
  const cells: SuggestedCell[] = [];
  vars.forEach((v, k) => {
    const x = sys.vars[v]!;
    const a = x.amount;
    // Exact: the published Decimal plus a whole number of units.
    const to = (a.blank ? fromUnits(sys, 0) : a.value).plus(fromUnits(sys, deltas[k]!));
    changes.push({ amount: a, to });
    cells.push({
      table: a.table,
      sheet: a.ref.sheet,
      cell: a.ref.cell,
      ...(a.ref.page !== undefined ? { page: a.ref.page } : {}),
      row: a.rowLabel,
      column: a.column,
      from: a.blank ? '' : a.value.toFixed(Math.max(sys.precision, a.value.decimalPlaces())),
      to: to.isZero() ? '' : to.toFixed(Math.max(sys.precision, to.decimalPlaces())),
    });
  });
  return { changes, cells, residual, size: deltas.reduce((n, d) => n + Math.abs(d), 0) };
}
