import type { TableId } from './amount.js';

/** One cell of a suggested correction: its published value and the value that repairs the identities. */
export interface SuggestedCell {
  table: TableId;
  sheet: string;
  /** A1 address (a PDF: the synthetic address of its grid; `page` names the figure). */
  cell: string;
  /** A published PDF: the page the figure is printed on. */
  page?: number;
  row: string;
  column: string;
  /** As published (decimal string; "" for a blank cell). */
  from: string;
  /** Suggested (decimal string; "" to clear the cell). */
  to: string;
}

/** Another set of changes that also repairs the cluster (as few cells), checked the same way. */
export interface SuggestionAlternative {
  cells: SuggestedCell[];
  verified: boolean;
}

/**
 * The smallest set of cell changes that makes every identity of a cluster of
 * errors hold again (src/corrections). Shared by the cluster's findings.
 */
export interface Suggestion {
  /** Stable within a report: "fix-1", "fix-2", … in report order. */
  id: string;
  cells: SuggestedCell[];
  /** Ids of the findings this change resolves. */
  resolves: string[];
  /** The exact Decimal engine re-ran every rule on a corrected copy: the cluster's errors are gone, nothing new appeared. */
  verified: boolean;
  /** Another set of as many cells repairs it as well: the data can't tell them apart. `alternatives` lists them, ranked. */
  ambiguous: boolean;
  alternatives: SuggestionAlternative[];
}
