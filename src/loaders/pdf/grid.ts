/**
 * One table region of the PDF → one sheet of raw cells, as if the table had
 * been read from the workbook it was printed from, so locate → header → rows
 * read it with the same template as Excel. Rows are baselines; the header's
 * words give the columns (header.ts, columns.ts) and its rows; a page with
 * its header repeated, or none, continues with the previous page's columns;
 * cells merged down rows go back to their top row (merged.ts).
 */
import type { TableTemplate } from '../../templates/types.js';
import type { MergeRange, RawCell, SheetCells } from '../cells.js';
import { compact, norm } from '../normalize.js';
import { assign, layoutColumns, mergeRuns, right } from './columns.js';
import { headerCells, headerLevels, templateWords } from './header.js';
import { isDataLine, isFigure, type Line, type Region } from './lines.js';
import { restoreMergedRows } from './merged.js';
import type { PdfTextItem } from './read.js';
import type { CellOrigin, Columns } from './types.js';

export type { CellOrigin, PdfBox } from './types.js';



export interface RegionSheet {
  sheet: SheetCells;
  /** origins[r][c]: where the text of cell (r, c) was printed. */
  origins: (CellOrigin | undefined)[][];
}
const PREAMBLE_RE = /(?:单位|部门)[:：]/;
/** A note under a table ("注：本表反映2025年度…"): running text, whatever figures it quotes. */
const NOTE_RE = /^(?:注|说明|备注|附注)\s*[:：\d①一]/;

/** A data row: figures in runs of their own, not a note. */
const isRowLine = (l: Line) => isDataLine(l) && !NOTE_RE.test(compact(l.text));


/** Builds one sheet from a table region. */
export function regionSheet(region: Region, name: string, tmpl: TableTemplate | undefined): RegionSheet {
  const words = templateWords(tmpl);
  const rows: (RawCell | undefined)[][] = [];
  const origins: (CellOrigin | undefined)[][] = [];
  const merges: MergeRange[] = [];
  const anchorLines = new Set(region.anchors.map((i) => region.lines[i]!));

  // Segments: the region's lines page by page.
  const segments: Line[][] = [];
  for (const line of region.lines) {
    const last = segments[segments.length - 1];
    if (last && last[0]!.page === line.page) last.push(line);
    else segments.push([line]);
  }

  let inherited: Columns | undefined;
  let dataStart: number | undefined;
  /** The first sheet row of each page's lines (after a repeated header). */
  const pageStarts: number[] = [];
  let firstHeaderText: string | undefined;
  for (const seg of segments) {
    const firstData = seg.findIndex((l) => !anchorLines.has(l) && !PREAMBLE_RE.test(compact(l.text)) && isDataLine(l));
    const zoneEnd = firstData < 0 ? seg.length : firstData;
    let headerLines = seg.slice(0, zoneEnd).filter((l) => !anchorLines.has(l) && !PREAMBLE_RE.test(compact(l.text)));
    let hcells = headerCells(headerLines, words);
    // A continuation page starting with rows of words (indicator rows of 表22) has no header of its own:
    // only the repeated header, or lines naming the template's header words, are one.
    const isFirst = seg.some((l) => anchorLines.has(l));
    if (!isFirst && inherited) {
      // The header repeated on top of the page, followed by rows of words (表06's lines without figures).
      let acc = '';
      let k = 0;
      while (k < seg.length && acc.length < (firstHeaderText ?? '').length) acc += compact(seg[k++]!.text);
      const known = hcells.filter((c) => words.includes(norm(c.text))).length;
      if (firstHeaderText && acc === firstHeaderText) {
        headerLines = seg.slice(0, k);
        hcells = headerCells(headerLines, words);
      } else if (known < 2) {
        headerLines = [];
        hcells = [];
      }
    }
    const leaves = hcells.filter((c) => c.leaf).sort((a, b) => a.x0 + a.x1 - b.x0 - b.x1);
    const body = seg.filter((l) => !headerLines.includes(l) && !anchorLines.has(l));
    const obstacles = [
      ...body.filter(isRowLine).flatMap((l) => mergeRuns(l.items)),
      ...hcells.filter((c) => c.leaf).map((c) => ({ str: c.text, x: c.x0, y: c.y, w: c.x1 - c.x0, size: c.size })),
    ];
    const headerText = headerLines.map((l) => compact(l.text)).join('');
    // A header repeated on a continuation page is the same header: not read again, same columns.
    const repeat = firstHeaderText !== undefined && headerText === firstHeaderText;
    let cols: Columns | undefined;
    const own = leaves.length >= 2;
    if (repeat && inherited) {
      cols = inherited;
    } else if (own) {
      cols = layoutColumns(leaves, body.filter(isRowLine), obstacles);
    } else if (inherited) {
      cols = inherited;
    }
    if (own) firstHeaderText ??= headerText;
    const headerRows = own && cols && !repeat ? headerLevels(hcells, cols) : [];
    let headerDone = false;
    let pageStarted = false;

    for (const line of seg) {
      const bounds = cols?.bounds ?? [-Infinity, Infinity];
      if (headerLines.includes(line)) {
        if (headerDone || !cols || !own || repeat) continue;
        headerDone = true;
        dataStart ??= rows.length + headerRows.length;
        for (const level of headerRows) {
          const r = rows.length;
          const row: (RawCell | undefined)[] = [];
          rows.push(row);
          origins.push([]);
          for (const [c, [a, b]] of level) {
            row[a] = { t: 's', v: c.text };
            if (b > a) merges.push({ s: { r, c: a }, e: { r, c: b } });
          }
        }
        continue;
      }
      if (!pageStarted) {
        pageStarts.push(rows.length);
        pageStarted = true;
      }
      const row: (RawCell | undefined)[] = [];
      const org: (CellOrigin | undefined)[] = [];
      rows.push(row);
      origins.push(org);
      // Figures belong to the column their right edge is in, words to the one their left edge is in.
      const byCol = new Map<number, PdfTextItem[]>();
      for (const it of mergeRuns(line.items)) {
        const c = assign(bounds, it);
        (byCol.get(c) ?? byCol.set(c, []).get(c)!).push(it);
      }
      for (const [c, its] of byCol) {
        let text = its[0]!.str;
        for (let i = 1; i < its.length; i++) {
          const gap = its[i]!.x - right(its[i - 1]!);
          text += (gap > 0.25 * its[i]!.size ? ' ' : '') + its[i]!.str;
        }
        row[c] = { t: 's', v: text };
        const x0 = Math.min(...its.map((i) => i.x));
        const x1 = Math.max(...its.map(right));
        const size = Math.max(...its.map((i) => i.size));
        org[c] = { page: line.page, box: { x: x0, y: line.y - 0.22 * size, w: x1 - x0, h: 1.12 * size } };
      }
    }
    if (cols) inherited = cols;
  }
  // Only tables with text fields (indicator rows under a project) merge cells down rows.
  if (dataStart !== undefined && tmpl?.columns.some((c) => c.role === 'text')) {
    // Data rows page by page, up to the last row with a figure (notes below it are not rows).
    let lastData = rows.length - 1;
    while (lastData > dataStart && !rows[lastData]!.some((c) => c && isFigure(String(c.v)))) lastData--;
    const parts: [number, number][] = [];
    pageStarts.forEach((s0, k) => {
      const a = Math.max(s0, dataStart!);
      const b = Math.min((pageStarts[k + 1] ?? rows.length) - 1, lastData);
      if (b >= a) parts.push([a, b]);
    });
    restoreMergedRows(rows, origins, merges, parts);
  }
  return {
    sheet: { name, rows, merges, hiddenCols: new Set(), hiddenRows: new Set() },
    origins,
  };
}
