/**
 * Positioned text items → lines (one baseline each) → the document's parts:
 * the narrative before the first table, and one region per table (its title
 * line down to the next table's title, over as many pages as it runs).
 */
import type { TableId } from '../../model/amount.js';
import type { Template } from '../../templates/types.js';
import { matchMarker, matchTitle, titleIndex } from '../locate.js';
import { compact } from '../normalize.js';
import type { PdfPageText, PdfTextItem } from './read.js';

export interface Line {
  page: number;
  /** Baseline (PDF points, y up). */
  y: number;
  /** Largest font size on the line. */
  size: number;
  /** Left to right. */
  items: PdfTextItem[];
  text: string;
}

/** Items whose baselines differ by less than this share a line (fraction of the font size). */
const BASELINE_TOLERANCE = 0.35;

export function pageLines(page: PdfPageText): Line[] {
  const items = [...page.items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  let cur: PdfTextItem[] = [];
  let base = 0;
  let size = 0;
  const flush = () => {
    if (cur.length === 0) return;
    cur.sort((a, b) => a.x - b.x);
    lines.push({ page: page.number, y: base, size, items: cur, text: cur.map((i) => i.str).join(' ') });
    cur = [];
  };
  for (const it of items) {
    if (cur.length > 0 && base - it.y > BASELINE_TOLERANCE * Math.min(size, it.size)) flush();
    if (cur.length === 0) {
      base = it.y;
      size = it.size;
    }
    cur.push(it);
    size = Math.max(size, it.size);
  }
  flush();
  return dropFurniture(lines);
}

/** "第 3 页", "- 3 -", "3", "Page 3", "第3页 共35页": page numbers in the top or bottom line. */
const PAGE_NUMBER_RE = /^(?:第\d+页(?:共\d+页)?|共\d+页第\d+页|[-—–]?\d+[-—–]?|page\d+(?:of\d+)?|\d+\/\d+)$/i;

function dropFurniture(lines: Line[]): Line[] {
  const out = [...lines];
  for (const at of [out.length - 1, 0]) {
    const l = out[at];
    if (l && PAGE_NUMBER_RE.test(compact(l.text))) out.splice(at, 1);
  }
  return out;
}

/** The table a line names by its 部门公开表NN marker or its title (the whole line, or one of its runs). */
export function lineTable(line: Line, titles: Map<string, TableId>): TableId | undefined {
  if (line.text.length > 160) return undefined;
  for (const t of [line.text, ...(line.items.length > 1 ? line.items.map((i) => i.str) : [])]) {
    if (!t.includes('表')) continue;
    const m = matchMarker(t, titles);
    if (m) return m.marker;
    const id = matchTitle(t, titles);
    if (id) return id;
  }
  return undefined;
}

export interface Region {
  /** The table its title (or marker) names. */
  id: TableId;
  lines: Line[];
  /** Indices into `lines` of the title / marker lines. */
  anchors: number[];
  /** Index of its first line in the document. */
  start: number;
}

export interface DocumentParts {
  /** Lines before the first table's title. */
  narrative: Line[];
  regions: Region[];
}

/** Marker and title lines closer than this (in lines) are one table's anchors. */
const ANCHOR_LINES = 3;

export function splitDocument(pages: PdfPageText[], template: Template): DocumentParts {
  const titles = titleIndex(template);
  const all = pages.flatMap(pageLines);
  const regions: Region[] = [];
  let cur: Region | undefined;
  let lastAnchor = -Infinity;
  all.forEach((line, i) => {
    const id = lineTable(line, titles);
    if (id !== undefined) {
      // A marker next to its title (either order, same page) is the same table's anchor, not a new table.
      const near = cur && i - lastAnchor <= ANCHOR_LINES && cur.lines[cur.lines.length - 1]!.page === line.page && !cur.lines.slice(cur.anchors[cur.anchors.length - 1]! + 1).some(isDataLine);
      if (cur && near) {
        cur.anchors.push(cur.lines.length);
        cur.lines.push(line);
        lastAnchor = i;
        return;
      }
      cur = { id, lines: [line], anchors: [0], start: i };
      regions.push(cur);
      lastAnchor = i;
      return;
    }
    if (cur) cur.lines.push(line);
  });
  // A table of contents naming the tables is still narrative: it ends at the first table with figures.
  const first = regions.find((r) => r.lines.some(isDataLine))?.start ?? all.length;
  return { narrative: all.slice(0, first), regions: regions.filter((r) => r.start >= first) };
}

/** A figure or a code: digits with grouping, sign, decimals, percent. */
const FIGURE_RE = /^[-−+(（]?[\d,，]*\d(?:\.\d+)?%?[)）]?$/;

export function isFigure(s: string): boolean {
  return FIGURE_RE.test(compact(s).normalize('NFKC'));
}

/** A line holding a figure or code in a run of its own: a data row, never a header row. */
export function isDataLine(line: Line): boolean {
  return line.items.some((i) => isFigure(i.str));
}
