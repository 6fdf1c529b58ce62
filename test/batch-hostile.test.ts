/**
 * A batch of 50 workbooks, 5 of them hostile (issue 11): 45 reports, 5 load
 * errors each naming its file and the limit hit, exit 2, one stderr line per
 * hostile file, and the whole run (main thread + 2 workers) under 400 MB peak
 * RSS.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliMeasured, tempDir } from './support/cli.js';
import { HOSTILE_CASES } from './support/hostile.js';
import { PLANT_03, plantCopy, SAMPLE } from './report-support.js';

const tmp = tempDir('budget-audit-batch-hostile-');
afterAll(() => tmp.cleanup());

const PICK = [
  'zip bomb, lying headers: declares 1 KB, inflates to 64 MB',
  '5,000 sheets',
  '<dimension ref="A1:XFD1048576"> with a value at the far corner',
  'billion laughs (nested entity declarations)',
  '.xls: 1,100,000 RK cell records',
];
const hostile = PICK.map((name) => HOSTILE_CASES.find((c) => c.name === name)!);

interface Json {
  exitCode: number;
  files: { path: string; loadError?: string; summary: { error: number }; findings: { ruleId: string; severity: string; locations: { sheet: string; cell: string }[] }[] }[];
}
let res: Awaited<ReturnType<typeof runCliMeasured>>;
let json: Json;
const hostileFiles = new Map<string, RegExp>();
let planted: { file: string; sheet: string; address: string };

beforeAll(async () => {
  // Hostile ones spread through the batch (every 10th file), the rest the sample and one planted error.
  for (let i = 0; i < 50; i++) {
    const h = i % 10 === 3 ? hostile[(i - 3) / 10]! : undefined;
    const file = path.join(tmp.dir, `${String(i).padStart(2, '0')}.${h?.ext ?? 'xlsx'}`);
    if (h) {
      writeFileSync(file, h.make());
      hostileFiles.set(file, h.says);
    } else if (i === 7) planted = plantCopy(file, PLANT_03);
    else copyFileSync(SAMPLE, file);
  }
  res = await runCliMeasured(['check', tmp.dir, '--format', 'json', '--jobs', '2'], { timeoutMs: 240_000 });
  json = JSON.parse(res.stdout) as Json;
}, 300_000);

describe('a batch of 50 with 5 hostile files', () => {
  it('exit 2; 45 reports and 5 load errors, each naming its file and limit', () => {
    expect(res.code, res.stderr).toBe(2);
    expect(json.exitCode).toBe(2);
    expect(json.files).toHaveLength(50);
    const errors = json.files.filter((f) => f.loadError !== undefined);
    expect(errors.map((f) => path.resolve(f.path)).sort()).toEqual([...hostileFiles.keys()].sort());
    for (const f of errors) {
      expect(f.loadError).toContain(f.path);
      expect(f.loadError).toMatch(hostileFiles.get(path.resolve(f.path))!);
    }
    const reports = json.files.filter((f) => f.loadError === undefined);
    expect(reports).toHaveLength(45);
    // The one planted change (表03 2080199 项目支出 → 197) is found at its cell; the copies of the sample pass.
    const withPlant = reports.find((f) => path.resolve(f.path) === path.resolve(planted.file))!;
    expect(withPlant.findings.some((x) => x.severity === 'error' && x.locations.some((l) => l.sheet === planted.sheet && l.cell === planted.address))).toBe(true);
    expect(reports.filter((f) => f.summary.error === 0)).toHaveLength(44);
  });

  it('one stderr line per hostile file, no stack trace', () => {
    const lines = res.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(5);
    expect(res.stderr).not.toMatch(/^\s+at |internal error|worker failed/m);
  });

  it('peak RSS of the whole run under 400 MB', () => {
    expect(res.peakRssMb).toBeDefined();
    process.stdout.write(`batch of 50 (5 hostile), --jobs 2: peak RSS ${Math.round(res.peakRssMb!)} MB\n`);
    expect(res.peakRssMb!).toBeLessThan(400);
  });
});
