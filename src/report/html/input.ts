import type { TableId } from '../../model/amount.js';
import type { NarrativeSummary } from '../../model/narrative.js';
import type { FileReport } from '../../model/report.js';

/**
 * What the HTML report and the annotator read: a FileReport, optionally with
 * the flat summary fields the report module's ReportFile carries (a batch run
 * checked in a worker has no Budget, only these).
 */
export type ReportInput = FileReport & {
  department?: string;
  year?: number;
  unit?: string;
  precision?: number;
  tables?: readonly { id: TableId; title: string; found: boolean; sheet?: string; range?: string }[];
  narrative?: NarrativeSummary;
};

/** The sheet a table sits in, from the budget or the flat table list. */
export function sheetOfTable(report: ReportInput, id: TableId): string | undefined {
  return report.budget?.tables[id]?.sheet ?? report.tables?.find((t) => t.id === id)?.sheet;
}
