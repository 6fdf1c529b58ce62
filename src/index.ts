/**
 * budget-audit's public API (the package's "." export): the model, the loader
 * and the inspect listing. The CLI lives in cli.ts.
 */
export * from './model/index.js';
export { InputError, UsageError } from './errors.js';

export type { CellPos, MergeRange, RawCell, SheetCells, WorkbookCells } from './loaders/cells.js';
export { DEFAULT_MAX_BYTES, loadCodepages, readWorkbookCells, workbookCellsFromBuffer, type ReadOptions } from './loaders/workbook.js';
export { parseAmountCell, parseAmountText, type ParsedAmount } from './loaders/amount.js';
export { buildBudget, loadWorkbook, type LoadOptions } from './loaders/index.js';
export { parseNarrativeText, type NarrativePage } from './narrative/parse.js';
export { readNarrativeFile } from './narrative/read.js';

export type { ColumnSpec, SectionSpec, TableTemplate, Template } from './templates/types.js';
export { HUNAN_23, HUNAN_TEMPLATE } from './templates/hunan-23.js';

export {
  formatInspectText,
  groupThousands,
  inspectReport,
  type InspectProblem,
  type InspectResult,
  type InspectTable,
  type InspectTotal,
} from './commands/inspect.js';

// audit / format / batch helpers (src/api.ts, the programmatic API of `check`).
export * from './api.js';
