/**
 * Suggested corrections (issue 8): after the rules have run, say which cell to
 * fix and to what. `suggestCorrections(budget, report)` for the API;
 * `applyCorrections(report, options)` puts the suggestions on the report's
 * findings (and, when asked, the global rounding-consistency warning).
 *
 * Nothing here runs, and HiGHS is not loaded, unless there is something to
 * explain: an error (with strict, a rounding difference too) for the
 * suggestions; a rounding difference, with `roundingCheck`, for the global check.
 */
import type { Budget } from '../model/budget.js';
import type { Finding, Severity } from '../model/finding.js';
import type { FileReport } from '../model/report.js';
import type { Suggestion } from '../model/suggestion.js';
import type { AuditOptions } from '../rules/types.js';
import { findingIds } from './ids.js';
import { roundingConsistency, ROUNDING_CONSISTENCY } from './rounding.js';
import { clusters, propose, type Cluster, type Proposal } from './suggest.js';
import { buildSystem, cellKey, type LinearSystem } from './system.js';
import { AmountIndex, verify } from './verify.js';

export { findingIds, findingKey } from './ids.js';
export { ROUNDING_CONSISTENCY } from './rounding.js';
export { highsLoaded } from './highs.js';

export interface CorrectionOptions extends AuditOptions {
  /** Also run the global rounding-consistency check (implied by `strict`). */
  roundingCheck?: boolean;
  /** Suggest corrections (default true). */
  suggest?: boolean;
  /**
   * Time for the solver and the re-checks once the system is built (default 5 s; a file's worker limit
   * counts load, audit and this together): clusters, alternatives and solves past it are left out.
   */
  timeLimitMs?: number;
}

function targets(options: CorrectionOptions): Set<Severity> {
  return new Set<Severity>(options.strict ? ['error', 'rounding'] : ['error']);
}

interface Suggested {
  suggestions: Suggestion[];
  /** Clusters left without a look because the time ran out. */
  skipped: number;
}

async function suggestFor(sys: LinearSystem, report: FileReport, options: CorrectionOptions): Promise<Suggested> {
  const deadline = Date.now() + (options.timeLimitMs ?? 5_000);
  let skipped = 0;
  const target = targets(options);
  const reportIds = findingIds(report.findings);
  const inReport = new Set(reportIds.filter((_, i) => target.has(report.findings[i]!.severity)));
  const before = new Map<string, Severity>();
  report.findings.forEach((f, i) => before.set(reportIds[i]!, f.severity));
  const index = new AmountIndex(sys.budget);
  const auditOptions: AuditOptions = {
    ...(options.strict !== undefined ? { strict: options.strict } : {}),
    ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
    ...(options.rules !== undefined ? { rules: options.rules } : {}),
  };

  const out: Suggestion[] = [];
  const order = new Map(reportIds.map((id, i) => [id, i]));
  const found = clusters(sys, (s) => target.has(s))
    .map((c) => ({ ...c, findingIds: c.findingIds.filter((id) => inReport.has(id)) }))
    .filter((c) => c.findingIds.length > 0)
    .sort((a, b) => Math.min(...a.findingIds.map((id) => order.get(id)!)) - Math.min(...b.findingIds.map((id) => order.get(id)!)));
  // Two clusters whose best fixes reach into each other's cells are one problem (e.g. a row
  // whose total and part were both changed: the row holds, its column and copies don't).
  const work: (Cluster & { proposals?: Proposal[] })[] = found;
  for (let merged = true; merged; ) {
    merged = false;
    for (const c of work) {
      if (c.proposals) continue;
      if (Date.now() > deadline) {
        c.proposals = [];
        skipped++;
      } else c.proposals = await propose(sys, c, options.strict === true, deadline);
    }
    outer: for (let a = 0; a < work.length; a++) {
      const best = work[a]!.proposals![0];
      if (!best) continue;
      const touched = new Set(best.changes.map((ch) => cellKey(ch.amount)));
      for (let b = 0; b < work.length; b++) {
        if (a === b) continue;
        const cells = work[b]!.failing.flatMap((j) => [...sys.constraints[j]!.coefs.keys()].map((v) => cellKey(sys.vars[v]!.amount)));
        if (!cells.some((k) => touched.has(k))) continue;
        const x = work[a]!;
        const y = work[b]!;
        const both: Cluster = { failing: [...x.failing, ...y.failing], findingIds: [...x.findingIds, ...y.findingIds] };
        work.splice(Math.max(a, b), 1);
        work.splice(Math.min(a, b), 1, both);
        merged = true;
        break outer;
      }
    }
  }
  for (const cluster of work) {
    const resolves = new Set(cluster.findingIds);
    // The solver's first proposal is always re-checked; the alternatives while there is time — one left
    // unchecked still makes the suggestion ambiguous (listed with verified: false), never certain.
    const checked = cluster.proposals!.map((p, k) =>
      k === 0 || Date.now() <= deadline ? { p, v: verify(sys.budget, index, p.changes, resolves, before, target, auditOptions) } : { p, v: undefined },
    );
    const verified = checked.filter((x) => x.v?.ok).sort((a, b) => a.p.residual - b.p.residual || a.p.size - b.p.size);
    const unchecked = checked.filter((x) => x.v === undefined).map((x) => ({ cells: x.p.cells, verified: false }));
    if (verified.length === 0) continue;
    const [best, ...rest] = verified;
    out.push({
      id: `fix-${out.length + 1}`,
      cells: best!.p.cells,
      resolves: best!.v!.resolved.sort((a, b) => order.get(a)! - order.get(b)!),
      verified: true,
      ambiguous: rest.length + unchecked.length > 0,
      alternatives: [...rest.map((x) => ({ cells: x.p.cells, verified: true })), ...unchecked],
    });
  }
  return { suggestions: out, skipped };
}

/**
 * The suggested corrections of one audited budget: one per cluster of errors
 * (rounding differences too with `strict`), verified by the engine. Only
 * suggestions that passed are returned (`verified: true`).
 */
export async function suggestCorrections(budget: Budget, report: FileReport, options: CorrectionOptions = {}): Promise<Suggestion[]> {
  const target = targets(options);
  if (!report.findings.some((f) => target.has(f.severity))) return [];
  return (await suggestFor(buildSystem(budget, options), report, options)).suggestions;
}

/** The global rounding-consistency warning, if the figures can't be one set of exact figures rounded. */
export async function checkRoundingConsistency(budget: Budget, report: FileReport, options: CorrectionOptions = {}): Promise<Finding | undefined> {
  if (!report.findings.some((f) => f.severity === 'rounding')) return undefined;
  return (await roundingConsistency(buildSystem(budget, options))).finding;
}

/**
 * The report with ids on its findings, each error of a cluster carrying the
 * cluster's suggestion, and the rounding-consistency warning appended when
 * `roundingCheck` (or `strict`) asks for it. Returns the report itself when
 * there is nothing to do (no solver loaded).
 */
export async function applyCorrections(report: FileReport, options: CorrectionOptions = {}): Promise<FileReport> {
  const budget = report.budget;
  if (!budget || report.loadError !== undefined) return report;
  const target = targets(options);
  const wantSuggest = options.suggest !== false && report.findings.some((f) => target.has(f.severity) && f.ruleId !== ROUNDING_CONSISTENCY);
  const wantRounding = (options.roundingCheck ?? options.strict ?? false) && report.findings.some((f) => f.severity === 'rounding');
  if (!wantSuggest && !wantRounding) return report;

  const sys = buildSystem(budget, options);
  const { suggestions, skipped } = wantSuggest ? await suggestFor(sys, report, options) : { suggestions: [], skipped: 0 };
  const rounding = wantRounding ? await roundingConsistency(sys) : {};

  const ids = findingIds(report.findings);
  const byFinding = new Map<string, Suggestion>();
  for (const s of suggestions) for (const id of s.resolves) byFinding.set(id, s);
  const findings: Finding[] = report.findings.map((f, i) => {
    const s = byFinding.get(ids[i]!);
    if (!s) return f;
    // The cell to change is this finding's culprit (how HTML and --annotate colour it).
    const culprits = new Set(s.cells.map((c) => `${c.sheet}!${c.cell}`));
    const locations = f.locations.map((l) => (culprits.has(`${l.sheet}!${l.cell}`) ? { ...l, role: 'culprit' as const } : l));
    return { ...f, locations, id: ids[i]!, suggestion: s };
  });
  const summary = { ...report.summary };
  const notRun = [...report.notRun];
  if (rounding.finding) {
    findings.push(rounding.finding);
    summary.warning++;
  }
  if (rounding.notRun) notRun.push({ ruleId: ROUNDING_CONSISTENCY, reason: rounding.notRun });
  if (skipped) notRun.push({ ruleId: 'suggested-corrections', reason: `${skipped} 组错误超时未给出建议 / ${skipped} clusters left without a suggestion (time limit)` });
  return { ...report, findings, summary, notRun };
}
