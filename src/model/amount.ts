import { Decimal } from 'decimal.js';

export { Decimal };

/** Where a value sits in the workbook. `row`/`col` are 0-based sheet indices. */
export interface CellRef {
  sheet: string;
  /** A1 address, e.g. "D7". */
  cell: string;
  row: number;
  col: number;
  /** Read from a PDF: the 1-based page the figure is printed on (`sheet`/`cell` then name a synthetic sheet per table). */
  page?: number;
  /** Read from a PDF: the figure's box on its page, in PDF points from the page's lower left corner. */
  box?: { x: number; y: number; w: number; h: number };
}

/**
 * A published amount with its provenance. Blank cells are Amounts too
 * (value 0, blank true): a finding may need to point at a cell that should
 * hold a figure but doesn't.
 */
export interface Amount {
  value: Decimal;
  blank: boolean;
  /** The cell held something that isn't an amount (e.g. "约5万"): value 0, blank, reported as a 'bad-amount' problem. */
  invalid?: true;
  /** The text/number as it stood in the cell, for messages. */
  raw?: string;
  ref: CellRef;
  /** Table id, "01" … "23". */
  table: TableId;
  /** Row label: code + name, e.g. "2080199 其他人力资源和社会保障管理事务支出", or "合计". */
  rowLabel: string;
  /** Column path joined with " › ", e.g. "基本支出 › 人员经费 › 工资福利支出". */
  column: string;
}

export const PATH_SEP = ' › ';

export type TableId =
  | '01' | '02' | '03' | '04' | '05' | '06' | '07' | '08' | '09' | '10' | '11' | '12'
  | '13' | '14' | '15' | '16' | '17' | '18' | '19' | '20' | '21' | '22' | '23';

export const TABLE_IDS: readonly TableId[] = [
  '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12',
  '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23',
];
