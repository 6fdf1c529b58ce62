/**
 * The fallback for .xls (BIFF) inputs, which have no package to edit: SheetJS
 * reads the workbook and writes it as .xlsx with the notes and 审核结果 added.
 * Values, formulas, number formats, merges, column widths, hidden sheets and
 * names travel; fonts, fills and borders do not (SheetJS CE writes no cell
 * styles) — 审核结果 and the CLI say so.
 */
import * as XLSX from 'xlsx';
import type { FindingLocation } from '../../model/finding.js';
import { loadCodepages } from '../../loaders/workbook.js';
import type { ReportInput } from '../html/input.js';
import { sheetOfTable } from '../html/input.js';
import { COMMENT_AUTHOR, MAX_COMMENT } from './comments.js';
import { cellNotes, type AnnotateOptions } from './marks.js';
import { internalLink, resultsTable, uniqueSheetName } from './results.js';

export async function convertAndAnnotate(input: Buffer, report: ReportInput, opts: AnnotateOptions): Promise<Uint8Array> {
  await loadCodepages(); // .xls keeps its text in a code page (e.g. GBK)
  const wb = XLSX.read(input, {
    type: 'buffer',
    cellFormula: true, // formulas are written back as formulas
    cellNF: true, // number formats (#,##0.00) travel with each cell
    cellStyles: true, // column widths and row heights
    cellDates: false, // dates stay serial numbers with their date format, as stored
    cellHTML: false,
  });
  const sheetOf = (loc: FindingLocation): string | undefined => {
    const name = loc.sheet ?? sheetOfTable(report, loc.table);
    return name !== undefined && wb.Sheets[name] ? name : undefined;
  };

  for (const n of cellNotes(report.findings, sheetOf, opts)) {
    const ws = wb.Sheets[n.sheet]!;
    // A blank flagged cell gets a stub: the note needs a cell, its value stays blank.
    let target = ws[n.cell] as XLSX.CellObject | undefined;
    if (!target) ws[n.cell] = target = { t: 'z' };
    extendRef(ws, n.cell);
    const before = (target.c ?? []).map((c) => c.t).filter(Boolean);
    let text = before.length ? `${before.join('\n')}\n\n— ${COMMENT_AUTHOR} —\n${n.text}` : n.text;
    if (text.length > MAX_COMMENT) text = text.slice(0, MAX_COMMENT - 1) + '…';
    const comments = [{ a: target.c?.[0]?.a || COMMENT_AUTHOR, t: text }] as XLSX.Comments;
    comments.hidden = true; // shown on hover, as Excel's notes are
    target.c = comments;
  }

  const table = resultsTable(report, sheetOf, { ...opts, converted: true });
  const aoa = table.rows.map((row) => row.map((c) => (!c ? null : c.kind === 'money' ? c.value : c.text)));
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  table.rows.forEach((row, r) =>
    row.forEach((c, i) => {
      if (!c || c.kind === 'text') return;
      const cell = ws[XLSX.utils.encode_cell({ r, c: i })] as XLSX.CellObject;
      if (c.kind === 'link') {
        cell.l = { Target: internalLink(c.sheet, c.cell), Tooltip: c.text };
      } else {
        // The decimal string as the cell's number: SheetJS stores numbers as JS numbers, the one place it must.
        Object.assign(cell, { t: 'n', v: Number(c.value), z: '#,##0.00' });
      }
    }),
  );
  ws['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: table.headerRow, c: 0 }, e: { r: table.lastRow, c: table.widths.length - 1 } }) };
  ws['!cols'] = table.widths.map((wch) => ({ wch }));

  const name = uniqueSheetName(wb.SheetNames);
  wb.SheetNames.unshift(name);
  wb.Sheets[name] = ws;
  const book = (wb.Workbook ??= {});
  if (book.Sheets) book.Sheets.unshift({ name, Hidden: 0 });
  for (const n of book.Names ?? []) if (typeof n.Sheet === 'number') n.Sheet += 1;
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
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
