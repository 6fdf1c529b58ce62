/**
 * `--format json`: the contract of issue 3. The named fields are stable;
 * extra fields (notRun, loadError, range, location values, failing) may be added.
 */
import type { Finding } from '../model/finding.js';
import type { NarrativeQuote, NarrativeSummary } from '../model/narrative.js';
import type { Suggestion } from '../model/suggestion.js';
import type { FormatOptions, ReportFile } from './shared.js';
import { exitCodeFor, fails } from './shared.js';
import { runVerdict } from './verdict.js';
import { oneLanguage } from './messages.js';

export interface JsonLocation {
  table: string;
  sheet?: string;
  cell?: string;
  row?: string;
  column?: string;
  value?: string;
  /** A place in the narrative (说明): file, paragraph, sentence, character offset; no table then. */
  quote?: NarrativeQuote;
}

export interface JsonFinding {
  /** Stable within the report (rule + cells): what `suggestion.resolves` names. */
  id?: string;
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  expected?: string;
  actual?: string;
  difference?: string;
  locations: JsonLocation[];
  /** Reaches --fail-on. */
  failing: boolean;
  /** The suggested correction of this error's cluster (shared by the findings it resolves). */
  suggestion?: Suggestion;
}

export interface JsonFile {
  path: string;
  department?: string;
  year?: number;
  unit?: string;
  tables: { id: string; title: string; found: boolean; sheet?: string; range?: string }[];
  summary: ReportFile['summary'];
  findings: JsonFinding[];
  notRun: ReportFile['notRun'];
  loadError?: string;
  /** The narrative checked with the workbook and its coverage. */
  narrative?: NarrativeSummary;
}

export interface JsonReport {
  tool: { name: string; version: string };
  lang: string;
  failOn: string;
  /** The exit code the run ends with (0 / 1 / 2). */
  exitCode: number;
  /** Severities with a finding reaching failOn (why exitCode is 1), most severe first. */
  failedBy: string[];
  /** The budget-audit.config.json applied, when one was found or given. */
  configFile?: string;
  files: JsonFile[];
}

export function toJsonReport(reports: readonly ReportFile[], opts: FormatOptions): JsonReport {
  return {
    tool: { name: opts.tool.name, version: opts.tool.version },
    lang: opts.lang,
    failOn: opts.failOn,
    exitCode: exitCodeFor(reports, opts.failOn, opts.maxWarnings),
    failedBy: runVerdict(reports, opts).failedBy,
    ...(opts.configPath !== undefined ? { configFile: opts.configPath } : {}),
    files: reports.map((r) => {
      const file: JsonFile = {
        path: r.path,
        department: r.department,
        year: r.year,
        unit: r.unit,
        tables: r.tables.map((t) => ({ id: t.id, title: t.title, found: t.found, sheet: t.sheet, range: t.range })),
        summary: r.summary,
        findings: r.findings.map((f) => ({
          id: f.id,
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message[opts.lang],
          expected: f.expected,
          actual: f.actual,
          difference: f.difference,
          locations: f.locations.map((l) => ({
            table: l.table,
            sheet: l.sheet,
            cell: l.cell,
            row: l.row,
            column: l.column,
            value: l.value,
            ...(l.page !== undefined ? { page: l.page } : {}),
            ...(l.box ? { box: l.box } : {}),
            ...(l.quote ? { quote: l.quote } : {}),
          })),
          failing: fails(f.severity, opts.failOn),
          ...(f.suggestion ? { suggestion: f.suggestion } : {}),
        })),
        notRun: r.notRun.map((n) => ({ ruleId: n.ruleId, reason: oneLanguage(n.reason, opts.lang) })),
      };
      if (r.loadError !== undefined) file.loadError = r.loadError;
      if (r.narrative) file.narrative = r.narrative;
      return file;
    }),
  };
}

export function formatJson(reports: readonly ReportFile[], opts: FormatOptions): string {
  return JSON.stringify(toJsonReport(reports, opts), null, 2) + '\n';
}
