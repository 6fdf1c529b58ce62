import type { TableId } from '../model/amount.js';
import type { Localized, Severity } from '../model/finding.js';

/** Rule families of the catalog (see docs/rules.md). */
export type RuleFamily =
  | 'A' // inside each table: rows, columns, rollups
  | 'B' // between tables: the same figure wherever it is published
  | 'C' // completeness
  | 'D' // reading problems found by the loader
  | 'E' // codes
  | 'F'; // the narrative (说明) against the tables and itself

export interface RuleMeta {
  /** Stable id, kebab-case, e.g. "row-total", "cross-function-by-code". */
  id: string;
  family: RuleFamily;
  /** Severity of its failures (rounding-sized differences are always `rounding`). */
  severity: Severity;
  /** Tables it reads. */
  tables: TableId[];
  /** One-line description. */
  title: Localized;
  /** The identity it checks, in the tables' own words, e.g. "表01 本年支出合计 = Σ 表03 类". */
  identity: string;
  /** Longer help text: why it matters and how to fix a failure. */
  description: Localized;
  /** A worked example. */
  example?: string;
}

export interface AuditOptions {
  /** Rounding findings fail too. */
  strict?: boolean;
  /** A fixed absolute tolerance (decimal string) replacing the (n + 1) × half-unit rounding bound. */
  tolerance?: string;
  /** Per-rule overrides: off, or another severity. */
  rules?: Record<string, 'off' | Severity>;
}
