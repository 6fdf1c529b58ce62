/**
 * Reading a table's multi-row merged header into column paths and matching
 * them against the template. The header's height is not fixed: it starts at
 * the first row naming two of the template's top-level columns and ends where
 * data starts (a figure or code, or a cell that can't extend its column's
 * path because that path is already a complete template column).
 */
import { PATH_SEP } from '../model/amount.js';
import type { ColumnRole } from '../model/table.js';
import type { ColumnSpec, TableTemplate } from '../templates/types.js';
import {
  functionCodeAlternatives,
  groupHolds,
  J,
  loose,
  matchColumns,
  roleSynonyms,
  templatePaths,
  type HeaderColumn,
} from './column-match.js';
import { cellText, compact, isDataLike, norm, tidy } from './normalize.js';
import type { SheetView } from './sheet-view.js';

// The sheet view and the column matching have their own modules; the loader imports them from here.
export { matchColumns, type HeaderColumn } from './column-match.js';
export { SheetView } from './sheet-view.js';

export interface HeaderResult {
  firstRow: number;
  lastRow: number;
  /** First row after the header. */
  dataRow: number;
  columns: HeaderColumn[];
  /** Template columns (not optional) the header lacks. */
  missing: ColumnSpec[];
  /** norm texts of the header's first row by column: a page-break repeat of the header starts with the same. */
  signature: string;
  /** The first cell of that signature, for a cheap test before computing a row's signature. */
  signatureHead?: { col: number; text: string };
}

/** Rows scanned below the title for the header's first row (decorative rows, unit lines…). */
const HEADER_SEARCH_ROWS = 40;

function rowSignature(view: SheetView, r: number): string {
  const parts: string[] = [];
  const n = view.rowLength(r);
  for (let c = 0; c < n; c++) {
    if (view.hidden(c)) continue;
    const t = norm(cellText(view.filled(r, c)));
    if (t) parts.push(`${c}:${t}`);
  }
  return parts.join(J);
}

/** Is row r a repeat of the header's first row (a page-break repeat)? */
export function repeatsHeader(view: SheetView, r: number, header: HeaderResult): boolean {
  const h = header.signatureHead;
  if (!h || norm(cellText(view.filled(r, h.col))) !== h.text) return false;
  return rowSignature(view, r) === header.signature;
}

/**
 * Reads the header of the block starting at `from` (exclusive of anchor rows)
 * and matches it to the template. Undefined when no header row is found.
 */
export function readHeader(
  view: SheetView,
  from: number,
  end: number,
  skipRows: ReadonlySet<number>,
  tmpl: TableTemplate,
): HeaderResult | undefined {
  const tp = templatePaths(tmpl);
  const need = Math.min(2, tp.top.size);

  // 1. The first row naming enough top-level columns — or, for a header published
  //    without its group row (表08 without 部门预算支出经济分类科目), three column words and no figures.
  let h0 = -1;
  const limit = Math.min(end, from + HEADER_SEARCH_ROWS);
  for (let r = from; r < limit && h0 < 0; r++) {
    if (skipRows.has(r)) continue;
    const top = new Set<string>();
    const any = new Set<string>();
    let figures = false;
    const n = view.rowLength(r);
    for (let c = 0; c < n; c++) {
      if (view.hidden(c)) continue;
      const cell = view.cell(r, c);
      if (isDataLike(cell)) figures = true;
      if (!cell || cell.t !== 's') continue;
      const t = loose(norm(String(cell.v)));
      if (tp.top.has(t)) top.add(t);
      if (tp.segments.has(t)) any.add(t);
    }
    if (top.size >= need || (!figures && any.size >= 3)) h0 = r;
  }
  if (h0 < 0) return undefined;

  // 2. Header rows top-down, building each column's path.
  const segs = new Map<number, string[]>();
  const norms = new Map<number, string[]>();
  let lastHeader = h0;
  let r = h0;
  for (; r < end; r++) {
    if (skipRows.has(r)) break;
    const ext: [number, string, string][] = [];
    let known = 0;
    let conflict = 0;
    let dataLike = false;
    let any = false;
    // The last unmerged word of this row, for group words written once over blank cells (see below).
    let left: { c: number; seg: string; s: string } | undefined;
    for (let c = 0; c < view.width; c++) {
      const m = view.mergeOver(r, c);
      if (m && m.s.r < r) {
        left = undefined;
        continue; // continues a header cell from above
      }
      const cell = m ? view.cell(m.s.r, m.s.c) : view.cell(r, c);
      const text = tidy(cellText(cell));
      if (!text) {
        // A header written without merges: a group word ("本年收入") only over its
        // first column, blanks right of it over its other sub-columns. A blank
        // takes the word on its left when that word is a template group at
        // this depth and the column has its own words below.
        if (!m && left && !view.hidden(c)) {
          const below = wordBelow(view, r, c, end, skipRows);
          if (below !== undefined && groupHolds(tp, [...(norms.get(c) ?? []), left.s], below)) ext.push([c, left.seg, left.s]);
        }
        continue;
      }
      // Hidden columns never decide where the header ends (whatever they hold);
      // their header words are read so a hidden template column still counts.
      const hidden = view.hidden(c);
      if (!hidden) any = true;
      // Only a word in one unmerged cell can stand for blanks on its right.
      left = !hidden && !m && view.mergeOver(r, c + 1)?.s.c !== c && !isDataLike(cell) ? { c, seg: compact(text), s: norm(text) } : undefined;
      if (isDataLike(cell)) {
        if (hidden) continue;
        dataLike = true;
        break;
      }
      const s = norm(text);
      const P = norms.get(c) ?? [];
      const looseP = P.map(loose);
      if (tp.prefixes.has([...looseP, loose(s)].join(J))) {
        if (!hidden) known++;
        ext.push([c, compact(text), s]);
      } else if (P.length > 0 && P[P.length - 1] === s) {
        // The same word again below (written twice instead of merged).
      } else if (P.length > 0 && tp.full.has(looseP.join(J))) {
        if (!hidden) conflict++;
      } else {
        ext.push([c, compact(text), s]);
      }
    }
    if (dataLike) break;
    if (!any) continue; // a blank row inside the header area
    if (r !== h0 && (conflict > 0 || known === 0)) break;
    for (const [c, seg, s] of ext) {
      (segs.get(c) ?? segs.set(c, []).get(c)!).push(seg);
      (norms.get(c) ?? norms.set(c, []).get(c)!).push(s);
    }
    lastHeader = r;
  }
  const dataRow = lastHeader + 1;

  // 3. Columns, left to right, matched to the template.
  const cols = [...segs.keys()].sort((a, b) => a - b);
  const all: HeaderColumn[] = cols.map((c) => ({
    col: c,
    path: segs.get(c)!,
    normPath: norms.get(c)!,
    key: segs.get(c)!.join(PATH_SEP),
    role: 'text' as ColumnRole,
  }));
  // Visible columns first; a hidden column is read only when it is a template
  // column the visible ones lack (an export hiding an empty or internal column
  // must not lose a real one); an unknown hidden column is ignored.
  const visible = all.filter((hc) => !view.hidden(hc.col));
  const hidden = all.filter((hc) => view.hidden(hc.col));
  let missing = matchColumns(visible, tmpl, tp);
  if (hidden.length > 0 && missing.length > 0) missing = matchColumns(hidden, { ...tmpl, columns: missing });
  const columns = hidden.length > 0 ? all.filter((hc) => hc.spec || !view.hidden(hc.col)) : all;
  missing = roleSynonyms(columns, functionCodeAlternatives(columns, missing, tmpl));
  const signature = rowSignature(view, h0);
  const head = /^(\d+):([^\u0001]*)/.exec(signature);
  return {
    firstRow: h0,
    lastRow: lastHeader,
    dataRow,
    columns,
    missing,
    signature,
    ...(head ? { signatureHead: { col: Number(head[1]), text: head[2]! } } : {}),
  };
}

/** The first header word (not a figure) in column c in the few rows under r. */
function wordBelow(view: SheetView, r: number, c: number, end: number, skipRows: ReadonlySet<number>): string | undefined {
  for (let x = r + 1; x < Math.min(end, r + 4); x++) {
    if (skipRows.has(x)) return undefined;
    const cell = view.cell(x, c);
    if (isDataLike(cell)) return undefined;
    const t = tidy(cellText(cell));
    if (t) return norm(t);
  }
  return undefined;
}
