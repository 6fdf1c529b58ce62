/**
 * A batch in one HTML page (issue 13): a file index with pass/fail at the top,
 * and each file's section rendered only when opened, so a 29-file batch is not
 * a 20 MB page. Markup checks, then headless Chromium (Debian's chromium via
 * playwright-core): the index, a section rendered on demand with its planted
 * error highlighted and clickable, no network request, no script error.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkbook } from '../src/loaders/index.js';
import type { FileReport } from '../src/model/report.js';
import { formatHtml } from '../src/report/html.js';
import { lazyBody } from '../src/report/html/batch.js';
import { audit } from '../src/rules/index.js';
import { plantCopy, PLANT_03, repoRoot, SAMPLE, tempDir } from './report-support.js';
import { openFile, type OpenedPage } from './support/browser.js';

const OUT = path.join(repoRoot, 'test-output');
const FILES = 29;

let reports: FileReport[];
let page29: string;
let planted: { cell: string; address: string };

beforeAll(async () => {
  const dir = tempDir('ba-html-batch-');
  planted = plantCopy(path.join(dir, 'planted.xlsx'), PLANT_03);
  const clean = audit(await loadWorkbook(SAMPLE));
  const wrong = audit(await loadWorkbook(path.join(dir, 'planted.xlsx')));
  const unreadable: FileReport = {
    path: 'uploads/broken.xlsx', loadError: 'uploads/broken.xlsx: not a spreadsheet', findings: [], notRun: [],
    summary: { checks: 0, passed: 0, error: 0, warning: 0, rounding: 0, info: 0 },
  };
  // 29 files as a department's uploads folder: the planted copy third, one unreadable, the rest the sample.
  reports = Array.from({ length: FILES }, (_, i) =>
    i === 2 ? { ...wrong, path: `uploads/f${i}.xlsx` } : i === 5 ? unreadable : { ...clean, path: `uploads/f${i}.xlsx` },
  );
  page29 = formatHtml(reports, { lang: 'zh', failOn: 'error' });
});

describe('batch HTML markup', () => {
  it('opens with a file index: one row per workbook with its verdict and counts, and a total', () => {
    const index = page29.slice(page29.indexOf('<nav class="file-index"'), page29.indexOf('</nav>', page29.indexOf('<nav class="file-index"')));
    const rows = [...index.matchAll(/<tr class="(pass|fail)" data-file="(\d+)"><td class="status">([^<]*)<\/td>/g)];
    expect(rows).toHaveLength(FILES);
    expect(rows[2]!.slice(1, 4)).toEqual(['fail', '2', '未通过']);
    expect(rows[5]!.slice(1, 4)).toEqual(['fail', '5', '无法读取']);
    expect(rows.filter((m) => m[3] === '通过')).toHaveLength(FILES - 2);
    expect(index).toContain('共 29 个文件：未通过 1，无法读取 1');
    // The index comes before every file's section.
    expect(page29.indexOf('<nav class="file-index"')).toBeLessThan(page29.indexOf('<section data-gz='));
  });

  it('stores each section compressed: the page is a fraction of the sections it holds', () => {
    const sections = [...page29.matchAll(/<section data-gz="([^"]+)"/g)].map((m) => lazyBody(m[1]!));
    expect(sections).toHaveLength(FILES);
    const full = sections.reduce((n, s) => n + Buffer.byteLength(s), 0);
    expect(full).toBeGreaterThan(15 * 1024 * 1024); // ~770 kB of tables and findings per workbook
    expect(Buffer.byteLength(page29)).toBeLessThan(full / 5);
    // What is stored is the section itself: the planted cell flagged as an error.
    const cls = new RegExp(`<td class="([^"]*)" data-cell="${planted.cell.replace(/[()]/g, '\\$&')}"`).exec(sections[2]!)?.[1] ?? '';
    expect(cls.split(' ')).toEqual(expect.arrayContaining(['flag', 'sev-error']));
    // A single workbook is not lazy; its verdict heads the page.
    const one = formatHtml([reports[0]!], { lang: 'zh' });
    expect(one).not.toContain('data-gz=');
    expect(one).not.toContain('<nav class="file-index"');
    expect(one).toMatch(/<\/header><p class="verdict pass">✔ 通过 — 错误 0，警告 2，尾差 \d+，提示 \d+<\/p>/);
    const strict = formatHtml([reports[2]!], { lang: 'en', failOn: 'rounding' });
    expect(strict).toMatch(/<p class="verdict fail">✖ FAIL \(error, warning and rounding reach --fail-on rounding\) — [1-9]\d* errors?, 2 warnings/);
  });

  it('English index with lang en', () => {
    const en = formatHtml(reports.slice(0, 6), { lang: 'en' });
    expect(en).toMatch(/<tr class="fail" data-file="2"><td class="status">FAIL<\/td>/);
    expect(en).toContain('6 files: 1 failed, 1 could not be read');
    expect(en).not.toMatch(/未通过|无法读取|显示此文件/);
  });
});

describe('batch HTML in Chromium', () => {
  let opened: OpenedPage;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const file = path.join(OUT, 'html-batch.html');
    writeFileSync(file, page29);
    opened = await openFile(file);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('shows the index and no section content until a file is opened', async () => {
    const { page } = opened;
    expect(await page.locator('nav.file-index tbody tr').count()).toBe(FILES);
    expect(await page.locator('li.finding').count()).toBe(0);
    expect(await page.locator('td[data-cell]').count()).toBe(0);
  });

  it('opening a file from the index renders its section: the planted error highlighted and clickable', async () => {
    const { page } = opened;
    await page.locator('nav.file-index a[data-open="file-2"]').click();
    const td = page.locator(`#file-2 td[data-cell="${planted.cell}"]`);
    await td.waitFor({ state: 'attached' });
    expect(await td.getAttribute('class')).toMatch(/\bsev-error\b/);
    expect((await td.textContent())?.trim()).toBe('197.00');
    // Only that file was rendered.
    expect(await page.locator('#file-0 li.finding').count()).toBe(0);
    const finding = page.locator('#file-2 li.finding.sev-error').filter({ has: page.locator(`a.loc[data-target="${planted.cell}"]`) }).first();
    await finding.locator('.msg').click();
    expect(await td.getAttribute('class')).toMatch(/\boutlined\b/);
    // The hover tip works on lazily rendered cells too.
    await td.hover();
    expect(await page.locator('#tip').textContent()).toContain(planted.address);
    await page.screenshot({ path: path.join(OUT, 'html-batch.png') });
  });

  it("a section's own button renders it too; the severity filter applies to rendered sections", async () => {
    const { page } = opened;
    await page.locator('#file-0 button.open-file').click();
    await page.locator('#file-0 li.finding').first().waitFor({ state: 'attached' });
    const rounding = page.locator('#file-0 li.finding.sev-rounding');
    expect(await rounding.count()).toBeGreaterThan(0);
    await page.locator('input[data-sev="rounding"]').uncheck();
    expect(await rounding.first().isHidden()).toBe(true);
    await page.locator('input[data-sev="rounding"]').check();
    expect(await rounding.first().isVisible()).toBe(true);
  });

  it('loads nothing but the file itself, and runs without script errors', () => {
    for (const url of opened.requests) expect(url).toMatch(/^(file|data|blob):/);
    expect(opened.errors).toEqual([]);
  });
});
