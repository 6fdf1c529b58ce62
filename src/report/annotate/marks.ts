/**
 * What the annotated copy says at each flagged cell, whatever writes it (the
 * package editor or the .xls fallback): one note per cell holding all its
 * findings, and the mark that colours it (src/report/roles.ts).
 */
import type { Finding, FindingLocation } from '../../model/finding.js';
import { SEVERITY_ORDER } from '../../model/finding.js';
import { formatDecimalString } from '../html/format.js';
import { LABELS, type Lang } from '../html/i18n.js';
import { isBlankLocation, locationRole, strongestMark, type Mark } from '../roles.js';

/**
 * The hook for suggested corrections (issue 8): a finding's suggestion text
 * ("建议修改 表03!F12：45.00 → 40.00"), or undefined. The note of the cell it
 * names starts with it and 审核结果 gets a 建议修改 column.
 */
export type SuggestionText = (f: Finding, lang: Lang) => string | undefined;

export interface AnnotateOptions {
  lang: 'zh' | 'en';
  suggestion?: SuggestionText;
}

export interface CellNote {
  sheet: string;
  /** A1, no $, upper case. */
  cell: string;
  row: number;
  col: number;
  text: string;
  /** Strongest mark of its findings. */
  mark: Mark;
  /** Every finding saw it blank: a note, never an error fill. */
  blank: boolean;
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[b.f.severity] - SEVERITY_ORDER[a.f.severity] || a.i - b.i)
    .map((x) => x.f);
}

export function normalizeCell(cell: string): string | undefined {
  const c = cell.replace(/\$/g, '').toUpperCase();
  return /^[A-Z]{1,3}[1-9]\d*$/.test(c) ? c : undefined;
}

/** "B4" → 0-based row 3, col 1. */
export function decodeCell(cell: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: parseInt(m[2]!, 10) - 1, col: col - 1 };
}

function numbersLine(f: Finding, lang: Lang): string {
  const L = LABELS[lang];
  const sep = lang === 'zh' ? '；' : '; ';
  return [
    f.expected ? `${L.expected} ${formatDecimalString(f.expected)}` : '',
    f.actual ? `${L.actual} ${formatDecimalString(f.actual)}` : '',
    f.difference ? `${L.difference} ${formatDecimalString(f.difference)}` : '',
  ]
    .filter(Boolean)
    .join(sep);
}

/** "[错误] row-total（不符的数）\n<message>\n应为 …；实际 …；差额 …" */
function findingText(f: Finding, role: Mark['role'], lang: Lang): string {
  const L = LABELS[lang];
  const nums = numbersLine(f, lang);
  // The cell's role is worth saying only when the finding names several cells.
  const what = f.locations.length < 2 ? '' : lang === 'zh' ? `（${L.role[role]}）` : ` (${L.role[role]})`;
  return `[${L.severity[f.severity]}] ${f.ruleId}${what}\n${f.message[lang]}${nums ? `\n${nums}` : ''}`;
}

/**
 * One note per flagged cell (Excel allows one), its findings most severe
 * first; a suggestion naming the cell comes before them.
 */
export function cellNotes(
  findings: readonly Finding[],
  sheetOf: (loc: FindingLocation) => string | undefined,
  opts: AnnotateOptions,
): CellNote[] {
  const lang: Lang = opts.lang === 'en' ? 'en' : 'zh';
  const notes = new Map<string, { sheet: string; cell: string; parts: string[]; lead: string[]; marks: Mark[]; blank: boolean; seen: Set<Finding> }>();
  for (const f of sortFindings(findings)) {
    const suggestion = opts.suggestion?.(f, lang);
    f.locations.forEach((loc, j) => {
      const sheet = sheetOf(loc);
      const cell = loc.cell ? normalizeCell(loc.cell) : undefined;
      if (!sheet || !cell) return;
      const key = `${sheet}!${cell}`;
      let n = notes.get(key);
      if (!n) notes.set(key, (n = { sheet, cell, parts: [], lead: [], marks: [], blank: true, seen: new Set() }));
      const role = locationRole(f, j);
      n.marks.push({ severity: f.severity, role });
      if (!isBlankLocation(loc)) n.blank = false;
      if (n.seen.has(f)) return;
      n.seen.add(f);
      if (suggestion && role === 'culprit' && !n.lead.includes(suggestion)) n.lead.push(suggestion);
      n.parts.push(findingText(f, role, lang));
    });
  }
  return [...notes.values()].map((n) => ({
    sheet: n.sheet,
    cell: n.cell,
    ...decodeCell(n.cell),
    text: [...n.lead, ...n.parts].join('\n\n'),
    mark: strongestMark(n.marks)!,
    blank: n.blank,
  }));
}
