/**
 * The boundary between reading a file and understanding it: a workbook as
 * plain sheets of raw cells. `workbook.ts` produces it (from .xlsx / .xls via
 * SheetJS); `tables.ts` and friends locate the 23 tables in it. Tests build it
 * in memory too.
 */
export interface RawCell {
  /** SheetJS cell type: s string, n number, b boolean, d date, e error, z stub. */
  t: 's' | 'n' | 'b' | 'd' | 'e' | 'z';
  v?: string | number | boolean | Date;
  /** Formatted text as SheetJS renders it (e.g. "2,424.73"), when available. */
  w?: string;
  /** Number format, e.g. "#,##0.00". */
  z?: string;
  /**
   * A formula saved without its computed value (written by a program, never
   * opened in Excel / WPS): its figure is unknown, not zero.
   */
  uncomputed?: true;
}

export interface CellPos {
  r: number;
  c: number;
}

export interface MergeRange {
  s: CellPos;
  e: CellPos;
}

export interface SheetCells {
  name: string;
  /** Dense rows: rows[r][c]; holes and short rows are blank. */
  rows: (RawCell | undefined)[][];
  merges: MergeRange[];
  hiddenCols: Set<number>;
  hiddenRows: Set<number>;
}

export interface WorkbookCells {
  file: string;
  bookType: 'xlsx' | 'xls' | 'other';
  sheets: SheetCells[];
}
