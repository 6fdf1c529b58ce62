/**
 * Spawning the built CLI the way a user runs it (`node bin/budget-audit ...`).
 * dist/ is built once by vitest.global-setup.ts.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'budget-audit');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `budget-audit ...args`; never rejects on a non-zero exit. Kills it after `timeoutMs`. */
export function runCli(
  args: string[],
  opts: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A fresh directory under the OS temp dir; call the returned cleanup in afterAll. */
export function tempDir(prefix = 'budget-audit-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs the CLI with a probe that records its peak RSS: `{ ...res, peakRssMb }`.
 * (process.resourceUsage().maxRSS at exit, written by test/support/rss-probe.mjs.)
 */
export async function runCliMeasured(
  args: string[],
  opts: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult & { peakRssMb: number | undefined }> {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'budget-audit-rss-')), 'rss');
  const probe = pathToFileURL(path.join(ROOT, 'test', 'support', 'rss-probe.mjs')).href;
  try {
    const res = await runCli(args, { ...opts, nodeArgs: ['--import', probe], env: { ...opts.env, BUDGET_AUDIT_RSS_OUT: out } });
    const kb = existsSync(out) ? Number(readFileSync(out, 'utf8')) : NaN;
    return { ...res, peakRssMb: Number.isFinite(kb) ? kb / 1024 : undefined };
  } finally {
    rmSync(path.dirname(out), { recursive: true, force: true });
  }
}
