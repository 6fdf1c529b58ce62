/**
 * One table region of the PDF → one sheet of raw cells, as if the table had
 * been read from the workbook it was printed from, so locate → header → rows
 * read it with the same template as Excel.
 *
 * Columns come from the header: its lowest cells (leaves) are the columns,
 * in order; the boundary between two neighbouring leaves is the last gap
 * between their header words that no figure or word of the table crosses
 * (right-aligned amounts end just left of it, left-aligned text starts just
 * right of it, whatever the header's alignment). Header words broken over
 * lines inside one cell are joined when together they spell (the start of) a
 * header word of the table's template; a group word over several columns
 * becomes a merge over the columns it is centred on. Rows are baselines.
 * A page without its own header continues with the previous page's columns.
 */
import type { TableTemplate } from '../../templates/types.js';
import type { MergeRange, RawCell, SheetCells } from '../cells.js';
import { compact, norm } from '../normalize.js';
import { isDataLine, isFigure, type Line, type Region } from './lines.js';
import { restoreMergedRows } from './merged.js';
import type { PdfTextItem } from './read.js';

/** A figure's box on its page, PDF points, origin at the lower left. */
export interface PdfBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface CellOrigin {
  page: number;
  box: PdfBox;
}

export interface RegionSheet {
  sheet: SheetCells;
  /** origins[r][c]: where the text of cell (r, c) was printed. */
  origins: (CellOrigin | undefined)[][];
}

interface HeaderCell {
  text: string;
  x0: number;
  x1: number;
  /** Baseline of its first line. */
  y: number;
  /** Baseline of its last line. */
  yLast: number;
  /** Index (in the segment's header lines) of its first and last line. */
  first: number;
  last: number;
  size: number;
  leaf?: boolean;
}

interface Columns {
  /** The leaf header cell over each column (a leaf may stand over several: 功能科目 over 类 / 款 / 项 without a sub-row). */
  leafOf: HeaderCell[];
  /** Each leaf's columns. */
  leafSpan: Map<HeaderCell, [number, number]>;
  /** bounds[c] .. bounds[c + 1]: column c. */
  bounds: number[];
}

const PREAMBLE_RE = /(?:单位|部门)[:：]/;
/** A note under a table ("注：本表反映2025年度…"): running text, whatever figures it quotes. */
const NOTE_RE = /^(?:注|说明|备注|附注)\s*[:：\d①一]/;

/** A data row: figures in runs of their own, not a note. */
const isRowLine = (l: Line) => isDataLine(l) && !NOTE_RE.test(compact(l.text));

const right = (i: PdfTextItem) => i.x + i.w;

/** Runs printed without a gap (a font change inside one word, "2025" + "年预算数") are one run. */
function mergeRuns(items: PdfTextItem[]): PdfTextItem[] {
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

function templateWords(tmpl: TableTemplate | undefined): string[] {
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

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.min(a1, b1) - Math.max(a0, b0);
}

/**
 * Boundaries between neighbouring leaves: the last stretch between their
 * header words that no obstacle (a figure or word of the table) crosses.
 */
function columnBounds(leaves: HeaderCell[], obstacles: PdfTextItem[]): number[] {
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
const isAmountText = (s: string) => isFigure(s) && /[.,，]/.test(s);

/**
 * Between two leaves' header words, the free stretches no item crosses are
 * the candidates. An item wholly between the two words' centres could be
 * either column's: an amount (right-aligned) belongs to the left one, a code
 * or word (left-aligned) to the right one; the candidate with the fewest
 * items on the wrong side wins, the last one on a tie.
 */
function gapBetween(a: HeaderCell, b: HeaderCell, obstacles: PdfTextItem[]): number | undefined {
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

function columnOf(bounds: number[], x: number): number {
  let c = 0;
  while (c + 2 < bounds.length && x >= bounds[c + 1]!) c++;
  return c;
}

/**
 * The columns under each group word: spans centred on the word (within a
 * third of the edge columns' width), made of columns whose own header word
 * is lower than it, not overlapping the spans of the other words on its
 * line — widest first. A word centred on no such span (a group word written
 * over its first column only) keeps the columns its text touches.
 */
function groupSpans(cells: HeaderCell[], cols: Columns): Map<HeaderCell, [number, number]> {
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

/** Items of the data lines in the columns `bounds` make (figures by their right edge, words by their left). */
function assign(bounds: number[], it: PdfTextItem): number {
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
function layoutColumns(leaves: HeaderCell[], data: Line[], obstacles: PdfTextItem[]): Columns {
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

/**
 * Header rows: cells grouped by their vertical centre (the lines of a wrapped
 * word are centred in their cell, so a cell of one, two or four lines in the
 * same header row shares its centre), top-down; each cell with its columns.
 */
function headerLevels(cells: HeaderCell[], cols: Columns): Map<HeaderCell, [number, number]>[] {
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
