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

const MARKER_RE = /^(?:.*?\d{4}年度?)?(?:部门)?公开表0*(\d{1,2})(?:[:.、]?)(.*)$/;

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
  return undefined;
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
    // Group a marker with the title next to it (within 3 rows, either order).
    const groups: { start: number; rows: number[]; marker?: TableId; title?: TableId }[] = [];
    for (const h of hits) {
      const g = groups[groups.length - 1];
      const near = g !== undefined && h.row - g.start <= 3;
      if (g && near && (h.marker === undefined || g.marker === undefined) && (h.title === undefined || g.title === undefined)) {
        g.marker ??= h.marker;
        g.title ??= h.title;
        g.rows.push(h.row);
      } else if (g && near && h.marker === undefined && h.title === g.title) {
        // The same title again right away (a merged title copied into its cells): one anchor.
        g.rows.push(h.row);
      } else {
        groups.push({ start: h.row, rows: [h.row], marker: h.marker, title: h.title });
      }
    }
    groups.forEach((g, i) => {
      const id = g.marker ?? g.title!;
      const next = groups[i + 1];
      blocks.push({
        id,
        sheetIndex,
        sheet,
        start: g.start,
        end: next ? next.start : rows.length,
        anchorRows: g.rows,
        conflictingTitle: g.marker && g.title && g.title !== g.marker ? g.title : undefined,
      });
    });
  });
  return { blocks, years };
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
