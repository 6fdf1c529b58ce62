/**
 * readWorkbookCells / workbookCellsFromBuffer: cells, merges and hidden
 * rows/columns from .xlsx and legacy .xls, the input never touched, and damaged
 * parts refused instead of read as empty or partial sheets.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import type { RawCell, WorkbookCells } from '../src/loaders/cells.js';
import { readWorkbookCells, workbookCellsFromBuffer } from '../src/loaders/workbook.js';
import { ROOT, tempDir } from './support/cli.js';

const SAMPLE = path.join(ROOT, 'fixtures', 'hengnan-hrss-2025.xlsx');
const tmp = tempDir('budget-audit-io-');
afterAll(() => tmp.cleanup());

/** A small table in the budget-system style: merged title, wrapped header, text codes, #,##0.00 amounts, a blank. */
function smallWorkbook(): XLSX.WorkBook {
  const ws = XLSX.utils.aoa_to_sheet([
    ['一般公共预算“三公”经费支出表'],
    ['部门公开表15'],
    ['单位编码', '单位名称', '隐藏列', '“三公”经费\n合计', '公务接待费'],
    ['合计', null, null, 5, 5],
    ['201001', '衡南县人力资源和社会保障局', null, 5, null],
  ]);
  for (const a of ['D4', 'E4', 'D5']) ws[a]!.z = '#,##0.00';
  ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 4 } }];
  ws['!cols'] = [{}, {}, { hidden: true }];
  ws['!rows'] = [{}, { hidden: true }];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '三公');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['说明：无']]), 'Sheet2');
  return wb;
}

function cell(wbc: WorkbookCells, sheet: number, r: number, c: number): RawCell | undefined {
  return wbc.sheets[sheet]!.rows[r]?.[c];
}

function write(name: string, data: Uint8Array): string {
  const file = path.join(tmp.dir, name);
  writeFileSync(file, data);
  return file;
}

/** Rewrites one part of a zip (content given uncompressed); CRCs stay consistent. */
function rezipWith(buf: Uint8Array, part: string, edit: (xml: string) => string): Buffer {
  const z = XLSX.CFB.read(buf, { type: 'buffer' });
  const i = (z.FullPaths as string[]).findIndex((p) => p.endsWith(`/${part}`));
  if (i < 0) throw new Error(`no part ${part}`);
  const e = z.FileIndex[i];
  e.content = Buffer.from(edit(Buffer.from(e.content).toString('utf8')), 'utf8');
  return XLSX.CFB.write(z, { fileType: 'zip', type: 'buffer', compression: true }) as Buffer;
}

async function loadError(file: string): Promise<string> {
  try {
    await readWorkbookCells(file);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).message;
  }
  throw new Error(`${file} was read without error`);
}

describe.each([
  ['xlsx', 'xlsx' as const],
  ['xls', 'biff8' as const],
])('a .%s workbook', (ext, bookType) => {
  let file: string;
  let wbc: WorkbookCells;
  let before: { bytes: Buffer; mtimeMs: number };

  beforeAll(async () => {
    file = write(`small.${ext}`, XLSX.write(smallWorkbook(), { type: 'buffer', bookType }));
    before = { bytes: readFileSync(file), mtimeMs: statSync(file).mtimeMs };
    wbc = await readWorkbookCells(file);
  });

  it('keeps sheet names and order, and the file name', () => {
    expect(wbc.file).toBe(file);
    expect(wbc.bookType).toBe(ext);
    expect(wbc.sheets.map((s) => s.name)).toEqual(['三公', 'Sheet2']);
  });

  it('reads text (line breaks kept), text codes and numbers', () => {
    expect(cell(wbc, 0, 0, 0)).toMatchObject({ t: 's', v: '一般公共预算“三公”经费支出表' });
    expect(cell(wbc, 0, 2, 3)).toMatchObject({ t: 's', v: '“三公”经费\n合计' });
    expect(cell(wbc, 0, 4, 0)).toMatchObject({ t: 's', v: '201001' });
    expect(cell(wbc, 0, 3, 3)).toMatchObject({ t: 'n', v: 5, z: '#,##0.00', w: '5.00' });
    expect(cell(wbc, 1, 0, 0)).toMatchObject({ t: 's', v: '说明：无' });
  });

  it('leaves blank cells blank', () => {
    expect(cell(wbc, 0, 3, 1)).toBeUndefined();
    expect(cell(wbc, 0, 4, 4)).toBeUndefined();
    expect(cell(wbc, 0, 40, 0)).toBeUndefined();
  });

  it('reads merges and hidden columns', () => {
    expect(wbc.sheets[0]!.merges).toEqual([{ s: { r: 0, c: 0 }, e: { r: 0, c: 4 } }]);
    expect([...wbc.sheets[0]!.hiddenCols]).toEqual([2]);
    expect(wbc.sheets[1]!.hiddenCols.size).toBe(0);
  });

  it('never writes the input', () => {
    expect(readFileSync(file).equals(before.bytes)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
  });
});

describe('.xlsx specifics', () => {
  it('reads hidden rows without parsing styles', async () => {
    const file = write('rows.xlsx', XLSX.write(smallWorkbook(), { type: 'buffer', bookType: 'xlsx' }));
    const wbc = await readWorkbookCells(file);
    expect([...wbc.sheets[0]!.hiddenRows]).toEqual([1]);
  });

  it('reads shared-string workbooks (as Excel writes them)', async () => {
    const file = write('sst.xlsx', XLSX.write(smallWorkbook(), { type: 'buffer', bookType: 'xlsx', bookSST: true }));
    const wbc = await readWorkbookCells(file);
    expect(cell(wbc, 0, 4, 1)).toMatchObject({ t: 's', v: '衡南县人力资源和社会保障局' });
  });

  it('workbookCellsFromBuffer takes a plain Uint8Array', () => {
    const buf = XLSX.write(smallWorkbook(), { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const wbc = workbookCellsFromBuffer(new Uint8Array(buf), 'in-memory.xlsx');
    expect(wbc.file).toBe('in-memory.xlsx');
    expect(cell(wbc, 0, 3, 4)).toMatchObject({ t: 'n', v: 5 });
  });
});

describe('the sample workbook', () => {
  it('is one sheet per table; 表15 holds 合计 5.00 as a #,##0.00 number', async () => {
    const wbc = await readWorkbookCells(SAMPLE);
    expect(wbc.bookType).toBe('xlsx');
    expect(wbc.sheets).toHaveLength(23);
    const texts = (s: WorkbookCells['sheets'][number]) => s.rows.flat().filter((c) => c?.t === 's').map((c) => String(c!.v));
    const s15 = wbc.sheets.find((s) => texts(s).some((t) => t.includes('部门公开表15')))!;
    expect(s15).toBeDefined();
    const numbers = s15.rows.flat().filter((c) => c?.t === 'n');
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.every((c) => c!.v === 5)).toBe(true); // 合计 / 201 / 201001 rows: 5.00 and 5.00
    expect(numbers.every((c) => c!.z === '#,##0.00')).toBe(true);
    expect(texts(s15).some((t) => t.includes('衡南县人力资源和社会保障局'))).toBe(true);
  });
});

describe('damaged parts are load errors, never empty or partial sheets', () => {
  const good = XLSX.write(smallWorkbook(), { type: 'buffer', bookType: 'xlsx', compression: true, bookSST: true }) as Buffer;

  it('a sheet part that comes back empty although it holds values', async () => {
    // Cut inside <sheetData>: SheetJS finds no sheetData and returns a sheet without cells.
    const file = write('cut-sheet.xlsx', rezipWith(good, 'xl/worksheets/sheet1.xml', (x) => x.slice(0, x.indexOf('</sheetData>') - 20)));
    expect(await loadError(file)).toMatch(/sheet "三公" came back empty .*damaged/);
  });

  it('a sheet part cut short after some rows', async () => {
    const file = write('cut-rows.xlsx', rezipWith(good, 'xl/worksheets/sheet1.xml', (x) => x.slice(0, x.lastIndexOf('<row'))));
    expect(await loadError(file)).toMatch(/sheet "三公" (is cut short|came back empty).*damaged/);
  });

  it('shared strings cut short', async () => {
    const file = write('cut-sst.xlsx', rezipWith(good, 'xl/sharedStrings.xml', (x) => x.slice(0, x.length - 40)));
    expect(await loadError(file)).toMatch(/damaged/);
  });

  it('flipped bytes inside a compressed sheet (checksum)', async () => {
    // Find the local header of sheet1.xml and flip one byte in the middle of its deflate data.
    const name = Buffer.from('xl/worksheets/sheet1.xml', 'latin1');
    let at = -1;
    for (let p = good.indexOf('PK\x03\x04', 0, 'latin1'); p >= 0; p = good.indexOf('PK\x03\x04', p + 4, 'latin1')) {
      const n = good.readUInt16LE(p + 26);
      if (good.subarray(p + 30, p + 30 + n).equals(name)) {
        at = p + 30 + n + good.readUInt16LE(p + 28) + (good.readUInt32LE(p + 18) >> 1);
        break;
      }
    }
    expect(at).toBeGreaterThan(0);
    for (const xor of [0x01, 0xff]) {
      const bad = Buffer.from(good);
      bad[at]! ^= xor;
      expect(await loadError(write(`flip-${xor}.xlsx`, bad))).toMatch(/damaged/);
    }
  });

  it('a truncated copy', async () => {
    expect(await loadError(write('half.xlsx', good.subarray(0, good.length >> 1)))).toMatch(/truncated or damaged/);
  });
});

describe('a formula saved without its computed value', () => {
  it('is an unknown figure reported at its cell, never a blank (zero)', async () => {
    const { buildBudget } = await import('../src/loaders/index.js');
    const { audit } = await import('../src/rules/index.js');
    const wb = XLSX.read(readFileSync(SAMPLE), { type: 'buffer' });
    // 表03 by its title; its 合计 row's first figure is 合计 2,424.73, the next 基本支出 2,032.73.
    const name = wb.SheetNames.find((n) => XLSX.utils.sheet_to_csv(wb.Sheets[n]!).includes('支出总表') && !n.includes('财政'))!;
    const ws = wb.Sheets[name]!;
    const aoa = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
    const r = aoa.findIndex(
      (row) => row.some((v) => typeof v === 'string' && v.replace(/\s/g, '') === '合计') && row.some((v) => typeof v === 'number'),
    );
    const c = aoa[r]!.findIndex((v) => typeof v === 'number');
    expect([aoa[r]![c], aoa[r]![c + 1]]).toEqual([2424.73, 2032.73]);
    const total = XLSX.utils.encode_cell({ r, c });
    const basic = XLSX.utils.encode_cell({ r, c: c + 1 });
    // As programs write them: <c r="…"><f>…</f></c>, and <c r="…" t="e"><f>…</f></c>.
    ws[total] = { t: 'z', f: `SUM(${basic}:${XLSX.utils.encode_cell({ r, c: c + 2 })})` } as XLSX.CellObject;
    ws[basic] = { t: 'n', f: 'SUM(E8:E30)' } as unknown as XLSX.CellObject;
    const xml = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;

    const budget = buildBudget(workbookCellsFromBuffer(xml, 'uncomputed.xlsx'));
    const bad = budget.problems.filter((p) => p.kind === 'bad-amount');
    expect(bad.map((p) => p.ref?.cell).sort()).toEqual([basic, total].sort());
    for (const p of bad) expect(p.message).toContain('formula saved without its computed value');
    const row = budget.tables['03'].rows.find((x) => x.kind === 'total')!;
    expect(row.amounts['合计']!.invalid).toBe(true);

    const report = audit(budget);
    const findings = report.findings.filter((f) => f.ruleId === 'read-bad-amount');
    expect(findings.flatMap((f) => f.locations.map((l) => l.cell)).sort()).toEqual([basic, total].sort());
    expect(report.summary.error).toBeGreaterThanOrEqual(2);
    // Identities over the unknown figures are not run, never passed on a zero.
    expect(report.notRun.some((n) => n.ruleId === 'row-total')).toBe(true);
  });
});

describe('a hidden row with figures', () => {
  it('is still read (the totals include it) and reported as a warning at its label', async () => {
    const { buildBudget } = await import('../src/loaders/index.js');
    const { audit } = await import('../src/rules/index.js');
    const wb = XLSX.read(readFileSync(SAMPLE), { type: 'buffer', cellStyles: true });
    const name = wb.SheetNames.find((n) => XLSX.utils.sheet_to_csv(wb.Sheets[n]!).includes('支出总表') && !n.includes('财政'))!;
    const ws = wb.Sheets[name]!;
    const aoa = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
    // 表03 2080199 其他人力资源和社会保障管理事务支出: 196.00 (all 项目支出).
    const r = aoa.findIndex((row) => row.some((v) => typeof v === 'string' && v.includes('其他人力资源和社会保障管理事务支出')));
    expect(r).toBeGreaterThan(0);
    ws['!rows'] = [];
    ws['!rows'][r] = { hidden: true };
    const buf = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;

    const budget = buildBudget(workbookCellsFromBuffer(buf, 'hidden.xlsx'));
    const row = budget.tables['03'].rows.find((x) => x.code === '2080199')!;
    expect(row.amounts['合计']!.value.toFixed(2)).toBe('196.00');
    const report = audit(budget);
    const hidden = report.findings.filter((f) => f.ruleId === 'read-hidden-row');
    expect(hidden).toHaveLength(1);
    expect(hidden[0]!.severity).toBe('warning');
    expect(hidden[0]!.locations[0]).toMatchObject({ table: '03', sheet: name, cell: row.labelRef!.cell });
    expect(hidden[0]!.message.en).toContain(`sheet row ${r + 1} is hidden`);
    expect(report.summary.error).toBe(0);
  });

  it('a hidden row of zeros changes no total and is not reported', async () => {
    const { buildBudget } = await import('../src/loaders/index.js');
    const wb = XLSX.read(readFileSync(SAMPLE), { type: 'buffer', cellStyles: true });
    const name = wb.SheetNames.find((n) => XLSX.utils.sheet_to_csv(wb.Sheets[n]!).includes('支出总表') && !n.includes('财政'))!;
    const ws = wb.Sheets[name]!;
    const aoa = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
    const r = aoa.findIndex((row) => row.some((v) => typeof v === 'string' && v.includes('其他人力资源和社会保障管理事务支出')));
    aoa[r]!.forEach((v, c) => {
      if (typeof v === 'number') ws[XLSX.utils.encode_cell({ r, c })] = { t: 'n', v: 0 };
    });
    ws['!rows'] = [];
    ws['!rows'][r] = { hidden: true };
    const budget = buildBudget(workbookCellsFromBuffer(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer, 'hidden0.xlsx'));
    expect(budget.tables['03'].rows.find((x) => x.code === '2080199')!.amounts['合计']!.value.isZero()).toBe(true);
    expect(budget.problems.filter((p) => p.kind === 'hidden-row')).toEqual([]);
  });
});
