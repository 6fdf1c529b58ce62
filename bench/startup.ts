/**
 * Whole-process start-up ratios: each budget-audit command against a bare
 * SheetJS read of the same workbook (bench/bare-read.mjs), run alternately
 * A B A B … so a drift in the machine's speed hits both; the figure is the
 * median of the per-pair ratios (wall clock of the finished process).
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import * as path from 'node:path';

export interface StartupResult {
  command: string;
  pairs: number;
  /** Medians, ms. */
  commandMs: number;
  bareMs: number;
  /** Median of command ÷ bare, pair by pair. */
  ratio: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function timeRun(args: string[], cwd: string): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${String(r.stderr).split('\n')[0]}`);
  return ms;
}

export function startupRatios(root: string, workbook: string, pairs = 9): StartupResult[] {
  const cli = path.join(root, 'bin', 'budget-audit');
  const bare = [path.join(root, 'bench', 'bare-read.mjs'), workbook];
  const commands: [string, string[]][] = [
    ['check (text)', [cli, 'check', workbook]],
    ['check --format json', [cli, 'check', workbook, '--format', 'json']],
    ['inspect', [cli, 'inspect', workbook]],
    ['--version', [cli, '--version']],
  ];
  const out: StartupResult[] = [];
  for (const [name, args] of commands) {
    // One unmeasured pair: file cache, node's own start-up files.
    timeRun(args, root);
    timeRun(bare, root);
    const a: number[] = [];
    const b: number[] = [];
    const r: number[] = [];
    for (let i = 0; i < pairs; i++) {
      const x = timeRun(args, root);
      const y = timeRun(bare, root);
      a.push(x);
      b.push(y);
      r.push(x / y);
    }
    out.push({ command: name, pairs, commandMs: Math.round(median(a)), bareMs: Math.round(median(b)), ratio: Math.round(median(r) * 100) / 100 });
  }
  return out;
}
