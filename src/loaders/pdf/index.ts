/**
 * A published disclosure PDF → the same typed Budget as its workbook: each
 * table region becomes a sheet of raw cells (grid.ts) read by the workbook
 * pipeline (buildBudget), then every CellRef gets the page and box the figure
 * was printed at. The narrative before the first table is kept, paragraph by
 * paragraph with its page, for the narrative reader.
 */
import { InputError } from '../../errors.js';
import type { CellRef } from '../../model/amount.js';
import type { Budget } from '../../model/budget.js';
import { HUNAN_TEMPLATE } from '../../templates/hunan-23.js';
import type { Template } from '../../templates/types.js';
import { buildBudget } from '../budget.js';
import type { SheetCells } from '../cells.js';
import { regionSheet, type CellOrigin } from './grid.js';
import { splitDocument, type Line } from './lines.js';
import { readPdfBytes, readPdfText, type PdfPageText } from './read.js';

export { DEFAULT_MAX_PAGES } from './read.js';
export type { PdfBox } from './grid.js';

export interface PdfLoadOptions {
  maxBytes?: number;
  maxPages?: number;
  template?: Template;
}

export interface NarrativeParagraph {
  page: number;
  text: string;
}

export async function loadPdfBudget(file: string, opts: PdfLoadOptions = {}): Promise<Budget> {
  const data = await readPdfBytes(file, opts.maxBytes);
  const pages = await readPdfText(file, data, opts.maxPages !== undefined ? { maxPages: opts.maxPages } : {});
  return budgetFromPages(file, pages, opts.template);
}

/** The Budget of already extracted pages (tests build pages in memory). */
export function budgetFromPages(file: string, pages: PdfPageText[], template: Template = HUNAN_TEMPLATE): Budget {
  const parts = splitDocument(pages, template);
  const sheets: SheetCells[] = [];
  const origins = new Map<string, (CellOrigin | undefined)[][]>();
  const used = new Set<string>();
  for (const region of parts.regions) {
    const page = region.lines[0]!.page;
    let name = `第${page}页 表${region.id}`;
    for (let k = 2; used.has(name); k++) name = `第${page}页 表${region.id} (${k})`;
    used.add(name);
    const tmpl = template.tables.find((t) => t.id === region.id);
    const rs = regionSheet(region, name, tmpl);
    sheets.push(rs.sheet);
    origins.set(name, rs.origins);
  }
  if (sheets.length === 0) {
    throw new InputError(`${file}: no budget tables found in the PDF (部门公开表01–23)`, file);
  }
  const budget = buildBudget({ file, bookType: 'other', sheets }, template);
  if (!Object.values(budget.tables).some((t) => t.found)) {
    throw new InputError(`${file}: no budget tables found in the PDF (部门公开表01–23)`, file);
  }
  locateRefs(budget, origins);
  budget.pdf = { pages: pages.length, narrative: paragraphs(parts.narrative) };
  return budget;
}

/** Gives every CellRef of the budget the page and box its cell was printed at. */
function locateRefs(budget: Budget, origins: Map<string, (CellOrigin | undefined)[][]>): void {
  const seen = new Set<object>();
  const fix = (ref: CellRef | undefined): void => {
    if (!ref || seen.has(ref)) return;
    seen.add(ref);
    const grid = origins.get(ref.sheet);
    if (!grid) return;
    let o = grid[ref.row]?.[ref.col];
    // A blank cell: the page of the nearest printed cell on its row (no box: nothing is printed there).
    if (!o) {
      const page = grid[ref.row]?.find((x) => x)?.page;
      if (page !== undefined) ref.page = page;
      return;
    }
    ref.page = o.page;
    ref.box = { x: round(o.box.x), y: round(o.box.y), w: round(o.box.w), h: round(o.box.h) };
  };
  for (const table of Object.values(budget.tables)) {
    for (const row of table.rows) {
      for (const a of Object.values(row.amounts)) fix(a.ref);
      for (const a of row.cells) fix(a?.ref);
      fix(row.labelRef);
    }
    for (const n of table.notes) fix(n.ref);
  }
  for (const p of budget.problems) fix(p.ref);
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Narrative lines → paragraphs: a line ending short of the right margin, or a new page, ends one. */
function paragraphs(lines: Line[]): { page: number; text: string }[] {
  const out: { page: number; text: string }[] = [];
  const rightMargin = new Map<number, number>();
  for (const l of lines) {
    const last = l.items[l.items.length - 1]!;
    rightMargin.set(l.page, Math.max(rightMargin.get(l.page) ?? 0, last.x + last.w));
  }
  let cur: { page: number; text: string } | undefined;
  let open = false;
  for (const l of lines) {
    const last = l.items[l.items.length - 1]!;
    let text = '';
    l.items.forEach((it, k) => {
      const prev = l.items[k - 1];
      text += (prev && it.x - (prev.x + prev.w) > 0.2 * it.size ? ' ' : '') + it.str;
    });
    text = text.trim();
    if (cur && open && cur.page === l.page) cur.text += text;
    else out.push((cur = { page: l.page, text }));
    // A line that runs to the margin continues in the next line.
    open = last.x + last.w >= rightMargin.get(l.page)! - 2 * l.size;
  }
  return out;
}
