/**
 * Rules on small hand-built budgets with the shapes the sample doesn't have:
 * several units with the same 功能科目 codes, 项 rows keyed by 单位代码 after
 * all unit rows, 06's repeated line names under 本年收入 and 上年结转, and a
 * department with 政府性基金 income (07 ≠ 03 then).
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { TABLE_IDS, type Amount, type TableId } from '../src/model/amount.js';
import type { Budget } from '../src/model/budget.js';
import { cellsOf, emptyTable, setAmount, type Row, type RowKind } from '../src/model/table.js';
import { amountKeys } from '../src/rules/helpers.js';
import { audit as auditAll } from '../src/rules/index.js';
import type { AuditOptions } from '../src/rules/types.js';

let sheetRow = 0;

function row(
  table: TableId,
  kind: RowKind,
  label: string,
  amounts: Record<string, string | null>,
  extra: Partial<Row> = {},
): Row {
  const r = sheetRow++;
  const code = /^\d+$/.test(label.split(' ')[0]!) ? label.split(' ')[0] : undefined;
  const name = code ? label.slice(code.length + 1) : label;
  const out: Record<string, Amount> = {};
  Object.entries(amounts).forEach(([column, v], c) => {
    out[column] = {
      value: new Decimal(v ?? 0),
      blank: v === null,
      ref: { sheet: `S${table}`, cell: `${String.fromCharCode(70 + c)}${r + 1}`, row: r, col: 5 + c },
      table,
      rowLabel: kind === 'line' ? label : code ? label : name,
      column,
    };
  });
  return {
    kind,
    ...(code ? { code } : {}),
    ...(kind === 'function' && code ? { level: (code.length === 3 ? 1 : code.length === 5 ? 2 : 3) as 1 | 2 | 3 } : {}),
    name: kind === 'line' ? name.replace(/^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）/, '') : name,
    label,
    sheetRow: r,
    amounts: out,
    cells: cellsOf(out, amountKeys(table)),
    texts: {},
    ...extra,
  };
}

function budget(tables: Partial<Record<TableId, Row[]>>): Budget {
  const all = Object.fromEntries(
    TABLE_IDS.map((id) => [id, tables[id] ? { ...emptyTable(id, `t${id}`), found: true, sheet: `S${id}`, rows: tables[id]! } : emptyTable(id, `t${id}`)]),
  );
  return { file: 'mem.xlsx', precision: 2, tables: all as Budget['tables'], problems: [] };
}

/** 03: 合计 / 基本支出 / 项目支出 (other columns blank). */
function t03(label: string, kind: RowKind, total: string, basic: string | null, project: string | null, extra: Partial<Row> = {}): Row {
  return row('03', kind, label, {
    合计: total,
    基本支出: basic,
    项目支出: project,
    事业单位经营支出: null,
    上缴上级支出: null,
    对附属单位补助支出: null,
  }, extra);
}

/** Two units publishing the same codes: 208 / 20801 / 2080101 in each. */
function twoUnits03(): Row[] {
  return [
    t03('合计', 'total', '300.00', '200.00', '100.00'),
    t03('201 某局', 'department', '300.00', '200.00', '100.00'),
    t03('201001 某局本级', 'unit', '100.00', '100.00', null, { unitCode: '201001' }),
    t03('208 社会保障和就业支出', 'function', '100.00', '100.00', null, { unitCode: '201001' }),
    t03('20801 人力资源和社会保障管理事务', 'function', '100.00', '100.00', null, { unitCode: '201001' }),
    t03('2080101 行政运行', 'function', '100.00', '100.00', null, { unitCode: '201001' }),
    t03('201002 某中心', 'unit', '200.00', '100.00', '100.00', { unitCode: '201002' }),
    t03('208 社会保障和就业支出', 'function', '120.00', '20.00', '100.00', { unitCode: '201002' }),
    t03('20801 人力资源和社会保障管理事务', 'function', '120.00', '20.00', '100.00', { unitCode: '201002' }),
    t03('2080101 行政运行', 'function', '20.00', '20.00', null, { unitCode: '201002' }),
    t03('2080199 其他人力资源和社会保障管理事务支出', 'function', '100.00', null, '100.00', { unitCode: '201002' }),
    t03('210 卫生健康支出', 'function', '80.00', '80.00', null, { unitCode: '201002' }),
    t03('21011 行政事业单位医疗', 'function', '80.00', '80.00', null, { unitCode: '201002' }),
    t03('2101101 行政单位医疗', 'function', '80.00', '80.00', null, { unitCode: '201002' }),
  ];
}

/** These budgets hold a few tables on purpose: table-present is off. */
function audit(b: Budget, options: AuditOptions = {}) {
  return auditAll(b, { ...options, rules: { 'table-present': 'off', ...options.rules } });
}

function errors(b: Budget, options: AuditOptions = {}) {
  return audit(b, options).findings.filter((f) => f.severity === 'error');
}

describe('several units with the same codes', () => {
  it('sums each unit over its own rows only: no error', () => {
    const r = audit(budget({ '03': twoUnits03() }));
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    // Rules needing other tables are not run, not passed.
    expect(r.notRun.some((n) => n.ruleId === 'cross-function-by-code')).toBe(true);
  });

  it('a planted change in the second unit fails that unit, its 款 and 类, at the changed cell', () => {
    const rows = twoUnits03();
    const r = rows[9]!; // 201002 / 2080101
    setAmount(r, '基本支出', { ...r.amounts['基本支出']!, value: new Decimal('21.00') });
    const errs = errors(budget({ '03': rows }));
    const ids = new Set(errs.map((f) => f.ruleId));
    expect(ids).toEqual(new Set(['row-total', 'function-rollup']));
    const cell = r.amounts['基本支出']!.ref.cell;
    expect(errs.every((f) => f.locations.some((l) => l.cell === cell))).toBe(true);
    // The rollup into 20801 of unit 201002, not of 201001.
    const rollup = errs.find((f) => f.ruleId === 'function-rollup')!;
    expect(rollup.locations[0]!.cell).toBe(rows[8]!.amounts['基本支出']!.ref.cell);
  });

  it('a 项 listed under another 款 is a code-hierarchy error', () => {
    const rows = twoUnits03();
    rows.splice(5, 0, t03('2100101 错列的科目', 'function', '0.00', null, null, { unitCode: '201001' }));
    const errs = errors(budget({ '03': rows })).filter((f) => f.ruleId === 'code-hierarchy');
    expect(errs.length).toBeGreaterThan(0);
    expect(errs[0]!.message.zh).toContain('2100101');
  });
});

describe('项 rows keyed by 单位代码 after all unit rows (表04 style)', () => {
  const t04 = (label: string, kind: RowKind, total: string, salary: string | null, goods: string | null, unitCode?: string) =>
    row('04', kind, label, { 总计: total, 机关工资福利支出: salary, 机关商品和服务支出: goods }, unitCode ? { unitCode } : {});

  it('groups 项 rows by their 单位代码', () => {
    const rows = [
      t04('合计', 'total', '300.00', '200.00', '100.00'),
      t04('201 某局', 'department', '300.00', '200.00', '100.00'),
      t04('201001 某局本级', 'unit', '100.00', '100.00', null, '201001'),
      t04('201002 某中心', 'unit', '200.00', '100.00', '100.00', '201002'),
      t04('2080101 行政运行', 'function', '100.00', '100.00', null, '201001'),
      t04('2080101 行政运行', 'function', '20.00', '20.00', null, '201002'),
      t04('2080199 其他人力资源和社会保障管理事务支出', 'function', '100.00', null, '100.00', '201002'),
      t04('2101101 行政单位医疗', 'function', '80.00', '80.00', null, '201002'),
    ];
    const r = audit(budget({ '04': rows }));
    const bad = r.findings.filter((f) => f.severity === 'error' && f.ruleId.startsWith('column'));
    expect(bad).toEqual([]);
  });

  it('03 ⇄ 04 row by row by (unit, code): a code in one unit only is an error', () => {
    const rows03 = twoUnits03();
    const rows04 = [
      t04('合计', 'total', '300.00', null, null),
      t04('201001 某局本级', 'unit', '100.00', null, null, '201001'),
      t04('2080101 行政运行', 'function', '100.00', null, null, '201001'),
      t04('201002 某中心', 'unit', '200.00', null, null, '201002'),
      t04('2080101 行政运行', 'function', '20.00', null, null, '201002'),
      // 2080199 of 201002 filed under 201001:
      t04('2080199 其他人力资源和社会保障管理事务支出', 'function', '100.00', null, null, '201001'),
      t04('2101101 行政单位医疗', 'function', '80.00', null, null, '201002'),
    ];
    const errs = errors(budget({ '03': rows03, '04': rows04 })).filter((f) => f.ruleId === 'cross-function-by-code');
    expect(errs).toHaveLength(2);
    const misfiled = rows04[5]!.amounts['总计']!.ref.cell;
    expect(errs.some((f) => f.locations.some((l) => l.cell === misfiled))).toBe(true);
    // The 03 side of 201002 / 2080199 has no 04 row: located without a cell.
    expect(errs.some((f) => f.locations.some((l) => l.table === '04' && l.cell === undefined))).toBe(true);
  });
});

describe('表06 lines: the same name under 本年收入 and 上年结转', () => {
  const line = (label: string, v: string | null, section = 'income') =>
    row('06', 'line', label, { [section === 'income' ? '收入 › 预算数' : '支出 › 预算数']: v }, { section });

  function t06(carry: string) {
    return [
      line('一、本年收入', '100.00'),
      line('（一）一般公共预算拨款', '80.00'),
      line('     经费拨款', '80.00'),
      line('     纳入一般公共预算管理的非税收入拨款', null),
      line('（二）政府性基金预算拨款', '20.00'),
      line('二、上年结转', '10.00'),
      line('（一）一般公共预算拨款', carry),
      line('（二）政府性基金预算拨款', null),
      line('收    入    总    计', '110.00'),
      line('一、本年支出', '110.00', 'function'),
      line('（八）社会保障和就业支出', '110.00', 'function'),
      line('二、年终结转结余', null, 'function'),
      line('支    出    总    计', '110.00', 'function'),
    ];
  }

  it('sums each parent over its own children', () => {
    const r = audit(budget({ '06': t06('10.00') }));
    expect(r.findings.filter((f) => f.ruleId.startsWith('line'))).toEqual([]);
  });

  it('a wrong 上年结转 sub-line fails 上年结转, not 本年收入', () => {
    const rows = t06('12.00');
    const errs = errors(budget({ '06': rows })).filter((f) => f.ruleId === 'line-sum');
    expect(errs).toHaveLength(1);
    expect(errs[0]!.locations[0]!.row).toBe('二、上年结转');
    expect(errs[0]!.locations.map((l) => l.cell)).toContain(rows[6]!.amounts['收入 › 预算数']!.ref.cell);
  });
});

describe('fund scopes', () => {
  const p = (...s: string[]) => s.join(' › ');
  const t02 = (gf: string | null) =>
    row('02', 'total', '合计', {
      合计: gf ? '120.00' : '100.00',
      [p('本年收入', '小计')]: gf ? '120.00' : '100.00',
      [p('本年收入', '一般公共预算')]: '100.00',
      [p('本年收入', '政府性基金预算')]: gf,
    });
  const t07 = (v: string) =>
    row('07', 'total', '合计', { 合计: v, [p('基本支出', '小计')]: v, [p('基本支出', '公用经费')]: v, 项目支出: null });
  const t03total = (v: string) => t03('合计', 'total', v, v, null);

  it('general-only: 表07 合计 must equal 表03 合计', () => {
    const errs = errors(budget({ '02': [t02(null)], '03': [t03total('100.00')], '07': [t07('90.00')] }));
    expect(errs.some((f) => f.ruleId === 'cross-basic-project')).toBe(true);
  });

  it('with 政府性基金 income, 表07 (一般公共预算 only) is not compared with 表03 (all funds)', () => {
    const errs = errors(budget({ '02': [t02('20.00')], '03': [t03total('120.00')], '07': [t07('100.00')] }));
    expect(errs.filter((f) => f.ruleId === 'cross-basic-project')).toEqual([]);
  });
});
