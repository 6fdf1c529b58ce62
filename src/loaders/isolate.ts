/**
 * Runs one reader on one untrusted file in a worker thread with a bounded
 * heap and a time limit (issue 11): a file that makes the reader hang or
 * allocate without end becomes that file's InputError (exit 2) and the
 * process goes on. For the readers being added (PDF via pdfjs, Word via
 * mammoth / word-extractor): call `runIsolated(import.meta.resolve of the
 * reader module, 'readPdf', [path], path)` in place of a direct call.
 *
 * The reader must be an exported function of an ES module whose arguments and
 * result survive structured cloning; an InputError it throws keeps its
 * message. Workers only load built JavaScript: a module under src/ (tsx,
 * vitest) is replaced by its compiled copy in dist/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { IsolationLimits } from './limits.js';
import { ISOLATION_LIMITS } from './limits.js';

/** What the worker posts back. */
export type IsolateReply = { ok: true; value: unknown } | { ok: false; inputError?: string; error: string };

export interface IsolateRequest {
  moduleUrl: string;
  exportName: string;
  args: unknown[];
}

/** A src/…/x.ts module's compiled dist/…/x.js (workers can't load TypeScript); other URLs unchanged. */
export function builtModuleUrl(url: string): string {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return url;
  const file = fileURLToPath(url);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const rel = path.relative(path.join(root, 'src'), file);
  if (rel.startsWith('..')) return url;
  return pathToFileURL(path.join(root, 'dist', rel.replace(/\.ts$/, '.js'))).href;
}

function workerEntry(): string {
  const here = fileURLToPath(import.meta.url);
  const beside = path.join(path.dirname(here), 'isolate-worker.js');
  if (!here.endsWith('.ts') && existsSync(beside)) return beside;
  return path.resolve(path.dirname(here), '..', '..', 'dist', 'loaders', 'isolate-worker.js');
}

/**
 * Calls `exportName(...args)` from `moduleUrl` in a fresh worker. Resolves
 * with its result; rejects with an InputError naming `file` when it throws an
 * InputError, runs out of heap or time, or the worker dies.
 */
export function runIsolated<T>(
  moduleUrl: string,
  exportName: string,
  args: unknown[],
  file: string,
  limitsOpt: Partial<IsolationLimits> = {},
): Promise<T> {
  const limits: IsolationLimits = { ...ISOLATION_LIMITS, ...limitsOpt };
  const request: IsolateRequest = { moduleUrl: builtModuleUrl(moduleUrl), exportName, args };
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const worker = new Worker(workerEntry(), {
      workerData: request,
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: limits.maxYoungMb },
      stdout: true,
      stderr: true,
    });
    // Whatever a reader prints (pdfjs warnings) must not reach the report: drained and dropped.
    worker.stdout.resume();
    worker.stderr.resume();
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      settle(() => reject(new InputError(`${file}: refused: reading took longer than the limit of ${limits.timeMs / 1000} s (a file built to hang the reader?)`, file)));
    }, limits.timeMs);
    worker.once('message', (reply: IsolateReply) => {
      settle(() => {
        if (reply.ok) resolve(reply.value as T);
        else if (reply.inputError !== undefined) reject(new InputError(reply.inputError, file));
        else reject(new InputError(`${file}: internal error while reading: ${reply.error}`, file));
      });
    });
    worker.once('error', (err: NodeJS.ErrnoException) => {
      settle(() => {
        const oom = err.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory/i.test(err.message);
        reject(new InputError(oom ? `${file}: refused: reading needs more memory than the limit of ${limits.maxHeapMb} MB` : `${file}: worker failed: ${err.message.split('\n')[0]}`, file));
      });
    });
    worker.once('exit', (code) => {
      settle(() => reject(new InputError(`${file}: worker failed: it ended (code ${code}) without a result`, file)));
    });
  });
}
