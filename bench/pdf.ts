/**
 * PDF benchmark (run by `npm run bench` after bench/run.ts; not a test): load
 * time per page of the published PDF and of a ~100-page document (the 23
 * tables printed several times, landscape), against a bare pdfjs text
 * extraction of the same file, plus the heap/RSS growth of a load. Measures
 * the built dist/. Writes bench/out/pdf.json.
 *
 *   tsx bench/pdf.ts [--iterations N]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { loadWorkbook } from '../dist/loaders/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'bench', 'out');
const SAMPLE = path.join(ROOT, 'fixtures', 'pdf', 'hengnan-hrss-2025.pdf');
const TABLES = path.join(ROOT, 'fixtures', 'pdf', 'mutation-08-total.pdf');

const { values: args } = parseArgs({ options: { iterations: { type: 'string', default: '3' } } });
const ITER = Math.max(1, Number(args.iterations));

/** What any PDF reader must do at least: open, and extract every page's text items. */
async function bareExtract(file: string): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(file)), verbosity: 0, isEvalSupported: false }).promise;
  let items = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    items += (await page.getTextContent()).items.length;
    page.cleanup();
  }
  await doc.destroy();
  return items;
}

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < ITER; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function hundredPages(): Promise<string> {
  const src = await PDFDocument.load(fs.readFileSync(TABLES));
  const doc = await PDFDocument.create();
  while (doc.getPageCount() < 100) for (const p of await doc.copyPages(src, src.getPageIndices())) doc.addPage(p);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'budget-bench-pdf-')), 'hundred.pdf');
  fs.writeFileSync(file, await doc.save());
  return file;
}

const rows: Record<string, unknown>[] = [];
for (const [name, file] of [
  ['sample (narrative + 23 tables)', SAMPLE],
  ['~100 pages (tables ×n)', await hundredPages()],
] as const) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(file)), verbosity: 0 }).promise;
  const pages = doc.numPages;
  await doc.destroy();
  const bare = await median(() => bareExtract(file));
  const load = await median(() => loadWorkbook(file));
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  await loadWorkbook(file);
  const rss1 = process.memoryUsage().rss;
  rows.push({
    file: name,
    pages,
    bareMsPerPage: +(bare / pages).toFixed(2),
    loadMsPerPage: +(load / pages).toFixed(2),
    loadVsBare: +(load / bare).toFixed(2),
    rssGrowthMB: +((rss1 - rss0) / 1024 / 1024).toFixed(1),
  });
}
console.log('\nPDF: load (budget-audit) vs bare pdfjs text extraction, per page (median of %d)', ITER);
console.table(rows);
fs.mkdirSync(OUT, { recursive: true });
fs.writeFileSync(path.join(OUT, 'pdf.json'), JSON.stringify(rows, null, 2) + '\n');
