/**
 * Files built to hurt a reader (issue 11), each made here from the sample
 * with a raw zip writer: zip bombs, lying zip headers, huge sheet extents,
 * 5,000 sheets, shared-string floods, DTDs (billion laughs, external
 * entities), deep nesting, duplicate and path-traversal entry names. Each must
 * end as one stderr line naming the file and the limit hit, exit 2, nothing
 * on stdout, peak RSS under 400 MB, the input unchanged. (Times are printed,
 * not asserted: speed belongs to the bench; the spawn is killed after 30 s.)
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliMeasured, tempDir } from './support/cli.js';
import { HOSTILE_CASES as CASES, parts, sheet1, SHEET1 } from './support/hostile.js';
import { rawZip, setText } from './support/zip.js';

const tmp = tempDir('budget-audit-hostile-');
afterAll(() => tmp.cleanup());

const results = new Map<string, { file: string; res: Awaited<ReturnType<typeof runCliMeasured>>; before: Buffer; mtimeMs: number; ms: number }>();

beforeAll(async () => {
  for (const [i, c] of CASES.entries()) {
    const file = path.join(tmp.dir, `hostile-${i}.${c.ext ?? 'xlsx'}`);
    writeFileSync(file, c.make());
    const before = readFileSync(file);
    const mtimeMs = statSync(file).mtimeMs;
    const t0 = performance.now();
    const res = await runCliMeasured(['check', file], { timeoutMs: 30_000 });
    const ms = performance.now() - t0;
    results.set(c.name, { file, res, before, mtimeMs, ms });
  }
  const rows = [...results].map(([n, r]) => `  ${Math.round(r.ms)} ms, ${Math.round(r.res.peakRssMb ?? 0)} MB, ${(r.before.length / 1024).toFixed(0)} KB: ${n}`);
  process.stdout.write(`hostile inputs (wall time incl. node start-up, peak RSS, file size):\n${rows.join('\n')}\n`);
}, 300_000);

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
  it('exit 2, one line naming the file and the limit, nothing on stdout, under 400 MB', () => {
    const { file, res } = results.get(name)!;
    expect(res.code, res.stderr).toBe(2);
    expect(res.stdout).toBe('');
    const lines = res.stderr.split('\n').filter((l) => l !== '');
    expect(lines, res.stderr).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(c.says);
    expect(res.stderr).not.toMatch(/^\s+at |internal error|root:/m);
    expect(res.peakRssMb).toBeDefined();
    expect(res.peakRssMb!).toBeLessThan(400);
  });

  it('leaves the input unchanged', () => {
    const { file, before, mtimeMs } = results.get(name)!;
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtimeMs);
  });
});

describe('limits that a real workbook stays within', () => {
  it('a stated dimension of A1:XFD1048576 without far cells is no reason to refuse', async () => {
    const file = path.join(tmp.dir, 'wide-dimension.xlsx');
    writeFileSync(file, rawZip(setText(parts(), SHEET1, sheet1().replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'))));
    const res = await runCliMeasured(['check', file, '--format', 'json']);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout).files[0].summary.error).toBe(0);
  });

  it('the sample re-zipped by the raw writer reads as the original (the builder is faithful)', async () => {
    const file = path.join(tmp.dir, 'rezipped.xlsx');
    writeFileSync(file, rawZip(parts()));
    const res = await runCliMeasured(['check', file, '--format', 'json']);
    expect(res.code, res.stderr).toBe(0);
    // 部门公开表01 收支总表: 本年支出合计 2424.73 at D36, as published.
    const json = JSON.parse(res.stdout) as { files: { tables: { id: string; found: boolean }[] }[] };
    expect(json.files[0]!.tables.filter((t) => t.found)).toHaveLength(23);
  });
});
