/**
 * --annotate OUT.xlsx: a copy of the workbook for the finance officer who fixes
 * it in Excel. Every flagged cell gets a comment (批注) with the findings'
 * message, expected, actual and difference; a new first sheet "审核结果" lists
 * every finding with a hyperlink to each cell. Values, merges, number formats
 * and formulas of the original sheets are carried over by SheetJS as read; the
 * input is only ever read, and the output is written atomically.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { InputError, UsageError } from '../errors.js';
import type { Finding, FindingLocation, Severity } from '../model/finding.js';
import { SEVERITY_ORDER } from '../model/finding.js';
import { loadCodepages } from '../loaders/workbook.js';
import { formatDecimalString } from './html/format.js';
import { LABELS, type Lang } from './html/i18n.js';
import { sheetOfTable, type ReportInput } from './html/input.js';
import { assertNotInput, writeFileAtomic } from './write.js';
import { FIX_HEADER, suggestionCell, suggestionNotes } from './annotate-suggestion.js';

export const RESULTS_SHEET = '审核结果';
export const COMMENT_AUTHOR = 'budget-audit';

export interface AnnotateOptions {
  lang: 'zh' | 'en';
}

/** Excel's limit on a comment's text. */
const MAX_COMMENT = 32_000;

const SHEET_WORDS: Record<Lang, { title: string; headers: string[]; notRun: string; file: string; none: string }> = {
  zh: {
    title: 'budget-audit 审核结果',
    headers: ['序号', '严重程度', '规则', '说明', '应为', '实际', '差额', FIX_HEADER.zh, '单元格', '表', '行', '列', '数值'],
    notRun: '未运行的规则',
    file: '文件',
    none: '未发现问题。',
  },
  en: {
    title: 'budget-audit findings',
    headers: ['#', 'Severity', 'Rule', 'Message', 'Expected', 'Actual', 'Difference', FIX_HEADER.en, 'Cell', 'Table', 'Row', 'Column', 'Value'],
    notRun: 'Rules not run',
    file: 'File',
    none: 'No findings.',
  },
};

export async function annotateWorkbook(
  inputPath: string,
  report: ReportInput,
  outPath: string,
  opts: AnnotateOptions,
): Promise<void> {
  const lang: Lang = opts.lang === 'en' ? 'en' : 'zh';
  if (!/\.xlsx$/i.test(outPath)) {
    throw new UsageError(`--annotate writes an .xlsx workbook; name the output file *.xlsx (got ${outPath})`);
  }
  assertNotInput(outPath, [inputPath], 'annotated workbook');

  const wb = await readForCopy(inputPath);
  const findings = sortFindings(report.findings);
  const sheetOf = (loc: FindingLocation): string | undefined => {
    const name = loc.sheet ?? sheetOfTable(report, loc.table);
    return name !== undefined && wb.Sheets[name] ? name : undefined;
  };

  addComments(wb, findings, sheetOf, lang);
  const results = resultsSheet(report, findings, sheetOf, lang);
  insertFirstSheet(wb, uniqueSheetName(wb, RESULTS_SHEET), results);

  let data: Buffer;
  try {
    data = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  } catch (err) {
    throw new InputError(`${inputPath}: could not write the annotated copy: ${(err as Error).message}`, inputPath);
  }
  await writeFileAtomic(outPath, data);
}

/** Reads the input as completely as SheetJS can carry it into a copy. */
async function readForCopy(inputPath: string): Promise<XLSX.WorkBook> {
  let buf: Buffer;
  try {
    buf = await readFile(inputPath);
  } catch (err) {
    throw new InputError(`${inputPath}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, inputPath);
  }
  // .xls keeps its text in a code page (e.g. GBK): SheetJS needs the tables for it.
  if (buf.length >= 4 && buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0) await loadCodepages();
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(buf, {
      type: 'buffer',
      cellFormula: true, // formulas are written back as formulas
      cellNF: true, // number formats (#,##0.00) travel with each cell
      cellStyles: true, // column widths and row heights
      cellDates: false, // dates stay serial numbers with their date format, as stored
      cellHTML: false,
    });
  } catch (err) {
    throw new InputError(`${inputPath}: not a readable workbook: ${(err as Error).message}`, inputPath);
  }
  if (buf[0] === 0x50 && buf[1] === 0x4b) repairCommentAuthors(wb);
  return wb;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * SheetJS 0.20.3 reads an .xlsx comment's author as raw UTF-8 bytes (财务科 →
 * "è´¢å¡ç§"), and would write that back double-encoded: decode such names so
 * the workbook's own notes keep their authors.
 */
function repairCommentAuthors(wb: XLSX.WorkBook): void {
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name]!;
    for (const key of Object.keys(ws)) {
      if (key.startsWith('!')) continue;
      for (const c of (ws[key] as XLSX.CellObject).c ?? []) {
        if (c.a && /[\u0080-\u00ff]/.test(c.a) && !/[^\u0000-\u00ff]/.test(c.a)) {
          try {
            c.a = STRICT_UTF8.decode(Buffer.from(c.a, 'latin1'));
          } catch {
            // Not UTF-8 bytes after all: a genuine Latin-1 name, kept as read.
          }
        }
      }
    }
  }
}

function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[b.f.severity] - SEVERITY_ORDER[a.f.severity] || a.i - b.i)
    .map((x) => x.f);
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

function commentText(f: Finding, lang: Lang): string {
  const L = LABELS[lang];
  const nums = numbersLine(f, lang);
  return `[${L.severity[f.severity]}] ${f.ruleId}\n${f.message[lang]}${nums ? `\n${nums}` : ''}`;
}

/** One comment per flagged cell holding all its findings (Excel allows one note per cell). */
function addComments(
  wb: XLSX.WorkBook,
  findings: Finding[],
  sheetOf: (loc: FindingLocation) => string | undefined,
  lang: Lang,
): void {
  const texts = new Map<string, { sheet: string; cell: string; parts: string[]; seen: Set<Finding> }>();
  for (const f of findings) {
    for (const loc of f.locations) {
      const sheet = sheetOf(loc);
      const cell = loc.cell ? normalizeCell(loc.cell) : undefined;
      if (!sheet || !cell) continue;
      const key = `${sheet}!${cell}`;
      let entry = texts.get(key);
      if (!entry) texts.set(key, (entry = { sheet, cell, parts: [], seen: new Set() }));
      if (entry.seen.has(f)) continue;
      entry.seen.add(f);
      entry.parts.push(commentText(f, lang));
    }
  }
  // A cell a suggested correction changes: its note starts with the suggestion.
  const fixes = suggestionNotes(findings, lang);
  for (const { sheet, cell, parts } of texts.values()) {
    const fix = fixes.get(`${sheet}!${cell}`);
    if (fix) parts.unshift(fix);
    const ws = wb.Sheets[sheet]!;
    // A blank flagged cell gets a stub: the comment needs a cell, its value stays blank.
    let target = ws[cell] as XLSX.CellObject | undefined;
    if (!target) ws[cell] = target = { t: 'z' };
    extendRef(ws, cell);
    let text = parts.join('\n\n');
    const before = (target.c ?? []).map((c) => c.t).filter(Boolean);
    // The workbook's own note is kept, ours follows it, as one note.
    if (before.length) text = `${before.join('\n')}\n\n— ${COMMENT_AUTHOR} —\n${text}`;
    if (text.length > MAX_COMMENT) text = text.slice(0, MAX_COMMENT - 1) + '…';
    const author = target.c?.[0]?.a || COMMENT_AUTHOR;
    const comments = [{ a: author, t: text }] as XLSX.Comments;
    comments.hidden = true; // shown on hover, as Excel's notes are
    target.c = comments;
  }
}

function normalizeCell(cell: string): string | undefined {
  const c = cell.replace(/\$/g, '').toUpperCase();
  return /^[A-Z]{1,3}[1-9]\d*$/.test(c) ? c : undefined;
}

function extendRef(ws: XLSX.WorkSheet, cell: string): void {
  const at = XLSX.utils.decode_cell(cell);
  const ref = ws['!ref'] ? XLSX.utils.decode_range(ws['!ref']) : { s: at, e: at };
  ref.s.r = Math.min(ref.s.r, at.r);
  ref.s.c = Math.min(ref.s.c, at.c);
  ref.e.r = Math.max(ref.e.r, at.r);
  ref.e.c = Math.max(ref.e.c, at.c);
  ws['!ref'] = XLSX.utils.encode_range(ref);
}

/** `#'03支出总表'!D7`: an in-workbook link (quotes doubled inside a quoted sheet name). */
export function internalLink(sheet: string, cell: string): string {
  return `#'${sheet.replace(/'/g, "''")}'!${cell}`;
}

function resultsSheet(
  report: ReportInput,
  findings: Finding[],
  sheetOf: (loc: FindingLocation) => string | undefined,
  lang: Lang,
): XLSX.WorkSheet {
  const L = LABELS[lang];
  const W = SHEET_WORDS[lang];
  const s = report.summary;
  const department = report.budget?.department ?? report.department;
  const year = report.budget?.year ?? report.year;
  const aoa: string[][] = [
    [W.title],
    [W.file, path.basename(report.path), department ?? '', year !== undefined ? String(year) : ''],
    [
      `${L.severity.error} ${s.error}`,
      `${L.severity.warning} ${s.warning}`,
      `${L.severity.rounding} ${s.rounding}`,
      `${L.severity.info} ${s.info}`,
      `${L.checks} ${s.checks}`,
      `${L.passed} ${s.passed}`,
    ],
    [],
    W.headers,
  ];
  const headerRow = aoa.length - 1;
  const links: { r: number; sheet: string; cell: string }[] = [];
  findings.forEach((f, i) => {
    const nums = [f.expected, f.actual, f.difference].map((v) => formatDecimalString(v));
    const head = [String(i + 1), L.severity[f.severity as Severity], f.ruleId, f.message[lang], ...nums, suggestionCell(f, lang)];
    const locs = f.locations.length ? f.locations : [undefined];
    locs.forEach((loc, j) => {
      const sheet = loc ? sheetOf(loc) : undefined;
      const cell = loc?.cell ? normalizeCell(loc.cell) : undefined;
      const name = loc ? (sheet && cell ? `${sheet}!${cell}` : [loc.sheet, loc.cell].filter(Boolean).join('!')) : '';
      if (sheet && cell) links.push({ r: aoa.length, sheet, cell });
      aoa.push([
        ...(j === 0 ? head : [String(i + 1), '', '', '', '', '', '', '']),
        name,
        loc ? L.table(loc.table) : '',
        loc?.row ?? '',
        loc?.column ?? '',
        loc?.value ? formatDecimalString(loc.value) : '',
      ]);
    });
  });
  if (!findings.length) aoa.push([W.none]);
  if (report.notRun.length) {
    aoa.push([], [W.notRun]);
    for (const n of report.notRun) aoa.push([n.ruleId, n.reason]);
  }

  const ws = XLSX.utils.aoa_to_sheet(aoa);
  const cellCol = W.headers.length - 5; // 单元格
  for (const { r, sheet, cell } of links) {
    const addr = XLSX.utils.encode_cell({ r, c: cellCol });
    const c = ws[addr] as XLSX.CellObject;
    c.l = { Target: internalLink(sheet, cell), Tooltip: `${sheet}!${cell}` };
  }
  const lastRow = headerRow + Math.max(1, findings.reduce((n, f) => n + Math.max(1, f.locations.length), 0));
  ws['!autofilter'] = {
    ref: XLSX.utils.encode_range({ s: { r: headerRow, c: 0 }, e: { r: lastRow, c: W.headers.length - 1 } }),
  };
  ws['!cols'] = [6, 8, 24, 60, 14, 14, 12, 40, 22, 8, 36, 30, 14].map((wch) => ({ wch }));
  return ws;
}

/** A name not taken yet: 审核结果, 审核结果(2), … (re-annotating an annotated copy keeps the old sheet). */
function uniqueSheetName(wb: XLSX.WorkBook, base: string): string {
  const taken = new Set(wb.SheetNames.map((n) => n.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const name = `${base}(${i})`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** Puts a sheet first, shifting what refers to sheets by index (visibility, sheet-scoped names). */
function insertFirstSheet(wb: XLSX.WorkBook, name: string, ws: XLSX.WorkSheet): void {
  wb.SheetNames.unshift(name);
  wb.Sheets[name] = ws;
  const book = (wb.Workbook ??= {});
  if (book.Sheets) book.Sheets.unshift({ name, Hidden: 0 });
  for (const n of book.Names ?? []) if (typeof n.Sheet === 'number') n.Sheet += 1;
}
