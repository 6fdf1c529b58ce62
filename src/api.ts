/**
 * Programmatic API: `import { loadWorkbook, audit, format } from 'budget-audit'`.
 * The CLI is thin wiring over these functions.
 *
 *   const budget = await loadWorkbook('budget.xlsx');
 *   const report = audit(budget, { strict: false });
 *   process.stdout.write(await format([report], 'json', { lang: 'en' }));
 */
import { loadWorkbook } from './loaders/index.js';
import type { FileReport } from './model/report.js';
import { audit, RULES } from './rules/index.js';
import type { AuditOptions, RuleMeta } from './rules/types.js';
import type { FormatName, FormatOptions, ReportFile } from './report/index.js';
import { formatReports, toReportFile } from './report/index.js';

export { loadWorkbook, audit, RULES };
export type { AuditOptions, RuleMeta, FormatName, FormatOptions, ReportFile };
export { toReportFile, exitCodeFor, effectiveFailOn, fails } from './report/index.js';
export type { FailOn, Lang, ReportTable } from './report/index.js';
export { expandInputs } from './batch/expand.js';
export { checkFiles } from './batch/run.js';
export { checkFile, applyRuleSettings } from './batch/check-file.js';
export type { CheckFileOptions } from './batch/check-file.js';
export type { CheckFilesOptions } from './batch/run.js';
export { findConfig, loadConfig, parseConfig } from './config.js';
export { suggestCorrections, applyCorrections, checkRoundingConsistency, ROUNDING_CONSISTENCY } from './corrections/index.js';
export type { CorrectionOptions } from './corrections/index.js';
export type { Config, RuleSetting } from './config.js';

/** The rule catalog's metadata, in catalog order. */
export function ruleCatalog(): RuleMeta[] {
  return RULES.map((r) => r.meta);
}

/**
 * Renders reports — `FileReport`s from `audit` or serializable `ReportFile`s
 * from `checkFile`/`checkFiles` — as text, json, junit, sarif or html.
 */
export async function format(
  reports: readonly (FileReport | ReportFile)[],
  name: FormatName = 'text',
  options: Partial<FormatOptions> = {},
): Promise<string> {
  const plain = reports.map((r) => (isReportFile(r) ? r : toReportFile(r, name === 'html')));
  return formatReports(plain, name, { rules: ruleCatalog(), ...options });
}

function isReportFile(r: FileReport | ReportFile): r is ReportFile {
  return Array.isArray((r as ReportFile).tables);
}
