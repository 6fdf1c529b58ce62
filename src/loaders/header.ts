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
import type { MergeRange, RawCell, SheetCells } from './cells.js';
import { cellText, compact, isDataLike, norm, tidy } from './normalize.js';

/** A sheet with its merges resolved: which cell a merged cell takes its content from. */
export class SheetView {
  readonly width: number;
  /** covered[r][c]: the merge over (r, c) when (r, c) isn't its top-left cell. */
  private readonly covered: (MergeRange[] | undefined)[] = [];
  private readonly anyMerge: boolean;
  /** Columns [from, to) this view shows (tables side by side in one sheet); cells outside read as blank. */
  private readonly from: number;
  private readonly to: number;

  constructor(readonly sheet: SheetCells, cols?: [number, number]) {
    let w = 0;
    for (const row of sheet.rows) if (row && row.length > w) w = row.length;
    this.from = cols?.[0] ?? 0;
    this.to = cols?.[1] ?? Number.MAX_SAFE_INTEGER;
    w = Math.min(w, this.to);
    this.width = w;
    const maxRow = sheet.rows.length - 1;
    for (const m of sheet.merges) {
      // Clip to the used area: a merge can't make us touch more cells than exist.
      const r1 = Math.min(m.e.r, maxRow);
      const c1 = Math.min(m.e.c, w - 1);
      for (let r = m.s.r; r <= r1; r++) {
        const row = (this.covered[r] ??= []);
        for (let c = m.s.c; c <= c1; c++) {
          if (r !== m.s.r || c !== m.s.c) row[c] = m;
        }
      }
    }
    this.anyMerge = this.covered.length > 0;
  }

  get name(): string {
    return this.sheet.name;
  }

  cell(r: number, c: number): RawCell | undefined {
    return c >= this.from && c < this.to ? this.sheet.rows[r]?.[c] : undefined;
  }

  /** The merge covering (r, c) when (r, c) is not its top-left cell. */
  mergeOver(r: number, c: number): MergeRange | undefined {
    if (!this.anyMerge || c < this.from || c >= this.to) return undefined;
    return this.covered[r]?.[c];
  }

  /** The cell's content, or its merge's top-left content (merged TEXT is filled everywhere). */
  filled(r: number, c: number): RawCell | undefined {
    const m = this.mergeOver(r, c);
    return m ? this.cell(m.s.r, m.s.c) : this.cell(r, c);
  }

  hidden(c: number): boolean {
    return this.sheet.hiddenCols.has(c);
  }

  hiddenRow(r: number): boolean {
    return this.sheet.hiddenRows.has(r);
  }

  rowLength(r: number): number {
    return Math.min(this.sheet.rows[r]?.length ?? 0, this.to);
  }
}

export interface HeaderColumn {
  col: number;
  /** Segments as published (whitespace removed), top-down. */
  path: string[];
  normPath: string[];
  spec?: ColumnSpec;
  /** Template path joined with PATH_SEP when matched, else the published path. */
  key: string;
  role: ColumnRole;
}

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

const J = '\u0001';

interface TemplatePaths {
  /** Every header word of the template, at any level. */
  segments: Set<string>;
  prefixes: Set<string>;
  full: Set<string>;
  top: Set<string>;
  specNorms: string[][];
}

const pathCache = new WeakMap<TableTemplate, TemplatePaths>();

function templatePaths(t: TableTemplate): TemplatePaths {
  let p = pathCache.get(t);
  if (p) return p;
  const prefixes = new Set<string>();
  const full = new Set<string>();
  const top = new Set<string>();
  const segments = new Set<string>();
  const specNorms = t.columns.map((c) => c.path.map(norm));
  for (const n of specNorms.map((x) => x.map(loose))) {
    for (const seg of n) segments.add(seg);
    for (let i = 1; i <= n.length; i++) prefixes.add(n.slice(0, i).join(J));
    full.add(n.join(J));
    top.add(n[0]!);
  }
  p = { segments, prefixes, full, top, specNorms };
  pathCache.set(t, p);
  return p;
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

/** One column carrying the whole 功能科目 code: 科目编码, 功能科目编码, 功能分类科目代码, 功能科目 … */
const FUNCTION_CODE_COLUMN_RE = /^(?:功能(?:分类)?)?科目(?:编码|代码)?$/;

/**
 * 类 / 款 / 项 columns and one 科目编码 column are two spellings of the same
 * 功能科目 code. When the header has no 类 / 款 / 项 at all: with a 科目编码
 * template column present (03 / 07) they are not missing; otherwise (04, 05,
 * 09–14 …) a lone unknown "科目编码" / "功能科目编码" column takes the 类 column's
 * place and carries whole codes (joinClassCodes reads "2080101" in the 类 cell).
 */
function functionCodeAlternatives(columns: HeaderColumn[], missing: ColumnSpec[], tmpl: TableTemplate): ColumnSpec[] {
  const classSpecs = tmpl.columns.filter((s) => s.role === 'classCode');
  if (classSpecs.length === 0 || !classSpecs.every((s) => missing.includes(s))) return missing;
  const rest = missing.filter((s) => s.role !== 'classCode');
  if (columns.some((hc) => hc.spec?.role === 'subjectCode')) return rest;
  const single = columns.filter((hc) => !hc.spec && FUNCTION_CODE_COLUMN_RE.test(hc.normPath.map(loose).join('')));
  if (single.length !== 1) return missing;
  const hc = single[0]!;
  hc.spec = classSpecs[0]!;
  hc.key = hc.spec.path.join(PATH_SEP);
  hc.role = 'classCode';
  return rest;
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

/** Is `group` (a path) a template group with `word` somewhere under it (基本支出 › … › 对个人和家庭的补助)? */
function groupHolds(tp: TemplatePaths, group: string[], word: string): boolean {
  const g = group.map(loose);
  const w = loose(word);
  return tp.specNorms.some((n) => {
    if (n.length <= g.length) return false;
    const l = n.map(loose);
    return g.every((s, i) => l[i] === s) && l.slice(g.length).includes(w);
  });
}

/** Header words for code and name columns differ between tables and counties (单位代码 / 单位编码, 单位名称（功能科目） / 单位名称 / 科目名称). */
const ROLE_WORDS: Partial<Record<ColumnRole, RegExp>> = {
  unitCode: /^(?:部门|单位|预算单位|部门\(单位\)|单位\(部门\))(?:代码|编码|编号)$/,
  name: /^(?:部门|单位|预算单位|部门\(单位\)|单位\(部门\)|科目|项目|功能科目)名称(?:\(.*\))?$/,
};

/**
 * A code or name column the header spells in another county's words: the one
 * unmatched template column of that role takes the one unmatched header
 * column whose words say that role.
 */
function roleSynonyms(columns: HeaderColumn[], missing: ColumnSpec[]): ColumnSpec[] {
  let rest = missing;
  for (const [role, re] of Object.entries(ROLE_WORDS) as [ColumnRole, RegExp][]) {
    const specs = rest.filter((s) => s.role === role);
    if (specs.length !== 1) continue;
    const hits = columns.filter((hc) => !hc.spec && re.test(hc.normPath.map(loose).join('')));
    if (hits.length !== 1) continue;
    const hc = hits[0]!;
    const spec = specs[0]!;
    hc.spec = spec;
    hc.key = spec.path.join(PATH_SEP);
    hc.role = spec.role;
    rest = rest.filter((s) => s !== spec);
  }
  return rest;
}

/** The year a header path names ("2025年预算数" → 2025). */
function yearOf(path: string[]): number | undefined {
  for (const seg of path) {
    const m = /^(\d{4})年/.exec(seg);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** A header word without a leading year or a trailing money unit. */
function loose(n: string): string {
  return n.replace(/^(?:\d{4}年度?)/, '').replace(/\((?:万元|元)\)$/, '') || n;
}

function isSubsequence(short: string[], long: string[]): boolean {
  let i = 0;
  for (const s of long) if (i < short.length && short[i] === s) i++;
  return i === short.length;
}

/**
 * Assigns template columns to header columns; returns the template columns
 * (not optional) left unmatched.
 *  1. exact path, in order (01's three "支出 › 预算数" pair up left to right);
 *  2. k header columns sharing a path that is a proper prefix of exactly k
 *     template columns: by order (表03's 功能科目 over 类/款/项 with no sub-row);
 *  3. the same leaf word with one path a subsequence of the other, when unique.
 */
export function matchColumns(columns: HeaderColumn[], tmpl: TableTemplate, tp = templatePaths(tmpl)): ColumnSpec[] {
  const specs = tmpl.columns;
  const used = new Array<boolean>(specs.length).fill(false);
  const keys = tp.specNorms.map((n) => n.join(J));
  const assign = (hc: HeaderColumn, i: number) => {
    used[i] = true;
    hc.spec = specs[i]!;
    hc.key = specs[i]!.path.join(PATH_SEP);
    hc.role = specs[i]!.role;
  };

  for (const hc of columns) {
    const k = hc.normPath.join(J);
    const i = keys.findIndex((sk, j) => !used[j] && sk === k);
    if (i >= 0) assign(hc, i);
  }
  // "2025年预算数", "合计(万元)": the same column with a year or money unit added.
  // Beside "2024年预算数" (last year's, for comparison) only the latest year is this budget's column.
  const looseKeys = tp.specNorms.map((n) => n.map(loose).join(J));
  const latest = new Map<string, number>();
  for (const hc of columns) {
    const y = hc.spec ? undefined : yearOf(hc.normPath);
    const k = hc.normPath.map(loose).join(J);
    if (y !== undefined) latest.set(k, Math.max(latest.get(k) ?? y, y));
  }
  for (const hc of columns) {
    if (hc.spec) continue;
    const k = hc.normPath.map(loose).join(J);
    const y = yearOf(hc.normPath);
    if (y !== undefined && y < latest.get(k)!) continue;
    const i = looseKeys.findIndex((sk, j) => !used[j] && sk === k);
    if (i >= 0) assign(hc, i);
  }

  for (let a = 0; a < columns.length; ) {
    const hc = columns[a]!;
    if (hc.spec) {
      a++;
      continue;
    }
    let b = a + 1;
    const k = hc.normPath.join(J);
    while (b < columns.length && !columns[b]!.spec && columns[b]!.normPath.join(J) === k) b++;
    const P = hc.normPath;
    const cands: number[] = [];
    tp.specNorms.forEach((n, j) => {
      if (!used[j] && n.length > P.length && P.every((s, x) => n[x] === s)) cands.push(j);
    });
    if (cands.length === b - a) for (let x = a; x < b; x++) assign(columns[x]!, cands[x - a]!);
    a = b;
  }

  for (const hc of columns) {
    if (hc.spec) continue;
    const leaf = hc.normPath[hc.normPath.length - 1];
    const cands: number[] = [];
    tp.specNorms.forEach((n, j) => {
      if (used[j] || n[n.length - 1] !== leaf) return;
      if (isSubsequence(hc.normPath, n) || isSubsequence(n, hc.normPath)) cands.push(j);
    });
    if (cands.length === 1) assign(hc, cands[0]!);
  }

  return specs.filter((s, j) => !used[j] && !s.optional);
}
