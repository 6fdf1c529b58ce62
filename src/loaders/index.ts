/**
 * The loader: a department's budget workbook (部门公开表01–23) → one typed
 * Budget, every amount a Decimal with its cell.
 */
import { InputError } from '../errors.js';
import type { Budget } from '../model/budget.js';
import type { Template } from '../templates/types.js';
import { buildBudget } from './budget.js';
import { isPdfFile } from './pdf/sniff.js';
import { readWorkbookCells } from './workbook.js';

export { buildBudget } from './budget.js';

export interface LoadOptions {
  /** Refuse files larger than this (bytes) before parsing. Default 50 MB. */
  maxBytes?: number;
  /** Default: the Hunan 23-table template. */
  template?: Template;
  /** PDF inputs: refuse documents with more pages than this. Default 500. */
  maxPages?: number;
}

/**
 * Reads and types a workbook. Throws InputError (one line naming the file)
 * when the file can't be read or holds none of the template's tables; data
 * problems inside found tables are in `budget.problems`, never thrown.
 */
export async function loadWorkbook(path: string, opts: LoadOptions = {}): Promise<Budget> {
  // A published PDF goes through the PDF reader (loaded only then) into the same pipeline.
  if (await isPdfFile(path)) return (await import('./pdf/index.js')).loadPdfBudget(path, opts);
  const cells = await readWorkbookCells(path, opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {});
  const budget = buildBudget(cells, opts.template);
  if (!Object.values(budget.tables).some((t) => t.found)) {
    throw new InputError(`${path}: no budget tables found (部门公开表01–23)`, path);
  }
  return budget;
}
