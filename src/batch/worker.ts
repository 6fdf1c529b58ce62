/**
 * Worker-thread entry (loaded by piscina from dist/batch/worker.js): checks
 * one workbook and returns a plain ReportFile (no Budget, no Decimal).
 */
import type { CheckFileOptions } from './check-file.js';
import { checkFile } from './check-file.js';
import type { ReportFile } from '../report/index.js';

export interface WorkerTask {
  path: string;
  options: Omit<CheckFileOptions, 'keepBudget'>;
}

export default async function run(task: WorkerTask): Promise<ReportFile> {
  return checkFile(task.path, { ...task.options, keepBudget: false });
}
