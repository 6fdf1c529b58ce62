/**
 * Batch runs: inputs expanded from directories and globs, checked over worker
 * threads, one report for all files, exit 2 if any file is unreadable else 1
 * if any finding fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, rmSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { ruleCatalog } from '../src/api.js';
import { expandInputs } from '../src/batch/expand.js';
import { checkFiles, workerFile } from '../src/batch/run.js';
import type { ReportFile } from '../src/report/index.js';
import { defaultFormatOptions, formatReports } from '../src/report/index.js';
import { cli, corruptFile, PLANT_03, plantCopy, SAMPLE, sarifValidator, tempDir } from './report-support.js';

let dir: string;
let cells: string[];

beforeAll(() => {
  dir = tempDir('ba-batch-');
  mkdirSync(path.join(dir, 'uploads', 'deep'), { recursive: true });
  copyFileSync(SAMPLE, path.join(dir, 'uploads', 'a-sample.xlsx'));
  cells = [
    plantCopy(path.join(dir, 'uploads', 'b-planted.xlsx'), PLANT_03).cell,
    // 表03 2080101 行政运行 基本支出 1,555.66 → 1,500.00
    plantCopy(path.join(dir, 'uploads', 'deep', 'c-planted.xlsx'), { title: '支出总表', row: '2080101', column: '基本支出', value: 1500 }).cell,
  ];
  corruptFile(path.join(dir, 'uploads', 'deep', 'd-corrupt.xlsx'));
});

describe('expandInputs', () => {
  it('directories recursively, globs, plain files; no duplicates; lock files and other files skipped', async () => {
    const d = tempDir('ba-expand-');
    mkdirSync(path.join(d, 'x', 'y'), { recursive: true });
    for (const f of ['x/1.xlsx', 'x/y/2.XLS', 'x/y/3.xlsm', 'x/notes.txt', 'x/~$1.xlsx', 'top.xlsx']) writeFileSync(path.join(d, f), '');
    const { files, problems } = await expandInputs(['x', 'top.xlsx', 'x/1.xlsx', '*.xlsx', 'missing.xlsx'], d);
    expect(files).toEqual([path.join('x', '1.xlsx'), path.join('x', 'y', '2.XLS'), path.join('x', 'y', '3.xlsm'), 'top.xlsx', 'missing.xlsx']);
    expect(problems).toEqual([]);
    const none = await expandInputs(['nothing/**/*.xlsx', 'x/y/../../x/notes.txt'], d);
    expect(none.problems).toEqual(['nothing/**/*.xlsx: no file matches this pattern']);
    // An absolute glob stays absolute.
    const abs = await expandInputs([path.join(d, 'x', '*.xlsx')], '/');
    expect(abs.files).toEqual([path.join(d, 'x', '1.xlsx')]);
  });

  it('a directory also gives the published PDFs in it (reviewers have those, not the workbook)', async () => {
    const d = tempDir('ba-expand-pdf-');
    mkdirSync(path.join(d, 'site', '2025'), { recursive: true });
    for (const f of ['site/2025/hrss.pdf', 'site/2025/edu.PDF', 'site/2025/edu.xlsx', 'site/readme.txt']) writeFileSync(path.join(d, f), '');
    const { files, problems } = await expandInputs(['site'], d);
    expect(files).toEqual([path.join('site', '2025', 'edu.PDF'), path.join('site', '2025', 'edu.xlsx'), path.join('site', '2025', 'hrss.pdf')]);
    expect(problems).toEqual([]);
    const empty = tempDir('ba-expand-none-');
    writeFileSync(path.join(empty, 'notes.txt'), '');
    expect((await expandInputs([empty], '/')).problems).toEqual([`${empty}: no .xlsx/.xls workbooks or .pdf disclosures in this directory`]);
  });
});

describe('checkFiles', () => {
  let pooled: ReportFile[];
  let files: string[];

  it('the worker pool gives the same reports as the in-thread run, in input order', async () => {
    expect(workerFile()).toMatch(/dist[\\/]batch[\\/]worker\.js$/);
    files = ['a-sample.xlsx', 'b-planted.xlsx', 'deep/c-planted.xlsx', 'deep/d-corrupt.xlsx'].map((f) => path.join(dir, 'uploads', f));
    const seen: string[] = [];
    pooled = await checkFiles(files, { jobs: 2, onProgress: (_d, _t, r) => seen.push(r.path) });
    const inThread = await checkFiles(files, { jobs: 1 });
    expect(pooled.map((r) => r.path)).toEqual(files);
    expect(seen.sort()).toEqual([...files].sort());
    expect(pooled).toEqual(inThread);
    expect(pooled[0]!.summary.error).toBe(0);
    expect(pooled[1]!.summary.error).toBeGreaterThan(0);
    expect(pooled[2]!.summary.error).toBeGreaterThan(0);
    expect(pooled[3]!.loadError).toContain('d-corrupt.xlsx');
  });

  it('junit and sarif hold all four files in one document', async () => {
    const opts = defaultFormatOptions({ rules: ruleCatalog() });
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'testsuite' }).parse(
      await formatReports(pooled, 'junit', opts),
    );
    expect(junit.testsuites.testsuite).toHaveLength(4);
    expect(junit.testsuites.errors).toBe('1');
    expect(junit.testsuites.testsuite[0].failures).toBe('0');
    expect(junit.testsuites.testsuite[1].failures).toBe(String(pooled[1]!.summary.error));

    const sarif = JSON.parse(await formatReports(pooled, 'sarif', opts));
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.runs[0].artifacts).toHaveLength(4);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toHaveLength(1);
    type Result = { level: string; locations: { physicalLocation: { artifactLocation: { index: number } } }[] };
    const errorFiles = new Set(
      (sarif.runs[0].results as Result[]).filter((r) => r.level === 'error').map((r) => r.locations[0]!.physicalLocation.artifactLocation.index),
    );
    expect([...errorFiles].sort()).toEqual([1, 2]);
  });
});

describe('budget-audit check over a folder', () => {
  it('one report for all four files and exit 2 (text, json)', () => {
    const text = cli(['check', 'uploads', '--jobs', '2'], { cwd: dir });
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/d-corrupt\.xlsx/);
    const table = text.stdout.slice(text.stdout.indexOf('─'));
    expect(table).toMatch(/^通过\s+\S*a-sample\.xlsx\s+衡南县人力资源和社会保障局\s+0\s+\d+\s+\d+/m);
    expect(table).toMatch(/^未通过\s+\S*b-planted\.xlsx\s+衡南县人力资源和社会保障局\s+[1-9]\d*\s/m);
    expect(table).toMatch(/^未通过\s+\S*c-planted\.xlsx\s+衡南县人力资源和社会保障局\s+[1-9]\d*\s/m);
    expect(table).toMatch(/^无法读取\s+\S*d-corrupt\.xlsx\s+-/m);
    expect(table).toMatch(/^合计\s+共 4 个文件：未通过 2，无法读取 1\s+[1-9]/m);
    expect(text.stderr).not.toMatch(/[█░]/); // no progress bar when stderr is not a TTY

    const run = cli(['check', 'uploads/**/*.xls*', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(2);
    const json = JSON.parse(run.stdout);
    expect(json.files.map((f: { path: string }) => path.basename(f.path))).toEqual(['a-sample.xlsx', 'b-planted.xlsx', 'c-planted.xlsx', 'd-corrupt.xlsx']);
    expect(json.exitCode).toBe(2);
    // Each planted copy has an error at its planted cell.
    for (const [i, cell] of cells.entries()) {
      const f = json.files[i + 1];
      expect(f.findings.some((x: { severity: string; locations: { sheet: string; cell: string }[] }) =>
        x.severity === 'error' && x.locations.some((l) => `${l.sheet}!${l.cell}` === cell))).toBe(true);
    }
    expect(json.files[3].loadError).toContain('d-corrupt.xlsx');
  });

  it('without the corrupt file: exit 1; the sample alone by glob: exit 0', () => {
    const d = tempDir('ba-batch2-');
    copyFileSync(SAMPLE, path.join(d, 'a.xlsx'));
    copyFileSync(path.join(dir, 'uploads', 'b-planted.xlsx'), path.join(d, 'b.xlsx'));
    copyFileSync(path.join(dir, 'uploads', 'deep', 'c-planted.xlsx'), path.join(d, 'c.xlsx'));
    expect(cli(['check', d]).code).toBe(1);
    rmSync(path.join(d, 'b.xlsx'));
    rmSync(path.join(d, 'c.xlsx'));
    expect(cli(['check', path.join(d, '*.xlsx'), '--jobs', '2']).code).toBe(0);
  });
});
