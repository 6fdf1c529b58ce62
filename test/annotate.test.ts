/**
 * --annotate: the annotated copy of a planted-error sample carries a comment at
 * the planted cell and a first sheet 审核结果 linking to it; every original cell
 * keeps its value, formula and number format; the input is never touched.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { UsageError } from '../src/errors.js';
import { loadWorkbook } from '../src/loaders/index.js';
import { emptySummary, type Finding } from '../src/model/index.js';
import type { FileReport } from '../src/model/report.js';
import { annotateWorkbook, internalLink, RESULTS_SHEET } from '../src/report/annotate.js';
import { audit } from '../src/rules/index.js';
import { plantCopy, PLANT_03, tempDir } from './report-support.js';

const READ: XLSX.ParsingOptions = { type: 'buffer', cellFormula: true, cellNF: true, cellStyles: true };
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const open = (file: string) => XLSX.read(readFileSync(file), READ);

/** Every cell of every original sheet: same type, value, formula and number format; merges too. */
function expectOriginalKept(input: XLSX.WorkBook, output: XLSX.WorkBook): void {
  for (const name of input.SheetNames) {
    const a = input.Sheets[name]!;
    const b = output.Sheets[name];
    expect(b, `sheet ${name}`).toBeDefined();
    const keys = (ws: XLSX.WorkSheet) => Object.keys(ws).filter((k) => !k.startsWith('!'));
    for (const addr of keys(a)) {
      const x = a[addr] as XLSX.CellObject;
      const y = b![addr] as XLSX.CellObject | undefined;
      expect(y, `${name}!${addr}`).toBeDefined();
      expect({ t: y!.t, v: y!.v, f: y!.f, z: y!.z }, `${name}!${addr}`).toEqual({ t: x.t, v: x.v, f: x.f, z: x.z });
    }
    // Nothing added to the original sheets but empty stubs holding a comment.
    for (const addr of keys(b!)) {
      if (a[addr]) continue;
      const y = b![addr] as XLSX.CellObject;
      expect({ addr, t: y.t, v: y.v, comment: !!y.c }).toEqual({ addr, t: 'z', v: undefined, comment: true });
    }
    expect(b!['!merges'] ?? []).toEqual(a['!merges'] ?? []);
  }
}

describe('annotateWorkbook on a planted-error sample', () => {
  let dir: string;
  let planted: { file: string; cell: string; sheet: string; address: string };
  let report: FileReport;
  let out: string;
  let inputHash: string;

  beforeAll(async () => {
    dir = tempDir('ba-annotate-');
    planted = plantCopy(path.join(dir, 'planted.xlsx'), PLANT_03);
    report = audit(await loadWorkbook(planted.file));
    inputHash = sha(planted.file);
    out = path.join(dir, 'out', '..', 'annotated.xlsx');
    await annotateWorkbook(planted.file, report, out, { lang: 'zh' });
  });

  it('puts a comment with message, expected, actual and difference on the planted cell', () => {
    const wb = open(out);
    const cell = wb.Sheets[planted.sheet]![planted.address] as XLSX.CellObject;
    expect(cell.v).toBe(197);
    expect(cell.c, 'comment').toBeDefined();
    const text = cell.c!.map((c) => c.t).join('\n');
    expect(cell.c![0]!.a).toBe('budget-audit');
    // The row identity the plant broke: 表03 2080199 合计 196.00 ≠ 基本支出 + 项目支出 197.00.
    const f = report.findings.find((x) => x.severity === 'error' && x.locations.some((l) => l.sheet === planted.sheet && l.cell === planted.address))!;
    expect(f).toBeDefined();
    expect(text).toContain('[错误]');
    expect(text).toContain(f.message.zh);
    expect(text).toContain('应为');
    expect(text).toContain('实际');
    expect(text).toContain('差额');
    expect(text).toMatch(/196\.00|197\.00/);
  });

  it('adds 审核结果 as the first sheet, linking to each flagged cell', () => {
    const wb = open(out);
    expect(wb.SheetNames[0]).toBe(RESULTS_SHEET);
    expect(wb.SheetNames.slice(1)).toEqual(open(planted.file).SheetNames);
    const ws = wb.Sheets[RESULTS_SHEET]!;
    const cells = Object.entries(ws).filter(([k]) => !k.startsWith('!')) as [string, XLSX.CellObject][];
    const target = `#'${planted.sheet}'!${planted.address}`;
    const linked = cells.filter(([, c]) => c.l?.Target === target);
    expect(linked.length).toBeGreaterThan(0);
    expect(linked[0]![1].v).toBe(`${planted.sheet}!${planted.address}`);
    // One row per finding location, each with a link; the severities named.
    const links = cells.filter(([, c]) => c.l?.Target?.startsWith('#'));
    const located = report.findings.reduce((n, f) => n + f.locations.filter((l) => l.cell).length, 0);
    expect(links.length).toBe(located);
    const texts = cells.map(([, c]) => String(c.v));
    expect(texts).toContain('错误');
    expect(texts).toContain('尾差');
  });

  it('keeps every original cell value, formula, format and merge, and leaves the input untouched', () => {
    expectOriginalKept(open(planted.file), open(out));
    expect(sha(planted.file)).toBe(inputHash);
    // Written via a temp file + rename: nothing else left behind.
    expect(readdirSync(dir).sort()).toEqual(['annotated.xlsx', 'planted.xlsx']);
  });

  it('refuses to write over the input, however it is named', async () => {
    const alias = path.join(dir, 'alias.xlsx');
    symlinkSync(planted.file, alias);
    for (const target of [planted.file, path.join(dir, '.', 'planted.xlsx'), alias]) {
      await expect(annotateWorkbook(planted.file, report, target, { lang: 'zh' })).rejects.toBeInstanceOf(UsageError);
    }
    expect(sha(planted.file)).toBe(inputHash);
    await expect(annotateWorkbook(planted.file, report, path.join(dir, 'x.xls'), { lang: 'zh' })).rejects.toBeInstanceOf(UsageError);
    await expect(annotateWorkbook(planted.file, report, path.join(dir, 'no-such-dir', 'x.xlsx'), { lang: 'zh' })).rejects.toBeInstanceOf(UsageError);
  });
});

describe('annotateWorkbook on a hand-made workbook', () => {
  /** Formulas, formats, merges, a hidden sheet, a sheet-scoped name, a blank flagged cell, a quote in a sheet name. */
  function makeWorkbook(file: string, bookType: 'xlsx' | 'biff8'): void {
    const ws = XLSX.utils.aoa_to_sheet([
      ['项目', '金额'],
      ['甲', 1.5],
      ['乙', 2.25],
      ['合计', 3.75],
      ['空', null],
    ]);
    ws['B2']!.z = '#,##0.00';
    ws['B4'] = { t: 'n', v: 3.75, f: 'SUM(B2:B3)', z: '#,##0.00' };
    ws['!merges'] = [{ s: { r: 0, c: 2 }, e: { r: 0, c: 3 } }];
    ws['C1'] = { t: 's', v: '说明' };
    ws['!ref'] = 'A1:D5';
    const hidden = XLSX.utils.aoa_to_sheet([['hidden']]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, "O'Brien表");
    XLSX.utils.book_append_sheet(wb, hidden, '隐藏');
    wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }], Names: [{ Name: 'Print_Area', Sheet: 0, Ref: "'O''Brien表'!$A$1:$B$4" }] };
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType }) as Buffer);
  }

  const findings: Finding[] = [
    {
      ruleId: 'row-total',
      severity: 'error',
      message: { zh: '合计 应等于 甲 + 乙', en: 'total should equal the parts' },
      expected: '3.75',
      actual: '3.5',
      difference: '-0.25',
      locations: [
        { table: '03', sheet: "O'Brien表", cell: 'B4', row: '合计', column: '金额', value: '3.75' },
        { table: '03', sheet: "O'Brien表", cell: 'B5', row: '空', column: '金额', value: '' },
      ],
    },
    {
      ruleId: 'cross-table',
      severity: 'rounding',
      message: { zh: '尾差', en: 'rounding difference' },
      expected: '3.75',
      actual: '3.76',
      difference: '0.01',
      locations: [{ table: '03', sheet: "O'Brien表", cell: '$B$4' }],
    },
  ];
  const report = (file: string): FileReport => ({ path: file, findings, notRun: [{ ruleId: 'x', reason: '表05 未找到' }], summary: { ...emptySummary(), error: 1, rounding: 1 } });

  for (const bookType of ['xlsx', 'biff8'] as const) {
    it(`keeps formulas, formats, merges, hidden sheets and names (${bookType} input → xlsx)`, async () => {
      const dir = tempDir('ba-annotate-');
      const input = path.join(dir, bookType === 'xlsx' ? 'in.xlsx' : 'in.xls');
      makeWorkbook(input, bookType);
      const hash = sha(input);
      const out = path.join(dir, 'out.xlsx');
      await annotateWorkbook(input, report(input), out, { lang: 'en' });
      expect(sha(input)).toBe(hash);
      const before = open(input);
      const after = open(out);
      expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK'); // an .xlsx (zip), whatever came in
      expectOriginalKept(before, after);
      expect(after.SheetNames).toEqual([RESULTS_SHEET, "O'Brien表", '隐藏']);
      // Sheet indices moved by one: the hidden sheet stays hidden, the sheet-scoped name stays on its sheet.
      expect(after.Workbook?.Sheets?.map((s) => s.Hidden ?? 0)).toEqual([0, 0, 1]);
      if (bookType === 'xlsx') expect(after.Workbook?.Names?.find((n) => n.Name.includes('Print_Area'))?.Sheet).toBe(1);
      const ws = after.Sheets["O'Brien表"]!;
      // Two findings on B4 make one note; the blank B5 gets a note and stays blank.
      const b4 = (ws['B4'] as XLSX.CellObject).c!;
      expect(b4).toHaveLength(1);
      expect(b4[0]!.t).toContain('[Error] row-total');
      expect(b4[0]!.t).toContain('Expected 3.75; Actual 3.50; Difference -0.25');
      expect(b4[0]!.t).toContain('[Rounding] cross-table');
      expect((ws['B5'] as XLSX.CellObject).c![0]!.t).toContain('total should equal the parts');
      expect((ws['B5'] as XLSX.CellObject).v).toBeUndefined();
      const links = Object.values(after.Sheets[RESULTS_SHEET]!)
        .map((c) => (c as XLSX.CellObject).l?.Target)
        .filter(Boolean);
      expect(links).toEqual([internalLink("O'Brien表", 'B4'), internalLink("O'Brien表", 'B5'), internalLink("O'Brien表", 'B4')]);
      expect(internalLink("O'Brien表", 'B4')).toBe("#'O''Brien表'!B4");
    });
  }

  it('keeps a note the workbook already had, and ours after it', async () => {
    const dir = tempDir('ba-annotate-');
    const input = path.join(dir, 'noted.xlsx');
    const ws = XLSX.utils.aoa_to_sheet([['合计', 3.75]]);
    ws['B1']!.c = [{ a: '财务科', t: '已核对' }];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    writeFileSync(input, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const r: FileReport = {
      path: input,
      findings: [{ ruleId: 'r', severity: 'warning', message: { zh: '请核对', en: 'check' }, locations: [{ table: '01', sheet: 'S', cell: 'B1' }] }],
      notRun: [],
      summary: emptySummary(),
    };
    const out = path.join(dir, 'noted-annotated.xlsx');
    await annotateWorkbook(input, r, out, { lang: 'zh' });
    const note = (open(out).Sheets['S']!['B1'] as XLSX.CellObject).c!;
    expect(note).toHaveLength(1);
    // SheetJS reads authors as raw UTF-8 bytes, so look at the written XML itself.
    const zip = XLSX.CFB.read(readFileSync(out), { type: 'buffer' }) as { FileIndex: { name: string; content: Uint8Array }[] };
    const xml = zip.FileIndex.filter((f) => /comments\d*\.xml$/.test(f.name)).map((f) => Buffer.from(f.content).toString('utf8'));
    expect(xml.join('')).toContain('<author>财务科</author>');
    expect(note[0]!.t.indexOf('已核对')).toBeLessThan(note[0]!.t.indexOf('[警告] r'));
    expect(existsSync(input)).toBe(true);
  });
});
