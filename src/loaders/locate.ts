/**
 * Finding the tables in a workbook by their CONTENT: the "部门公开表NN" marker
 * and/or the table's title — never by sheet name, sheet order or position.
 * A block runs from its marker/title down to the next table's marker/title in
 * the same sheet (or the sheet's end); several blocks of the same table are
 * page-break repeats, merged later.
 */
import type { TableId } from '../model/amount.js';
import { TABLE_IDS } from '../model/amount.js';
import type { MoneyUnit } from '../model/budget.js';
import type { Template } from '../templates/types.js';
import type { SheetCells, WorkbookCells } from './cells.js';
import { compact, norm, squeeze } from './normalize.js';

export interface Block {
  id: TableId;
  sheetIndex: number;
  sheet: SheetCells;
  /** First row of the block (marker or title, whichever is higher). */
  start: number;
  /** One past the last row the block may use (next table's anchor or the sheet's end). */
  end: number;
  /** Rows holding the marker/title: never data. */
  anchorRows: number[];
  /** The marker named a different table than the title beside it (the marker wins). */
  conflictingTitle?: TableId;
  /** Tables side by side in one sheet: the block's columns [start, end); absent = whole rows. */
  cols?: [number, number];
}

/** Year mentions counted over the workbook, for the budget year. */
export interface YearVotes {
  /** "2025年部门预算" and titles carrying a year: strong evidence. */
  strong: Map<number, number>;
  /** Any "2025年" in any cell. */
  weak: Map<number, number>;
}

interface AnchorHit {
  row: number;
  col: number;
  marker?: TableId;
  title?: TableId;
}

const MARKER_RE = /^(?:.*?\d{4}年度?)?(?:部门|单位)?(?:预算)?公开表0*(\d{1,2})(?:[:.、]?)(.*)$/;

/** Comparison keys of every title and alias → table id. */
export function titleIndex(template: Template): Map<string, TableId> {
  const m = new Map<string, TableId>();
  for (const t of template.tables) {
    for (const title of [t.title, ...(t.aliases ?? [])]) m.set(norm(title), t.id);
  }
  return m;
}

/**
 * The table a title text names: the WHOLE normalized text must be a title
 * (08 is a prefix of 09–14). A leading "…2025年(部门)(预算)" is allowed.
 */
export function matchTitle(text: string, titles: Map<string, TableId>): TableId | undefined {
  const n = norm(text);
  const hit = titles.get(n);
  if (hit) return hit;
  const y = /^.*?\d{4}年度?(.*)$/.exec(n);
  if (y) {
    const rest = y[1]!;
    for (const candidate of [rest, rest.replace(/^(?:部门|单位)?(?:预算)?/, ''), rest.replace(/^(?:部门|单位)/, '')]) {
      const h = titles.get(candidate);
      if (h) return h;
    }
  }
  // "收支总表(2025年)", "表1 收支总表": the year after the title, a table number before it.
  const bare = n.replace(/\(\d{4}年度?(?:预算)?\)$/, '').replace(/^附?表[\d一二三四五六七八九十]+[:.、]?(?=\D)/, '');
  if (bare !== n && bare !== '') return matchTitle(bare, titles);
  return orgTitle(n, titles);
}

/** How an organisation's name ends (衡南县人力资源和社会保障局, …委员会, …中心). */
const ORG_END_RE = /(?:局|委员会|委|办公室|办|院|中心|所|站|队|馆|会|部|厅|处|政府|学校|医院|公司|社|台)$/;

/**
 * "2025年衡南县人力资源和社会保障局收支总表", "衡南县…局一般公共预算支出表": the
 * department's name between the year and the title. The longest title the
 * text ends with (08's title ends 09–14's), when what is left before it is an
 * organisation's name — no punctuation, ending like one.
 */
function orgTitle(n: string, titles: Map<string, TableId>): TableId | undefined {
  let best: string | undefined;
  for (const k of titles.keys()) if (n.length > k.length && n.endsWith(k) && (!best || k.length > best.length)) best = k;
  if (!best) return undefined;
  const org = n
    .slice(0, n.length - best.length)
    .replace(/^.*?\d{4}年度?/, '')
    .replace(/(?:部门|单位)?(?:预算)?$/, '');
  return org.length >= 2 && org.length <= 40 && ORG_END_RE.test(org) && !/[,.;:!?，。；：！？、]/.test(org) ? titles.get(best) : undefined;
}

export function tableIdOf(n: number): TableId | undefined {
  const id = String(n).padStart(2, '0');
  return (TABLE_IDS as readonly string[]).includes(id) ? (id as TableId) : undefined;
}

/** Marker "部门公开表03" (optionally followed by the title in the same cell). */
export function matchMarker(text: string, titles: Map<string, TableId>): { marker: TableId; title?: TableId } | undefined {
  const s = squeeze(text);
  const m = MARKER_RE.exec(s);
  if (!m) return undefined;
  const marker = tableIdOf(Number(m[1]));
  if (!marker) return undefined;
  const rest = m[2]!;
  if (rest === '') return { marker };
  const title = matchTitle(rest, titles);
  // "部门公开表03 详见…" in running text is not a marker.
  return title ? { marker, title } : undefined;
}

function addVote(map: Map<number, number>, year: number): void {
  map.set(year, (map.get(year) ?? 0) + 1);
}

const YEAR_RE = /((?:19|20)\d{2})\s*年/g;
/** "2025年部门预算", "本表反映2025年度一般公共预算…", "2025年度无政府性基金预算…": the budget's own year. */
const STRONG_YEAR_RE = /((?:19|20)\d{2})\s*年度?[^\d，。,;；]{0,8}?(?:预算|收支)/;

/**
 * One pass over every cell of every sheet: marker/title hits and year
 * mentions. Linear in the number of cells; only string cells containing 表
 * are normalized.
 */
export function locateBlocks(cells: WorkbookCells, template: Template): { blocks: Block[]; years: YearVotes } {
  const titles = titleIndex(template);
  const years: YearVotes = { strong: new Map(), weak: new Map() };
  const blocks: Block[] = [];

  cells.sheets.forEach((sheet, sheetIndex) => {
    for (const m of sheet.name.matchAll(YEAR_RE)) addVote(years.weak, Number(m[1]));
    const hits: AnchorHit[] = [];
    const rows = sheet.rows;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (!cell || cell.t !== 's' || typeof cell.v !== 'string') continue;
        const v = cell.v;
        if (v.includes('年')) {
          for (const m of v.matchAll(YEAR_RE)) addVote(years.weak, Number(m[1]));
          const s = STRONG_YEAR_RE.exec(compact(v));
          if (s) addVote(years.strong, Number(s[1]));
        }
        if (!v.includes('表') || v.length > 120) continue;
        const mk = matchMarker(v, titles);
        if (mk) {
          hits.push({ row: r, col: c, marker: mk.marker, title: mk.title });
          continue;
        }
        const t = matchTitle(v, titles);
        if (t) {
          hits.push({ row: r, col: c, title: t });
          const y = /((?:19|20)\d{2})\s*年/.exec(v);
          if (y) addVote(years.strong, Number(y[1]));
        }
      }
    }
    const groups = groupAnchors(hits);
    const windows = sideBySide(groups);
    groups.forEach((g, i) => {
      const id = g.marker ?? g.title!;
      const cols = windows.get(g);
      // The block ends at the next anchor below that shares its columns (side-by-side neighbours don't end it).
      let end = rows.length;
      for (let n = i + 1; n < groups.length; n++) {
        const w = windows.get(groups[n]!);
        if (!cols || !w || (cols[0] < w[1] && w[0] < cols[1])) {
          end = groups[n]!.start;
          break;
        }
      }
      blocks.push({
        id,
        sheetIndex,
        sheet,
        start: g.start,
        end,
        anchorRows: g.rows,
        conflictingTitle: g.marker && g.title && g.title !== g.marker ? g.title : undefined,
        ...(cols ? { cols } : {}),
      });
    });
  });
  return { blocks, years };
}

/** A marker and its title sit within this many rows of each other. */
const NEAR_ROWS = 3;

interface AnchorGroup {
  start: number;
  rows: number[];
  /** Where the table's left edge is: its title's column (a merged title starts there), else its marker's. */
  left: number;
  marker?: TableId;
  title?: TableId;
}

/**
 * Groups a marker with the title next to it (within 3 rows, either order).
 * A hit first joins a nearby anchor of the SAME table (side-by-side tables:
 * each marker with its own title); otherwise the last anchor if it has the
 * free slot (a marker whose title names another table: the marker wins).
 */
function groupAnchors(hits: AnchorHit[]): AnchorGroup[] {
  const groups: AnchorGroup[] = [];
  for (const h of hits) {
    let g: AnchorGroup | undefined;
    for (let i = groups.length - 1; i >= 0 && h.row - groups[i]!.start <= NEAR_ROWS; i--) {
      const c = groups[i]!;
      const same = h.marker !== undefined
        ? c.marker === undefined && c.title === h.marker
        : (c.title === undefined && c.marker === h.title) || c.title === h.title; // or the same title again (a merged title copied into its cells)
      if (same) {
        g = c;
        break;
      }
    }
    const last = groups[groups.length - 1];
    if (!g && last && h.row - last.start <= NEAR_ROWS && (h.marker === undefined || last.marker === undefined) && (h.title === undefined || last.title === undefined)) {
      g = last;
    }
    if (g) {
      g.marker ??= h.marker;
      if (h.title !== undefined && g.title === undefined) {
        g.title = h.title;
        g.left = h.col;
      }
      g.rows.push(h.row);
    } else {
      groups.push({ start: h.row, rows: [h.row], left: h.col, marker: h.marker, title: h.title });
    }
  }
  return groups;
}

/**
 * Tables placed side by side: anchors of different tables starting on the
 * same rows at different columns. Each gets the columns from its left edge to
 * the next one's — a lane. Further down, an anchor of the table a lane holds
 * (its page-break repeat) stays in that lane; any other anchor is a
 * full-width table again. Anchors in one column (a table of contents) are
 * never side by side.
 */
function sideBySide(groups: AnchorGroup[]): Map<AnchorGroup, [number, number]> {
  const out = new Map<AnchorGroup, [number, number]>();
  let lanes: { cols: [number, number]; id: TableId }[] = [];
  for (let i = 0; i < groups.length; ) {
    let j = i + 1;
    while (j < groups.length && groups[j]!.start - groups[i]!.start <= NEAR_ROWS) j++;
    const band = groups.slice(i, j).sort((a, b) => a.left - b.left);
    const distinct = band.every((g, k) => k === 0 || g.left > band[k - 1]!.left);
    // Page-break repeats of the lanes' own tables (one or several on the same rows): they stay in their lanes.
    const inLanes = band.map((g) => lanes.find((l) => g.left >= l.cols[0] && g.left < l.cols[1] && l.id === (g.marker ?? g.title)));
    if (lanes.length > 0 && distinct && inLanes.every((l) => l !== undefined)) {
      band.forEach((g, k) => out.set(g, inLanes[k]!.cols));
    } else if (band.length > 1 && distinct) {
      lanes = band.map((g, k) => ({
        cols: [k === 0 ? 0 : g.left, k + 1 < band.length ? band[k + 1]!.left : Number.MAX_SAFE_INTEGER],
        id: g.marker ?? g.title!,
      }));
      band.forEach((g, k) => out.set(g, lanes[k]!.cols));
    } else {
      lanes = []; // a table below the side-by-side ones: full width again
    }
    i = j;
  }
  return out;
}

/** What the lines between a table's title and its header say. */
export interface Preamble {
  department?: string;
  unit?: MoneyUnit;
}

const DEPT_RE = /(?:编制单位|单位名称|部门名称|预算单位|单位|部门)[:：]\s*(.+?)(?=\s{2,}|\s+(?:金额)?单位[:：]|\s+金额|$)/;
const UNIT_RE = /(?:金额单位|单位)[:：]\s*(万元|元)(?![\u4e00-\u9fff])/;

/** Reads "单位：衡南县…  金额单位：万元" (one cell or several) from a preamble row's cells. */
export function readPreambleText(texts: string[], into: Preamble): void {
  for (const raw of texts) {
    const t = raw.normalize('NFKC').replace(/\u3000/g, ' ').trim();
    if (!t.includes('单位') && !t.includes('部门')) continue;
    const u = UNIT_RE.exec(t);
    if (u) into.unit ??= u[1] as MoneyUnit;
    // Remove the money-unit part before looking for the department name.
    const rest = t.replace(/(?:金额单位|单位)[:：]\s*(?:万元|元)(?![\u4e00-\u9fff])/g, ' ').trim();
    const d = DEPT_RE.exec(rest);
    if (d) {
      const name = compact(d[1]!);
      if (name && name !== '万元' && name !== '元') into.department ??= name;
    }
  }
}

/** The most voted key; ties go to the larger key (the later year). */
export function topVote<K extends string | number>(votes: Map<K, number>): K | undefined {
  let best: K | undefined;
  let n = 0;
  for (const [k, v] of votes) {
    if (v > n || (v === n && best !== undefined && k > best)) {
      best = k;
      n = v;
    }
  }
  return best;
}
