/**
 * The whole catalog on the real sample (衡南县人力资源和社会保障局 2025, built
 * from the reference text into fixtures/hengnan-hrss-2025.xlsx). Every value
 * below is read off the reference by hand; cells are where the fixture
 * publishes them.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding, FindingLocation } from '../src/model/finding.js';
import type { FileReport } from '../src/model/report.js';
import { loadWorkbook } from '../src/loaders/index.js';
import { audit } from '../src/rules/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = path.join(root, 'fixtures', 'hengnan-hrss-2025.xlsx');

let report: FileReport;

beforeAll(async () => {
  report = audit(await loadWorkbook(FIXTURE));
});

/** The one finding whose first location (the published total) is this cell. */
function at(table: string, cell: string, ruleId?: string): Finding {
  const hits = report.findings.filter(
    (f) => f.locations[0]?.table === table && f.locations[0]?.cell === cell && (!ruleId || f.ruleId === ruleId),
  );
  expect(hits, `finding at 表${table} ${cell}`).toHaveLength(1);
  return hits[0]!;
}

function values(locs: FindingLocation[]): string[] {
  return locs.map((l) => l.value ?? '');
}

describe('the sample: 衡南县人力资源和社会保障局 2025', () => {
  it('reads all 23 tables and runs every rule', () => {
    expect(report.budget?.department).toBe('衡南县人力资源和社会保障局');
    expect(report.notRun).toEqual([]);
    expect(report.summary.checks).toBeGreaterThan(1000);
  });

  it('has no errors', () => {
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.ruleId}: ${f.message.zh}`)).toEqual([]);
    expect(report.summary.error).toBe(0);
  });

  it('表01 本年支出合计 2,424.73 vs 2,261.37 + 97.09 + 66.26 = 2,424.72 is rounding', () => {
    const f = at('01', 'D36', 'line-sum');
    expect(f).toMatchObject({ severity: 'rounding', expected: '2424.72', actual: '2424.73', difference: '0.01' });
    expect(f.locations[0]).toMatchObject({ sheet: '01收支总表', column: '支出 › 预算数', value: '2424.73' });
    expect(f.locations[0]!.row!.replace(/\s/g, '')).toBe('本年支出合计');
    const published = values(f.locations.slice(1)).filter((v) => v !== '');
    expect(published).toEqual(['2261.37', '97.09', '66.26']);
  });

  it('表03 单位 201001 合计 2,424.73 vs 类 208 + 210 + 221 = 2,424.72 is rounding', () => {
    const f = at('03', 'F7', 'column-unit');
    expect(f).toMatchObject({ severity: 'rounding', expected: '2424.72', actual: '2424.73' });
    expect(f.locations[0]).toMatchObject({ row: '201001 衡南县人力资源和社会保障局', column: '合计', value: '2424.73' });
    expect(f.locations.slice(1).map((l) => [l.cell, l.value])).toEqual([
      ['F8', '2261.37'],
      ['F24', '97.09'],
      ['F27', '66.26'],
    ]);
  });

  it('基本支出 2,032.73 vs its parts 1,797.18 + 200.88 + 34.66 = 2,032.72 (表01 and 表05 合计行)', () => {
    const f01 = at('01', 'F6', 'line-sum');
    expect(f01).toMatchObject({ severity: 'rounding', expected: '2032.72', actual: '2032.73' });
    expect(values(f01.locations.slice(1))).toEqual(['1797.18', '200.88', '34.66']);

    const f05 = at('05', 'G6', 'row-total');
    expect(f05).toMatchObject({ severity: 'rounding', expected: '2032.72', actual: '2032.73' });
    expect(f05.locations[0]).toMatchObject({ row: '合计', column: '基本支出 › 合计' });
    expect(f05.locations.slice(1).map((l) => [l.cell, l.column, l.value])).toEqual([
      ['H6', '基本支出 › 工资福利支出', '1797.18'],
      ['I6', '基本支出 › 一般商品和服务支出', '200.88'],
      ['J6', '基本支出 › 对个人和家庭的补助', '34.66'],
    ]);
  });

  it('表08 人员经费 1,831.85 vs 301 1,797.18 + 303 34.66 = 1,831.84', () => {
    const f = at('08', 'D22', 'column-total');
    expect(f).toMatchObject({ severity: 'rounding', expected: '1831.84', actual: '1831.85', difference: '0.01' });
    expect(f.locations[0]).toMatchObject({ row: '合计', column: '本年一般公共预算基本支出 › 人员经费' });
    expect(f.locations.slice(1).map((l) => [l.cell, l.row, l.value])).toEqual([
      ['D6', '301 工资福利支出', '1797.18'],
      ['D15', '302 商品和服务支出', ''],
      ['D19', '303 对个人和家庭的补助', '34.66'],
    ]);
  });

  it('表09 社会保障缴费 384.50 vs its rows 8.37 + 186.03 + 93.02 + 97.09 = 384.51', () => {
    const f = at('09', 'I8', 'column-unit');
    expect(f).toMatchObject({ severity: 'rounding', expected: '384.51', actual: '384.50', difference: '-0.01' });
    expect(f.locations[0]).toMatchObject({ column: '机关工资福利支出 › 社会保障缴费', value: '384.50' });
    expect(values(f.locations.slice(1)).filter((v) => v !== '')).toEqual(['8.37', '186.03', '93.02', '97.09']);
  });

  it('表04 合计 2,424.73 vs 1,797.18 + 592.88 + 34.66 = 2,424.72', () => {
    const f = at('04', 'F6', 'row-total');
    expect(f).toMatchObject({ severity: 'rounding', expected: '2424.72', actual: '2424.73' });
    expect(f.locations[0]).toMatchObject({ row: '合计', column: '总计' });
    expect(values(f.locations.slice(1)).filter((v) => v !== '')).toEqual(['1797.18', '592.88', '34.66']);
  });

  it('表22 2025年劳动仲裁经费: 度量单位 "100" is a number, not a unit (warning)', () => {
    const warnings = report.findings.filter((f) => f.severity === 'warning');
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((f) => f.ruleId === 'indicator-value')).toBe(true);
    for (const f of warnings) {
      expect(f.message.zh).toContain('2025年劳动仲裁经费');
      expect(f.locations[0]).toMatchObject({ table: '22', column: '绩效指标 › 度量单位', value: '100' });
    }
    expect(warnings.map((f) => f.locations[0]!.cell)).toContain('K115');
  });

  it('表01 一般公共预算拨款收入 2,424.73 with every sub-line blank is 未分项 (info)', () => {
    const f = at('01', 'B6', 'line-sum');
    expect(f.severity).toBe('info');
    expect(f.locations[0]!.value).toBe('2424.73');
    expect(f.locations[0]!.row).toContain('一般公共预算拨款收入');
    expect(f.locations.length).toBeGreaterThan(1);
    expect(f.locations.slice(1).every((l) => l.value === '')).toBe(true);
  });

  it('the cross-table identities hold exactly where the published figures agree', () => {
    // 表15 公务接待费 5.00 = 表08 30217 5.00 = 表14 5.00: no finding from cross-three-public.
    expect(report.findings.filter((f) => f.ruleId === 'cross-three-public')).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'cross-projects')).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'cross-income')).toEqual([]);
  });
});
