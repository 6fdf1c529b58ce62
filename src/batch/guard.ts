/**
 * Runs a batch over the worker pool with a time limit per file (issue 11):
 * each worker thread has a bounded heap (the pool's resourceLimits), and a
 * file that takes longer than the limit is aborted — piscina terminates that
 * worker and starts a fresh one — so a pathological file ends as its own
 * load error while the other files go on.
 *
 * Files are handed to the pool only as a thread frees up, so the clock of
 * each file starts when it starts running, not while it waits in a queue.
 */
import type { Piscina } from 'piscina';
import type { IsolationLimits } from '../loaders/limits.js';
import type { ReportFile } from '../report/index.js';
import { loadErrorReport } from '../report/index.js';
import type { WorkerTask } from './worker.js';

/** The worker's resourceLimits for the given isolation limits. */
export function workerResourceLimits(limits: IsolationLimits): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  return { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: limits.maxYoungMb };
}

/** One line for a file the worker could not finish: time, memory, or a crash of the worker itself. */
export function isolationFailure(path: string, err: unknown, limits: IsolationLimits, timedOut: boolean): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (timedOut) return `${path}: refused: reading took longer than the limit of ${limits.timeMs / 1000} s (a file built to hang the reader?)`;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory/i.test(String((err as Error)?.message))) {
    return `${path}: refused: reading needs more memory than the limit of ${limits.maxHeapMb} MB`;
  }
  return `${path}: worker failed: ${String((err as Error)?.message ?? err).split('\n')[0]}`;
}

export async function runGuarded(
  pool: Piscina<WorkerTask, ReportFile>,
  paths: readonly string[],
  options: WorkerTask['options'],
  jobs: number,
  limits: IsolationLimits,
  finished: (r: ReportFile) => ReportFile,
): Promise<ReportFile[]> {
  const out: ReportFile[] = new Array<ReportFile>(paths.length);
  let next = 0;
  const runOne = async (i: number): Promise<void> => {
    const p = paths[i]!;
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, limits.timeMs);
    try {
      out[i] = finished(await pool.run({ path: p, options }, { signal: abort.signal }));
    } catch (err) {
      out[i] = finished(loadErrorReport(p, isolationFailure(p, err, limits, timedOut)));
    } finally {
      clearTimeout(timer);
    }
  };
  const lane = async (): Promise<void> => {
    while (next < paths.length) await runOne(next++);
  };
  await Promise.all(Array.from({ length: Math.min(jobs, paths.length) }, lane));
  return out;
}
