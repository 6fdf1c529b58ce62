import type { MergeRange, RawCell, SheetCells } from './cells.js';

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
