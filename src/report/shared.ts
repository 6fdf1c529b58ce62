/**
 * The report every formatter consumes, with the helpers they share (formatters
 * import this, never ./index.ts, which only dispatches). A `ReportFile` is
 * plain data (strings, numbers, booleans): it crosses worker threads by
 * structured clone and goes into JSON as is. Amounts are decimal strings,
 * never JS numbers.
 */
import type { TableId } from '../model/amount.js';
import type { Budget } from '../model/budget.js';
import type { Finding, Severity } from '../model/finding.js';
import { SEVERITY_ORDER } from '../model/finding.js';
import type { NarrativeSummary } from '../model/narrative.js';
import type { FileReport, NotRun, Summary } from '../model/report.js';
import { narrativeSummary, plainQuote } from '../narrative/summary.js';
import type { RuleMeta } from '../rules/types.js';
import { findingIds } from '../corrections/ids.js';
import type { Suggestion } from '../model/suggestion.js';
import { NAME, VERSION } from '../version.js';
import { messages } from './messages.js';

export type Lang = 'zh' | 'en';
/** Severities that can fail a run (info never does). */
export type FailOn = 'error' | 'warning' | 'rounding';
export type FormatName = 'text' | 'json' | 'junit' | 'sarif' | 'html';

export const FORMATS: readonly FormatName[] = ['text', 'json', 'junit', 'sarif', 'html'];
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'rounding'];
export const LANGS: readonly Lang[] = ['zh', 'en'];

export interface ReportTable {
  id: TableId;
  title: string;
  found: boolean;
  sheet?: string;
  /** A1 range the table occupies. */
  range?: string;
}

/** One workbook's result, serializable (see module comment). */
export interface ReportFile {
  path: string;
  department?: string;
  year?: number;
  unit?: string;
  /** Decimal places amounts are published to. */
  precision?: number;
  tables: ReportTable[];
  summary: Summary;
  findings: Finding[];
  notRun: NotRun[];
  /** One-line reason the file could not be read (the run exits 2). */
  loadError?: string;
  /** The narrative (说明) checked with the workbook, and how much of it was checked. */
  narrative?: NarrativeSummary;
  /**
   * The loaded budget, only when the file was checked in this thread
   * (single file, --jobs 1, --format html). Never sent across threads;
   * formatters other than html must not rely on it.
   */
  budget?: Budget;
}

export interface FormatOptions {
  lang: Lang;
  /** Lowest severity that fails the run (already lowered to rounding by --strict). */
  failOn: FailOn;
  /** Colour in text output (chalk level > 0). */
  color: boolean;
  /** The rule catalog (for SARIF tool.driver.rules and JUnit test cases). */
  rules: RuleMeta[];
  /** Paths in reports are shown relative to this directory. */
  cwd: string;
  tool: { name: string; version: string };
  /** Text: severities shown in full (default error, warning; the rest summarised); --show / --verbose. */
  show?: Severity[];
  /** Text: list blank addends cell by cell (--verbose); otherwise they are counted. */
  listBlanks?: boolean;
  /** Text: errors only (--quiet). */
  quiet?: boolean;
  /** --max-warnings N: more warnings than N fail the run. */
  maxWarnings?: number;
  /** The budget-audit.config.json applied to this run, as given or found. */
  configPath?: string;
}

export function defaultFormatOptions(partial: Partial<FormatOptions> = {}): FormatOptions {
  return {
    lang: 'zh',
    failOn: 'error',
    color: false,
    rules: [],
    cwd: process.cwd(),
    tool: { name: NAME, version: VERSION },
    ...partial,
  };
}

/** --strict lowers the threshold to rounding; otherwise --fail-on (default error) stands. */
export function effectiveFailOn(failOn: FailOn | undefined, strict: boolean | undefined): FailOn {
  const base = failOn ?? 'error';
  return strict ? 'rounding' : base;
}

/** Does a finding of this severity fail a run with this threshold? */
export function fails(severity: Severity, failOn: FailOn): boolean {
  return severity !== 'info' && SEVERITY_ORDER[severity] >= SEVERITY_ORDER[failOn];
}

/** 0 clean, 1 a finding reaches failOn (or warnings exceed maxWarnings), 2 a file could not be read (2 wins). */
export function exitCodeFor(reports: readonly ReportFile[], failOn: FailOn, maxWarnings?: number): 0 | 1 | 2 {
  if (reports.some((r) => r.loadError !== undefined)) return 2;
  if (maxWarnings !== undefined) {
    let warnings = 0;
    for (const r of reports) for (const f of r.findings) if (f.severity === 'warning') warnings++;
    if (warnings > maxWarnings) return 1;
  }
  return reports.some((r) => r.findings.some((f) => fails(f.severity, failOn))) ? 1 : 0;
}

/** Counts by severity, recomputed from the findings (after per-rule overrides). */
export function countSeverities(findings: readonly Finding[]): Pick<Summary, Severity> {
  const c = { error: 0, warning: 0, rounding: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** `03支出总表!D7`: how SARIF, JUnit and text name a cell (a location without one: its table, in the report language). */
export function cellName(
  loc: { sheet?: string; cell?: string; table?: string; page?: number; quote?: { paragraph: number; sentence: number } },
  lang: Lang = 'zh',
): string {
  if (loc.quote) return lang === 'en' ? `narrative ¶${loc.quote.paragraph}.${loc.quote.sentence}` : `说明¶${loc.quote.paragraph}.${loc.quote.sentence}`;
  // A PDF has no cells: its page and table ("第12页 表05"), the row and column follow.
  if (loc.page !== undefined) return messages(lang).page(loc.page, loc.table ?? '');
  if (loc.sheet && loc.cell) return `${loc.sheet}!${loc.cell}`;
  return loc.sheet ?? loc.cell ?? messages(lang).table(loc.table ?? '');
}

/**
 * Strips what can't cross a thread or go into JSON: the Budget (Decimal
 * instances) stays behind; findings are copied field by field so a stray
 * non-plain value in a rule's finding can't break structured clone.
 */
export function toReportFile(fr: FileReport, keepBudget = false): ReportFile {
  const b = fr.budget;
  const out: ReportFile = {
    path: fr.path,
    tables: b
      ? Object.values(b.tables)
          .map((t) => ({ id: t.id, title: t.title, found: t.found, sheet: t.sheet, range: t.range }))
          // Table ids are "01"…"23": code-unit order, without setting up ICU collation.
          .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
      : [],
    summary: { ...fr.summary },
    findings: plainFindings(fr.findings),
    notRun: fr.notRun.map((n) => ({ ruleId: n.ruleId, reason: n.reason })),
  };
  if (b?.department !== undefined) out.department = b.department;
  if (b?.year !== undefined) out.year = b.year;
  if (b?.unit !== undefined) out.unit = b.unit;
  if (b) out.precision = b.precision;
  if (fr.loadError !== undefined) out.loadError = fr.loadError;
  if (b?.narrative) out.narrative = narrativeSummary(b.narrative);
  if (keepBudget && b) out.budget = b;
  return out;
}

/** Plain copies with their stable ids (rule + cells; src/corrections/ids.ts). */
function plainFindings(findings: readonly Finding[]): Finding[] {
  const ids = findingIds(findings);
  return findings.map((f, i) => plainFinding(f, ids[i]!));
}

function plainSuggestion(s: Suggestion): Suggestion {
  const cells = (cs: Suggestion['cells']) =>
    cs.map((c) => ({
      table: c.table,
      sheet: String(c.sheet),
      cell: String(c.cell),
      ...(c.page !== undefined ? { page: Number(c.page) } : {}),
      row: String(c.row),
      column: String(c.column),
      from: String(c.from),
      to: String(c.to),
    }));
  return {
    id: String(s.id),
    cells: cells(s.cells),
    resolves: s.resolves.map(String),
    verified: s.verified === true,
    ambiguous: s.ambiguous === true,
    alternatives: s.alternatives.map((a) => ({ cells: cells(a.cells), verified: a.verified === true })),
  };
}

function plainFinding(f: Finding, id: string): Finding {
  const out: Finding = {
    ruleId: String(f.ruleId),
    severity: f.severity,
    message: { zh: String(f.message.zh), en: String(f.message.en) },
    locations: f.locations.map((l) => {
      const loc: Finding['locations'][number] = { table: l.table };
      if (l.sheet !== undefined) loc.sheet = String(l.sheet);
      if (l.cell !== undefined) loc.cell = String(l.cell);
      if (l.row !== undefined) loc.row = String(l.row);
      if (l.column !== undefined) loc.column = String(l.column);
      if (l.value !== undefined) loc.value = String(l.value);
      if (l.role !== undefined) loc.role = l.role;
      if (l.page !== undefined) loc.page = Number(l.page);
      if (l.box) loc.box = { x: Number(l.box.x), y: Number(l.box.y), w: Number(l.box.w), h: Number(l.box.h) };
      if (l.quote !== undefined) loc.quote = plainQuote(l.quote);
      return loc;
    }),
  };
  if (f.expected !== undefined) out.expected = String(f.expected);
  if (f.actual !== undefined) out.actual = String(f.actual);
  if (f.difference !== undefined) out.difference = String(f.difference);
  out.id = id;
  if (f.suggestion) out.suggestion = plainSuggestion(f.suggestion);
  return out;
}

/** A report for a file that could not be read. */
export function loadErrorReport(path: string, message: string): ReportFile {
  return {
    path,
    tables: [],
    summary: { checks: 0, passed: 0, error: 0, warning: 0, rounding: 0, info: 0 },
    findings: [],
    notRun: [],
    loadError: message,
  };
}
