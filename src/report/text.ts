/**
 * Default human-readable output, answer first (ESLint-stylish): per workbook a
 * one-line verdict (通过 / 未通过, counts by severity, why it fails), then the
 * errors and warnings in full grouped by table (the sheet named once in the
 * table's heading, cells as `表10!L8`), then rounding and info summarised, one
 * line per rule and table with the count and the largest difference.
 * `--show`/`--verbose` print those in full; `--verbose` also lists blank
 * addends cell by cell. A batch ends with a per-file table and a total row.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { Decimal } from 'decimal.js';
import stringWidth from 'string-width';
import type { Finding, FindingLocation, Severity } from '../model/finding.js';
import { SEVERITY_ORDER } from '../model/finding.js';
import { figuresText, messages, oneLanguage, type Messages } from './messages.js';
import type { FormatOptions, ReportFile } from './shared.js';
import { fails } from './shared.js';
import { verdictOf, verdictText, type Verdict } from './verdict.js';
import { narrativeHeader, quotePlace, quoteSnippet } from './quote.js';
import { suggestionsOf, suggestionText } from './suggestion-text.js';

/** Findings located in the narrative are grouped under this key (tables are "01"…"23", other ""). */
const NARRATIVE_GROUP = '说明';
const NARRATIVE_HEADING = { zh: '说明（部门预算公开说明）', en: 'Narrative (说明)' } as const;

/** The group a finding is shown under: the narrative for a quote, else the table of its first location. */
function groupOf(f: Finding): string {
  return f.locations[0]?.quote ? NARRATIVE_GROUP : (f.locations[0]?.table ?? '');
}

/** Workbook text is untrusted: control characters (ESC sequences could drive the terminal) become U+FFFD. */
function clean(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}

const DEFAULT_SHOW: readonly Severity[] = ['error', 'warning'];

interface Ctx {
  opts: FormatOptions;
  M: Messages;
  c: ChalkInstance;
  show: ReadonlySet<Severity>;
  /** Table id → its sheet, for `表10!L8` (the sheet named in the heading). */
  sheets: Map<string, string | undefined>;
}

export function formatText(reports: readonly ReportFile[], opts: FormatOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const M = messages(opts.lang);
  const show = new Set<Severity>(opts.quiet ? ['error'] : (opts.show ?? DEFAULT_SHOW));
  const out: string[] = [];
  for (const r of reports) {
    const sheets = new Map(r.tables.map((t) => [t.id as string, t.sheet]));
    out.push(...fileSection(r, { opts, M, c, show, sheets }), '');
  }
  if (reports.length > 1) out.push(...batchTable(reports, opts, c));
  if (opts.configPath !== undefined) out.push('', c.dim(clean(M.config(opts.configPath))));
  while (out.length && out[out.length - 1] === '') out.pop();
  while (out.length && out[0] === '') out.shift();
  return out.join('\n') + '\n';
}

function sevColor(c: ChalkInstance, s: Severity): (t: string) => string {
  return s === 'error' ? c.red.bold : s === 'warning' ? c.yellow : s === 'rounding' ? c.cyan : c.gray;
}

function verdictLine(r: ReportFile, v: Verdict, x: Ctx): string {
  const text = clean(`${v.pass ? '✔' : '✖'} ${verdictText(v, x.opts)} — ${r.path}`);
  return v.pass ? x.c.green.bold(text) : x.c.red.bold(text);
}

function fileSection(r: ReportFile, x: Ctx): string[] {
  const { M, c, opts } = x;
  const v = verdictOf(r, opts);
  const lines = [verdictLine(r, v, x)];
  if (r.loadError !== undefined) {
    lines.push(c.red(`  ${M.unreadable}: ${clean(r.loadError)}`));
    return lines;
  }
  const meta = [
    [r.department, r.year !== undefined ? `${r.year}${M.yearSuffix}` : undefined].filter(Boolean).join(' '),
    r.unit ? `${M.unit} ${r.unit}` : '',
    r.tables.length ? `${M.tablesFound} ${r.tables.filter((t) => t.found).length}/${r.tables.length}` : '',
    M.checks(r.summary.checks, r.summary.passed),
  ].filter(Boolean);
  lines.push(c.dim(clean(`  ${meta.join(' · ')}`)));
  if (r.narrative) lines.push(c.dim(clean(`  ${narrativeHeader(r.narrative, opts.lang)}`)));

  const titles = new Map(r.tables.map((t) => [t.id as string, t.title]));
  // Each suggested correction first (src/corrections), with the findings it resolves under it.
  const fixes = suggestionsOf(r.findings);
  fixes.forEach((s, i) => {
    const first = s.cells[0];
    const where = first ? ` — ${clean(heading(first.table, titles.get(first.table), x, first.page !== undefined))}` : '';
    lines.push('', c.bold.underline(`${M.fixCluster} ${i + 1}/${fixes.length}${where}`));
    lines.push(c.green.bold(`  ➜ ${clean(suggestionText(s, opts.lang))}`));
    for (const f of r.findings) if (f.suggestion?.id === s.id) lines.push(...findingLines(f, x));
  });

  const full = r.findings.filter((f) => x.show.has(f.severity) && !f.suggestion);
  const rest = r.findings.filter((f) => !x.show.has(f.severity) && !f.suggestion);
  // Grouped by the table of each finding's first location (where the fix most likely goes).
  const groups = new Map<string, Finding[]>();
  for (const f of full) {
    const key = groupOf(f);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const key of [...groups.keys()].sort(byTable)) {
    const fs = groups.get(key)!.slice().sort((a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity]);
    // A PDF's table has no sheet: its cells are named by page ("第33页 表22").
    const pdf = fs.some((f) => f.locations[0]?.page !== undefined);
    lines.push('', c.bold.underline(clean(heading(key, titles.get(key), x, pdf))));
    for (const f of fs) lines.push(...findingLines(f, x));
  }
  if (r.findings.length === 0) lines.push('', c.green(M.noFindings));
  if (opts.quiet) {
    if (rest.length) lines.push('', c.dim(M.hidden(rest.length)));
  } else if (rest.length) {
    lines.push('', c.bold(M.summarised(([...new Set(rest.map((f) => f.severity))] as Severity[]).sort((a, b) => SEVERITY_ORDER[b] - SEVERITY_ORDER[a]))));
    lines.push(...summaryLines(rest, titles, x));
  }
  if (r.notRun.length && !opts.quiet) {
    lines.push('', c.bold(M.notRun));
    for (const n of r.notRun) lines.push(clean(`  ${n.ruleId}: ${oneLanguage(n.reason, opts.lang)}`));
  }
  return lines;
}

/** Code-unit order: table ids and rule ids are ASCII; localeCompare would set up ICU collation (ms) for the same order. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byTable(a: string, b: string): number {
  return a === '' ? 1 : b === '' ? -1 : cmp(a, b);
}

/** "表10 一般公共预算基本支出表… — 工作表 10一般公共预算…": the sheet named once, here. */
function heading(table: string, title: string | undefined, x: Ctx, pdf = false): string {
  if (table === NARRATIVE_GROUP) return NARRATIVE_HEADING[x.opts.lang];
  if (!table) return x.M.other;
  const sheet = pdf ? undefined : x.sheets.get(table);
  const head = `${x.M.table(table)} ${title ?? ''}`.trimEnd();
  return sheet ? `${head} — ${x.M.sheet} ${sheet}` : head;
}

/** `表10!L8` when the cell is on its table's sheet (named in the heading); else the full `sheet!cell`. */
function shortCell(l: FindingLocation, x: Ctx): string {
  if (l.page !== undefined) return x.M.page(l.page, l.table);
  return l.cell ? `${sheetPrefix(l, x)}!${l.cell}` : (l.sheet ?? x.M.table(l.table));
}

function sheetPrefix(l: FindingLocation, x: Ctx): string {
  return l.sheet === undefined || l.sheet === x.sheets.get(l.table) ? x.M.table(l.table) : l.sheet;
}

function findingLines(f: Finding, x: Ctx): string[] {
  const { M, c, opts } = x;
  const color = sevColor(c, f.severity);
  const mark = fails(f.severity, opts.failOn) ? '✖' : f.severity === 'info' ? 'ℹ' : '•';
  const lines = [`  ${color(`${mark} ${M.severity[f.severity]}`)} ${clean(f.message[opts.lang])}  ${c.dim(clean(f.ruleId))}`];
  const nums = figuresText(f, opts.lang);
  if (nums) lines.push(`      ${nums}`);
  // Blank parts of a long breakdown (表01 lists 30 功能 lines): counted, or with --verbose listed on one line per table.
  const blanks = new Map<string, string[]>();
  let blankCount = 0;
  f.locations.forEach((l, i) => {
    if (l.quote) {
      lines.push(`      ${c.cyan(clean(quotePlace(l.quote, opts.lang)))}  ${quoteSnippet({ ...l.quote, text: clean(l.quote.text) }, (s) => c.bold.underline(s))}`);
      return;
    }
    if (i > 0 && l.value === '' && l.page !== undefined) {
      // PDF: a blank has no cell name, its row does ("(空白) 第10页 表01: 经费拨款, …").
      blankCount++;
      const key = `${x.M.page(l.page, l.table)}: `;
      blanks.set(key, [...(blanks.get(key) ?? []), l.row ?? '']);
      return;
    }
    if (i > 0 && l.value === '' && l.cell) {
      blankCount++;
      const key = `${sheetPrefix(l, x)}!`;
      blanks.set(key, [...(blanks.get(key) ?? []), l.cell]);
      return;
    }
    const where = c.cyan(clean(shortCell(l, x)));
    const what = clean([l.row, l.column].filter((v) => v !== undefined && v !== '').join(' · '));
    const value = l.value === undefined ? '' : ` = ${l.value === '' ? `(${M.blank})` : clean(l.value)}`;
    lines.push(`      ${where}  ${what}${value}`.trimEnd());
  });
  if (blankCount && opts.listBlanks) {
    for (const [where, cells] of blanks) lines.push(`      ${c.dim(clean(`(${M.blank}) ${where}${cells.join(', ')}`))}`);
  } else if (blankCount) {
    lines.push(`      ${c.dim(`(${M.blanks(blankCount)})`)}`);
  }
  return lines;
}

/** One line per severity, rule and table: the count and the largest difference. */
function summaryLines(findings: readonly Finding[], titles: Map<string, string>, x: Ctx): string[] {
  const { M, c } = x;
  const groups = new Map<string, { sev: Severity; rule: string; table: string; n: number; largest?: string; abs?: Decimal }>();
  for (const f of findings) {
    const table = groupOf(f);
    const key = `${f.severity}\u0000${table}\u0000${f.ruleId}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { sev: f.severity, rule: f.ruleId, table, n: 0 }));
    g.n++;
    if (f.difference !== undefined) {
      try {
        const abs = new Decimal(f.difference).abs();
        if (g.abs === undefined || abs.gt(g.abs)) {
          g.abs = abs;
          g.largest = f.difference;
        }
      } catch {
        // A difference that is no decimal string is shown by the full report only.
      }
    }
  }
  // The title last, where its length (表09's is 40 characters) pushes nothing out of line.
  const rows = [...groups.values()]
    .sort((a, b) => SEVERITY_ORDER[b.sev] - SEVERITY_ORDER[a.sev] || byTable(a.table, b.table) || cmp(a.rule, b.rule))
    .map((g) => ({
      cells: [M.severity[g.sev], g.table === NARRATIVE_GROUP ? NARRATIVE_HEADING[x.opts.lang] : g.table ? M.table(g.table) : M.other, g.rule, M.summaryCount(g.n, g.largest)],
      title: g.table ? (titles.get(g.table) ?? '') : '',
      sev: g.sev,
    }));
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => stringWidth(clean(r.cells[i]!)))));
  return rows.map((r) => {
    const [sev, table, rule, count] = r.cells.map((cell, i) => clean(cell) + ' '.repeat(w[i]! - stringWidth(clean(cell))));
    return `  ${sevColor(c, r.sev)(sev!)}  ${table}  ${c.dim(rule!)}  ${count}  ${c.dim(clean(r.title))}`.trimEnd();
  });
}

function batchTable(reports: readonly ReportFile[], opts: FormatOptions, c: ChalkInstance): string[] {
  const M = messages(opts.lang);
  const verdicts = reports.map((r) => verdictOf(r, { ...opts, maxWarnings: undefined }));
  const header = [M.status, M.files, M.department, M.severity.error, M.severity.warning, M.severity.rounding, M.severity.info];
  const rows = reports.map((r, i) => {
    const v = verdicts[i]!;
    if (r.loadError !== undefined) return [M.unreadable, clean(r.path), '', '-', '-', '-', '-'];
    const s = v.counts;
    return [v.pass ? M.pass : M.fail, clean(r.path), clean(r.department ?? ''), String(s.error), String(s.warning), String(s.rounding), String(s.info)];
  });
  const sum = (k: keyof Verdict['counts']) => String(verdicts.reduce((n, v) => n + v.counts[k], 0));
  const failed = verdicts.filter((v) => !v.pass && !v.unreadable).length;
  const unreadable = verdicts.filter((v) => v.unreadable).length;
  const totalRow = [M.total, M.batchTotal(reports.length, failed, unreadable), '', sum('error'), sum('warning'), sum('rounding'), sum('info')];
  const all = [header, ...rows, totalRow];
  const widths = header.map((_, i) => Math.max(...all.filter((r) => !(r === totalRow && i === 1)).map((row) => stringWidth(row[i]!))));
  const fmt = (cells: string[]) =>
    cells
      .map((cell, i) => (i >= 3 ? ' '.repeat(Math.max(0, widths[i]! - stringWidth(cell))) + cell : cell + ' '.repeat(Math.max(0, widths[i]! - stringWidth(cell)))))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const lines = [c.bold(fmt(header)), rule];
  rows.forEach((row, i) => {
    const line = fmt(row);
    lines.push(verdicts[i]!.pass ? line : c.red(line));
  });
  lines.push(rule);
  // The total row: its file column holds the count sentence, which may be wider than the column.
  const [h0, h1, , ...nums] = totalRow;
  const lead = `${h0}${' '.repeat(Math.max(0, widths[0]! - stringWidth(h0!)))}  ${h1}`;
  const numsText = nums.map((n, i) => ' '.repeat(Math.max(0, widths[i + 3]! - stringWidth(n))) + n).join('  ');
  const pad = widths[0]! + 2 + widths[1]! + 2 + widths[2]! + 2;
  lines.push(c.bold(`${lead}${' '.repeat(Math.max(2, pad - stringWidth(lead)))}${numsText}`));
  return lines;
}
