/**
 * Inputs the fuzzer found crashing or hanging (issue 11), kept as committed
 * files: each must now end cleanly — exit 2 with one line naming the file and
 * what is wrong — as the spawned CLI. Add new finds to test/fuzz-regressions/
 * with what their line must say below.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCliMeasured } from './support/cli.js';

const DIR = path.join(ROOT, 'test', 'fuzz-regressions');
const SAYS: Record<string, RegExp> = {
  // seed 20251205 case 32: a flipped byte gave a BIFF cell record column 62,688 (u16 field, 256-column format);
  // the readers then walked a 29,449 × 62,688 grid (a hang).
  'xls-cell-at-column-62688.xls': /refused: extent of a sheet \(a value in row 29449, column 62688\) is over the limit of 65,536 rows × 1,024 columns/,
};

describe.each(readdirSync(DIR).sort())('%s', (name) => {
  it('exit 2, one line naming the file and the problem, no stack trace', async () => {
    const file = path.join(DIR, name);
    const res = await runCliMeasured(['check', file, '--format', 'json'], { timeoutMs: 30_000 });
    expect(res.code, res.stderr).toBe(2);
    const lines = res.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(SAYS[name], `add what ${name} must say to SAYS`).toBeDefined();
    expect(lines[0]).toMatch(SAYS[name]!);
    expect(res.stderr).not.toMatch(/^\s+at |internal error/m);
    expect(res.peakRssMb!).toBeLessThan(400);
  });
});
