import type { CellRef, TableId } from './amount.js';
import type { Table } from './table.js';

export type MoneyUnit = '万元' | '元';

export type ProblemKind =
  | 'missing-table' // one of the 23 tables was not found
  | 'unmatched-column' // a template column the header doesn't have, or a header column the template doesn't know
  | 'bad-amount' // an amount cell that isn't a number (e.g. "约5万")
  | 'duplicate-table' // the same table found twice in different places
  | 'unit-mismatch' // a table in 元 where the workbook says 万元, etc.
  | 'hidden-row'; // a row with figures that Excel hides (read, but not shown when published)

/** A problem found while reading: reported as a finding, never thrown. */
export interface DataProblem {
  kind: ProblemKind;
  table?: TableId;
  message: string;
  ref?: CellRef;
  column?: string;
}

export interface Budget {
  /** The path the workbook was read from. */
  file: string;
  department?: string;
  year?: number;
  unit?: MoneyUnit;
  /** Decimal places amounts are published to (2 for 万元 to the fen… of 万元). */
  precision: number;
  tables: Record<TableId, Table>;
  problems: DataProblem[];
  /** Read from a PDF: its page count and the narrative (说明) printed before the first table, paragraph by paragraph. */
  pdf?: { pages: number; narrative: { page: number; text: string }[] };
}
