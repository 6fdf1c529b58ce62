/**
 * The rule engine on tiny hand-made amounts: the (n + 1) × 0.005 rounding
 * bound, rounding vs error, 未分项 info, tolerance, strict, overrides, not-run.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { Amount, TableId } from '../src/model/amount.js';
import type { Budget } from '../src/model/budget.js';
import { cellsOf, emptyTable, type Row } from '../src/model/table.js';
import type { RowIdentity } from '../src/rules/columns.js';
import { TABLE_IDS } from '../src/model/amount.js';
import { BudgetIndex } from '../src/rules/budget-index.js';
import { Engine, missing, type RuleContext } from '../src/rules/engine.js';
import type { AuditOptions, RuleMeta } from '../src/rules/types.js';

function budget(precision = 2): Budget {
  const tables = Object.fromEntries(TABLE_IDS.map((id) => [id, { ...emptyTable(id, `t${id}`), found: true, sheet: `S${id}` }]));
  return { file: 'mem.xlsx', precision, tables: tables as Budget['tables'], problems: [] };
}

let col = 0;
/** An amount at a fresh cell of sheet S03 row 7; `null` = a blank cell. */
function a(v: string | null, column = `c${col}`, table: TableId = '03'): Amount {
  const c = col++;
  return {
    value: new Decimal(v ?? 0),
    blank: v === null,
    ref: { sheet: `S${table}`, cell: `${String.fromCharCode(65 + (c % 26))}7`, row: 6, col: c % 26 },
    table,
    rowLabel: '合计',
    column,
  };
}

const META: RuleMeta = {
  id: 'test-rule',
  family: 'A',
  severity: 'error',
  tables: ['03'],
  title: { zh: 't', en: 't' },
  identity: 't',
  description: { zh: 't', en: 't' },
};

function run(fn: (ctx: RuleContext) => void, options: AuditOptions = {}, severity: RuleMeta['severity'] = 'error', precision = 2) {
  const b = budget(precision);
  const e = new Engine(b, new BudgetIndex(b), options);
  e.run(META, severity, fn);
  return e.result();
}

describe('rounding bound (n + 1) × 0.005', () => {
  it('表01 本年支出合计 2,424.73 vs 2,261.37 + 97.09 + 66.26 = 2,424.72 is rounding (bound 0.02)', () => {
    const total = a('2424.73', '合计');
    const parts = [a('2261.37'), a('97.09'), a('66.26')];
    const r = run((ctx) => ctx.sum(total, parts));
    expect(r.checks).toBe(1);
    expect(r.passed).toBe(0);
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f.severity).toBe('rounding');
    expect(f.ruleId).toBe('test-rule');
    expect(f.expected).toBe('2424.72');
    expect(f.actual).toBe('2424.73');
    expect(f.difference).toBe('0.01');
    // Every number involved, the total first.
    expect(f.locations.map((l) => l.cell)).toEqual([total.ref.cell, ...parts.map((p) => p.ref.cell)]);
    expect(f.locations[0]).toMatchObject({ table: '03', sheet: 'S03', row: '合计', column: '合计', value: '2424.73' });
    expect(f.message.zh).toContain('应等于');
    expect(f.message.en).toContain('should equal');
  });

  it('three parts: 0.02 off is rounding, 0.03 off is an error (bound 4 × 0.005 = 0.02)', () => {
    const ok = run((ctx) => ctx.sum(a('1.02'), [a('0.30'), a('0.30'), a('0.40')]));
    expect(ok.findings[0]!.severity).toBe('rounding');
    const bad = run((ctx) => ctx.sum(a('1.03'), [a('0.30'), a('0.30'), a('0.40')]));
    expect(bad.findings[0]!.severity).toBe('error');
    expect(bad.findings[0]!.difference).toBe('0.03');
  });

  it('A = B (n = 1): 0.01 apart is rounding, 0.02 apart is an error', () => {
    expect(run((ctx) => ctx.equal(a('5.01'), a('5.00'))).findings[0]!.severity).toBe('rounding');
    const e = run((ctx) => ctx.equal(a('5.02'), a('5.00')));
    expect(e.findings[0]).toMatchObject({ severity: 'error', expected: '5.00', actual: '5.02', difference: '0.02' });
  });

  it('blank cells are exact zeros and add nothing to the bound', () => {
    // Published: total and one part → bound 0.01.
    expect(run((ctx) => ctx.sum(a('10.01'), [a('10.00'), a(null), a(null)])).findings[0]!.severity).toBe('rounding');
    expect(run((ctx) => ctx.sum(a('10.02'), [a('10.00'), a(null), a(null)])).findings[0]!.severity).toBe('error');
  });

  it('an exact identity passes with no finding', () => {
    const r = run((ctx) => ctx.sum(a('2424.73'), [a('2032.73'), a('392.00')]));
    expect(r).toMatchObject({ checks: 1, passed: 1, findings: [] });
  });

  it('the half unit follows the published precision (0 decimals: bound 2 × 0.5)', () => {
    expect(run((ctx) => ctx.equal(a('101'), a('100')), {}, 'error', 0).findings[0]!.severity).toBe('rounding');
    expect(run((ctx) => ctx.equal(a('102'), a('100')), {}, 'error', 0).findings[0]!.severity).toBe('error');
  });

  it('Σ left = Σ right counts every published figure on both sides', () => {
    // 表08 人员经费 1,831.85 vs 表07 1,797.18 + 34.66: 3 figures → bound 0.015.
    const r = run((ctx) => ctx.same([a('1831.85')], [a('1797.18'), a('34.66')]));
    expect(r.findings[0]).toMatchObject({ severity: 'rounding', expected: '1831.84', actual: '1831.85', difference: '0.01' });
    expect(r.findings[0]!.locations).toHaveLength(3);
  });
});

describe('未分项 (all parts blank)', () => {
  it('a total with a value over all-blank parts is one info finding, not an error', () => {
    const r = run((ctx) => ctx.sum(a('2424.73'), [a(null), a(null), a(null)]));
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]!.severity).toBe('info');
    expect(r.findings[0]!.message.zh).toContain('未分项');
    expect(r.findings[0]!.message.en).toContain('Breakdown not given');
    expect(r.findings[0]!.locations).toHaveLength(4);
  });

  it('a blank total over blank parts passes; a zero total over blank parts passes', () => {
    expect(run((ctx) => ctx.sum(a(null), [a(null), a(null)])).findings).toEqual([]);
    expect(run((ctx) => ctx.sum(a('0.00'), [a(null)])).findings).toEqual([]);
  });

  it('equal() is never 未分项: a figure against a blank is an error', () => {
    expect(run((ctx) => ctx.equal(a('2424.73'), a(null))).findings[0]!.severity).toBe('error');
  });

  it('infoOnce reports a never-broken-down column once', () => {
    const r = run((ctx) => {
      ctx.sum(a('5.00'), [a(null)], undefined, { infoOnce: 'k' });
      ctx.sum(a('6.00'), [a(null)], undefined, { infoOnce: 'k' });
    });
    expect(r.findings).toHaveLength(1);
    expect(r.checks).toBe(2);
  });

  it('one published part is enough for arithmetic: 10.00 vs 3.00 + blank is an error', () => {
    expect(run((ctx) => ctx.sum(a('10.00'), [a('3.00'), a(null)])).findings[0]!.severity).toBe('error');
  });
});

describe('tolerance, strict, severity', () => {
  it('--tolerance 0.05 replaces the bound: 0.04 is rounding, 0.06 an error', () => {
    expect(run((ctx) => ctx.equal(a('1.04'), a('1.00')), { tolerance: '0.05' }).findings[0]!.severity).toBe('rounding');
    expect(run((ctx) => ctx.equal(a('1.06'), a('1.00')), { tolerance: '0.05' }).findings[0]!.severity).toBe('error');
    // Even when the (n + 1) bound would have allowed it.
    const many = [a('0.30'), a('0.30'), a('0.40')];
    expect(run((ctx) => ctx.sum(a('1.02'), many), { tolerance: '0.01' }).findings[0]!.severity).toBe('error');
  });

  it('strict keeps severity rounding (the CLI fails on it)', () => {
    expect(run((ctx) => ctx.equal(a('5.01'), a('5.00')), { strict: true }).findings[0]!.severity).toBe('rounding');
  });

  it('a severity override changes failures, not rounding', () => {
    expect(run((ctx) => ctx.equal(a('5.10'), a('5.00')), {}, 'warning').findings[0]!.severity).toBe('warning');
    expect(run((ctx) => ctx.equal(a('5.01'), a('5.00')), {}, 'warning').findings[0]!.severity).toBe('rounding');
  });
});

describe('absent rows, unread columns, conditions', () => {
  it('an absent row is an exact zero located without a cell', () => {
    const r = run((ctx) => ctx.equal(a('5.00'), missing('08', '30217 公务接待费', '本年一般公共预算基本支出 › 合计')));
    const f = r.findings[0]!;
    expect(f.severity).toBe('error');
    expect(f.locations[1]).toEqual({
      table: '08',
      sheet: 'S08',
      row: '30217 公务接待费',
      column: '本年一般公共预算基本支出 › 合计',
      value: '',
    });
  });

  it('a column that was not read makes the identity not run (never passed)', () => {
    const r = run((ctx) => ctx.sum(a('1.00'), [a('1.00'), undefined]));
    expect(r.checks).toBe(0);
    expect(r.findings).toEqual([]);
    expect(r.notRun).toHaveLength(1);
    expect(r.notRun[0]!.ruleId).toBe('test-rule');
  });

  it('a cell that is not a number is not summed (it is a read-bad-amount finding)', () => {
    const bad = { ...a(null), invalid: true as const, raw: '约5万' };
    const r = run((ctx) => ctx.sum(a('5.00'), [bad]));
    expect(r.checks).toBe(0);
    expect(r.findings).toEqual([]);
    expect(r.notRun[0]!.reason).toMatch(/not an amount/);
  });

  it('need() reports missing tables as not run', () => {
    const b = budget();
    b.tables['15'] = emptyTable('15', '一般公共预算“三公”经费支出表');
    const e = new Engine(b, new BudgetIndex(b));
    let ran = false;
    e.run(META, 'error', (ctx) => {
      ran = ctx.need('03', '15');
    });
    expect(ran).toBe(false);
    expect(e.result().notRun).toEqual([{ ruleId: 'test-rule', reason: '表15 未找到 / table 15 not found' }]);
  });

  it('condition() counts a check and reports with the rule severity unless overridden', () => {
    const r = run((ctx) => {
      ctx.condition(true, { message: { zh: 'x', en: 'x' } });
      ctx.condition(false, { message: { zh: '缺', en: 'missing' }, locations: [{ table: '22', cell: 'K115' }] });
      ctx.condition(false, { message: { zh: '警', en: 'w' }, severity: 'warning' });
    });
    expect(r.checks).toBe(3);
    expect(r.passed).toBe(1);
    expect(r.findings.map((f) => f.severity)).toEqual(['error', 'warning']);
    expect(r.findings[0]!.locations).toEqual([{ table: '22', cell: 'K115' }]);
  });
});

describe('exact arithmetic beyond 20 significant digits', () => {
  it('a sum decimal.js would round at its default precision is checked, and reported, exactly', () => {
    // 12,345,678,901,234,567,890.12 + 0.01 = …890.13 exactly: it holds.
    const ok = run((ctx) => ctx.sum(a('12345678901234567890.13'), [a('12345678901234567890.12'), a('0.01')]));
    expect(ok.findings).toEqual([]);
    expect(ok.passed).toBe(1);
    // 1.06 against 12,345,678,901,234,567,890 + 1.06: expected, actual and difference are exact.
    const bad = run((ctx) => ctx.sum(a('1.06'), [a('12345678901234567890'), a('1.06')]));
    const f = bad.findings[0]!;
    expect(f.severity).toBe('error');
    expect(f.expected).toBe('12345678901234567891.06');
    expect(f.actual).toBe('1.06');
    expect(f.difference).toBe('-12345678901234567890.00');
  });
});

describe('row and column identities (sumAcross, sumDown)', () => {
  // Columns in this order: cells[0] 合计, cells[1] 基本支出, cells[2] 项目支出.
  const KEYS = ['合计', '基本支出', '项目支出'];
  const row = (figures: Record<string, string | null>): Row => {
    const amounts = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, a(v, k)]));
    return { kind: 'function', name: 'r', label: 'r', sheetRow: 6, texts: {}, amounts, cells: cellsOf(amounts, KEYS) };
  };
  const split: RowIdentity = { total: '合计', parts: ['基本支出', '项目支出'], totalAt: 0, partsAt: [1, 2] };

  it('sumAcross: 合计 = 基本支出 + 项目支出, with rounding, error and 未分项 as for sum()', () => {
    const r = run((ctx) => {
      ctx.sumAcross(row({ 合计: '2424.73', 基本支出: '2032.73', 项目支出: '392.00' }), split);
      ctx.sumAcross(row({ 合计: '2424.73', 基本支出: '2032.72', 项目支出: '392.00' }), split);
      ctx.sumAcross(row({ 合计: '2424.73', 基本支出: '2022.73', 项目支出: '392.00' }), split);
      ctx.sumAcross(row({ 合计: '2424.73', 基本支出: null, 项目支出: null }), split);
      ctx.sumAcross(row({ 合计: null, 基本支出: null, 项目支出: null }), split);
    });
    expect(r.checks).toBe(5);
    expect(r.passed).toBe(2);
    expect(r.findings.map((f) => [f.severity, f.difference])).toEqual([
      ['rounding', '0.01'],
      ['error', '10.00'],
      ['info', undefined], // 未分项 carries no difference: its total is in the message
    ]);
    expect(r.findings[1]!.locations.map((l) => l.column)).toEqual(['合计', '基本支出', '项目支出']);
    expect(r.findings[1]!.expected).toBe('2414.73');
  });

  it('sumDown: a total row = Σ rows in one column, every row located', () => {
    const rows = [row({ 合计: '1.00' }), row({ 合计: '2.00' }), row({ 合计: null })];
    const r = run((ctx) => {
      ctx.sumDown(row({ 合计: '3.00' }), rows, 0);
      ctx.sumDown(row({ 合计: '3.50' }), rows, 0);
    });
    expect(r.checks).toBe(2);
    expect(r.passed).toBe(1);
    const f = r.findings[0]!;
    expect([f.severity, f.expected, f.actual, f.difference]).toEqual(['error', '3.00', '3.50', '0.50']);
    expect(f.locations).toHaveLength(4);
    expect(f.locations[3]!.value).toBe('');
  });

  it('a part in a column that was not read makes the identity not run, and the next one is unaffected', () => {
    const r = run((ctx) => {
      ctx.sumAcross(row({ 合计: '5.00', 基本支出: '5.00' }), split);
      ctx.sumAcross(row({ 合计: '5.00', 基本支出: '5.00', 项目支出: null }), split);
    });
    expect(r.checks).toBe(1);
    expect(r.passed).toBe(1);
    expect(r.notRun).toHaveLength(1);
  });
});

describe('the rounding bound, decided exactly', () => {
  it('a difference of exactly (n + 1) × 0.005 is rounding; 0.0000001 more is an error', () => {
    // 3 published figures: bound 0.015.
    expect(run((ctx) => ctx.sum(a('1.015'), [a('0.50'), a('0.50')])).findings[0]!.severity).toBe('rounding');
    expect(run((ctx) => ctx.sum(a('1.0150001'), [a('0.50'), a('0.50')])).findings[0]!.severity).toBe('error');
    expect(run((ctx) => ctx.sum(a('0.985'), [a('0.50'), a('0.50')])).findings[0]!.severity).toBe('rounding');
    expect(run((ctx) => ctx.sum(a('0.9849999'), [a('0.50'), a('0.50')])).findings[0]!.severity).toBe('error');
  });

  it('an info finding over a total beyond 20 digits shows the total exactly', () => {
    const f = run((ctx) => ctx.sum(a('12345678901234567890.123'), [a(null), a(null)])).findings[0]!;
    expect(f.severity).toBe('info');
    expect(f.message.zh).toContain('12345678901234567890.123');
    expect(f.message.en).toContain('12345678901234567890.123');
    expect(f.locations[0]!.value).toBe('12345678901234567890.123');
  });

  it('未分项 has its own wording: no expected/actual/difference, the breakdown named once', () => {
    const f = run((ctx) => ctx.sum(a('392.00'), [a(null), a(null)])).findings[0]!;
    expect(f.severity).toBe('info');
    expect(f).not.toHaveProperty('expected');
    expect(f).not.toHaveProperty('actual');
    expect(f).not.toHaveProperty('difference');
    expect(JSON.parse(JSON.stringify(f))).not.toHaveProperty('difference');
    expect(f.message.zh).toMatch(/^未分项：.* 为 392\.00，其明细（.*）均为空白$/);
    expect(f.message.zh).not.toContain('应等于');
    expect(f.message.en).not.toContain('should equal');
  });
});
