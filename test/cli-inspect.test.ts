/**
 * `budget-audit inspect`: the listing of the sample workbook against figures
 * written by hand from the reference disclosure
 * (../shared/reference/hengnan-hrss-2025-budget.txt), and the pure
 * inspectReport / formatInspectText on hand-built budgets.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Decimal } from 'decimal.js';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInspectText, groupThousands, inspectReport, type InspectResult } from '../src/commands/inspect.js';
import { PATH_SEP, TABLE_IDS, type Amount, type TableId } from '../src/model/amount.js';
import type { Budget } from '../src/model/budget.js';
import { emptyTable, type Row, type Table } from '../src/model/table.js';
import { ROOT, runCli, tempDir } from './support/cli.js';

const SAMPLE = path.join(ROOT, 'fixtures', 'hengnan-hrss-2025.xlsx');

/** Grand totals as published (表01 收入总计, the 合计 rows; 22/23 the unit row's 资金总额). */
const TOTALS: Partial<Record<TableId, string>> = {
  '01': '2424.73', // 收  入  总  计 2,424.73
  '03': '2424.73',
  '06': '2424.73',
  '07': '2424.73',
  '08': '2032.73', // = 一、基本支出 of 表01
  '09': '1797.18', // 工资福利支出
  '11': '34.66', // 对个人和家庭的补助
  '13': '200.88', // 商品和服务支出
  '15': '5.00', // “三公”经费合计
  '21': '392.00', // = 二、项目支出 of 表01
};

/** 说明 / 注 lines under 15–20, as published. */
const NOTES: Partial<Record<TableId, string>> = {
  '15': '注：本表反映2025年度一般公共预算“三公”经费支出情况，表格中单元格空白表示数据为零。',
  '16': '说明：2025年度无政府性基金预算拨款支出。',
  '17': '说明：2025年度无政府性基金预算拨款支出。',
  '18': '说明：2025年度无政府性基金预算拨款支出。',
  '19': '说明：2025年无国有资本经营预算拨款支出。',
  '20': '说明：2025年度无财政专户管理资金预算支出。',
};

describe('inspect on the sample workbook', () => {
  let json: InspectResult;
  let text: string;

  beforeAll(async () => {
    const [j, t] = await Promise.all([runCli(['inspect', SAMPLE, '--json']), runCli(['inspect', SAMPLE, '--lang', 'en'])]);
    expect(j.stderr).toBe('');
    expect(j.code).toBe(0);
    expect(t.code).toBe(0);
    json = JSON.parse(j.stdout) as InspectResult;
    text = t.stdout;
  });

  it('reads the header: department, year, unit', () => {
    expect(json.department).toBe('衡南县人力资源和社会保障局');
    expect(json.year).toBe(2025);
    expect(json.unit).toBe('万元');
    expect(json.precision).toBe(2);
    expect(text).toContain('衡南县人力资源和社会保障局');
  });

  it('finds all 23 tables, each with its place', () => {
    expect(json.found).toBe(23);
    expect(json.tables.map((t) => t.id)).toEqual([...TABLE_IDS]);
    for (const t of json.tables) {
      expect(t.found, `表${t.id}`).toBe(true);
      expect(t.sheet, `表${t.id}`).toBeTruthy();
      expect(t.range, `表${t.id}`).toMatch(/^[A-Z]+\d+:[A-Z]+\d+$/);
    }
    expect(text).toContain('23/23 found');
  });

  it('reports the grand totals as published', () => {
    for (const [id, value] of Object.entries(TOTALS)) {
      const t = json.tables.find((x) => x.id === id)!;
      expect(t.total?.value, `表${id}`).toBe(value);
      expect(t.total?.cell, `表${id}`).toMatch(/^[A-Z]+\d+$/);
    }
    expect(json.tables[0]!.total!.row).toBe('收入总计');
    expect(json.tables[7]!.total!.row).toBe('合计');
    // The text listing groups thousands.
    expect(text).toMatch(/^01 .*2,424\.73/m);
    expect(text).toMatch(/^08 .*2,032\.73/m);
    expect(text).toMatch(/^15 .* 5\.00/m);
    expect(text).toMatch(/^21 .*392\.00/m);
  });

  it('16–20 are found with no amounts and their 说明 notes', () => {
    for (const id of ['16', '17', '18', '19', '20'] as const) {
      const t = json.tables.find((x) => x.id === id)!;
      expect(t.found).toBe(true);
      expect(t.dataRows, `表${id}`).toBe(0);
      if (t.total) expect(t.total.value, `表${id}`).toBe('0.00');
    }
    for (const [id, note] of Object.entries(NOTES)) {
      const t = json.tables.find((x) => x.id === id)!;
      expect(t.notes.map((n) => n.text), `表${id}`).toContain(note);
      expect(text).toContain(note);
    }
  });

  it('counts data rows: 表15 has the department row 201 and the unit row 201001 under 合计', () => {
    expect(json.tables.find((x) => x.id === '15')!.dataRows).toBe(2);
  });

  it('the sample has no data problems', () => {
    expect(json.problems).toEqual([]);
    for (const t of json.tables) expect(t.problems, `表${t.id}`).toEqual([]);
  });
});

describe('inspect reports a bad amount at its cell and still exits 0', () => {
  const tmp = tempDir('budget-audit-inspect-');
  afterAll(() => tmp.cleanup());

  it('"约5万" in 表15 becomes a data problem naming the cell', async () => {
    const wb = XLSX.read(await import('node:fs').then((fs) => fs.readFileSync(SAMPLE)), { type: 'buffer' });
    // Find 表15's 合计 row by content: the sheet holding the 三公 title, the row labelled 合计.
    const name = wb.SheetNames.find((n) => XLSX.utils.sheet_to_csv(wb.Sheets[n]!).includes('“三公”经费支出表'))!;
    const ws = wb.Sheets[name]!;
    const aoa = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
    const r = aoa.findIndex((row) => row.some((v) => typeof v === 'string' && v.replace(/\s/g, '') === '合计'));
    const c = aoa[r]!.findIndex((v) => typeof v === 'number');
    expect(aoa[r]![c]).toBe(5); // 合计 5.00
    const addr = XLSX.utils.encode_cell({ r, c });
    ws[addr] = { t: 's', v: '约5万' };
    const file = path.join(tmp.dir, 'bad-amount.xlsx');
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));

    const res = await runCli(['inspect', file, '--json']);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as InspectResult;
    const t15 = out.tables.find((t) => t.id === '15')!;
    expect(t15.problems).toEqual([expect.objectContaining({ kind: 'bad-amount', sheet: name, cell: addr })]);
    expect(t15.problems[0]!.message).toContain('约5万');
    const txt = await runCli(['inspect', file]);
    expect(txt.stdout).toContain(`${name}!${addr}`);
  });

  it('a path with spaces and CJK characters works', async () => {
    const file = path.join(tmp.dir, '衡南 样本.xlsx');
    copyFileSync(SAMPLE, file);
    const res = await runCli(['inspect', file, '--json']);
    expect(res.code).toBe(0);
    expect((JSON.parse(res.stdout) as InspectResult).found).toBe(23);
  });
});

// ───────────── pure formatting on hand-built budgets ─────────────

const ref = (sheet: string, cell: string) => ({ sheet, cell, row: 0, col: 0 });

function amount(table: TableId, rowLabel: string, column: string, cell: string, value: string, blank = false): Amount {
  return { value: new Decimal(value), blank, raw: value, ref: ref('S', cell), table, rowLabel, column };
}

function row(kind: Row['kind'], label: string, amounts: Amount[], extra: Partial<Row> = {}): Row {
  return {
    kind,
    name: label,
    label,
    sheetRow: 0,
    amounts: Object.fromEntries(amounts.map((a) => [a.column, a])),
    cells: amounts,
    texts: {},
    ...extra,
  };
}

function budget(tables: Partial<Record<TableId, Partial<Table>>>, problems: Budget['problems'] = []): Budget {
  const all = Object.fromEntries(
    TABLE_IDS.map((id) => [id, { ...emptyTable(id, `Title ${id}`), ...(tables[id] ?? {}) }]),
  ) as Record<TableId, Table>;
  return { file: 'x.xlsx', department: '某局', year: 2025, unit: '万元', precision: 2, tables: all, problems };
}

describe('inspectReport (pure)', () => {
  const income = `收入${PATH_SEP}预算数`;
  const b = budget(
    {
      '01': {
        found: true,
        sheet: 'S',
        range: 'A1:H38',
        columns: [{ key: income, parts: ['收入', '预算数'], col: 1, role: 'amount' }],
        rows: [
          row('line', '本 年 收 入 合 计', [amount('01', '本年收入合计', income, 'B36', '100.00')], { section: 'income' }),
          row('line', '收  入  总  计', [amount('01', '收  入  总  计', income, 'B38', '120.50')], { section: 'income' }),
        ],
      },
      '15': {
        found: true,
        sheet: 'S',
        range: 'A1:H9',
        columns: [{ key: '“三公”经费合计', parts: ['“三公”经费合计'], col: 2, role: 'amount' }],
        rows: [
          row('total', '合计', [amount('15', '合计', '“三公”经费合计', 'C6', '12345.6')]),
          row('department', '201 某局', []),
          row('unit', '201001 某局', []),
        ],
        notes: [{ text: '注：空白表示数据为零。', ref: ref('S', 'A9') }],
      },
      '16': {
        found: true,
        sheet: 'S',
        range: 'A1:H8',
        columns: [{ key: '合计', parts: ['合计'], col: 2, role: 'amount' }],
        rows: [row('total', '合计', [amount('16', '合计', '合计', 'C7', '0', true)])],
      },
      '22': {
        found: true,
        sheet: 'S',
        range: 'A1:M20',
        columns: [{ key: '资金总额', parts: ['资金总额'], col: 2, role: 'amount' }],
        rows: [
          row('unit', '201001 某局', [amount('22', '201001 某局', '资金总额', 'C6', '392')]),
          row('project', '项目甲', [amount('22', '项目甲', '资金总额', 'C7', '392')]),
        ],
      },
    },
    [
      { kind: 'bad-amount', table: '15', message: '"约5万" is not an amount', ref: ref('S', 'D6'), column: '因公出国（境）费' },
      { kind: 'missing-table', table: '02', message: '表02 not found' },
      { kind: 'unit-mismatch', message: 'workbook in 元' },
    ],
  );
  const r = inspectReport(b);

  it('counts found tables and lists all 23 in order', () => {
    expect(r.found).toBe(4);
    expect(r.tables.map((t) => t.id)).toEqual([...TABLE_IDS]);
    expect(r.tables[1]).toMatchObject({ id: '02', found: false, dataRows: 0, total: undefined });
  });

  it('01: the income 收入总计 line, preferred over 本年收入合计, its label tidied', () => {
    expect(r.tables[0]!.total).toEqual({ value: '120.50', blank: false, row: '收入总计', column: income, sheet: 'S', cell: 'B38' });
    expect(r.tables[0]!.dataRows).toBe(2);
  });

  it('grid: the 合计 row; data rows exclude it; values at the table precision', () => {
    expect(r.tables[14]!.total).toMatchObject({ value: '12345.60', row: '合计', cell: 'C6' });
    expect(r.tables[14]!.dataRows).toBe(2);
    expect(r.tables[15]!.total).toMatchObject({ value: '0.00', blank: true });
  });

  it('22: no 合计 row, the single unit row’s 资金总额', () => {
    expect(r.tables[21]!.total).toMatchObject({ value: '392.00', row: '201001 某局', cell: 'C6' });
  });

  it('problems go to their table; missing-table problems are not repeated; others listed apart', () => {
    expect(r.tables[14]!.problems).toEqual([
      { kind: 'bad-amount', message: '"约5万" is not an amount', sheet: 'S', cell: 'D6', column: '因公出国（境）费' },
    ]);
    expect(r.tables[1]!.problems).toEqual([]);
    expect(r.problems).toEqual([{ kind: 'unit-mismatch', message: 'workbook in 元' }]);
  });

  it('text: header, thousands grouping, missing tables, notes and problems with cells', () => {
    const txt = formatInspectText(r, false, 'en');
    expect(txt).toContain('Department:  某局');
    expect(txt).toContain('Tables:      4/23 found');
    expect(txt).toMatch(/^15 +found +2 +12,345\.60 +Title 15/m);
    expect(txt).toMatch(/^02 +missing +Title 02$/m);
    expect(txt).toContain('note A9: 注：空白表示数据为零。');
    expect(txt).toContain('problem S!D6: "约5万" is not an amount');
    expect(txt).toContain('workbook in 元');
    expect(txt).not.toMatch(/\x1b\[/); // no colour unless asked
  });

  it('groupThousands only groups; it never rounds', () => {
    expect(groupThousands('2424.73')).toBe('2,424.73');
    expect(groupThousands('-1234567.891')).toBe('-1,234,567.891');
    expect(groupThousands('5.00')).toBe('5.00');
    expect(groupThousands('999')).toBe('999');
  });
});

describe('inspect --lang: one language at a time', () => {
  it('zh (the default) heads and labels the listing in Chinese, en in English, the figures the same', async () => {
    const [zh, en] = await Promise.all([runCli(['inspect', SAMPLE]), runCli(['inspect', SAMPLE, '--lang', 'en'])]);
    expect(zh.code).toBe(0);
    expect(en.code).toBe(0);
    expect(zh.stdout).toContain('部门：');
    expect(zh.stdout).toContain('找到 23/23');
    expect(zh.stdout).toMatch(/^01 +已找到 +\d+ +2,424\.73 +收支总表/m);
    expect(zh.stdout).toContain('合计取自: 收入总计 B38');
    for (const word of ['File:', 'Department:', 'found', 'Grand total', 'total:']) expect(zh.stdout).not.toContain(word);
    expect(en.stdout).toContain('Department:');
    expect(en.stdout).toMatch(/^01 +found +\d+ +2,424\.73 +收支总表/m);
    for (const word of ['部门：', '已找到', '合计取自']) expect(en.stdout).not.toContain(word);
  });

  it('--lang fr is a usage error', async () => {
    const r = await runCli(['inspect', SAMPLE, '--lang', 'fr']);
    expect(r.code).toBe(2);
  });
});
