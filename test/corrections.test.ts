/**
 * Suggested corrections on the sample: copies of fixtures/hengnan-hrss-2025.xlsx
 * with ONE planted change (a figure changed, a blank cell filled, a figure
 * blanked) across tables 01–23 and both arithmetic rule families (A inside a
 * table, B between tables). The suggestion must be exactly the changed cell
 * with its published value — written here from the reference text, never
 * from the code's output — verified by the engine, and not ambiguous where
 * another table also publishes the figure.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as XLSX from 'xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { applyCorrections, suggestCorrections } from '../src/corrections/index.js';
import { loadWorkbook } from '../src/loaders/index.js';
import { audit } from '../src/rules/index.js';
import { amountOf, locate, locateLine, readBook, setCell, writeBook, type Located } from './support/mutate.js';

const SAMPLE = path.resolve(import.meta.dirname, '../fixtures/hengnan-hrss-2025.xlsx');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-audit-corrections-'));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

interface Case {
  name: string;
  /** Finds the cell to change in the workbook. */
  cell: (wb: XLSX.WorkBook) => Located;
  /** The published value (from the reference), or undefined for a blank cell. */
  published: number | undefined;
  /** What the copy gets instead (undefined: blanked). */
  to: number | undefined;
  /** The suggestion's `to`, as the reference prints it ("" = clear the cell). */
  expect: string;
}

const CASES: Case[] = [
  // A — inside a table
  { name: '01 收入总计 2,424.73 → 2,434.73', cell: (wb) => locateLine(wb, '01', '收入总计'), published: 2424.73, to: 2434.73, expect: '2424.73' },
  { name: '03 2080101 合计 1,555.66 → 1,565.66', cell: (wb) => locate(wb, '03', '2080101', ['合计']), published: 1555.66, to: 1565.66, expect: '1555.66' },
  { name: '03 2080199 合计 196.00 → 206.00', cell: (wb) => locate(wb, '03', '2080199', ['合计']), published: 196, to: 206, expect: '196.00' },
  { name: '07 20805 工资福利支出 279.05 → 289.05', cell: (wb) => locate(wb, '07', '20805', ['基本支出', '人员经费', '工资福利支出']), published: 279.05, to: 289.05, expect: '279.05' },
  { name: '08 30201 办公费 168.96 → 178.96', cell: (wb) => locate(wb, '08', '30201', ['本年一般公共预算基本支出', '合计']), published: 168.96, to: 178.96, expect: '168.96' },
  { name: '09 合计 社会保障缴费 384.50 → 394.50', cell: (wb) => locate(wb, '09', '合计', ['机关工资福利支出', '社会保障缴费']), published: 384.5, to: 394.5, expect: '384.50' },
  { name: '10 201001 基本工资 760.94 → 770.94', cell: (wb) => locate(wb, '10', '201001', ['工资津补贴', '基本工资']), published: 760.94, to: 770.94, expect: '760.94' },
  { name: '11 2080501 离退休费 33.60 → 43.60', cell: (wb) => locate(wb, '11', '2080501', ['离退休费']), published: 33.6, to: 43.6, expect: '33.60' },
  { name: '12 合计 退休费 33.60 → 34.60', cell: (wb) => locate(wb, '12', '合计', ['退休费']), published: 33.6, to: 34.6, expect: '33.60' },
  { name: '14 2080101 工会经费 26.92 → 36.92', cell: (wb) => locate(wb, '14', '2080101', ['工会经费']), published: 26.92, to: 36.92, expect: '26.92' },
  { name: '15 合计 公务接待费 5.00 → 6.00', cell: (wb) => locate(wb, '15', '合计', ['公务接待费']), published: 5, to: 6, expect: '5.00' },
  { name: '21 2025年安荣健身馆 总计 15.00 → 25.00', cell: (wb) => locate(wb, '21', '2025年安荣健身馆', ['预算额度', '总计']), published: 15, to: 25, expect: '15.00' },
  { name: '23 资金总额 2,424.73 → 2,434.73', cell: (wb) => locate(wb, '23', '201001', ['年度预算申请', '资金总额']), published: 2424.73, to: 2434.73, expect: '2424.73' },
  // B — the same figure in another table
  { name: '02 合计 一般公共预算 2,424.73 → 2,434.73', cell: (wb) => locate(wb, '02', '合计', ['本年收入', '一般公共预算']), published: 2424.73, to: 2434.73, expect: '2424.73' },
  { name: '04 2080101 总计 1,555.66 → 1,565.66', cell: (wb) => locate(wb, '04', '2080101', ['总计']), published: 1555.66, to: 1565.66, expect: '1555.66' },
  { name: '05 2080505 基本支出 合计 186.03 → 196.03', cell: (wb) => locate(wb, '05', '2080505', ['基本支出', '合计']), published: 186.03, to: 196.03, expect: '186.03' },
  { name: '06 一般公共预算拨款 2,424.73 → 2,430.00', cell: (wb) => locateLine(wb, '06', '一般公共预算拨款'), published: 2424.73, to: 2430, expect: '2424.73' },
  { name: '08 30217 公务接待费 5.00 → 7.00', cell: (wb) => locate(wb, '08', '30217', ['本年一般公共预算基本支出', '合计']), published: 5, to: 7, expect: '5.00' },
  { name: '13 2080101 公务接待费 5.00 → 6.00', cell: (wb) => locate(wb, '13', '2080101', ['机关商品和服务支出', '公务接待费']), published: 5, to: 6, expect: '5.00' },
  { name: '16 合计 0.00 → 5.00', cell: (wb) => locate(wb, '16', '合计', ['合计']), published: 0, to: 5, expect: '' },
  { name: '17 合计 0.00 → 3.00', cell: (wb) => locate(wb, '17', '合计', ['总计']), published: 0, to: 3, expect: '' },
  { name: '18 合计 0.00 → 3.00', cell: (wb) => locate(wb, '18', '合计', ['总计']), published: 0, to: 3, expect: '' },
  { name: '19 合计 0.00 → 2.00', cell: (wb) => locate(wb, '19', '合计', ['合计']), published: 0, to: 2, expect: '' },
  { name: '20 合计 0.00 → 2.00', cell: (wb) => locate(wb, '20', '合计', ['合计']), published: 0, to: 2, expect: '' },
  { name: '22 2025年安荣健身馆 资金总额 15.00 → 16.00', cell: (wb) => locate(wb, '22', '2025年安荣健身馆', ['资金总额']), published: 15, to: 16, expect: '15.00' },
  // A blank cell filled, a figure blanked, a digit swap, ×10
  { name: '03 2080199 基本支出 (blank) filled with 8.00', cell: (wb) => locate(wb, '03', '2080199', ['基本支出']), published: undefined, to: 8, expect: '' },
  { name: '05 2080505 基本支出 合计 186.03 blanked', cell: (wb) => locate(wb, '05', '2080505', ['基本支出', '合计']), published: 186.03, to: undefined, expect: '186.03' },
  { name: '07 2080101 合计 1,555.66 → 1,565.56 (digits swapped)', cell: (wb) => locate(wb, '07', '2080101', ['合计']), published: 1555.66, to: 1565.56, expect: '1555.66' },
  { name: '08 30201 办公费 168.96 → 1,689.60 (×10)', cell: (wb) => locate(wb, '08', '30201', ['本年一般公共预算基本支出', '合计']), published: 168.96, to: 1689.6, expect: '168.96' },
];

function fmt(n: number | undefined): string {
  return n === undefined || n === 0 ? '' : n.toFixed(2);
}

describe('suggested corrections: one planted change in the sample', () => {
  it('covers tables 01–23', () => {
    const tables = new Set(CASES.map((c) => c.name.slice(0, 2)));
    expect([...tables].sort()).toEqual(Array.from({ length: 23 }, (_, i) => String(i + 1).padStart(2, '0')));
  });

  it.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const wb = readBook(SAMPLE);
    const l = c.cell(wb);
    if (c.published === undefined) expect(l.value, `${l.sheet}!${l.cell} should be blank`).toBeUndefined();
    else expect(amountOf(l), `${l.sheet}!${l.cell} should hold the published ${c.published}`).toBeCloseTo(c.published, 2);
    setCell(wb, l.sheet, l.cell, c.to);
    const file = writeBook(wb, TMP, `case${i}.xlsx`);
    const budget = await loadWorkbook(file);
    const report = audit(budget);
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);

    const suggestions = await suggestCorrections(budget, report);
    expect(suggestions, JSON.stringify(suggestions, null, 1)).toHaveLength(1);
    const s = suggestions[0]!;
    expect(s.verified).toBe(true);
    // Another table publishes the figure (or the identities pin it): one answer, not a guess.
    expect(s.ambiguous, JSON.stringify(s, null, 1)).toBe(false);
    expect(s.cells).toEqual([
      expect.objectContaining({ table: l.table, sheet: l.sheet, cell: l.cell, from: fmt(c.to), to: c.expect }),
    ]);
    // It resolves every error of the copy (the only cluster).
    expect(s.resolves).toHaveLength(errors.length);
  });
});

describe('applyCorrections on the report', () => {
  it('puts the shared suggestion on each error it resolves, with stable ids', async () => {
    const wb = readBook(SAMPLE);
    const l = locate(wb, '03', '2080199', ['合计']);
    setCell(wb, l.sheet, l.cell, 206);
    const budget = await loadWorkbook(writeBook(wb, TMP, 'apply.xlsx'));
    const report = await applyCorrections(audit(budget));
    const errors = report.findings.filter((f) => f.severity === 'error');
    // 表03 2080199 合计 is in its row (合计 = 基本 + 项目), its 款 20801 and by code in 表04 / 05 / 07.
    expect(errors.map((f) => f.ruleId).sort()).toEqual(['cross-function-by-code', 'cross-function-by-code', 'cross-function-by-code', 'function-rollup', 'row-total']);
    const ids = errors.map((f) => f.id);
    expect(new Set(ids).size).toBe(5);
    for (const f of errors) {
      expect(f.suggestion?.id).toBe('fix-1');
      expect(f.suggestion?.resolves.sort()).toEqual([...ids].sort());
      expect(f.suggestion?.cells).toEqual([{ table: '03', sheet: l.sheet, cell: l.cell, row: '2080199 其他人力资源和社会保障管理事务支出', column: '合计', from: '206.00', to: '196.00' }]);
    }
    // Rounding findings of the sample are left alone without --strict.
    expect(report.findings.filter((f) => f.severity === 'rounding').every((f) => f.suggestion === undefined)).toBe(true);
  });

  it('two independent errors in different tables: two clusters, two one-cell suggestions', async () => {
    const wb = readBook(SAMPLE);
    const a = locate(wb, '03', '2080199', ['合计']);
    const b = locate(wb, '14', '2080101', ['工会经费']);
    expect(amountOf(b)).toBeCloseTo(26.92, 2);
    setCell(wb, a.sheet, a.cell, 206);
    setCell(wb, b.sheet, b.cell, 36.92);
    const budget = await loadWorkbook(writeBook(wb, TMP, 'two.xlsx'));
    const report = audit(budget);
    const s = await suggestCorrections(budget, report);
    expect(s).toHaveLength(2);
    expect(s.map((x) => x.cells.map((c) => [c.cell, c.from, c.to]))).toEqual([
      [[a.cell, '206.00', '196.00']],
      [[b.cell, '36.92', '26.92']],
    ]);
    expect(s.every((x) => x.verified && !x.ambiguous)).toBe(true);
    // Between them they resolve every error, each its own.
    const all = s.flatMap((x) => x.resolves);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(report.findings.filter((f) => f.severity === 'error').length);
  });

  it('two errors in one cluster: a two-cell suggestion', async () => {
    const wb = readBook(SAMPLE);
    // 表03 2080101: 合计 and 基本支出 both raised by 10 — the row still adds up, its 款 and 表05 / 07 don't.
    const total = locate(wb, '03', '2080101', ['合计']);
    const basic = locate(wb, '03', '2080101', ['基本支出']);
    expect(amountOf(total)).toBeCloseTo(1555.66, 2);
    expect(amountOf(basic)).toBeCloseTo(1555.66, 2);
    setCell(wb, total.sheet, total.cell, 1565.66);
    setCell(wb, basic.sheet, basic.cell, 1565.66);
    const budget = await loadWorkbook(writeBook(wb, TMP, 'pair.xlsx'));
    const s = await suggestCorrections(budget, audit(budget));
    expect(s).toHaveLength(1);
    expect(s[0]!.cells.map((c) => [c.cell, c.from, c.to]).sort()).toEqual([[basic.cell, '1565.66', '1555.66'], [total.cell, '1565.66', '1555.66']].sort());
    expect(s[0]!.verified).toBe(true);
  });

  it('ambiguous: the data cannot tell a stray figure from a breakdown left incomplete — ranked candidates, no guess', async () => {
    // The reference gives 表01 一、一般公共预算拨款收入 2,424.73 without its breakdown (经费拨款 … 一般债券 blank).
    const wb = readBook(SAMPLE);
    const bond = locateLine(wb, '01', '一般债券');
    expect(bond.value).toBeUndefined();
    setCell(wb, bond.sheet, bond.cell, 3);
    const budget = await loadWorkbook(writeBook(wb, TMP, 'ambiguous.xlsx'));
    const s = await suggestCorrections(budget, audit(budget));
    expect(s).toHaveLength(1);
    expect(s[0]!.verified).toBe(true);
    expect(s[0]!.ambiguous).toBe(true);
    // First the smallest change: clear the stray 3.00 (back to a breakdown not given) …
    expect(s[0]!.cells).toEqual([expect.objectContaining({ sheet: bond.sheet, cell: bond.cell, from: '3.00', to: '' })]);
    // … then the other one-cell fixes: another line of the breakdown holding the rest, 2,424.73 − 3.00.
    expect(s[0]!.alternatives.length).toBeGreaterThan(0);
    for (const a of s[0]!.alternatives) {
      expect(a.verified).toBe(true);
      expect(a.cells).toEqual([expect.objectContaining({ table: '01', from: '', to: '2421.73' })]);
    }
    const loan = locateLine(wb, '01', '外国政府和国际组织贷款');
    expect(s[0]!.alternatives.map((a) => a.cells[0]!.cell)).toContain(loan.cell);
  });

  it('--strict: the sample\'s real rounding differences get no suggestion (no exact fix exists); a planted error still does', async () => {
    const clean = await loadWorkbook(SAMPLE);
    expect(await suggestCorrections(clean, audit(clean, { strict: true }), { strict: true })).toEqual([]);
    const wb = readBook(SAMPLE);
    const l = locate(wb, '03', '2080199', ['合计']);
    setCell(wb, l.sheet, l.cell, 206);
    const budget = await loadWorkbook(writeBook(wb, TMP, 'strict.xlsx'));
    const s = await suggestCorrections(budget, audit(budget, { strict: true }), { strict: true });
    expect(s.map((x) => x.cells.map((c) => [c.cell, c.from, c.to]))).toEqual([[[l.cell, '206.00', '196.00']]]);
  });

  it('a clean sample: nothing to suggest, the report comes back as it was', async () => {
    const budget = await loadWorkbook(SAMPLE);
    const report = audit(budget);
    expect(await suggestCorrections(budget, report)).toEqual([]);
    expect(await applyCorrections(report)).toBe(report);
  });
});
