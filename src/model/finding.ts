import type { TableId } from './amount.js';
import type { NarrativeQuote } from './narrative.js';
import type { Suggestion } from './suggestion.js';

export type Severity = 'error' | 'warning' | 'rounding' | 'info';

export const SEVERITY_ORDER: Record<Severity, number> = { info: 0, rounding: 1, warning: 2, error: 3 };

export interface Localized {
  zh: string;
  en: string;
}

/**
 * What a location is to its finding, for colouring: the suggested culprit (set
 * by whatever suggests corrections), the published figure that disagrees (by
 * default the first location), or another term of the identity.
 */
export type LocationRole = 'culprit' | 'disagrees' | 'term';

export interface FindingLocation {
  table: TableId;
  sheet?: string;
  cell?: string;
  /** Row label, e.g. "2080199 其他人力资源和社会保障管理事务支出" or "合计". */
  row?: string;
  /** Column path, e.g. "基本支出 › 人员经费". */
  column?: string;
  /** The value as published there (decimal string; "" for blank). */
  value?: string;
  /** Read from a PDF: the page (1-based) and the figure's box on it, in PDF points (see CellRef). */
  page?: number;
  box?: { x: number; y: number; w: number; h: number };
  /** Set only when known better than the default (see locationRole in src/report/roles.ts). */
  role?: LocationRole;
  /** A place in the narrative (说明) instead of a cell: such a location has no table. */
  quote?: NarrativeQuote;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: Localized;
  /** Decimal strings. */
  expected?: string;
  actual?: string;
  difference?: string;
  /** Every number involved; the first is where the fix most likely goes (the total/the published figure). */
  locations: FindingLocation[];
  /** Stable id within a report (rule + cells), set when the report is made serializable. */
  id?: string;
  /** Suggested correction of this finding's cluster (src/corrections), on error findings. */
  suggestion?: Suggestion;
}
