/**
 * A PDF table's columns: the header's leaves (header.ts) over the data
 * columns the runs of the data lines fill. Each data column belongs to the
 * leaf whose word it lies under, else to the leaf whose centred word is
 * nearest; a leaf over several data columns filled side by side stands over
 * that many columns. Figures belong to the column their right edge is in
 * (amounts are right-aligned), words to the one their left edge is in.
 */
import type { Columns, HeaderCell } from './types.js';
import { isFigure, type Line } from './lines.js';
import type { PdfTextItem } from './read.js';


export const right = (i: PdfTextItem) => i.x + i.w;

/** Runs printed without a gap (a font change inside one word, "2025" + "年预算数") are one run. */
export function mergeRuns(items: PdfTextItem[]): PdfTextItem[] {
  const out: PdfTextItem[] = [];
  for (const it of items) {
    const prev = out[out.length - 1];
    if (prev && it.x - right(prev) < 0.12 * Math.min(prev.size, it.size) && it.x >= prev.x && !isFigure(prev.str) && !isFigure(it.str)) {
      out[out.length - 1] = { ...prev, str: prev.str + it.str, w: right(it) - prev.x, size: Math.max(prev.size, it.size) };
    } else {
      out.push(it);
    }
  }
  return out;
}

export function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.min(a1, b1) - Math.max(a0, b0);
}

/**
 * Boundaries between neighbouring leaves: the last stretch between their
 * header words that no obstacle (a figure or word of the table) crosses.
 */
export function columnBounds(leaves: HeaderCell[], obstacles: PdfTextItem[]): number[] {
  const xs = [...leaves.map((l) => l.x0), ...obstacles.map((o) => o.x)];
  const xe = [...leaves.map((l) => l.x1), ...obstacles.map(right)];
  const bounds = [Math.min(...xs) - 1];
  for (let i = 0; i + 1 < leaves.length; i++) {
    const a = leaves[i]!;
    const b = leaves[i + 1]!;
    bounds.push(gapBetween(a, b, obstacles) ?? (a.x1 + b.x0) / 2);
  }
  bounds.push(Math.max(...xe) + 1);
  return bounds;
}

/** A figure with decimals or grouping: an amount, printed right-aligned (codes and words are left-aligned). */
export const isAmountText = (s: string) => isFigure(s) && /[.,，]/.test(s);

/**
 * Between two leaves' header words, the free stretches no item crosses are
 * the candidates. An item wholly between the two words' centres could be
 * either column's: an amount (right-aligned) belongs to the left one, a code
 * or word (left-aligned) to the right one; the candidate with the fewest
 * items on the wrong side wins, the last one on a tie.
 */
export function gapBetween(a: HeaderCell, b: HeaderCell, obstacles: PdfTextItem[]): number | undefined {
  const lo = a.x1;
  const hi = b.x0;
  if (hi <= lo) return undefined;
  const ca = (a.x0 + a.x1) / 2;
  const cb = (b.x0 + b.x1) / 2;
  const between = obstacles.filter((o) => o.x > ca && right(o) < cb);
  for (const pass of [0, 1]) {
    // An item over both header words overflows its cell; on the second pass only figures count.
    const blocks = obstacles
      .filter((o) => !(o.x < a.x1 && right(o) > b.x0) && (pass === 0 || isFigure(o.str)))
      .map((o): [number, number] => [o.x, right(o)])
      .filter(([s, e]) => e > lo && s < hi)
      .sort((p, q) => p[0] - q[0]);
    const free: [number, number][] = [];
    let at = lo;
    for (const [s, e] of blocks) {
      if (s > at) free.push([at, s]);
      at = Math.max(at, e);
    }
    if (hi > at) free.push([at, hi]);
    let best: number | undefined;
    let bestCost = Infinity;
    for (const [s, e] of free.filter(([s, e]) => e - s > 0.2)) {
      const g = (s + e) / 2;
      const cost = between.filter((o) => (isAmountText(o.str) ? o.x > g : right(o) < g)).length;
      if (cost <= bestCost) {
        best = g;
        bestCost = cost;
      }
    }
    if (best !== undefined) return best;
  }
  return undefined;
}

export function columnOf(bounds: number[], x: number): number {
  let c = 0;
  while (c + 2 < bounds.length && x >= bounds[c + 1]!) c++;
  return c;
}

/** Items of the data lines in the columns `bounds` make (figures by their right edge, words by their left). */
export function assign(bounds: number[], it: PdfTextItem): number {
  return isFigure(it.str) ? columnOf(bounds, right(it) - 0.01) : columnOf(bounds, it.x + 0.01);
}

/**
 * The columns of a segment. Data columns are the stretches the runs of the
 * data lines fill with no gap across all lines. Each belongs to the leaf whose
 * header word it lies under, else to the leaf whose word's centre is nearest
 * (header words are centred in their cells). A leaf over several data columns
 * that are filled side by side on the same lines (功能科目 merged over 类 / 款
 * / 项 without a sub-row) stands over that many columns; otherwise its data
 * columns are one column. Boundaries lie in the gaps.
 */
export function layoutColumns(leaves: HeaderCell[], data: Line[], obstacles: PdfTextItem[]): Columns {
  const runs = data.map((l) => mergeRuns(l.items));
  const iv = runs.flat().map((it): [number, number] => [it.x, right(it)]).sort((p, q) => p[0] - q[0]);
  const dcs: [number, number][] = [];
  for (const [s0, e0] of iv) {
    const last = dcs[dcs.length - 1];
    if (last && s0 < last[1] + 0.3) last[1] = Math.max(last[1], e0);
    else dcs.push([s0, e0]);
  }
  const centers = leaves.map((l) => (l.x0 + l.x1) / 2);
  const owner = dcs.map(([s0, e0]) => {
    const under = leaves.map((l, i) => (overlap(s0, e0, l.x0, l.x1) > 0.5 ? i : -1)).filter((i) => i >= 0);
    if (under.length === 1) return under[0]!;
    if (under.length > 1) return -1; // spans several leaves' words: text running over its neighbours
    const mid = (s0 + e0) / 2;
    let best = 0;
    centers.forEach((c, i) => {
      if (Math.abs(c - mid) < Math.abs(centers[best]! - mid)) best = i;
    });
    return best;
  });
  // Keep owners in left-to-right order (a stray data column can't jump over a leaf).
  let floor = 0;
  for (let d = 0; d < owner.length; d++) {
    if (owner[d]! < 0) continue;
    if (owner[d]! < floor) owner[d] = floor;
    floor = owner[d]!;
  }
  const out: Columns = { leafOf: [], leafSpan: new Map(), bounds: [] };
  const fallback = columnBounds(leaves, obstacles);
  out.bounds.push(Math.min(fallback[0]!, ...dcs.map((d) => d[0] - 1)));
  leaves.forEach((leaf, i) => {
    const mine = dcs.filter((_, d) => owner[d] === i);
    // Sub-columns only when two of its data columns are filled on the same lines.
    let inner: number[] = [];
    if (mine.length > 1) {
      const together = runs.filter((rs) => mine.filter(([s0, e0]) => rs.some((it) => overlap(it.x, right(it), s0, e0) > 0)).length > 1).length;
      if (together >= 2) inner = mine.slice(1).map(([s0], k) => (s0 + mine[k]![1]) / 2);
    }
    const a = out.leafOf.length;
    for (let k = 0; k <= inner.length; k++) out.leafOf.push(leaf);
    out.leafSpan.set(leaf, [a, a + inner.length]);
    out.bounds.push(...inner);
    if (i + 1 < leaves.length) {
      const next = leaves[i + 1]!;
      const nextMine = dcs.filter((_, d) => owner[d] === i + 1);
      const lastRight = Math.max(leaf.x1, ...mine.map((d) => d[1]));
      const nextLeft = Math.min(next.x0, ...nextMine.map((d) => d[0]));
      out.bounds.push(lastRight < nextLeft ? (lastRight + nextLeft) / 2 : fallback[i + 1]!);
    }
  });
  out.bounds.push(Math.max(fallback[fallback.length - 1]!, ...dcs.map((d) => d[1] + 1)));
  return out;
}
