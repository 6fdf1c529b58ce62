/**
 * The answer first: does a workbook (and the run) pass, and if not, which
 * severity made it fail. Shared by the text report's first line, the stderr
 * summary of `-o FILE`, and JSON/SARIF/HTML.
 */
import type { Finding, Severity } from '../model/finding.js';
import type { FailOn, ReportFile } from './shared.js';
import { fails } from './shared.js';
import { messages, type Counts, type Lang } from './messages.js';

export interface VerdictOptions {
  lang: Lang;
  failOn: FailOn;
  /** --max-warnings N: more warnings than N fail the run (ESLint's habit). */
  maxWarnings?: number;
}

export interface Verdict {
  pass: boolean;
  unreadable: boolean;
  counts: Counts;
  /** Severities with at least one finding reaching --fail-on, most severe first. */
  failedBy: Severity[];
  /** Warnings beyond --max-warnings (this file's count when it alone exceeds it). */
  tooManyWarnings: boolean;
  /** Distinct suggested corrections (0 until findings carry them). */
  fixes: number;
}

const ORDER: Severity[] = ['error', 'warning', 'rounding', 'info'];

/**
 * Hook for suggested corrections (issue 8, src/corrections): a finding's
 * `suggestion.id` when it carries one. Read structurally so this module works
 * with and without the corrections branch's Finding.suggestion field.
 */
export function suggestionIdOf(f: Finding): string | undefined {
  const s = (f as { suggestion?: { id?: unknown } }).suggestion;
  return s && typeof s.id === 'string' ? s.id : undefined;
}

export function suggestedFixCount(findings: readonly Finding[]): number {
  const ids = new Set<string>();
  for (const f of findings) {
    const id = suggestionIdOf(f);
    if (id !== undefined) ids.add(id);
  }
  return ids.size;
}

export function countsOf(findings: readonly Finding[]): Counts {
  const c: Counts = { error: 0, warning: 0, rounding: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export function verdictOf(r: ReportFile, opts: VerdictOptions): Verdict {
  const counts = countsOf(r.findings);
  const failedBy = ORDER.filter((s) => counts[s] > 0 && fails(s, opts.failOn));
  const tooManyWarnings = opts.maxWarnings !== undefined && counts.warning > opts.maxWarnings;
  const unreadable = r.loadError !== undefined;
  return {
    pass: !unreadable && failedBy.length === 0 && !tooManyWarnings,
    unreadable,
    counts,
    failedBy,
    tooManyWarnings,
    fixes: suggestedFixCount(r.findings),
  };
}

/** The run's verdict: every file's counts together; --max-warnings counts the warnings of all files. */
export function runVerdict(reports: readonly ReportFile[], opts: VerdictOptions): Verdict {
  const all = reports.flatMap((r) => r.findings);
  const merged: ReportFile = { path: '', tables: [], summary: reports[0]?.summary ?? { checks: 0, passed: 0, error: 0, warning: 0, rounding: 0, info: 0 }, findings: all, notRun: [] };
  const v = verdictOf(merged, opts);
  const unreadable = reports.some((r) => r.loadError !== undefined);
  return { ...v, unreadable, pass: v.pass && !unreadable };
}

/** "通过 — 错误 0，警告 2，尾差 34，提示 3" / "未通过（尾差达到 --fail-on rounding）— …". */
export function verdictText(v: Verdict, opts: VerdictOptions): string {
  const M = messages(opts.lang);
  if (v.unreadable && v.counts.error + v.counts.warning + v.counts.rounding + v.counts.info === 0) {
    return opts.lang === 'zh' ? `${M.fail}（${M.unreadable}）` : `${M.fail} (${M.unreadable})`;
  }
  const why = [
    ...(v.failedBy.length ? [M.failedBy(v.failedBy, opts.failOn)] : []),
    ...(v.tooManyWarnings && opts.maxWarnings !== undefined ? [M.tooManyWarnings(v.counts.warning, opts.maxWarnings)] : []),
    ...(v.unreadable ? [M.unreadable] : []),
  ];
  const head = v.pass ? M.pass : why.length ? (opts.lang === 'zh' ? `${M.fail}（${why.join('；')}）` : `${M.fail} (${why.join('; ')})`) : M.fail;
  const tail = [M.counts(v.counts), ...(v.fixes ? [M.fixes(v.fixes)] : [])].join(opts.lang === 'zh' ? '，' : ', ');
  return `${head} — ${tail}`;
}
