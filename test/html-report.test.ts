/**
 * The HTML report. Unit checks on the markup (escaping, self-containment, the
 * workbook-like tables, English labels, batch sections), then a real Chromium
 * run on the sample with a planted error: the planted cell is highlighted as an
 * error, its finding listed, clicking the finding outlines the cell, hovering
 * shows the findings, filters work, and the page makes no network request.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { loadWorkbook } from '../src/loaders/index.js';
import { emptySummary, emptyTable, TABLE_IDS, type Budget, type Finding, type Table, type TableId } from '../src/model/index.js';
import type { FileReport } from '../src/model/report.js';
import { formatHtml } from '../src/report/html.js';
import { audit } from '../src/rules/index.js';
import { formatMoney } from '../src/report/html/format.js';
import { plantCopy, PLANT_03, repoRoot, SAMPLE, tempDir } from './report-support.js';
import { openFile, type OpenedPage } from './support/browser.js';

const OUT = path.join(repoRoot, 'test-output');

/** A one-table budget whose workbook text tries to break out of the markup. */
function hostileReport(): FileReport {
  const sheet = '03"><img src=x onerror=alert(1)>';
  const tables = Object.fromEntries(TABLE_IDS.map((id) => [id, emptyTable(id, `T${id}`)])) as Record<TableId, Table>;
  const ref = (cell: string, row: number, col: number) => ({ sheet, cell, row, col });
  tables['03'] = {
    id: '03',
    title: '支出总表',
    found: true,
    sheet,
    range: 'A1:C3',
    columns: [
      { key: '科目名称', parts: ['科目名称'], col: 0, role: 'name' },
      { key: '合计', parts: ['合计'], col: 1, role: 'amount' },
      { key: '基本支出', parts: ['基本支出'], col: 2, role: 'amount' },
    ],
    rows: [
      {
        kind: 'total',
        name: '<script>alert("x")</script>',
        label: '<script>alert("x")</script>',
        sheetRow: 2,
        cells: [],
        texts: { 科目名称: '<script>alert("x")</script>' },
        amounts: {
          合计: { value: new Decimal('1234567.5'), blank: false, ref: ref('B3', 2, 1), table: '03', rowLabel: '合计', column: '合计' },
          基本支出: { value: new Decimal('0'), blank: true, ref: ref('C3', 2, 2), table: '03', rowLabel: '合计', column: '基本支出' },
        },
      },
    ],
    notes: [{ text: '注：</section><b>', ref: ref('A5', 4, 0) }],
  };
  const budget: Budget = { file: 'x.xlsx', department: '<i>dept</i>', year: 2025, unit: '万元', precision: 2, tables, problems: [] };
  const findings: Finding[] = [
    {
      ruleId: 'row-total"><x',
      severity: 'warning',
      message: { zh: '</li><script>bad()</script>', en: 'bad & worse' },
      expected: '1234567.50',
      actual: '1234567.5',
      difference: '0',
      locations: [{ table: '03', sheet, cell: 'C3', row: '合计', column: '基本支出', value: '' }],
    },
  ];
  return { path: 'dir/<evil>.xlsx', budget, findings, notRun: [], summary: { ...emptySummary(), warning: 1 } };
}

describe('formatHtml markup', () => {
  it('escapes all workbook text and keeps the page self-contained', () => {
    const html = formatHtml([hostileReport()], { lang: 'zh' });
    // Our one inline script, nothing the workbook smuggled in.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<i>dept</i>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;/li&gt;&lt;script&gt;bad()&lt;/script&gt;');
    // Offline: no external resource, and a CSP that forbids fetching any.
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:|\/\/)/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
  });

  it('formats amounts as #,##0.00 without rounding them away', () => {
    expect(formatMoney(new Decimal('2424.73'))).toBe('2,424.73');
    expect(formatMoney(new Decimal('392'))).toBe('392.00');
    expect(formatMoney(new Decimal('-1234567.5'))).toBe('-1,234,567.50');
    expect(formatMoney(new Decimal('196.004'))).toBe('196.004');
    expect(formatMoney(new Decimal('0'))).toBe('0.00');
    const html = formatHtml([hostileReport()], { lang: 'zh' });
    expect(html).toContain('>1,234,567.50</td>');
  });

  it('draws the sample 表03 like the workbook: grouped header, rows, amounts', async () => {
    const budget = await loadWorkbook(SAMPLE);
    const html = formatHtml([{ path: SAMPLE, budget, findings: [], notRun: [], summary: emptySummary() }], { lang: 'zh' });
    const t03 = html.slice(html.indexOf('<section class="tbl" id="file-0-t03"'));
    const section = t03.slice(0, t03.indexOf('</section>'));
    // 表03's header: 功能科目 over 类 / 款 / 项; 科目编码 … 对附属单位补助支出 span both header rows.
    expect(section).toContain('<th colspan="3">功能科目</th>');
    for (const h of ['类', '款', '项']) expect(section).toContain(`<th>${h}</th>`);
    expect(section).toContain('<th rowspan="2">科目编码</th>');
    expect(section).toContain('<th rowspan="2">对附属单位补助支出</th>');
    // 合计 2,424.73 = 基本支出 2,032.73 + 项目支出 392.00 (reference, 部门公开表03), at the cells the loader read them from.
    const total = budget.tables['03'].rows.find((r) => r.kind === 'total')!;
    const cell = (key: string) => `${total.amounts[key]!.ref.sheet}!${total.amounts[key]!.ref.cell}`;
    expect(section).toContain(`data-cell="${cell('合计')}">2,424.73</td>`);
    expect(section).toContain(`data-cell="${cell('基本支出')}">2,032.73</td>`);
    expect(section).toContain(`data-cell="${cell('项目支出')}">392.00</td>`);
    expect(section).toContain('其他人力资源和社会保障管理事务支出');
    // The summary: department, year, all 23 tables found.
    expect(html).toContain('<dd>衡南县人力资源和社会保障局</dd>');
    expect(html).toContain('<dd>2025</dd>');
    expect(html).toContain('<dd>23 / 23</dd>');
    expect(html).toContain('未发现问题。');
  });

  it('speaks English with lang en, Chinese by default', () => {
    const en = formatHtml([hostileReport()], { lang: 'en' });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('>Warning</span>');
    expect(en).toContain('bad &amp; worse');
    expect(en).toContain('Expected 1,234,567.50');
    const zh = formatHtml([hostileReport()], { lang: 'zh' });
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('>警告</span>');
    expect(zh).toContain('应为 1,234,567.50');
  });

  it('gives each file of a batch its own section, a load error included', () => {
    const unreadable: FileReport = { path: 'broken.xlsx', loadError: 'not a workbook', findings: [], notRun: [], summary: emptySummary() };
    // A report checked in a worker: no Budget, the flat fields of ReportFile instead.
    const flat = {
      path: 'w.xlsx',
      department: '某某局',
      year: 2024,
      tables: [{ id: '03' as TableId, title: '支出总表', found: true, sheet: 'S3' }],
      findings: [{ ruleId: 'r', severity: 'error' as const, message: { zh: '错', en: 'wrong' }, locations: [{ table: '03' as TableId, cell: 'D7' }] }],
      notRun: [],
      summary: { ...emptySummary(), error: 1 },
    };
    const html = formatHtml([hostileReport(), unreadable, flat], { lang: 'zh' });
    expect(html.match(/<section class="file"/g)).toHaveLength(3);
    expect(html).toContain('not a workbook');
    expect(html).toContain('<dd>某某局</dd>');
    expect(html).toContain('<dd>1 / 23 (未找到: 01, 02, 04');
    // Its cell is named, but there is no drawn table to outline.
    expect(html).toContain('表03 D7 （不在已识别的表格中）');
  });
});

/** Cells of the planted sample by their role: a non-blank term only (表03 2080104 项目支出 15.00) and a blank term (2080199 基本支出). */
function roleCells(report: FileReport, sheet: string): { term: string; blank: string } {
  const locs = report.findings.flatMap((f) => f.locations.map((l, j) => ({ f, l, j }))).filter(({ l }) => l.sheet === sheet);
  const disagreeing = new Set(locs.filter(({ j }) => j === 0).map(({ l }) => l.cell));
  const term = locs.find(({ f, l, j }) => f.ruleId === 'function-rollup' && j > 0 && l.value === '15.00' && !disagreeing.has(l.cell))!;
  const blank = locs.find(({ f, l }) => f.ruleId === 'row-total' && f.severity === 'error' && l.value === '' && !disagreeing.has(l.cell))!;
  return { term: `${sheet}!${term.l.cell}`, blank: `${sheet}!${blank.l.cell}` };
}

describe('HTML cell colours by role (markup)', () => {
  it('marks the disagreeing figure by severity, the other terms neutral, a blank cell blank', async () => {
    const dir = tempDir('ba-html-');
    const copy = plantCopy(path.join(dir, 'planted.xlsx'), PLANT_03);
    const report = audit(await loadWorkbook(copy.file));
    const html = formatHtml([report], { lang: 'zh' });
    const { term, blank } = roleCells(report, copy.sheet);
    const classOf = (key: string) => new RegExp(`<td class="([^"]*)" data-cell="${key}"`).exec(html)?.[1]?.split(' ') ?? [];
    // 197.00 disagrees with 表05/表07 (error); it is also a term of two identities: the strongest role wins.
    expect(classOf(copy.cell)).toEqual(expect.arrayContaining(['flag', 'sev-error', 'role-disagrees']));
    expect(classOf(copy.cell)).not.toContain('blank');
    expect(classOf(term)).toEqual(expect.arrayContaining(['flag', 'role-term']));
    expect(classOf(term)).not.toContain('role-disagrees');
    expect(classOf(blank)).toEqual(expect.arrayContaining(['flag', 'blank', 'role-term']));
    // The findings list names each cell's role too.
    expect(html).toContain(`data-target="${copy.cell}">表03 ${copy.address}</a> <span class="role role-disagrees">不符的数</span>`);
    expect(html).toContain(`data-target="${term}">表03 ${term.split('!')[1]}</a> <span class="role role-term">相关项</span>`);
    // A suggester's culprit outranks the rest.
    const marked = {
      ...report,
      findings: report.findings.map((f) => ({
        ...f,
        locations: f.locations.map((l) => (`${l.sheet}!${l.cell}` === copy.cell ? { ...l, role: 'culprit' as const } : l)),
      })),
    };
    const html2 = formatHtml([marked], { lang: 'en' });
    expect(new RegExp(`<td class="([^"]*)" data-cell="${copy.cell}"`).exec(html2)?.[1]).toContain('role-culprit');
    const legendOf = (page: string) => /<div class="legend">[\s\S]*?<\/div>/.exec(page)![0];
    expect(legendOf(html2)).toContain('<strong>Legend</strong>');
    expect(legendOf(html2)).toContain('Suggested fix');
    // Without a culprit the legend doesn't offer one.
    expect(legendOf(html)).toContain('相关项');
    expect(legendOf(html)).not.toContain('建议修改处');
  });
});

describe('HTML report in Chromium (planted error)', () => {
  let opened: OpenedPage;
  let planted: { cell: string; sheet: string; address: string };
  let roles: { term: string; blank: string };
  let htmlFile: string;

  beforeAll(async () => {
    const dir = tempDir('ba-html-');
    const copy = plantCopy(path.join(dir, 'planted.xlsx'), PLANT_03);
    planted = copy;
    const report = audit(await loadWorkbook(copy.file));
    roles = roleCells(report, copy.sheet);
    mkdirSync(OUT, { recursive: true });
    htmlFile = path.join(OUT, 'html-report.html');
    writeFileSync(htmlFile, formatHtml([report], { lang: 'zh' }));
    opened = await openFile(htmlFile);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('highlights the planted cell as an error and lists its finding', async () => {
    const { page } = opened;
    const td = page.locator(`td[data-cell="${planted.cell}"]`);
    await expect(td.count()).resolves.toBe(1);
    expect(await td.getAttribute('class')).toMatch(/\bsev-error\b/);
    // 196.00 → 197.00 in 表03 2080199 项目支出.
    expect((await td.textContent())?.trim()).toBe('197.00');
    const findings = page.locator('li.finding.sev-error').filter({ has: page.locator(`a.loc[data-target="${planted.cell}"]`) });
    expect(await findings.count()).toBeGreaterThan(0);
    await expect(findings.first().isVisible()).resolves.toBe(true);
  });

  it('paints only the disagreeing figure in the error colour: other terms neutral, blank cells unfilled', async () => {
    const { page } = opened;
    const bg = (key: string) => page.locator(`td[data-cell="${key}"]`).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await bg(planted.cell)).toBe('rgb(253, 224, 220)'); // --error-bg
    expect(await bg(roles.term)).toBe('rgb(243, 245, 247)'); // --term-bg
    expect(await bg(roles.blank)).toBe('rgba(0, 0, 0, 0)');
    // With errors filtered out the planted cell is no longer painted as one.
    await page.locator('input[data-sev="error"]').uncheck();
    expect(await bg(planted.cell)).not.toBe('rgb(253, 224, 220)');
    await page.locator('input[data-sev="error"]').check();
    expect(await bg(planted.cell)).toBe('rgb(253, 224, 220)');
  });

  it('outlines the cells of a clicked finding and scrolls to them', async () => {
    const { page } = opened;
    const finding = page.locator('li.finding.sev-error').filter({ has: page.locator(`a.loc[data-target="${planted.cell}"]`) }).first();
    const td = page.locator(`td[data-cell="${planted.cell}"]`);
    expect(await td.getAttribute('class')).not.toMatch(/\boutlined\b/);
    await finding.locator('.msg').click();
    expect(await td.getAttribute('class')).toMatch(/\boutlined\b/);
    expect(await finding.getAttribute('class')).toMatch(/\bselected\b/);
    // Every cell the finding names is outlined, and the first is on screen.
    const cells: string[] = JSON.parse((await finding.getAttribute('data-cells'))!);
    for (const c of cells) {
      expect(await page.locator(`td[data-cell="${c}"]`).getAttribute('class')).toMatch(/\boutlined\b/);
    }
    const firstInView = await page.locator(`td[data-cell="${cells[0]}"]`).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    expect(firstInView).toBe(true);
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'html-report.png') });
  });

  it('shows the findings of a highlighted cell on hover', async () => {
    const { page } = opened;
    const td = page.locator(`td[data-cell="${planted.cell}"]`);
    await td.hover();
    const tip = page.locator('#tip');
    await expect(tip.isVisible()).resolves.toBe(true);
    expect(await tip.textContent()).toContain(planted.address);
    expect(await tip.textContent()).toContain('[错误]');
  });

  it('filters by severity and by table', async () => {
    const { page } = opened;
    const td = page.locator(`td[data-cell="${planted.cell}"]`);
    const errors = page.locator('li.finding.sev-error');
    await page.locator('input[data-sev="error"]').uncheck();
    expect(await errors.first().isHidden()).toBe(true);
    expect(await td.getAttribute('class')).not.toMatch(/\bsev-error\b/);
    await page.locator('input[data-sev="error"]').check();
    expect(await errors.first().isVisible()).toBe(true);
    expect(await td.getAttribute('class')).toMatch(/\bsev-error\b/);

    const t03 = page.locator('section.tbl[data-table="03"]');
    await page.locator('#table-filter').selectOption('08');
    expect(await t03.isHidden()).toBe(true);
    expect(await page.locator('section.tbl[data-table="08"]').isVisible()).toBe(true);
    await page.locator('#table-filter').selectOption('03');
    expect(await t03.isVisible()).toBe(true);
    expect(await page.locator('section.tbl[data-table="08"]').isHidden()).toBe(true);
    await page.locator('#table-filter').selectOption('');
  });

  it('loads nothing but the file itself, and runs without script errors', () => {
    expect(opened.requests.length).toBeGreaterThan(0);
    for (const url of opened.requests) expect(url).toMatch(/^(file|data):/);
    expect(opened.errors).toEqual([]);
  });
});
