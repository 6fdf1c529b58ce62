/**
 * Default human-readable output: per file a header, findings grouped by
 * table with every cell involved, rules not run, a summary line; a batch ends
 * with a per-file table.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import stringWidth from 'string-width';
import type { Finding, Severity } from '../model/finding.js';
import { SEVERITY_ORDER } from '../model/finding.js';
import type { FormatOptions, Lang, ReportFile } from './shared.js';
import { cellName, fails } from './shared.js';
import { suggestionsOf, suggestionText } from './suggestion-text.js';

const L = {
  zh: {
    file: '文件', department: '部门', year: '年度', unit: '金额单位', tables: '找到的表',
    expected: '应为', actual: '实为', difference: '差额', blank: '空白',
    notRun: '未运行的检查', other: '其他', unreadable: '无法读取',
    summary: (s: ReportFile['summary']) =>
      `检查 ${s.checks} 项，通过 ${s.passed}，错误 ${s.error}，警告 ${s.warning}，舍入差 ${s.rounding}，提示 ${s.info}`,
    noFindings: '未发现问题。',
    fixes: (n: number) => `${n} 处建议修改`,
    cluster: '建议修改',
    severity: { error: '错误', warning: '警告', rounding: '舍入', info: '提示' } as Record<Severity, string>,
    files: '文件', errors: '错误', warnings: '警告', roundings: '舍入', status: '状态',
    total: (n: number, bad: number) => `共 ${n} 个文件，其中 ${bad} 个无法读取`,
    yearSuffix: '年',
  },
  en: {
    file: 'File', department: 'Department', year: 'Year', unit: 'Unit', tables: 'Tables found',
    expected: 'expected', actual: 'actual', difference: 'difference', blank: 'blank',
    notRun: 'Checks not run', other: 'Other', unreadable: 'could not be read',
    summary: (s: ReportFile['summary']) =>
      `${s.checks} checks, ${s.passed} passed, ${s.error} errors, ${s.warning} warnings, ${s.rounding} rounding, ${s.info} info`,
    noFindings: 'No findings.',
    fixes: (n: number) => `${n} suggested fix${n === 1 ? '' : 'es'}`,
    cluster: 'Suggested fix',
    severity: { error: 'ERROR', warning: 'WARNING', rounding: 'ROUNDING', info: 'INFO' } as Record<Severity, string>,
    files: 'File', errors: 'Errors', warnings: 'Warnings', roundings: 'Rounding', status: 'Status',
    total: (n: number, bad: number) => `${n} files, ${bad} could not be read`,
    yearSuffix: '',
  },
} satisfies Record<Lang, unknown>;

/** Workbook text is untrusted: control characters (ESC sequences could drive the terminal) become U+FFFD. */
function clean(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}

export function formatText(reports: readonly ReportFile[], opts: FormatOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const out: string[] = [];
  for (const r of reports) {
    out.push(...fileSection(r, opts, c), '');
  }
  if (reports.length > 1) out.push(...batchTable(reports, opts, c));
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}

function sevColor(c: ChalkInstance, s: Severity): (t: string) => string {
  return s === 'error' ? c.red.bold : s === 'warning' ? c.yellow : s === 'rounding' ? c.cyan : c.gray;
}

function fileSection(r: ReportFile, opts: FormatOptions, c: ChalkInstance): string[] {
  const t = L[opts.lang];
  const lines: string[] = [];
  const title = [r.department && clean(r.department), r.year !== undefined ? `${r.year}${t.yearSuffix}` : undefined].filter(Boolean).join(' ');
  lines.push(c.bold(clean(title ? `${title} — ${r.path}` : r.path)));
  if (r.loadError !== undefined) {
    lines.push(c.red.bold(`  ${t.unreadable}: ${clean(r.loadError)}`));
    return lines;
  }
  const meta = [`${t.file}: ${clean(r.path)}`];
  if (r.unit) meta.push(`${t.unit}: ${r.unit}`);
  if (r.tables.length) meta.push(`${t.tables}: ${r.tables.filter((x) => x.found).length}/${r.tables.length}`);
  lines.push(c.dim(meta.join('  ')));

  // Each suggested correction first, with the findings it resolves under it.
  const fixes = suggestionsOf(r.findings);
  fixes.forEach((s, i) => {
    lines.push('');
    lines.push(c.bold.underline(`${t.cluster} ${i + 1}/${fixes.length}`));
    lines.push(c.green.bold(`  ➜ ${clean(suggestionText(s, opts.lang))}`));
    const fs = r.findings.filter((f) => f.suggestion?.id === s.id);
    for (const f of fs) lines.push(...findingLines(f, opts, c));
  });

  // The rest, grouped by the table of each finding's first location (where the fix most likely goes).
  const groups = new Map<string, Finding[]>();
  for (const f of r.findings) {
    if (f.suggestion) continue;
    const key = f.locations[0]?.table ?? '';
    const g = groups.get(key) ?? [];
    g.push(f);
    groups.set(key, g);
  }
  const titles = new Map(r.tables.map((x) => [x.id as string, x.title]));
  for (const key of [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))) {
    const fs = groups.get(key)!.slice().sort((a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity]);
    lines.push('');
    lines.push(c.bold.underline(key ? clean(`表${key} ${titles.get(key) ?? ''}`.trimEnd()) : t.other));
    for (const f of fs) lines.push(...findingLines(f, opts, c));
  }
  if (r.findings.length === 0) lines.push('', c.green(t.noFindings));

  if (r.notRun.length) {
    lines.push('', c.bold(t.notRun));
    for (const n of r.notRun) lines.push(clean(`  ${n.ruleId}: ${n.reason}`));
  }
  lines.push('', c.bold(fixes.length ? `${t.summary(r.summary)}${opts.lang === 'zh' ? '，' : ', '}${t.fixes(fixes.length)}` : t.summary(r.summary)));
  return lines;
}

function findingLines(f: Finding, opts: FormatOptions, c: ChalkInstance): string[] {
  const t = L[opts.lang];
  const color = sevColor(c, f.severity);
  const mark = fails(f.severity, opts.failOn) ? '✖' : f.severity === 'info' ? 'ℹ' : '•';
  const lines = [`  ${color(`${mark} ${t.severity[f.severity]}`)} ${c.dim(`[${clean(f.ruleId)}]`)} ${clean(f.message[opts.lang])}`];
  const nums: string[] = [];
  if (f.expected !== undefined) nums.push(`${t.expected} ${f.expected}`);
  if (f.actual !== undefined) nums.push(`${t.actual} ${f.actual}`);
  if (f.difference !== undefined) nums.push(`${t.difference} ${f.difference}`);
  if (nums.length) lines.push(`      ${nums.join('  ')}`);
  // Blank parts of a long breakdown (表01 lists 30 功能 lines) go on one line per sheet.
  const blanks = new Map<string, string[]>();
  f.locations.forEach((l, i) => {
    if (i > 0 && l.value === '' && l.page !== undefined) {
      // PDF: a blank has no cell name, its row does ("(空白) 第10页 表01: 经费拨款, …").
      const key = `${cellName(l)}:`;
      blanks.set(key, [...(blanks.get(key) ?? []), l.row ?? '']);
      return;
    }
    if (i > 0 && l.value === '' && l.sheet && l.cell) {
      blanks.set(`${l.sheet}!`, [...(blanks.get(`${l.sheet}!`) ?? []), l.cell]);
      return;
    }
    const where = c.cyan(clean(cellName(l)));
    const what = clean([l.row, l.column].filter((x) => x !== undefined && x !== '').join(' · '));
    const value = l.value === undefined ? '' : ` = ${l.value === '' ? `(${t.blank})` : clean(l.value)}`;
    lines.push(`      ${where}  ${what}${value}`.trimEnd());
  });
  for (const [sheet, cells] of blanks) lines.push(`      ${c.dim(clean(`(${t.blank}) ${sheet}${sheet.endsWith(':') ? ' ' : ''}${cells.join(', ')}`))}`);
  return lines;
}

function batchTable(reports: readonly ReportFile[], opts: FormatOptions, c: ChalkInstance): string[] {
  const t = L[opts.lang];
  const header = [t.files, t.department, t.errors, t.warnings, t.roundings];
  const rows = reports.map((r) =>
    r.loadError !== undefined
      ? [clean(r.path), `(${t.unreadable})`, '-', '-', '-']
      : [clean(r.path), clean(r.department ?? ''), String(r.summary.error), String(r.summary.warning), String(r.summary.rounding)],
  );
  const widths = header.map((h, i) => Math.max(stringWidth(h), ...rows.map((row) => stringWidth(row[i]!))));
  const fmt = (cells: string[]) =>
    cells
      .map((cell, i) => (i >= 2 ? ' '.repeat(widths[i]! - stringWidth(cell)) + cell : cell + ' '.repeat(widths[i]! - stringWidth(cell))))
      .join('  ')
      .trimEnd();
  const lines = [c.bold(fmt(header)), widths.map((w) => '─'.repeat(w)).join('  ')];
  reports.forEach((r, i) => {
    const line = fmt(rows[i]!);
    lines.push(r.loadError !== undefined ? c.red(line) : r.summary.error > 0 ? c.red(line) : line);
  });
  lines.push(t.total(reports.length, reports.filter((r) => r.loadError !== undefined).length));
  return lines;
}
