/**
 * PDF inputs at the edges: unusable PDFs (exit 2, one line, nothing written,
 * the input untouched), the page limit, a page built here whose header words
 * break over two lines per cell with thousands separators and blank cells,
 * and `--annotate out.pdf` read back with pdfjs.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { MUTATIONS } from '../fixtures/pdf/mutations.js';
import { InputError } from '../src/errors.js';
import { loadWorkbook } from '../src/loaders/index.js';
import { budgetFromPages } from '../src/loaders/pdf/index.js';
import type { PdfPageText, PdfTextItem } from '../src/loaders/pdf/read.js';
import { ROOT, runCli, tempDir } from './support/cli.js';

const tmp = tempDir('budget-audit-pdf-');
afterAll(() => tmp.cleanup());
const put = (name: string, data: string | Uint8Array) => {
  const f = path.join(tmp.dir, name);
  writeFileSync(f, data);
  return f;
};

async function textlessPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 300, height: 400 }); // a "scan": drawing, no text
  return doc.save();
}

async function latinPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText('Annual report 2025: 2,424.73', { x: 50, y: 700, size: 12, font });
  return doc.save();
}

/** Standard security handler, user password not empty: pdfjs can't open it without the password. */
const ENCRYPTED = [
  '%PDF-1.4',
  '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
  '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
  '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
  `4 0 obj << /Filter /Standard /V 1 /R 2 /O <${'b'.repeat(64)}> /U <${'a'.repeat(64)}> /P -4 >> endobj`,
  'trailer << /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef><0123456789abcdef0123456789abcdef>] /Size 5 >>',
  '%%EOF',
].join('\n');

describe('unusable PDFs: exit 2, one line, nothing written', () => {
  const sample = readFileSync(path.join(ROOT, 'fixtures', 'pdf', 'mutation-08-total.pdf'));
  const cases: { name: string; make: () => Promise<string> | string; says: RegExp }[] = [
    { name: 'a scan (no text layer)', make: async () => put('scan.pdf', await textlessPdf()), says: /no text layer.*OCR is not supported/ },
    { name: 'encrypted', make: () => put('encrypted.pdf', ENCRYPTED), says: /encrypted \(password-protected\)/ },
    { name: 'truncated', make: () => put('truncated.pdf', sample.subarray(0, Math.floor(sample.length * 0.4))), says: /not a readable PDF \(corrupt or truncated/ },
    { name: 'garbage after the header', make: () => put('garbage.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 0x5a)])), says: /not a readable PDF/ },
    { name: 'not a PDF at all', make: () => put('text.pdf', 'hello, not a PDF'), says: /not a PDF file/ },
    { name: 'a PDF with none of the 23 tables', make: async () => put('report.pdf', await latinPdf()), says: /no budget tables found in the PDF/ },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const file = await c.make();
      const before = { bytes: readFileSync(file), mtimeMs: statSync(file).mtimeMs };
      const out = path.join(tmp.dir, `${path.basename(file)}.json`);
      const annotated = path.join(tmp.dir, `${path.basename(file)}.annotated.pdf`);
      const res = await runCli(['check', file, '--format', 'json', '-o', out, '--annotate', annotated]);
      expect(res.code).toBe(2);
      const lines = res.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(file);
      expect(lines[0]).toMatch(c.says);
      expect(res.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(annotated)).toBe(false);
      expect(readFileSync(file)).toEqual(before.bytes);
      expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
      // The JSON report names the load error (as for workbooks); inspect says the same one line.
      expect(JSON.parse(readFileSync(out, 'utf8')).files[0].loadError).toMatch(c.says);
      const ins = await runCli(['inspect', file]);
      expect(ins.code).toBe(2);
      expect(ins.stderr.trim().split('\n')).toHaveLength(1);
    });
  }

  it('a PDF over the page limit is refused before its pages are read', async () => {
    const file = path.join(ROOT, 'fixtures', 'pdf', 'hengnan-hrss-2025.pdf');
    await expect(loadWorkbook(file, { maxPages: 10 })).rejects.toThrow(InputError);
    await expect(loadWorkbook(file, { maxPages: 10 })).rejects.toThrow(/over the limit of 10 pages/);
  });
});

/** A run of text at (x, baseline y), `size` points, its width as a CJK font prints it (one em per character). */
function run(str: string, x: number, y: number, size = 9, align: 'left' | 'center' | 'right' = 'left'): PdfTextItem {
  const w = [...str].reduce((n, ch) => n + (/[\x20-\x7e]/.test(ch) ? 0.55 : 1) * size, 0);
  const x0 = align === 'left' ? x : align === 'center' ? x - w / 2 : x - w;
  return { str, x: x0, y, w, size };
}

describe('a page built here: header words over two lines per cell, thousands separators, blank cells', () => {
  // 表08 一般公共预算基本支出表 as a department might print it: columns (left edge, width) in points.
  const cols = [
    [40, 60],
    [100, 160],
    [260, 90],
    [350, 90],
    [440, 90],
  ] as const;
  const mid = (c: number) => cols[c]![0] + cols[c]![1] / 2;
  const right = (c: number) => cols[c]![0] + cols[c]![1] - 3;
  const left = (c: number) => cols[c]![0] + 3;
  const items: PdfTextItem[] = [
    run('一般公共预算基本支出表', 285, 780, 14, 'center'),
    run('部门公开表08', right(4), 765, 9, 'right'),
    run('单位：某某县某某局', left(0), 750),
    run('金额单位：万元', right(4), 750, 9, 'right'),
    // Row 1 of the header: the two groups, centred over their columns; each word broken over two lines.
    run('部门预算支出', (cols[0][0] + cols[1][0] + cols[1][1]) / 2, 735, 9, 'center'),
    run('经济分类科目', (cols[0][0] + cols[1][0] + cols[1][1]) / 2, 724, 9, 'center'),
    run('本年一般公共', (cols[2][0] + cols[4][0] + cols[4][1]) / 2, 735, 9, 'center'),
    run('预算基本支出', (cols[2][0] + cols[4][0] + cols[4][1]) / 2, 724, 9, 'center'),
    // Row 2: every leaf word on two lines too.
    ...[
      ['科目', '编码'],
      ['科目', '名称'],
      ['合', '计'],
      ['人员', '经费'],
      ['公用', '经费'],
    ].flatMap(([a, b], c) => [run(a!, mid(c), 708, 9, 'center'), run(b!, mid(c), 697, 9, 'center')]),
    // Data: right-aligned amounts with thousands separators, blank cells left blank.
    ...[
      ['301', '工资福利支出', '1,797.18', '1,797.18', ''],
      ['30101', '  基本工资', '760.94', '760.94', ''],
      ['30102', '  津贴补贴', '1,036.24', '1,036.24', ''],
      ['302', '商品和服务支出', '1,200.88', '', '1,200.88'],
      ['', '合计', '2,998.06', '1,797.18', '1,200.88'],
    ].flatMap((cells, r) =>
      cells.flatMap((v, c) => (v.trim() === '' ? [] : [c >= 2 ? run(v, right(c), 680 - 14 * r, 9, 'right') : run(v.trim(), left(c) + (v.startsWith(' ') ? 9 : 0), 680 - 14 * r)])),
    ),
  ];
  const page: PdfPageText = { number: 1, width: 595, height: 842, items };
  const budget = budgetFromPages('built.pdf', [page]);
  const t = budget.tables['08'];
  const row = (code: string) => t.rows.find((r) => r.code === code)!;
  const fig = (r: (typeof t.rows)[number], k: string) => {
    const a = r.amounts[`本年一般公共预算基本支出 › ${k}`]!;
    return a.blank ? '' : a.value.toFixed(2);
  };

  it('reads the header into the template columns, with no problem', () => {
    expect(t.found).toBe(true);
    // The other 22 tables are missing from this one-page document, and nothing else is wrong.
    expect(budget.problems.filter((p) => p.kind !== 'missing-table')).toEqual([]);
    expect(budget.problems).toHaveLength(22);
    expect(t.columns.map((c) => c.key)).toEqual([
      '部门预算支出经济分类科目 › 科目编码',
      '部门预算支出经济分类科目 › 科目名称',
      '本年一般公共预算基本支出 › 合计',
      '本年一般公共预算基本支出 › 人员经费',
      '本年一般公共预算基本支出 › 公用经费',
    ]);
    expect(budget.department).toBe('某某县某某局');
    expect(budget.unit).toBe('万元');
  });

  it('reads amounts with thousands separators exactly, blank cells as blank', () => {
    expect(t.rows.map((r) => r.code ?? r.name)).toEqual(['301', '30101', '30102', '302', '合计']);
    expect([fig(row('301'), '合计'), fig(row('301'), '人员经费'), fig(row('301'), '公用经费')]).toEqual(['1797.18', '1797.18', '']);
    expect(fig(row('30102'), '合计')).toBe('1036.24');
    expect([fig(row('302'), '人员经费'), fig(row('302'), '公用经费')]).toEqual(['', '1200.88']);
    const total = t.rows.find((r) => r.kind === 'total')!;
    expect(fig(total, '合计')).toBe('2998.06');
    expect(row('302').amounts['本年一般公共预算基本支出 › 人员经费']!.blank).toBe(true);
  });

  it('gives each figure its page and printed box', () => {
    const a = row('30102').amounts['本年一般公共预算基本支出 › 合计']!;
    const printed = items.find((i) => i.str === '1,036.24')!;
    expect(a.ref.page).toBe(1);
    expect(a.ref.box!.x).toBeCloseTo(printed.x, 1);
    expect(a.ref.box!.w).toBeCloseTo(printed.w, 1);
    expect(a.ref.box!.y).toBeLessThan(printed.y);
    expect(a.ref.box!.y + a.ref.box!.h).toBeGreaterThan(printed.y + 0.7 * printed.size);
  });
});

describe('--annotate out.pdf', () => {
  const m = MUTATIONS.find((x) => x.name === '05-basic')!;
  const input = path.join(ROOT, 'fixtures', 'pdf', `mutation-${m.name}.pdf`);

  it('highlights the planted figure, with the finding in its popup; the input untouched', async () => {
    const before = readFileSync(input);
    const out = path.join(tmp.dir, 'annotated.pdf');
    const res = await runCli(['check', input, '--annotate', out]);
    expect(res.code).toBe(1);
    expect(readFileSync(input)).toEqual(before);

    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(out)), verbosity: 0, isEvalSupported: false }).promise;
    let found = false;
    for (let n = 1; n <= doc.numPages && !found; n++) {
      const page = await doc.getPage(n);
      const printed = (await page.getTextContent()).items.find((i) => 'str' in i && i.str === m.to) as
        | { transform: number[]; width: number; height: number }
        | undefined;
      if (!printed) continue;
      const [x, y] = [printed.transform[4]!, printed.transform[5]!];
      const size = Math.hypot(printed.transform[2]!, printed.transform[3]!);
      const highlights = (await page.getAnnotations()).filter((a) => a.subtype === 'Highlight');
      const over = highlights.filter((a) => {
        const [x0, y0, x1, y1] = a.rect as number[];
        return x0! <= x && x1! >= x + printed.width && y0! <= y - 0.2 * size && y1! >= y + 0.8 * size;
      });
      expect(over.length).toBe(1);
      expect(over[0]!.contentsObj.str).toMatch(/错误/);
      expect(over[0]!.contentsObj.str).toContain(m.to.replace(/,/g, ''));
      found = true;
    }
    expect(found).toBe(true);
    await doc.destroy();
  });

  it('refuses an output that is not a .pdf for a PDF input', async () => {
    const res = await runCli(['check', input, '--annotate', path.join(tmp.dir, 'annotated.xlsx')]);
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toMatch(/name the output file \*\.pdf/);
  });
});

describe('inspect on the published PDF', () => {
  it('lists 23/23 tables with the reference grand totals and the narrative pages', async () => {
    const res = await runCli(['inspect', path.join(ROOT, 'fixtures', 'pdf', 'hengnan-hrss-2025.pdf'), '--json']);
    expect(res.code).toBe(0);
    const r = JSON.parse(res.stdout);
    expect(r.found).toBe(23);
    const total = (id: string) => r.tables.find((t: { id: string }) => t.id === id).total?.value;
    expect([total('01'), total('03'), total('08'), total('15'), total('21')]).toEqual(['2424.73', '2424.73', '2032.73', '5.00', '392.00']);
    expect(r.pdf.narrativePages[0]).toBe(1);
    expect(r.pdf.narrativePages.length).toBeGreaterThan(1);
    expect(r.pdf.narrativeParagraphs).toBeGreaterThan(50);
    const text = await runCli(['inspect', path.join(ROOT, 'fixtures', 'pdf', 'hengnan-hrss-2025.pdf'), '--lang', 'en']);
    expect(text.stdout).toMatch(/Tables:\s+23\/23 found/);
    expect(text.stdout).toMatch(/narrative \(说明\) pages 1–\d+/);
    const zh = await runCli(['inspect', path.join(ROOT, 'fixtures', 'pdf', 'hengnan-hrss-2025.pdf')]);
    expect(zh.stdout).toMatch(/表格：\s+找到 23\/23/);
    expect(zh.stdout).toMatch(/PDF：\s+共 \d+ 页；说明 第 1–\d+ 页/);
  });
});

describe('PDF locations in every format', () => {
  const m = MUTATIONS.find((x) => x.name === '08-total')!;
  const input = path.join(ROOT, 'fixtures', 'pdf', `mutation-${m.name}.pdf`);
  const to = m.to.replace(/,/g, '');

  it('text names 第N页 表NN; JSON, SARIF and HTML carry the page and the box', async () => {
    const text = await runCli(['check', input]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(new RegExp(`第\\d+页 表${m.table}  ${m.row} · [^\\n]*${m.column} = ${to.replace('.', '\\.')}`));

    const json = JSON.parse((await runCli(['check', input, '--format', 'json'])).stdout);
    const loc = json.files[0].findings.flatMap((f: { locations: unknown[] }) => f.locations).find((l: { value?: string; table: string }) => l.table === m.table && l.value === to);
    expect(loc.page).toBeGreaterThan(0);
    expect(Object.keys(loc.box)).toEqual(['x', 'y', 'w', 'h']);

    const sarif = JSON.parse((await runCli(['check', input, '--format', 'sarif'])).stdout);
    const results = sarif.runs[0].results as { locations: { physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: { fullyQualifiedName: string; properties: Record<string, string> }[] }[] }[];
    const ll = results.flatMap((r) => r.locations[0]!.logicalLocations).find((l) => l.properties.table === m.table && l.properties.value === to)!;
    expect(ll.fullyQualifiedName).toBe(`第${loc.page}页 表${m.table}`);
    expect(ll.properties.page).toBe(String(loc.page));
    expect(results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/\.pdf$/);

    const html = (await runCli(['check', input, '--format', 'html'])).stdout;
    expect(html).toContain(`第${loc.page}页 表${m.table} (x ${loc.box.x}, y ${loc.box.y} pt)`);
  });
});

describe('suggested corrections on a published PDF', () => {
  it('name the figure by page, table, row and column, and restore the published value', async () => {
    // Both planted PDFs: 表08 合计 公用经费 200.88 printed as 200.98; 表05 行政运行 基本支出 合计 1,555.66 as 1,565.66.
    for (const m of MUTATIONS) {
      const input = path.join(ROOT, 'fixtures', 'pdf', `mutation-${m.name}.pdf`);
      const json = JSON.parse((await runCli(['check', input, '--format', 'json'])).stdout);
      const withFix = json.files[0].findings.filter((f: { suggestion?: unknown }) => f.suggestion);
      expect(withFix.length).toBeGreaterThan(0);
      const s = withFix[0].suggestion as { cells: { table: string; page?: number; row: string; column: string; from: string; to: string }[]; verified: boolean };
      expect(s.verified).toBe(true);
      expect(s.cells).toHaveLength(1);
      const c = s.cells[0]!;
      expect(c).toMatchObject({ table: m.table, from: m.to.replace(/,/g, ''), to: m.from.replace(/,/g, '') });
      expect(c.row).toContain(m.row);
      expect(c.column).toContain(m.column);
      // The page the figure is printed on: the same page the finding's own location names.
      const loc = withFix[0].locations.find((l: { value?: string; table: string }) => l.table === m.table && l.value === c.from);
      expect(c.page).toBe(loc.page);
      const text = (await runCli(['check', input])).stdout;
      expect(text).toContain(`建议修改 第${c.page}页 表${m.table} ${c.row} · ${c.column}：${c.from} → ${c.to}`);
    }
  });
});
