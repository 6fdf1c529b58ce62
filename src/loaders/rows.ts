/**
 * Typing a table's data rows by meaning (Row.kind): 合计, 部门/单位, 功能科目,
 * 经济科目, projects, indicators, and the labelled lines of the side-by-side
 * tables 01/06. Every amount column gets an Amount on every row (blank cells
 * included) with its provenance. This file reads the blocks (notes, footers,
 * repeated headers, hidden rows); the row kinds are in ./grid-rows.ts and
 * ./line-rows.ts.
 */
import type { CellRef } from '../model/amount.js';
import type { Row } from '../model/table.js';
import type { HeaderColumn, HeaderResult, SheetView } from './header.js';
import { repeatsHeader } from './header.js';
import { readGridRow } from './grid-rows.js';
import { pairSections, readLines } from './line-rows.js';
import type { BuildContext, TableState } from './row-context.js';
import { layoutOf } from './row-layout.js';
import { cellRef, cellText, compact, isDataLike, isEmptyCell, tidy, where } from './normalize.js';

export { newTableState, type BuildContext, type TableState } from './row-context.js';
export { joinClassCodes } from './grid-rows.js';

const NOTE_RE = /^(?:说明|注释|附注|备注|注)\s*[\d一二三四五六七八九十]*\s*[:：.．、]/;

/** Signature and page lines under a table (制表人：… 审核人：…, 第1页 共3页, -1-): neither data nor notes. */
const FOOTER_RE =
  /^(?:(?:制表人|制表|填表人|填报人|编制人|经办人|审核人|审核|复核人|负责人|单位负责人|财务负责人|分管领导|主管领导|联系人|联系电话|电话|填报日期|制表日期|打印日期|报送日期|日期)[:：]|第\d+页|共\d+页|-\d+-$)/;

/** Reads rows [from, end) of one block of a table into `state`. */
export function readRows(
  ctx: BuildContext,
  state: TableState,
  view: SheetView,
  header: HeaderResult,
  end: number,
  skipRows: ReadonlySet<number>,
): void {
  const layout = layoutOf(header);
  const headerHeight = header.dataRow - header.firstRow;
  for (const hc of header.columns) {
    state.minCol = Math.min(state.minCol, hc.col);
    state.maxCol = Math.max(state.maxCol, hc.col);
  }
  state.lastRow = Math.max(state.lastRow, header.lastRow);
  const sideBySide = ctx.tmpl.layout === 'sideBySide' && ctx.tmpl.sections !== undefined;
  const sections = sideBySide ? pairSections(ctx, header) : [];
  let inNotes = false;

  for (let r = header.dataRow; r < end; r++) {
    if (skipRows.has(r)) continue;
    const first = firstText(view, r);
    if (first === undefined) continue; // empty row
    const rowHasData = hasDataLike(view, r);

    // A page-break repeat of the header inside the block: skip it.
    if (!rowHasData && repeatsHeader(view, r, header)) {
      r += headerHeight - 1;
      continue;
    }
    if (!rowHasData && FOOTER_RE.test(compact(first.text.normalize('NFKC')))) continue;
    if (NOTE_RE.test(first.text.normalize('NFKC').trim()) || (inNotes && !rowHasData)) {
      inNotes = true;
      state.notes.push({ text: noteText(view, r), ref: first.ref });
      state.lastRow = Math.max(state.lastRow, r);
      continue;
    }
    if (isColumnNumberRow(view, r, header)) continue;

    const before = state.rows.length;
    if (sideBySide) readLines(ctx, state, view, r, sections);
    else readGridRow(ctx, state, view, r, layout);
    if (state.rows.length > before) {
      state.lastRow = Math.max(state.lastRow, r);
      for (const hc of layout.unknown) noteUnknown(state, view, r, hc);
      if (view.hiddenRow(r)) noteHiddenRow(ctx, state.rows.slice(before));
    }
  }
}

/**
 * 部门 codes are 3 digits in Hunan (201 over units 201001); other systems give
 * the 部门 a longer code (430201 over 430201001). In a table with no 部门 row,
 * a unit row whose code is the prefix of the unit codes of the rows after it
 * (units and their 功能 / 经济 rows; not projects, whose codes may extend
 * their unit's) is the 部门.
 */
export function promoteDepartments(rows: Row[]): void {
  if (rows.some((r) => r.kind === 'department')) return;
  // Proper prefixes of the unit codes seen below (a Set: linear in rows, whatever the table's size).
  const prefixes = new Set<string>();
  const seen = new Set<string>();
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i]!;
    if (r.kind === 'unit' && r.code && prefixes.has(r.code)) {
      r.kind = 'department';
      delete r.unitCode;
      continue;
    }
    const u = r.kind === 'project' || r.kind === 'indicator' ? undefined : r.unitCode;
    if (u && !seen.has(u)) {
      seen.add(u);
      for (let n = 3; n < u.length; n++) prefixes.add(u.slice(0, n));
    }
  }
}

function firstText(view: SheetView, r: number): { text: string; ref: CellRef } | undefined {
  const n = view.rowLength(r);
  for (let c = 0; c < n; c++) {
    if (view.hidden(c)) continue;
    const cell = view.cell(r, c);
    if (isEmptyCell(cell)) continue;
    return { text: cellText(cell), ref: cellRef(view.name, r, c) };
  }
  // A row whose only content comes from merges above (22/23 continuation rows).
  for (let c = 0; c < view.width; c++) {
    if (view.hidden(c) || !view.mergeOver(r, c)) continue;
    const cell = view.filled(r, c);
    if (!isEmptyCell(cell)) return { text: '', ref: cellRef(view.name, r, c) };
  }
  return undefined;
}

function hasDataLike(view: SheetView, r: number): boolean {
  const n = view.rowLength(r);
  for (let c = 0; c < n; c++) if (!view.hidden(c) && isDataLike(view.cell(r, c))) return true;
  return false;
}

function noteText(view: SheetView, r: number): string {
  const parts: string[] = [];
  const n = view.rowLength(r);
  for (let c = 0; c < n; c++) {
    if (view.hidden(c)) continue;
    const t = tidy(cellText(view.cell(r, c)));
    if (t) parts.push(t);
  }
  return parts.join(' ');
}

/**
 * A "栏次" row under the header numbering the columns 1, 2, 3 …: not data.
 * Three numbers in sequence are enough; fewer (表22 numbers its one amount
 * column) only when the row says 栏次 / 栏号 itself.
 */
function isColumnNumberRow(view: SheetView, r: number, header: HeaderResult): boolean {
  let expect = -1;
  let count = 0;
  let labelled = false;
  for (const hc of header.columns) {
    const cell = view.cell(r, hc.col);
    if (isEmptyCell(cell)) continue;
    const t = compact(cellText(cell));
    if (t === '栏次' || t === '栏号') {
      labelled = true;
      continue;
    }
    if (!/^\d{1,2}$/.test(t)) return false;
    const v = Number(t); // a column number (栏次), not an amount
    if (expect >= 0 && v !== expect) return false;
    expect = v + 1;
    count++;
  }
  return count >= 3 || (labelled && count >= 1);
}

/**
 * A hidden row with figures is still read (the workbook's totals include it),
 * but the published table won't show it: its totals won't add up to the rows
 * a reader sees. (A hidden row of zeros changes no total.)
 */
function noteHiddenRow(ctx: BuildContext, rows: Row[]): void {
  for (const row of rows) {
    if (!row.cells.some((a) => a !== undefined && !a.blank && !a.value.isZero()) || !row.labelRef) continue;
    ctx.problems.push({
      kind: 'hidden-row',
      table: ctx.id,
      ref: row.labelRef,
      message: `表${ctx.id} ${row.label}: sheet row ${row.sheetRow + 1} is hidden but holds figures (${where(row.labelRef)})`,
    });
  }
}

function noteUnknown(state: TableState, view: SheetView, r: number, hc: HeaderColumn): void {
  if (state.unknownWithFigures.has(hc.key)) return;
  const cell = view.cell(r, hc.col);
  if (cell && cell.t === 'n') state.unknownWithFigures.set(hc.key, cellRef(view.name, r, hc.col));
  else if (isDataLike(cell) && /[.,]/.test(cellText(cell))) state.unknownWithFigures.set(hc.key, cellRef(view.name, r, hc.col));
}
