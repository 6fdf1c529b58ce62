/**
 * The 审核结果 sheet as plain rows, whichever writer renders it: a title, the
 * file and summary, a header row (frozen, filterable), then one row per
 * finding location — amounts as numbers (#,##0.00), the cell as a link.
 */
import path from 'node:path';
import type { Finding, FindingLocation, Severity } from '../../model/finding.js';
import { LABELS, type Lang } from '../html/i18n.js';
import type { ReportInput } from '../html/input.js';
import { locationRole } from '../roles.js';
import { normalizeCell, sortFindings, type AnnotateOptions } from './marks.js';

export const RESULTS_SHEET = '审核结果';

export type ResultCell =
  | { kind: 'text'; text: string; style?: 'title' | 'header' | 'wrap'; severity?: Severity }
  /** A decimal string, written as a number shown #,##0.00 (never through a JS number). */
  | { kind: 'money'; value: string }
  | { kind: 'link'; text: string; sheet: string; cell: string };

export interface ResultsTable {
  rows: (ResultCell | undefined)[][];
  /** 0-based row of the column headers (frozen, the filter's first row). */
  headerRow: number;
  /** 0-based last row of the findings (the filter's range). */
  lastRow: number;
  /** Column widths in characters. */
  widths: number[];
}

const WORDS: Record<Lang, { title: string; headers: string[]; suggestion: string; notRun: string; file: string; none: string; converted: string }> = {
  zh: {
    title: 'budget-audit 审核结果',
    headers: ['序号', '严重程度', '规则', '说明', '应为', '实际', '差额', '单元格', '角色', '表', '行', '列', '数值'],
    suggestion: '建议修改',
    notRun: '未运行的规则',
    file: '文件',
    none: '未发现问题。',
    converted: '注意：原文件为 .xls，本副本已转换为 .xlsx，原表的字体、填充、边框等格式未保留。',
  },
  en: {
    title: 'budget-audit findings',
    headers: ['#', 'Severity', 'Rule', 'Message', 'Expected', 'Actual', 'Difference', 'Cell', 'Role', 'Table', 'Row', 'Column', 'Value'],
    suggestion: 'Suggested fix',
    notRun: 'Rules not run',
    file: 'File',
    none: 'No findings.',
    converted: 'Note: the original is an .xls file; this copy was converted to .xlsx and does not keep its fonts, fills or borders.',
  },
};

const WIDTHS = [6, 9, 22, 60, 13, 13, 12, 24, 11, 8, 36, 30, 13];

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function resultsTable(
  report: ReportInput,
  sheetOf: (loc: FindingLocation) => string | undefined,
  opts: AnnotateOptions & { converted?: boolean },
): ResultsTable {
  const lang: Lang = opts.lang === 'en' ? 'en' : 'zh';
  const L = LABELS[lang];
  const W = WORDS[lang];
  const findings = sortFindings(report.findings);
  const suggestions = findings.map((f) => opts.suggestion?.(f, lang));
  const withSuggestion = suggestions.some(Boolean);
  const text = (t: string, extra: Partial<{ style: 'title' | 'header' | 'wrap'; severity: Severity }> = {}): ResultCell => ({ kind: 'text', text: t, ...extra });
  const money = (v: string | undefined): ResultCell | undefined =>
    v === undefined || v === '' ? undefined : DECIMAL.test(v) ? { kind: 'money', value: v } : text(v);

  const s = report.summary;
  const department = report.budget?.department ?? report.department;
  const year = report.budget?.year ?? report.year;
  const rows: (ResultCell | undefined)[][] = [
    [text(W.title, { style: 'title' })],
    [text(W.file), text(path.basename(report.path)), text(department ?? ''), text(year !== undefined ? String(year) : '')],
    (['error', 'warning', 'rounding', 'info'] as const)
      .map((sev) => text(`${L.severity[sev]} ${s[sev]}`, { severity: sev }))
      .concat([text(`${L.checks} ${s.checks}`), text(`${L.passed} ${s.passed}`)]),
  ];
  if (opts.converted) rows.push([text(W.converted)]);
  rows.push([]);
  const headerRow = rows.length;
  rows.push([...W.headers, ...(withSuggestion ? [W.suggestion] : [])].map((h) => text(h, { style: 'header' })));

  findings.forEach((f, i) => {
    const head: (ResultCell | undefined)[] = [
      text(String(i + 1)),
      text(L.severity[f.severity], { severity: f.severity }),
      text(f.ruleId),
      text(f.message[lang], { style: 'wrap' }),
      money(f.expected),
      money(f.actual),
      money(f.difference),
    ];
    const locs: (FindingLocation | undefined)[] = f.locations.length ? f.locations : [undefined];
    locs.forEach((loc, j) => {
      const sheet = loc ? sheetOf(loc) : undefined;
      const cell = loc?.cell ? normalizeCell(loc.cell) : undefined;
      const where: ResultCell | undefined = !loc
        ? undefined
        : sheet && cell
          ? { kind: 'link', text: `${sheet}!${cell}`, sheet, cell }
          : text([loc.sheet, loc.cell].filter(Boolean).join('!'));
      rows.push([
        ...(j === 0 ? head : [text(String(i + 1)), undefined, undefined, undefined, undefined, undefined, undefined]),
        where,
        loc ? text(L.role[locationRole(f, j)]) : undefined,
        loc ? text(L.table(loc.table)) : undefined,
        loc?.row ? text(loc.row) : undefined,
        loc?.column ? text(loc.column) : undefined,
        money(loc?.value),
        ...(withSuggestion ? [j === 0 && suggestions[i] ? text(suggestions[i]!, { style: 'wrap' }) : undefined] : []),
      ]);
    });
  });
  const lastRow = Math.max(headerRow + 1, rows.length - 1);
  if (!findings.length) rows.push([text(W.none)]);
  if (report.notRun.length) {
    rows.push([], [text(W.notRun, { style: 'header' })]);
    for (const n of report.notRun) rows.push([text(n.ruleId), text(n.reason)]);
  }
  return { rows, headerRow, lastRow, widths: [...WIDTHS, ...(withSuggestion ? [40] : [])] };
}

/** `#'03支出总表'!D7`: an in-workbook link (quotes doubled inside a quoted sheet name). */
export function internalLink(sheet: string, cell: string): string {
  return `#${sheetRef(sheet)}!${cell}`;
}

export function sheetRef(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** A name not taken yet: 审核结果, 审核结果(2), … (re-annotating an annotated copy keeps the old sheet). */
export function uniqueSheetName(names: readonly string[], base = RESULTS_SHEET): string {
  const taken = new Set(names.map((n) => n.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const name = `${base}(${i})`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}
