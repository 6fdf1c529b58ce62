/**
 * Parsing in a bounded worker (issue 11): runIsolated (the reusable one-file
 * worker for readers) and the batch pool end a reader that hangs or allocates
 * without end as that file's one-line load error; the other files go on.
 * The limits here are set tiny on purpose so the bounds are hit for certain.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../src/api.js';
import { runGuarded, workerResourceLimits } from '../src/batch/guard.js';
import type { WorkerTask } from '../src/batch/worker.js';
import { ISOLATION_LIMITS } from '../src/loaders/limits.js';
import type { ReportFile } from '../src/report/index.js';
import { InputError } from '../src/errors.js';
import { builtModuleUrl, runIsolated } from '../src/loaders/isolate.js';
import type { WorkbookCells } from '../src/loaders/cells.js';
import { ROOT, tempDir } from './support/cli.js';

const SAMPLE = path.join(ROOT, 'fixtures', 'hengnan-hrss-2025.xlsx');
const READER = pathToFileURL(path.join(ROOT, 'test', 'support', 'hostile-reader.mjs')).href;
const tmp = tempDir('budget-audit-isolation-');
afterAll(() => tmp.cleanup());

async function rejection(p: Promise<unknown>): Promise<InputError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe('runIsolated', () => {
  it('returns what the reader returns', async () => {
    expect(await runIsolated(READER, 'echo', [{ a: '1.00' }], 'x.pdf')).toEqual({ got: { a: '1.00' } });
  });

  it('a reader that never returns ends at the time limit as the file’s InputError', async () => {
    const err = await rejection(runIsolated(READER, 'spin', [], 'hang.pdf', { timeMs: 1000 }));
    expect(err.message).toBe('hang.pdf: refused: reading took longer than the limit of 1 s (a file built to hang the reader?)');
    expect(err.file).toBe('hang.pdf');
  });

  it('a reader that allocates without end ends at the heap limit as the file’s InputError', async () => {
    const err = await rejection(runIsolated(READER, 'hog', [], 'bomb.docx', { maxHeapMb: 64 }));
    expect(err.message).toBe('bomb.docx: refused: reading needs more memory than the limit of 64 MB');
  });

  it('an InputError keeps its message; any other error is named an internal error', async () => {
    expect((await rejection(runIsolated(READER, 'refuse', ['big.pdf'], 'big.pdf'))).message).toBe(
      'big.pdf: refused: a page count (9,999) over the limit of 2,000',
    );
    expect((await rejection(runIsolated(READER, 'crash', [], 'bug.pdf'))).message).toMatch(/^bug\.pdf: internal error while reading: Cannot read properties/);
  });

  it('runs a loader module from src/ as its built copy in dist/', async () => {
    const url = pathToFileURL(path.join(ROOT, 'src', 'loaders', 'workbook.ts')).href;
    expect(builtModuleUrl(url)).toBe(pathToFileURL(path.join(ROOT, 'dist', 'loaders', 'workbook.js')).href);
    const cells = await runIsolated<WorkbookCells>(url, 'readWorkbookCells', [SAMPLE], SAMPLE);
    expect(cells.sheets).toHaveLength(23);
    // 部门公开表01 收支总表, A1 as published.
    expect(cells.sheets[0]!.rows[0]![0]!.v).toBe('收支总表');
  });
});

describe('batch workers', () => {
  it('a worker stuck in a loop or allocating without end: that file’s load error, the others go on', async () => {
    const { Piscina } = await import('piscina');
    const pool = new Piscina<WorkerTask, ReportFile>({
      filename: path.join(ROOT, 'test', 'support', 'spin-worker.mjs'),
      minThreads: 2,
      maxThreads: 2,
      resourceLimits: workerResourceLimits({ ...ISOLATION_LIMITS, maxHeapMb: 64 }),
    });
    // Each bound on its own run, so a slow machine can't make one limit fire for the other.
    const limits = { ...ISOLATION_LIMITS, maxHeapMb: 64, timeMs: 2000 };
    try {
      const reports = await runGuarded(pool, ['a.xlsx', 'spin.xlsx', 'b.xlsx'], {}, 2, limits, (r) => r);
      expect(reports.map((r) => r.loadError)).toEqual([undefined, 'spin.xlsx: refused: reading took longer than the limit of 2 s (a file built to hang the reader?)', undefined]);
      const more = await runGuarded(pool, ['hog.xlsx', 'c.xlsx'], {}, 2, { ...limits, timeMs: 120_000 }, (r) => r);
      expect(more.map((r) => r.loadError)).toEqual(['hog.xlsx: refused: reading needs more memory than the limit of 64 MB', undefined]);
      expect([...reports, ...more].map((r) => r.path)).toEqual(['a.xlsx', 'spin.xlsx', 'b.xlsx', 'hog.xlsx', 'c.xlsx']);
    } finally {
      await pool.destroy();
    }
  });

  it('a file over the time limit is its own load error; the batch completes', async () => {
    const files = [0, 1, 2].map((i) => {
      const f = path.join(tmp.dir, `t${i}.xlsx`);
      copyFileSync(SAMPLE, f);
      return f;
    });
    const reports = await checkFiles(files, { jobs: 2, isolation: { timeMs: 1 } });
    expect(reports.map((r) => r.path)).toEqual(files);
    for (const r of reports) expect(r.loadError).toBe(`${r.path}: refused: reading took longer than the limit of 0.001 s (a file built to hang the reader?)`);
  });

  it('a file over the heap limit is its own load error; a fresh worker checks the next', async () => {
    // 60,000 extra text cells: within the pre-check limits, far over a 16 MB heap.
    const big = path.join(tmp.dir, 'big.xlsx');
    const { partsOf, rawZip, setText, text } = await import('./support/zip.js');
    const parts = partsOf(readFileSync(SAMPLE));
    const xml = text(parts.find((e) => e.name === 'xl/worksheets/sheet23.xml'));
    const rows = Array.from({ length: 6000 }, (_, r) =>
      `<row r="${r + 200}">${Array.from({ length: 10 }, (_, c) => `<c r="${String.fromCharCode(65 + c)}${r + 200}" t="inlineStr"><is><t>说明文字${r}-${c}</t></is></c>`).join('')}</row>`,
    ).join('');
    writeFileSync(big, rawZip(setText(parts, 'xl/worksheets/sheet23.xml', xml.replace('</sheetData>', `${rows}</sheetData>`))));
    const reports = await checkFiles([big, SAMPLE], { jobs: 2, isolation: { maxHeapMb: 16, maxYoungMb: 4 } });
    expect(reports[0]!.loadError).toBe(`${big}: refused: reading needs more memory than the limit of 16 MB`);
    expect(reports[1]!.path).toBe(SAMPLE);
    expect(reports[1]!.loadError).toBeUndefined();
    expect(reports[1]!.summary.error).toBe(0);
  });
});
