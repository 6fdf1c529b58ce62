/**
 * A PDF table's header: its words (wrapped words of one cell joined when
 * together they spell the start of a template header word), which are leaves
 * (the columns) and which are groups, the columns each group spans (centred
 * on it), and the header rows as the workbook had them (a merged cell's word
 * in its top row).
 */
import type { TableTemplate } from '../../templates/types.js';
import { norm } from '../normalize.js';
import { mergeRuns, overlap, right } from './columns.js';
import type { Columns, HeaderCell } from './types.js';
import type { Line } from './lines.js';


export function templateWords(tmpl: TableTemplate | undefined): string[] {
  if (!tmpl) return [];
  const words = new Set<string>();
  for (const c of tmpl.columns) for (const seg of c.path) words.add(norm(seg));
  return [...words];
}

/** Header cells of the header lines: wrapped words joined, each with its extent. */
export function headerCells(lines: Line[], words: string[]): HeaderCell[] {
  const cells: HeaderCell[] = [];
  lines.forEach((line, k) => {
    for (const it of mergeRuns(line.items)) {
      const center = it.x + it.w / 2;
      const tol = Math.max(1, 0.35 * it.size);
      // The line above in the same cell: lines of neighbouring cells may sit in between (each cell centres its own lines).
      const above = cells.find((c) => {
        if (c.last >= k) return false;
        const gap = lines[c.last]!.y - line.y;
        const aligned = Math.abs((c.x0 + c.x1) / 2 - center) <= tol || Math.abs(c.x0 - it.x) <= tol;
        if (!aligned || gap > 1.8 * it.size || gap < 0.5 * it.size) return false;
        const joined = norm(c.text + it.str);
        return words.some((w) => w.startsWith(joined)) || /[(（][^)）]*$/.test(c.text);
      });
      if (above) {
        above.text += it.str;
        above.x0 = Math.min(above.x0, it.x);
        above.x1 = Math.max(above.x1, right(it));
        above.last = k;
        above.yLast = line.y;
      } else {
        cells.push({ text: it.str, x0: it.x, x1: right(it), y: line.y, yLast: line.y, first: k, last: k, size: it.size });
      }
    }
  });
  // A word over some lower word is a group.
  const over = new Set(
    cells.filter((c) => cells.some((d) => d !== c && d.first > c.last && overlap(d.x0, d.x1, c.x0, c.x1) > 0.5)),
  );
  const vc = (d: HeaderCell) => (d.y + d.yLast) / 2;
  const top = Math.max(...cells.map(vc));
  for (const c of cells) {
    if (over.has(c)) {
      c.leaf = false;
      continue;
    }
    // A group word centred over its columns may fall in the gap between its sub-columns' words:
    // when its nearest neighbours on both sides (groups aside) are lower words, it is a group.
    const tol = 0.35 * c.size;
    const others = cells.filter((d) => d !== c && !over.has(d));
    const leftN = others.filter((d) => d.x1 <= c.x0 + tol).sort((p, q) => q.x1 - p.x1)[0];
    const rightN = others.filter((d) => d.x0 >= c.x1 - tol).sort((p, q) => p.x0 - q.x0)[0];
    // Only a word on the header's first row or on a row of groups: a leaf merged down the whole
    // header (住房公积金) is centred lower, between its lower neighbours' groups.
    const groupRow = Math.abs(vc(c) - top) < tol || [...over].some((g) => Math.abs(vc(g) - vc(c)) < tol);
    c.leaf = !(groupRow && leftN && rightN && vc(leftN) < vc(c) - tol && vc(rightN) < vc(c) - tol);
  }
  return cells;
}

/**
 * The columns under each group word: spans centred on the word (within a
 * third of the edge columns' width), made of columns whose own header word
 * is lower than it, not overlapping the spans of the other words on its
 * line — widest first. A word centred on no such span (a group word written
 * over its first column only) keeps the columns its text touches.
 */
export function groupSpans(cells: HeaderCell[], cols: Columns): Map<HeaderCell, [number, number]> {
  const { bounds, leafOf: leaves } = cols;
  const n = leaves.length;
  const groups = cells.filter((c) => !c.leaf);
  const bottom = Math.min(...cells.map((c) => c.yLast));
  const out = new Map<HeaderCell, [number, number]>();
  const candidates: { g: HeaderCell; a: number; b: number }[] = [];
  for (const g of groups) {
    const touched: number[] = [];
    for (let c = 0; c < n; c++) if (overlap(bounds[c]!, bounds[c + 1]!, g.x0, g.x1) > 0.5) touched.push(c);
    if (touched.length === 0) continue;
    const t0 = touched[0]!;
    const t1 = touched[touched.length - 1]!;
    out.set(g, [t0, t1]);
    const tol = 0.5 * g.size;
    // A leaf standing beside the group from the group's own row (单位代码, 总计 merged down the header)
    // is centred higher than the group's sub-columns, which start below it.
    const vc = (c: HeaderCell) => (c.y + c.yLast) / 2;
    const touchedVc = Math.max(...touched.map((c) => vc(leaves[c]!)));
    const band = (g.yLast - 0.5 * g.size + bottom) / 2;
    const beside = (c: number) => vc(leaves[c]!) > touchedVc + 0.3 * g.size && vc(leaves[c]!) > band;
    const blocked = (c: number): boolean =>
      leaves[c]!.y >= g.y - tol ||
      beside(c) ||
      cells.some((h) => h !== g && Math.abs(h.y - g.y) < tol && overlap(bounds[c]!, bounds[c + 1]!, h.x0, h.x1) > 0.5);
    if (touched.some(blocked)) continue;
    let lo = t0;
    while (lo > 0 && !blocked(lo - 1)) lo--;
    let hi = t1;
    while (hi + 1 < n && !blocked(hi + 1)) hi++;
    const mid = (g.x0 + g.x1) / 2;
    for (let a = lo; a <= t0; a++) {
      for (let b = t1; b <= hi; b++) {
        const edge = Math.min(bounds[a + 1]! - bounds[a]!, bounds[b + 1]! - bounds[b]!);
        if (Math.abs((bounds[a]! + bounds[b + 1]!) / 2 - mid) <= edge / 3) candidates.push({ g, a, b });
      }
    }
  }
  candidates.sort((p, q) => q.b - q.a - (p.b - p.a));
  const taken = new Map<HeaderCell, [number, number]>();
  for (const { g, a, b } of candidates) {
    if (taken.has(g)) continue;
    const clash = [...taken].some(([h, [ha, hb]]) => Math.abs(h.y - g.y) < 0.5 * g.size && a <= hb && ha <= b);
    if (!clash) taken.set(g, [a, b]);
  }
  for (const [g, span] of taken) out.set(g, span);
  return out;
}

/**
 * Header rows: cells grouped by their vertical centre (the lines of a wrapped
 * word are centred in their cell, so a cell of one, two or four lines in the
 * same header row shares its centre), top-down; each cell with its columns.
 */
export function headerLevels(cells: HeaderCell[], cols: Columns): Map<HeaderCell, [number, number]>[] {
  const spans = groupSpans(cells, cols);
  const vc = (c: HeaderCell) => (c.y + c.yLast) / 2;
  const sorted = [...cells].sort((a, b) => vc(b) - vc(a));
  const levels: { y: number; cells: Map<HeaderCell, [number, number]> }[] = [];
  for (const c of sorted) {
    const span = c.leaf ? cols.leafSpan.get(c) : spans.get(c);
    if (!span) continue;
    let level = levels[levels.length - 1];
    if (!level || level.y - vc(c) > 0.35 * c.size) levels.push((level = { y: vc(c), cells: new Map() }));
    level.cells.set(c, span);
  }
  // Each cell moves up to the first row free over all its columns, as a merged cell's text sits in its
  // top row in the workbook (a leaf merged down the header is centred between the rows in print).
  const next = new Array<number>(cols.leafOf.length).fill(0);
  const rows: Map<HeaderCell, [number, number]>[] = [];
  for (const level of levels) {
    for (const [c, [a, b]] of level.cells) {
      let r = 0;
      for (let k = a; k <= b; k++) r = Math.max(r, next[k]!);
      for (let k = a; k <= b; k++) next[k] = r + 1;
      (rows[r] ??= new Map()).set(c, [a, b]);
    }
  }
  return rows.filter((r) => r !== undefined);
}
