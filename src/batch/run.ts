/**
 * Checks many workbooks: in this thread for one file (or --jobs 1, or when
 * the Budget must be kept), else over a piscina worker pool running the
 * compiled dist/batch/worker.js. Results come back in input order; a file
 * that fails in any way is its own loadError, never the batch's end.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportFile } from '../report/index.js';
import type { IsolationLimits } from '../loaders/limits.js';
import { ISOLATION_LIMITS } from '../loaders/limits.js';
import type { CheckFileOptions } from './check-file.js';
import { checkFile } from './check-file.js';
import type { WorkerTask } from './worker.js';
import { runGuarded, workerResourceLimits } from './guard.js';

export interface CheckFilesOptions extends CheckFileOptions {
  /** Worker threads; default the number of cores. 1 = in this thread. */
  jobs?: number;
  /** Called as each file finishes (any order). */
  onProgress?: (done: number, total: number, report: ReportFile) => void;
  /** Heap and time limits of each worker thread (default ISOLATION_LIMITS). */
  isolation?: Partial<IsolationLimits>;
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The compiled worker. From dist/ it sits beside this module; when this
 * module runs from src/ (tsx, vitest) the compiled copy in dist/ is used:
 * worker threads only ever load built JavaScript.
 */
export function workerFile(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  const beside = path.join(path.dirname(here), 'worker.js');
  if (!here.endsWith('.ts') && existsSync(beside)) return beside;
  const dist = path.resolve(path.dirname(here), '..', '..', 'dist', 'batch', 'worker.js');
  return existsSync(dist) ? dist : undefined;
}

export async function checkFiles(paths: readonly string[], options: CheckFilesOptions = {}): Promise<ReportFile[]> {
  const { jobs: jobsOpt, onProgress, isolation: isolationOpt, ...fileOptions } = options;
  const isolation: IsolationLimits = { ...ISOLATION_LIMITS, ...isolationOpt };
  const jobs = Math.max(1, Math.min(jobsOpt ?? defaultJobs(), paths.length));
  let done = 0;
  const finished = (r: ReportFile) => {
    done++;
    onProgress?.(done, paths.length, r);
    return r;
  };
  const worker = jobs > 1 && !fileOptions.keepBudget ? workerFile() : undefined;
  if (!worker) {
    const out: ReportFile[] = [];
    for (const p of paths) out.push(finished(await checkFile(p, fileOptions)));
    return out;
  }

  // Loaded only for a pool: a single-file check starts faster without it.
  const { Piscina } = await import('piscina');
  const pool = new Piscina<WorkerTask, ReportFile>({
    filename: worker,
    resourceLimits: workerResourceLimits(isolation),
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 1000,
  });
  const { keepBudget: _keep, ...taskOptions } = fileOptions;
  try {
    return await runGuarded(pool, paths, taskOptions, jobs, isolation, finished);
  } finally {
    await pool.destroy();
  }
}
