/** Load + audit one workbook into a serializable report: what a worker thread runs. */
import { InputError } from '../errors.js';
import { loadWorkbook } from '../loaders/index.js';
import type { Finding } from '../model/finding.js';
import type { FileReport } from '../model/report.js';
import { audit } from '../rules/index.js';
import type { AuditOptions } from '../rules/types.js';
import type { ReportFile } from '../report/index.js';
import { countSeverities, loadErrorReport, toReportFile } from '../report/index.js';

export interface CheckFileOptions extends AuditOptions {
  /** Refuse files larger than this many bytes (the loader's default otherwise). */
  maxBytes?: number;
  /** Keep the loaded Budget on the report (for the HTML report; never across threads). */
  keepBudget?: boolean;
  /** A narrative (说明) file to check with the workbook (.docx, .doc, .txt); unreadable → loadError. */
  narrative?: string;
  /** The narrative was paired by file name (shown in the report). */
  narrativePaired?: boolean;
  /** Suggested corrections on error findings (src/corrections); default true. */
  suggest?: boolean;
  /** The global rounding-consistency check (implied by `strict`). */
  roundingCheck?: boolean;
}

/** Loads and audits one workbook; an unreadable file becomes a report with `loadError`, never a throw. */
export async function checkFile(path: string, options: CheckFileOptions = {}): Promise<ReportFile> {
  const { maxBytes, keepBudget, narrative, narrativePaired, suggest, roundingCheck, ...auditOptions } = options;
  let fileReport: FileReport;
  try {
    const budget = await loadWorkbook(path, maxBytes === undefined ? {} : { maxBytes });
    if (narrative !== undefined) {
      // Loaded only when a narrative is given.
      const { readNarrativeFile } = await import('../narrative/read.js');
      budget.narrative = await readNarrativeFile(narrative);
      if (narrativePaired) budget.narrative.source.paired = true;
    }
    fileReport = await audit(budget, auditOptions);
  } catch (err) {
    const message =
      err instanceof InputError ? err.message : `${path}: internal error while checking: ${(err as Error)?.message ?? String(err)}`;
    return loadErrorReport(path, message.replace(/\s*\n\s*/g, ' ').trim());
  }
  fileReport = applyRuleSettings({ ...fileReport, path }, auditOptions.rules);
  if (needsCorrections(fileReport, suggest !== false, roundingCheck ?? auditOptions.strict ?? false, auditOptions.strict ?? false)) {
    try {
      // Loaded (with its solver) only when there is something to explain.
      const { applyCorrections } = await import('../corrections/index.js');
      fileReport = await applyCorrections(fileReport, { ...auditOptions, roundingCheck: roundingCheck ?? auditOptions.strict ?? false, suggest: suggest !== false });
    } catch (err) {
      // The audit stands without suggestions: say why, never lose the report.
      const reason = `建议修改未能计算 / suggestions could not be computed: ${String((err as Error)?.message ?? err).split('\n')[0]}`;
      fileReport = { ...fileReport, notRun: [...fileReport.notRun, { ruleId: 'suggested-corrections', reason }] };
    }
  }
  return toReportFile(fileReport, keepBudget);
}

/** Is there an error to explain (rounding too when strict), or a rounding difference for the global check? */
function needsCorrections(r: FileReport, suggest: boolean, roundingCheck: boolean, strict: boolean): boolean {
  return r.findings.some(
    (f) => (suggest && (f.severity === 'error' || (strict && f.severity === 'rounding'))) || (roundingCheck && f.severity === 'rounding'),
  );
}

/**
 * Per-rule settings (off / another severity), applied after the audit as
 * well, so they hold whatever the engine does with them: `off` drops the
 * rule's findings; a severity replaces that of its error/warning findings
 * (rounding-sized differences stay rounding, "breakdown not given" stays info).
 */
export function applyRuleSettings(report: FileReport, rules: AuditOptions['rules']): FileReport {
  if (!rules || Object.keys(rules).length === 0) return report;
  const findings: Finding[] = [];
  for (const f of report.findings) {
    const setting = rules[f.ruleId];
    if (setting === 'off') continue;
    if (setting && (f.severity === 'error' || f.severity === 'warning')) findings.push({ ...f, severity: setting });
    else findings.push(f);
  }
  const notRun = report.notRun.filter((n) => rules[n.ruleId] !== 'off');
  return { ...report, findings, notRun, summary: { ...report.summary, ...countSeverities(findings) } };
}
