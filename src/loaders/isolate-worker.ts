/** Worker entry of runIsolated (isolate.ts): imports the reader, calls it once, posts the result. */
import { parentPort, workerData } from 'node:worker_threads';
import type { IsolateReply, IsolateRequest } from './isolate.js';

const req = workerData as IsolateRequest;
let reply: IsolateReply;
try {
  const mod = (await import(req.moduleUrl)) as Record<string, unknown>;
  const fn = Object.hasOwn(mod, req.exportName) ? mod[req.exportName] : undefined;
  if (typeof fn !== 'function') throw new Error(`${req.exportName} is not a function of ${req.moduleUrl}`);
  reply = { ok: true, value: await (fn as (...a: unknown[]) => unknown)(...req.args) };
} catch (err) {
  const e = err as Error;
  reply = e?.name === 'InputError' ? { ok: false, inputError: e.message, error: e.message } : { ok: false, error: String(e?.message ?? e).split('\n')[0]! };
}
parentPort!.postMessage(reply);
