/**
 * Cells merged down several rows (表22: a project's code, name, 资金总额 and
 * 实施期绩效目标 over its indicator rows; 一级指标 over its group) are printed
 * once, centred in the merged area, while the workbook keeps them in the
 * area's top row. Printed rows carry no merge, so the areas are recovered from
 * the centring: in a column whose texts stand on a few of the rows, the areas
 * must tile the rows with each text at its area's middle row. Only when that
 * tiling is exact (and makes an area of three rows or more) are the texts
 * moved to their areas' top rows and the areas merged; amounts move with the
 * text column whose areas they share. Nested merges are read left to right,
 * inside the areas already found, up to the first column filled on every row.
 */
import type { MergeRange, RawCell } from '../cells.js';
import type { CellOrigin } from './types.js';
import { isFigure } from './lines.js';

type Block = [number, number];

type Align = 'middle' | 'bottom' | 'top';

/** Areas tiling [s, e] with each of `at` (sorted rows) at its area's middle / bottom / top row; undefined when impossible. */
function tile(s: number, e: number, at: number[], align: Align): Block[] | undefined {
  const out: Block[] = [];
  let b = s;
  for (let i = 0; i < at.length; i++) {
    const o = at[i]!;
    const next = align === 'middle' ? 2 * o - b + 1 : align === 'bottom' ? o + 1 : (at[i + 1] ?? e + 1);
    if (o < b || next <= o || (align === 'top' && o !== b)) return undefined;
    out.push([b, next - 1]);
    b = next;
  }
  // Bottom-aligned: rows after the page's last text belong to a cell whose text is on the next page.
  if (align === 'bottom' && b <= e && at.length > 0) out.push([b, e]);
  else if (b !== e + 1) return undefined;
  return out;
}

/**
 * `pages`: the data rows of each page, in order. A merged cell cut by a page
 * break is printed once in each page's part, centred there: the parts tile
 * separately, and the copy at the top of the next page is dropped (the merge
 * runs on across the break).
 */
const spread = (bs: Block[]) => bs.reduce((n, [a, b]) => n + (b - a + 1) ** 2, 0);

export function restoreMergedRows(
  rows: (RawCell | undefined)[][],
  origins: (CellOrigin | undefined)[][],
  merges: MergeRange[],
  pages: Block[],
): void {
  if (pages.length === 0) return;
  const first = pages[0]![0];
  const last = pages[pages.length - 1]![1];
  const total = pages.reduce((n, [a, b]) => n + b - a + 1, 0);
  if (last - first < 2) return;
  const width = Math.max(...rows.slice(first, last + 1).map((r) => r.length));
  const text = (r: number, c: number) => {
    const v = rows[r]?.[c]?.v;
    return typeof v === 'string' && v.trim() !== '' ? v : undefined;
  };
  let parents: Block[] = pages;
  const pageOf = (r: number) => pages.findIndex(([a, b]) => r >= a && r <= b);
  const moved = new Set<number>();
  for (let c = 0; c < width; c++) {
    if (moved.has(c)) continue;
    const filled = (b: Block) => {
      const at: number[] = [];
      for (let r = b[0]; r <= b[1]; r++) if (text(r, c) !== undefined) at.push(r);
      return at;
    };
    const all = parents.flatMap(filled);
    if (all.length === 0) continue;
    // Cells merged down rows are the rows' keys on the left: from the first column filled on every row on, each row has its own.
    if (all.length === total) break;
    // Amounts follow a text column (below); codes are text.
    if (all.every((r) => isFigure(text(r, c)!) && /[.,，]/.test(text(r, c)!))) continue;
    const children: Block[] = [];
    let ok = true;
    for (const p of parents) {
      const at = filled(p);
      if (at.length === 0) {
        children.push(p);
        continue;
      }
      // Printed merged text is centred, at the bottom (the spreadsheet default) or at the top.
      // When several fit, the most even areas (a chance fit alternates long and short ones).
      const t = (['middle', 'bottom', 'top'] as Align[])
        .map((al) => tile(p[0], p[1], at, al))
        .filter((x): x is Block[] => x !== undefined)
        .sort((x, y) => spread(x) - spread(y))[0];
      if (!t) {
        ok = false;
        break;
      }
      children.push(...t);
    }
    if (!ok || !children.some(([a, b]) => b - a >= 2)) continue;
    // This column and every later column filled on exactly the same rows (amounts, 实施期绩效目标…).
    const key = all.join(',');
    const same = [c];
    for (let d = c + 1; d < width; d++) {
      const at = parents.flatMap((p) => {
        const x: number[] = [];
        for (let r = p[0]; r <= p[1]; r++) if (text(r, d) !== undefined) x.push(r);
        return x;
      });
      if (at.length > 0 && at.join(',') === key) same.push(d);
    }
    let open: { block: Block; texts: string } | undefined;
    let orphan: number | undefined;
    for (const [a0, b] of children) {
      const o = all.find((r) => r >= a0 && r <= b);
      if (o === undefined) {
        // Text-less rows closing a page: the top of the cell printed on the next page.
        if (b === pages[pageOf(b)]![1] && pageOf(b) + 1 < pages.length) orphan = a0;
        continue;
      }
      const a = orphan !== undefined && a0 === pages[pageOf(a0)]![0] ? orphan : a0;
      orphan = undefined;
      const texts = same.map((d) => text(o, d) ?? '').join('\u0001');
      // The same texts at the top of the next page: the part of a merged cell cut by the break.
      const prev = open?.block;
      if (prev && pageOf(a) === pageOf(prev[1]) + 1 && a === pages[pageOf(a)]![0] && open!.texts === texts) {
        for (const d of same) {
          rows[o]![d] = undefined;
          if (origins[o]) origins[o]![d] = undefined;
          const m = merges.find((x) => x.s.c === d && x.s.r === prev[0]);
          if (m) m.e.r = b;
          else merges.push({ s: { r: prev[0], c: d }, e: { r: b, c: d } });
        }
        open = { block: [prev[0], b], texts };
        continue;
      }
      for (const d of same) {
        if (o !== a) {
          (rows[a] ??= [])[d] = rows[o]![d];
          (origins[a] ??= [])[d] = origins[o]?.[d];
          rows[o]![d] = undefined;
          if (origins[o]) origins[o]![d] = undefined;
        }
        if (b > a) merges.push({ s: { r: a, c: d }, e: { r: b, c: d } });
      }
      open = { block: [a, b], texts };
    }
    for (const d of same) moved.add(d);
    parents = children;
  }
}
