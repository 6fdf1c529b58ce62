/**
 * Formatters on hand-built reports (figures from the reference disclosure of
 * 衡南县人力资源和社会保障局 2025): JSON contract, text, JUnit XML, helpers.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/model/finding.js';
import type { RuleMeta } from '../src/rules/types.js';
import type { ReportFile } from '../src/report/index.js';
import { defaultFormatOptions, effectiveFailOn, exitCodeFor, fails, formatReports } from '../src/report/index.js';
import { assertNotInput, writeFileAtomic } from '../src/report/write.js';

const RULES: RuleMeta[] = [
  {
    id: 'row-total', family: 'A', severity: 'error', tables: ['03'],
    title: { zh: '行合计 = 各部分之和', en: 'Row total = sum of its parts' },
    identity: '合计 = 基本支出 + 项目支出',
    description: { zh: '每一行的合计等于其各部分之和。', en: 'Each row total equals the sum of its parts.' },
  },
  {
    id: 'indicator-unit', family: 'C', severity: 'warning', tables: ['22'],
    title: { zh: '度量单位应为单位', en: 'Unit of measure is a unit' },
    identity: '度量单位 ∉ numbers',
    description: { zh: '定量指标的度量单位应是单位而不是数字。', en: 'A quantitative indicator needs a unit, not a number.' },
  },
  {
    id: 'cross-table', family: 'B', severity: 'error', tables: ['01', '03'],
    title: { zh: '跨表一致', en: 'Same figure across tables' },
    identity: '表01 本年支出合计 = 表03 合计',
    description: { zh: '同一数字在各表一致。', en: 'The same figure agrees across tables.' },
  },
];

const rounding: Finding = {
  ruleId: 'row-total',
  severity: 'rounding',
  message: { zh: '本年支出合计 应等于 各功能科目之和', en: 'Total expenditure should equal the sum of the functions' },
  expected: '2424.72', actual: '2424.73', difference: '0.01',
  locations: [
    { table: '01', sheet: '01收支总表', cell: 'D20', row: '本年支出合计', column: '支出 › 预算数', value: '2424.73' },
    { table: '01', sheet: '01收支总表', cell: 'D6', row: '（二）社会保障和就业支出', column: '支出 › 预算数', value: '2261.37' },
  ],
};
const planted: Finding = {
  ruleId: 'row-total',
  severity: 'error',
  message: { zh: '2080199 合计 应等于 基本支出 + 项目支出 <&>"', en: '2080199 total should equal basic + project <&>"' },
  expected: '197.00', actual: '196.00', difference: '1.00',
  locations: [
    { table: '03', sheet: '03支出总表', cell: 'F20', row: '2080199 其他人力资源和社会保障管理事务支出', column: '合计', value: '196.00' },
    { table: '03', sheet: '03支出总表', cell: 'H20', row: '2080199 其他人力资源和社会保障管理事务支出', column: '项目支出', value: '197.00' },
  ],
};
const unitWarning: Finding = {
  ruleId: 'indicator-unit',
  severity: 'warning',
  message: { zh: '度量单位 "100" 不是单位', en: 'Unit of measure "100" is not a unit' },
  locations: [{ table: '22', sheet: '22项目支出绩效目标表', cell: 'J40', row: '2025年劳动仲裁经费', column: '度量单位', value: '100' }],
};

function report(findings: Finding[], extra: Partial<ReportFile> = {}): ReportFile {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  return {
    path: 'fixtures/hengnan-hrss-2025.xlsx',
    department: '衡南县人力资源和社会保障局',
    year: 2025,
    unit: '万元',
    tables: [
      { id: '01', title: '收支总表', found: true, sheet: '01收支总表' },
      { id: '03', title: '支出总表', found: true, sheet: '03支出总表' },
      { id: '22', title: '项目支出绩效目标表', found: true, sheet: '22项目支出绩效目标表' },
    ],
    summary: { checks: 40, passed: 40 - findings.length, error: count('error'), warning: count('warning'), rounding: count('rounding'), info: count('info') },
    findings,
    notRun: [{ ruleId: 'cross-table', reason: '表16 not found' }],
    ...extra,
  };
}

const unreadable: ReportFile = {
  path: 'uploads/broken.xlsx', tables: [], findings: [], notRun: [],
  summary: { checks: 0, passed: 0, error: 0, warning: 0, rounding: 0, info: 0 },
  loadError: 'uploads/broken.xlsx: not a spreadsheet (corrupt zip)',
};

const opts = (o: Parameters<typeof defaultFormatOptions>[0] = {}) => defaultFormatOptions({ rules: RULES, cwd: process.cwd(), ...o });

describe('exit codes and thresholds', () => {
  it('fails by threshold; info never fails', () => {
    expect(fails('error', 'error')).toBe(true);
    expect(fails('warning', 'error')).toBe(false);
    expect(fails('warning', 'warning')).toBe(true);
    expect(fails('rounding', 'warning')).toBe(false);
    expect(fails('rounding', 'rounding')).toBe(true);
    expect(fails('info', 'rounding')).toBe(false);
  });
  it('--strict lowers the threshold to rounding', () => {
    expect(effectiveFailOn(undefined, false)).toBe('error');
    expect(effectiveFailOn('warning', true)).toBe('rounding');
    expect(effectiveFailOn(undefined, true)).toBe('rounding');
  });
  it('0 / 1 / 2, and an unreadable file wins', () => {
    expect(exitCodeFor([report([rounding, unitWarning])], 'error')).toBe(0);
    expect(exitCodeFor([report([rounding, unitWarning])], 'warning')).toBe(1);
    expect(exitCodeFor([report([rounding])], 'rounding')).toBe(1);
    expect(exitCodeFor([report([planted])], 'error')).toBe(1);
    expect(exitCodeFor([report([planted]), unreadable], 'error')).toBe(2);
  });
});

describe('json', () => {
  it('keeps the contract of issue 3', async () => {
    const doc = JSON.parse(await formatReports([report([rounding, planted])], 'json', opts()));
    expect(doc.tool).toEqual({ name: 'budget-audit', version: '0.1.0' });
    const f = doc.files[0];
    expect(f.path).toBe('fixtures/hengnan-hrss-2025.xlsx');
    expect(f.department).toBe('衡南县人力资源和社会保障局');
    expect(f.year).toBe(2025);
    expect(f.unit).toBe('万元');
    expect(f.tables[0]).toMatchObject({ id: '01', title: '收支总表', found: true, sheet: '01收支总表' });
    expect(Object.keys(f.summary).sort()).toEqual(['checks', 'error', 'info', 'passed', 'rounding', 'warning']);
    expect(f.findings[0]).toMatchObject({
      ruleId: 'row-total', severity: 'rounding', message: '本年支出合计 应等于 各功能科目之和',
      expected: '2424.72', actual: '2424.73', difference: '0.01',
    });
    expect(f.findings[0].locations[0]).toMatchObject({ table: '01', sheet: '01收支总表', cell: 'D20', row: '本年支出合计', column: '支出 › 预算数' });
    expect(f.findings[1].failing).toBe(true);
    expect(f.findings[0].failing).toBe(false);
    expect(doc.exitCode).toBe(1);
  });
  it('messages follow --lang en; a load error is kept', async () => {
    const doc = JSON.parse(await formatReports([report([planted]), unreadable], 'json', opts({ lang: 'en' })));
    expect(doc.files[0].findings[0].message).toBe('2080199 total should equal basic + project <&>"');
    expect(doc.files[1].loadError).toContain('corrupt zip');
    expect(doc.exitCode).toBe(2);
  });
  it('says which severities fail the run and which configuration file was applied', async () => {
    const strict = JSON.parse(await formatReports([report([rounding, unitWarning])], 'json', opts({ failOn: 'rounding', configPath: '/x/budget-audit.config.json' })));
    expect(strict.exitCode).toBe(1);
    expect(strict.failedBy).toEqual(['warning', 'rounding']);
    expect(strict.configFile).toBe('/x/budget-audit.config.json');
    const clean = JSON.parse(await formatReports([report([rounding])], 'json', opts()));
    expect(clean.failedBy).toEqual([]);
    expect(clean).not.toHaveProperty('configFile');
  });
});

describe('text', () => {
  const blankParts: Finding = {
    ...rounding,
    locations: [...rounding.locations, { table: '01', sheet: '01收支总表', cell: 'D7', row: '（三）国防支出', column: '支出 › 预算数', value: '' }, { table: '01', sheet: '01收支总表', cell: 'D8', row: '（四）公共安全支出', column: '支出 › 预算数', value: '' }],
  };
  it('leads with the verdict, then errors and warnings in full by table, rounding summarised, not-run rules', async () => {
    const out = await formatReports([report([planted, blankParts, unitWarning])], 'text', opts());
    const lines = out.split('\n');
    expect(lines[0]).toBe('✖ 未通过（错误达到 --fail-on error） — 错误 1，警告 1，尾差 1，提示 0 — fixtures/hengnan-hrss-2025.xlsx');
    expect(lines[1]).toContain('衡南县人力资源和社会保障局 2025年');
    expect(lines[1]).toContain('检查 40 项，通过 37');
    // The sheet named once, in the table heading; cells as 表03!F20.
    const i03 = out.indexOf('表03 支出总表 — 工作表 03支出总表');
    const i22 = out.indexOf('表22 项目支出绩效目标表 — 工作表 22项目支出绩效目标表');
    expect(i03).toBeGreaterThan(0);
    expect(i22).toBeGreaterThan(i03);
    expect(out).toContain('表03!F20  2080199 其他人力资源和社会保障管理事务支出 · 合计 = 196.00');
    expect(out).toContain('表03!H20  2080199 其他人力资源和社会保障管理事务支出 · 项目支出 = 197.00');
    expect(out).not.toContain('03支出总表!F20');
    expect(out).toContain('应为 197.00，实际 196.00，差额 1.00');
    expect(out).not.toContain('实为');
    // The rounding finding is one summary line (count, largest difference), its cells not listed.
    expect(out).toMatch(/^ {2}尾差 +表01 +row-total +1 处，最大差额 0\.01 +收支总表$/m);
    expect(out).not.toContain('表01!D20');
    expect(out).toContain('cross-table: 表16 not found');
    expect(out).not.toMatch(/\u001b\[/);
  });
  it('--verbose (show rounding,info and list blanks) prints every finding in full; blanks are counted otherwise', async () => {
    const full = await formatReports([report([blankParts])], 'text', opts({ show: ['error', 'warning', 'rounding', 'info'], listBlanks: true }));
    expect(full).toContain('表01 收支总表 — 工作表 01收支总表');
    expect(full).toContain('表01!D20  本年支出合计 · 支出 › 预算数 = 2424.73');
    expect(full).toContain('(空白) 表01!D7, D8');
    const shown = await formatReports([report([blankParts])], 'text', opts({ show: ['error', 'warning', 'rounding'] }));
    expect(shown).toContain('表01!D20');
    expect(shown).toContain('(另有 2 个空白单元格)');
    expect(shown).not.toContain('D7');
  });
  it('a clean workbook passes; --strict names the severity that fails it; --max-warnings counts warnings', async () => {
    const clean = await formatReports([report([blankParts, unitWarning])], 'text', opts());
    expect(clean.split('\n')[0]).toBe('✔ 通过 — 错误 0，警告 1，尾差 1，提示 0 — fixtures/hengnan-hrss-2025.xlsx');
    const strict = await formatReports([report([blankParts, unitWarning])], 'text', opts({ failOn: 'rounding' }));
    expect(strict.split('\n')[0]).toMatch(/^✖ 未通过（警告、尾差达到 --fail-on rounding）/);
    const max = await formatReports([report([unitWarning])], 'text', opts({ maxWarnings: 0, lang: 'en' }));
    expect(max.split('\n')[0]).toMatch(/^✖ FAIL \(1 warnings exceed --max-warnings 0\) — 0 errors, 1 warning,/);
    expect(exitCodeFor([report([unitWarning])], 'error', 0)).toBe(1);
    expect(exitCodeFor([report([unitWarning])], 'error', 1)).toBe(0);
  });
  it('--quiet shows errors only and says how many findings it left out', async () => {
    const out = await formatReports([report([planted, blankParts, unitWarning])], 'text', opts({ quiet: true }));
    expect(out).toContain('表03!F20');
    expect(out).not.toContain('表22');
    expect(out).not.toContain('row-total  1 处');
    expect(out).toContain('另有 2 条非错误发现未显示');
  });
  it('counts suggested fixes in the verdict when findings carry them (issue 8 hook)', async () => {
    const suggestion = {
      id: 'fix-1',
      cells: [{ table: '03', sheet: '03支出总表', cell: 'F20', row: '2080199 其他人力资源和社会保障管理事务支出', column: '合计', from: '196.00', to: '197.00' }],
      resolves: [],
      verified: true,
      ambiguous: false,
      alternatives: [],
    } as NonNullable<Finding['suggestion']>;
    const withFix = { ...planted, suggestion } as Finding;
    const second = { ...planted, locations: [{ ...planted.locations[0]!, cell: 'F21' }], suggestion } as Finding;
    const out = await formatReports([report([withFix, second])], 'text', opts());
    expect(out.split('\n')[0]).toContain('错误 2，警告 0，尾差 0，提示 0，1 处建议修改');
    // The cluster: its heading names the table and sheet once, the suggestion first, then its findings.
    expect(out).toContain('建议修改 1/1 — 表03 支出总表 — 工作表 03支出总表');
    expect(out).toContain('➜ 建议修改 表03!F20：196.00 → 197.00');
  });
  it('English: every label, table heading and figure in English', async () => {
    const en = await formatReports([report([planted, blankParts])], 'text', opts({ lang: 'en' }));
    expect(en.split('\n')[0]).toBe('✖ FAIL (error reaches --fail-on error) — 1 error, 0 warnings, 1 rounding, 0 info — fixtures/hengnan-hrss-2025.xlsx');
    expect(en).toContain('Table 03 支出总表 — sheet 03支出总表');
    expect(en).toContain('Table 03!F20');
    expect(en).toContain('expected 197.00, actual 196.00, difference 1.00');
    expect(en).toMatch(/^ {2}Rounding +Table 01 +row-total +1×, largest difference 0\.01/m);
    expect(en).toContain('40 checks, 38 passed');
    // No Chinese of ours: what remains is workbook text (titles, labels, sheet names) and the rule's message.
    const ours = en.replace(/支出总表|收支总表|03支出总表|衡南县人力资源和社会保障局|2080199 其他人力资源和社会保障管理事务支出|合计|项目支出|表16/g, '');
    for (const word of ['表', '应为', '实际', '差额', '错误', '警告', '尾差', '舍入', '提示', '通过', '空白', '工作表']) expect(ours).not.toContain(word);
    const coloured = await formatReports([report([planted])], 'text', opts({ color: true }));
    expect(coloured).toMatch(/\u001b\[/);
  });
  it('a rule that could not run is worded in the report language in text, JSON, JUnit and HTML', async () => {
    const r = report([], { notRun: [{ ruleId: 'cross-table', reason: '表16 未找到 / table 16 not found' }] });
    const zh = await formatReports([r], 'text', opts());
    expect(zh).toContain('cross-table: 表16 未找到');
    expect(zh).not.toContain('not found');
    const en = await formatReports([r], 'text', opts({ lang: 'en' }));
    expect(en).toContain('cross-table: table 16 not found');
    expect(en).not.toContain('未找到');
    expect(JSON.parse(await formatReports([r], 'json', opts({ lang: 'en' }))).files[0].notRun[0].reason).toBe('table 16 not found');
    expect(JSON.parse(await formatReports([r], 'json', opts())).files[0].notRun[0].reason).toBe('表16 未找到');
    expect(await formatReports([r], 'junit', opts({ lang: 'en' }))).toContain('<skipped message="table 16 not found"/>');
    const html = await formatReports([r], 'html', opts({ lang: 'en' }));
    expect(html).toContain('table 16 not found');
    expect(html).not.toContain('未找到');
  });
  it('workbook text cannot drive the terminal: control characters are replaced', async () => {
    const evil = { ...unitWarning, message: { zh: 'x\u001b]0;pwned\u0007\u001b[2J', en: 'x' } };
    const out = await formatReports([report([evil], { department: 'a\u001b[31mb' })], 'text', opts());
    expect(out).not.toContain('\u001b');
    expect(out).toContain('x\ufffd]0;pwned\ufffd\ufffd[2J');
  });

  it('a batch ends with a per-file table: a pass/fail column and a total row', async () => {
    const out = await formatReports([report([planted, unitWarning]), report([], { path: 'b.xlsx' }), unreadable], 'text', opts());
    const table = out.slice(out.indexOf('结果'));
    expect(table).toMatch(/^未通过\s+fixtures\/hengnan-hrss-2025\.xlsx\s+衡南县人力资源和社会保障局\s+1\s+1\s+0\s+0$/m);
    expect(table).toMatch(/^通过\s+b\.xlsx\s+衡南县人力资源和社会保障局\s+0\s+0\s+0\s+0$/m);
    expect(table).toMatch(/^无法读取\s+uploads\/broken\.xlsx\s+-\s+-\s+-\s+-$/m);
    expect(table).toMatch(/^合计\s+共 3 个文件：未通过 1，无法读取 1\s+1\s+1\s+0\s+0$/m);
    // Each workbook's verdict heads its section.
    expect(out.split('\n')[0]).toMatch(/^✖ 未通过/);
    expect(out).toMatch(/^✔ 通过 — .* — b\.xlsx$/m);
    expect(out).toMatch(/^✖ 未通过（无法读取） — uploads\/broken\.xlsx$/m);
  });
});

describe('junit', () => {
  const parse = (xml: string) => {
    expect(XMLValidator.validate(xml)).toBe(true);
    return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase', 'failure'].includes(n) }).parse(xml);
  };
  it('one suite per workbook; a case per passing rule and per failing finding, one failure each', async () => {
    const twoErrors = { ...planted, locations: [{ ...planted.locations[0]!, cell: 'F21' }] };
    const sameCell = { ...planted, message: { zh: '同一单元格的第二个错误', en: 'second error at the same cell' } };
    const xml = await formatReports([report([planted, twoErrors, sameCell, rounding, unitWarning]), unreadable], 'junit', opts());
    const doc = parse(xml);
    const [suite, broken] = doc.testsuites.testsuite;
    expect(suite.name).toBe('fixtures/hengnan-hrss-2025.xlsx');
    // row-total: three failing findings, three cases; the warning's and the skipped rule's cases pass.
    expect(suite.testcase).toHaveLength(5);
    expect(suite.tests).toBe('5');
    expect(suite.failures).toBe('3');
    const rowTotal = suite.testcase.filter((c: { name: string }) => c.name.startsWith('row-total'));
    expect(rowTotal.map((c: { name: string }) => c.name.replace(/^row-total: [^@]*/, ''))).toEqual([
      '@ 03支出总表!F20',
      '@ 03支出总表!F21',
      '@ 03支出总表!F20 (2)',
    ]);
    for (const c of rowTotal) expect(c.failure).toHaveLength(1);
    expect(rowTotal[0].failure[0].message).toBe('2080199 合计 应等于 基本支出 + 项目支出 <&>"');
    expect(rowTotal[0].failure[0]['#text']).toContain('03支出总表!F20');
    // Rounding is below the default threshold: reported as output of the rule's first case, not as failure.
    expect(rowTotal[0]['system-out']).toContain('01收支总表!D20');
    expect(rowTotal[1]['system-out']).toBeUndefined();
    const skipped = suite.testcase.find((c: { name: string }) => c.name.startsWith('cross-table'));
    expect(skipped.skipped.message).toBe('表16 not found');
    expect(broken.errors).toBe('1');
    expect(doc.testsuites.failures).toBe('3');
    expect(doc.testsuites.errors).toBe('1');
  });
  it('--fail-on warning / --strict move findings into failures', async () => {
    const warn = parse(await formatReports([report([rounding, unitWarning])], 'junit', opts({ failOn: 'warning' })));
    expect(warn.testsuites.failures).toBe('1');
    const strict = parse(await formatReports([report([rounding, unitWarning])], 'junit', opts({ failOn: 'rounding' })));
    expect(strict.testsuites.failures).toBe('2');
  });
  it('one language at a time: figures, severity and blank cells in the report language', async () => {
    const blank = { ...planted, locations: [...planted.locations, { table: '03' as const, sheet: '03支出总表', cell: 'G20', row: '2080199', column: '基本支出', value: '' }] };
    const zh = await formatReports([report([blank])], 'junit', opts());
    expect(zh).toContain('[错误] 2080199 合计');
    expect(zh).toContain('应为 197.00，实际 196.00，差额 1.00');
    expect(zh).toContain('= (空白)');
    expect(zh).not.toMatch(/expected|actual|difference|\(blank\)/);
    const en = await formatReports([report([blank])], 'junit', opts({ lang: 'en' }));
    expect(en).toContain('[Error] 2080199 total should equal');
    expect(en).toContain('expected 197.00, actual 196.00, difference 1.00');
    expect(en).toContain('= (blank)');
    expect(en).not.toMatch(/应为|实际|差额|空白/);
  });
  it('stays well-formed with control characters and lone surrogates in workbook text', async () => {
    const nasty = { ...planted, message: { zh: 'a\u0001b\u0008c]]>\uD800d', en: 'x' } };
    expect(XMLValidator.validate(await formatReports([report([nasty])], 'junit', opts()))).toBe(true);
  });
});

describe('write', () => {
  it('writes atomically and leaves no temp file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ba-write-'));
    const out = path.join(dir, 'report.json');
    writeFileSync(out, 'old');
    await writeFileAtomic(out, '{"new":true}');
    expect(readFileSync(out, 'utf8')).toBe('{"new":true}');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });
  it('refuses to write over an input, also through another spelling of its path', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ba-write-'));
    const input = path.join(dir, 'in.xlsx');
    writeFileSync(input, 'x');
    expect(() => assertNotInput(path.join(dir, '.', 'in.xlsx'), [input])).toThrow(/refusing/);
    expect(() => assertNotInput(path.join(dir, 'out.json'), [input])).not.toThrow();
  });
  it('a missing directory is a one-line usage error', async () => {
    await expect(writeFileAtomic('/nonexistent-dir-ba/x.json', 'x')).rejects.toThrow(/cannot write .*directory does not exist/);
  });
});
