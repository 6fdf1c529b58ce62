/**
 * SARIF output validated against the official SARIF 2.1.0 JSON schema (draft-04),
 * read from the shared folder beside the repo — never copied into it.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/model/finding.js';
import type { RuleMeta } from '../src/rules/types.js';
import type { ReportFile } from '../src/report/index.js';
import { defaultFormatOptions, formatReports } from '../src/report/index.js';
import { repoRoot, sarifValidator } from './report-support.js';

const RULES: RuleMeta[] = [
  {
    id: 'row-total', family: 'A', severity: 'error', tables: ['03'],
    title: { zh: '行合计 = 各部分之和', en: 'Row total = sum of its parts' },
    identity: '合计 = 基本支出 + 项目支出',
    description: { zh: '每一行的合计等于其各部分之和。', en: 'Each row total equals the sum of its parts.' },
    example: '表03 2080199: 196.00 = 0 + 196.00',
  },
  {
    id: 'indicator-unit', family: 'C', severity: 'warning', tables: ['22'],
    title: { zh: '度量单位应为单位', en: 'Unit of measure is a unit' },
    identity: '度量单位 ∉ numbers',
    description: { zh: '定量指标的度量单位应是单位。', en: 'A quantitative indicator needs a unit.' },
  },
];

const planted: Finding = {
  ruleId: 'row-total', severity: 'error',
  message: { zh: '2080199 合计 应等于 基本支出 + 项目支出', en: '2080199 total should equal basic + project' },
  expected: '197.00', actual: '196.00', difference: '1.00',
  locations: [
    { table: '03', sheet: '03支出总表', cell: 'F20', row: '2080199 其他人力资源和社会保障管理事务支出', column: '合计', value: '196.00' },
    { table: '03', sheet: '03支出总表', cell: 'H20', row: '2080199', column: '项目支出', value: '197.00' },
  ],
};
const rounding: Finding = {
  ruleId: 'row-total', severity: 'rounding',
  message: { zh: '舍入差', en: 'rounding' }, expected: '2424.72', actual: '2424.73', difference: '0.01',
  locations: [{ table: '01', sheet: '01收支总表', cell: 'D20', row: '本年支出合计', column: '支出 › 预算数', value: '2424.73' }],
};
const warning: Finding = {
  ruleId: 'indicator-unit', severity: 'warning', message: { zh: '度量单位 "100"', en: 'unit "100"' },
  locations: [{ table: '22', sheet: '22项目支出绩效目标表', cell: 'J40' }],
};
/** A reading problem whose rule id the catalog doesn't list. */
const reading: Finding = {
  ruleId: 'read-bad-amount', severity: 'error', message: { zh: '金额单元格不是数字', en: 'not a number' },
  locations: [{ table: '05', sheet: '05 表', cell: 'C9', value: '约5万' }],
};

function report(p: string, findings: Finding[], loadError?: string): ReportFile {
  return {
    path: p, department: '衡南县人力资源和社会保障局', year: 2025, unit: '万元', tables: [],
    summary: { checks: 10, passed: 10 - findings.length, error: 0, warning: 0, rounding: 0, info: 0 },
    findings, notRun: [], ...(loadError ? { loadError } : {}),
  };
}

describe('sarif', () => {
  const validate = sarifValidator();

  it('validates against the SARIF 2.1.0 schema, with batch files, odd paths and a load error', async () => {
    const text = await formatReports(
      [
        report('fixtures/hengnan-hrss-2025.xlsx', [planted, rounding, warning, reading]),
        report('上传 文件/预算#1.xlsx', [planted]),
        report('/tmp/outside/book.xlsx', []),
        report('broken.xlsx', [], 'broken.xlsx: not a spreadsheet'),
      ],
      'sarif',
      defaultFormatOptions({ rules: RULES, cwd: repoRoot }),
    );
    const log = JSON.parse(text);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);

    const run = log.runs[0];
    expect(log.version).toBe('2.1.0');
    // Every catalog rule, plus the reading-problem id the findings use.
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['row-total', 'indicator-unit', 'read-bad-amount']);
    expect(run.tool.driver.rules[0]).toMatchObject({
      shortDescription: { text: '行合计 = 各部分之和' },
      defaultConfiguration: { level: 'error' },
    });
    expect(run.tool.driver.rules[0].help.text).toContain('196.00 = 0 + 196.00');

    const [first, second, third] = run.results;
    expect(first).toMatchObject({ ruleId: 'row-total', level: 'error', ruleIndex: 0 });
    expect(first.message.text).toContain('（应为 197.00，实际 196.00，差额 1.00）');
    expect(first.locations[0].physicalLocation.artifactLocation).toMatchObject({ uri: 'fixtures/hengnan-hrss-2025.xlsx', index: 0 });
    expect(first.locations[0].logicalLocations.map((l: { fullyQualifiedName: string }) => l.fullyQualifiedName)).toEqual([
      '03支出总表!F20',
      '03支出总表!H20',
    ]);
    expect(second.level).toBe('note');
    expect(second.properties.severity).toBe('rounding');
    expect(third.level).toBe('warning');

    const odd = run.results.find((r: { locations: { physicalLocation: { artifactLocation: { index: number } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.index === 1);
    expect(decodeURIComponent(odd.locations[0].physicalLocation.artifactLocation.uri)).toBe('上传 文件/预算#1.xlsx');
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications[0].message.text).toContain('not a spreadsheet');
  });

  it('partialFingerprints: stable per rule + table + row + column, not per cell address or value; region-free locations', async () => {
    const opts = defaultFormatOptions({ rules: RULES, cwd: repoRoot, configPath: '/work/x/budget-audit.config.json' });
    const moved = { ...planted, expected: '198.00', locations: planted.locations.map((l) => ({ ...l, cell: l.cell!.replace('20', '22'), value: '1.00' })) };
    const otherColumn = { ...planted, locations: [{ ...planted.locations[0]!, column: '基本支出' }] };
    const log = JSON.parse(await formatReports([report('a.xlsx', [planted, moved, otherColumn, rounding, warning])], 'sarif', opts));
    expect(validate(log)).toBe(true);
    const fp = log.runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['budgetAudit/v1']);
    expect(fp.every((x: unknown) => typeof x === 'string' && (x as string).length >= 32)).toBe(true);
    // The same finding after its row moved and its figures changed keeps its identity (numbered as the second of its key).
    expect(fp[1]).toBe(`${fp[0]}:2`);
    expect(new Set([fp[0], fp[2], fp[3], fp[4]]).size).toBe(4);
    // A second run gives the same fingerprints.
    const again = JSON.parse(await formatReports([report('a.xlsx', [planted, moved, otherColumn, rounding, warning])], 'sarif', opts));
    expect(again.runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['budgetAudit/v1'])).toEqual(fp);
    // GitHub code scanning needs a physical location on every result; the cells are logical locations beside it, no region.
    for (const r of log.runs[0].results) {
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('a.xlsx');
      expect(r.locations[0].physicalLocation.region).toBeUndefined();
      for (const l of r.locations[0].logicalLocations) expect(l.fullyQualifiedName).toMatch(/^.+!.+$/);
    }
    expect(log.runs[0].invocations[0].properties).toEqual({ configFile: '/work/x/budget-audit.config.json' });
  });

  it('one language at a time: English figures with --lang en, Chinese with zh', async () => {
    const en = JSON.parse(await formatReports([report('a.xlsx', [planted])], 'sarif', defaultFormatOptions({ rules: RULES, cwd: repoRoot, lang: 'en' })));
    expect(en.runs[0].results[0].message.text).toContain('(expected 197.00, actual 196.00, difference 1.00)');
    expect(en.runs[0].tool.driver.rules[0].shortDescription.text).toBe('Row total = sum of its parts');
    const zh = JSON.parse(await formatReports([report('a.xlsx', [planted])], 'sarif', defaultFormatOptions({ rules: RULES, cwd: repoRoot, lang: 'zh' })));
    expect(zh.runs[0].results[0].message.text).not.toMatch(/expected|actual|difference/);
  });

  it('the schema check is not vacuous: a broken log fails it', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: {} }] })).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
  });
});
