/**
 * The narrative (说明) of the reference, read and checked against the sample
 * workbook. Every expected figure below is copied by hand from part 1 of
 * ../shared/reference/hengnan-hrss-2025-budget.txt; each planted edit
 * changes one figure or word of that text and must be flagged at its quote
 * with the right table cells.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/model/finding.js';
import type { Statement } from '../src/model/narrative.js';
import { parseNarrativeText } from '../src/narrative/parse.js';
import { auditSample, cellsOf, narrativeFindings, plant, quoteOf, referenceNarrative } from './support/narrative.js';

const REF = referenceNarrative();
const n = parseNarrativeText(REF, 'fixtures/hengnan-hrss-2025-narrative.txt');
const of = (subject: string): Statement[] => n.statements.filter((s) => s.subject === subject);
const value = (s: Statement | undefined) => s?.figure?.value.toString();

describe('reading the reference narrative', () => {
  it('finds the year and the template sections', () => {
    expect(n.year).toBe(2025);
    const sections = [...new Set(n.sentences.map((s) => s.section))];
    expect(sections).toEqual(expect.arrayContaining([
      '部门基本概况', '部门预算单位构成', '部门收支总体情况', '一般公共预算拨款支出', '政府性基金预算支出',
      '国有资本经营预算支出', '其他重要事项的情况说明', '名词解释',
    ]));
  });

  it('reads 收入预算: the total, eleven sources and the change', () => {
    expect(value(of('income.total')[0])).toBe('2424.73');
    const sources = of('income.source');
    expect(sources.map((s) => s.name)).toEqual([
      '一般公共预算拨款收入', '政府性基金预算拨款收入', '国有资本经营预算拨款收入', '社会保障基金预算资金', '财政专户管理资金收入',
      '上级财政补助收入', '事业收入', '事业单位经营收入', '上级单位补助收入', '附属单位上缴收入', '其他收入',
    ]);
    expect(sources.map(value)).toEqual(['2424.73', ...Array(10).fill('0')]);
    const ch = of('income.total')[0]!.change!;
    expect([ch.direction, ch.amount?.value.toString(), ch.rate?.value.toString(), ch.amountWord, ch.rateWord]).toEqual(['up', '240.38', '11', '增加', '上升']);
  });

  it('reads 支出预算 and 一般公共预算拨款支出 by 类 with their shares', () => {
    expect(of('expense.class').map((s) => [s.name, value(s)])).toEqual([
      ['社会保障和就业支出', '2261.37'], ['卫生健康支出', '97.09'], ['住房保障支出', '66.26'],
    ]);
    expect(value(of('gpb.total')[0])).toBe('2424.73');
    expect(value(of('gpb.superior')[0])).toBe('0');
    expect(of('gpb.class').map((s) => [s.name, value(s), s.share?.printed])).toEqual([
      ['社会保障和就业支出', '2261.37', '93.26%'], ['卫生健康支出', '97.09', '4.00%'], ['住房保障支出', '66.26', '2.73%'],
    ]);
    expect(value(of('gpb.basic')[0])).toBe('2032.73');
    expect(value(of('gpb.project')[0])).toBe('392');
  });

  it('reads all 20 named projects with their amounts (they add up to 项目支出 392.00)', () => {
    const projects = of('project');
    expect(projects).toHaveLength(20);
    expect(projects[0]!.name).toBe('2025年干部培训中心教育经费');
    expect(projects.find((p) => p.name === '2025年社会保障监督检查（含第三方审计等）')?.figure?.printed).toBe('45.00万元');
    expect(projects.find((p) => p.name === '2025年人膜验证及特殊认证费')?.figure?.printed).toBe('65.00万元');
    expect(projects.reduce((s, p) => s + Number(p.figure!.value.toFixed(2).replace('.', '')), 0)).toBe(39200);
  });

  it('reads 政府性基金 / 国有资本经营 as none, and section 七', () => {
    expect(of('fund.total').filter((s) => s.figure)).toEqual([]);
    expect(n.statements.filter((s) => s.none).map((s) => s.subject)).toEqual(['fund.total', 'soe.total']);
    const opex = of('opex')[0]!;
    expect([value(opex), opex.change?.direction, opex.change?.amount?.printed, opex.change?.rate?.printed]).toEqual(['200.88', 'down', '34.32万元', '14.59%']);
    expect(value(of('sangong.total')[0])).toBe('5');
    expect(of('sangong.total')[0]!.change?.amount?.printed).toBe('3.80万元');
    expect(value(of('sangong.reception')[0])).toBe('5');
    expect(['sangong.abroad', 'sangong.vehicle', 'sangong.vehiclePurchase', 'sangong.vehicleRun'].map((s) => value(of(s)[0]))).toEqual(['0', '0', '0', '0']);
    const meeting = of('meeting').find((s) => s.figure?.kind === 'money')!;
    expect([meeting.figure!.printed, meeting.figure!.places, meeting.figure!.half.toString()]).toEqual(['4万元', 0, '0.5']);
    expect(of('meeting').find((s) => s.figure?.kind === 'count')?.figure?.printed).toBe('580人');
    expect(value(of('training').find((s) => s.figure?.kind === 'money'))).toBe('6');
    expect(['procurement.total', 'procurement.goods', 'procurement.works', 'procurement.services'].map((s) => value(of(s)[0]))).toEqual(['480', '280', '80', '120']);
    expect(of('vehicles.total').map((s) => s.name)).toEqual(['现有', '新增']);
    expect(of('vehicles.part')).toHaveLength(10);
    expect(['perf.total', 'perf.basic', 'perf.project'].map((s) => value(of(s)[0]))).toEqual(['2424.73', '2032.73', '392']);
  });

  it('quotes each figure at its sentence and its exact offset in the source text', () => {
    const rate = n.figures.find((f) => f.printed === '14.59%')!;
    expect(REF.slice(rate.offset, rate.offset + rate.length)).toBe('14.59%');
    expect(rate.sentence.text.slice(rate.start, rate.end)).toBe('14.59%');
    expect(rate.sentence.text).toBe('（一）机关运行经费：2025年本部门机关运行经费 200.88万元，比上年预算减少 34.32万元，下降 14.59%，主要是节约日常开支，降低运行成本。');
    // A figure broken over lines in the source: its quote spans the break.
    const broken = n.figures.find((f) => f.printed === '200.88万元')!;
    expect(REF.slice(broken.offset, broken.offset + broken.length)).toBe('200.88\n\n万元');
    expect(REF.slice(broken.sentence.offset, broken.sentence.offset + 7)).toBe('（一）机关运行');
  });

  it('skips thresholds and dates: "单位价值 50万元以上", "2024年 12月底" are no figures', () => {
    expect(n.figures.some((f) => f.printed === '50万元' || f.printed === '100万元')).toBe(false);
    expect(n.figures.filter((f) => f.unit === '台')).toHaveLength(4);
  });
});

describe('the reference narrative against the sample workbook', () => {
  it('has no error and no warning, and checks every figure a table or the narrative itself can confirm', async () => {
    const read = parseNarrativeText(REF, 'fixtures/hengnan-hrss-2025-narrative.txt');
    const r = await auditSample(read);
    expect(narrativeFindings(r, 'error')).toEqual([]);
    expect(narrativeFindings(r, 'warning')).toEqual([]);
    const coverage = narrativeFindings(r).filter((f) => f.ruleId === 'narrative-coverage');
    // 89 figures: 80 checked; 9 with no table to check against (2 counts of 机构设置, the 三公 change without a rate,
    // 2 people counts, 4 equipment counts); none not understood.
    expect(coverage.map((f) => f.message.en)).toEqual([expect.stringContaining('states 89 figures: 80 checked, 9 with nothing to check against, 0 not understood')]);
    // Sections 三–七: only the uncheckable kinds above remain unchecked.
    expect(read.figures.filter((f) => !f.checked).map((f) => f.printed)).toEqual(['10个', '13个', '3.80万元', '580人', '120人', '0台', '0台', '0台', '0台']);
  });
});

/** Audits the sample with the reference narrative after one planted edit; the narrative findings that fail. */
async function planted(from: string, to: string): Promise<Finding[]> {
  const r = await auditSample(plant(REF, from, to));
  return narrativeFindings(r).filter((f) => f.severity === 'error' || f.severity === 'warning');
}

describe('planted narrative edits are flagged at their quote with the right cells', () => {
  it('a 类 amount (支出预算 卫生健康支出 97.09 → 98.09): 表03 210 卫生健康支出 合计', async () => {
    const fs = await planted('卫生健康支出 97.09\n', '卫生健康支出 98.09\n');
    // Against 表03, and (all three 类 being named) against the stated total 2424.73.
    expect(fs.map((x) => [x.ruleId, x.expected, x.actual])).toEqual([
      ['narrative-expense', '97.09', '98.09'], ['narrative-expense', '2425.72', '2424.73'],
    ]);
    const f = fs[0]!;
    expect([f.ruleId, f.severity, f.expected, f.actual]).toEqual(['narrative-expense', 'error', '97.09', '98.09']);
    expect(quoteOf(f)).toMatchObject({ paragraph: 17, sentence: 1 });
    expect(quoteOf(f)!.text.slice(quoteOf(f)!.figureStart, quoteOf(f)!.figureEnd)).toBe('98.09万元');
    expect(f.locations.filter((l) => !l.quote).map((l) => [l.table, l.row?.replace(/\s+/g, ''), l.column, l.value])).toEqual([
      ['03', expect.stringContaining('卫生健康支出'), '合计', '97.09'],
    ]);
  });

  it('a share (占 4.00% → 4.10%)', async () => {
    const fs = await planted('占 4.00%', '占 4.10%');
    expect(fs.map((f) => [f.ruleId, f.severity])).toEqual([['narrative-share', 'error']]);
    expect(quoteOf(fs[0]!)).toMatchObject({ paragraph: 19 });
    expect(fs[0]!.message.en).toContain('4.10%');
  });

  it('a project amount (2025年就业专项经费 25.00 → 35.00): its 表21 row, and the Σ of the complete list', async () => {
    const fs = await planted('就业专项经费 25.00万元', '就业专项经费 35.00万元');
    const amount = fs.find((f) => f.ruleId === 'narrative-project' && f.expected === '25.00')!;
    expect(amount.severity).toBe('error');
    expect(quoteOf(amount)).toMatchObject({ paragraph: 21 });
    expect(amount.locations.filter((l) => !l.quote).map((l) => [l.table, l.row?.trim(), l.value])).toEqual([['21', '2025年就业专项经费', '25.00']]);
    // The list names every 表21 project, so its sum (402.00) is checked against 项目支出 392.00.
    expect(fs.some((f) => f.ruleId === 'narrative-project' && f.expected === '402' && f.actual === '392')).toBe(true);
  });

  it('a growth rate (收入 上升 11.00% → 12.00%)', async () => {
    const fs = await planted('元，上升 11.00%', '元，上升 12.00%');
    expect(fs.map((f) => [f.ruleId, f.severity, f.expected])).toEqual([['narrative-change', 'error', '11.00']]);
    expect(quoteOf(fs[0]!)).toMatchObject({ paragraph: 16, sentence: 3 });
  });

  it('a 三公 part (公务接待费 5.00 → 6.00): 表15 公务接待费, and the parts no longer add up', async () => {
    const fs = await planted('公务接待费 5.00万元', '公务接待费 6.00万元');
    const cell = fs.find((f) => f.ruleId === 'narrative-sangong' && f.expected === '5.00')!;
    expect(cell.locations.filter((l) => !l.quote).map((l) => [l.table, l.column])).toEqual([['15', '公务接待费']]);
    expect(quoteOf(cell)).toMatchObject({ paragraph: 28 });
    expect(fs.some((f) => f.ruleId === 'narrative-sangong' && f.expected === '6' && f.actual === '5')).toBe(true);
  });

  it('a 政府采购 part (工程类 80 → 90)', async () => {
    const fs = await planted('工程类采购预算 80万', '工程类采购预算 90万');
    expect(fs.map((f) => [f.ruleId, f.severity, f.expected, f.actual])).toEqual([['narrative-parts', 'error', '490', '480']]);
    expect(quoteOf(fs[0]!)).toMatchObject({ paragraph: 30 });
  });

  it('the 机关运行经费 rate (下降 14.59% → 15.59%)', async () => {
    const fs = await planted('下降 14.59%', '下降 15.59%');
    expect(fs.map((f) => [f.ruleId, f.severity, f.expected])).toEqual([['narrative-change', 'error', '14.59']]);
    expect(quoteOf(fs[0]!)).toMatchObject({ paragraph: 27 });
  });

  it('a flipped direction word (比上年预算减少 → 增加)', async () => {
    const fs = await planted('比上年预算减少', '比上年预算增加');
    expect(fs.map((f) => [f.ruleId, f.severity])).toEqual([['narrative-change', 'error']]);
    expect(fs[0]!.message.zh).toContain('变动方向前后矛盾');
  });

  it('a figure in 元 instead of 万元 (基本支出预算数 2032.73元): 表07 合计行 基本支出', async () => {
    const fs = await planted('基本支出预算数 2032.73\n\n万元', '基本支出预算数 2032.73\n\n元');
    // Against 表07, and 基本 + 项目 against the stated 一般公共预算拨款支出.
    expect(fs.map((x) => [x.ruleId, x.expected, x.actual])).toEqual([
      ['narrative-general-budget', '392.203273', '2424.73'], ['narrative-general-budget', '2032.73', '0.203273'],
    ]);
    const f = fs[1]!;
    expect([f.ruleId, f.severity, f.expected, f.actual]).toEqual(['narrative-general-budget', 'error', '2032.73', '0.203273']);
    expect(cellsOf(f)).toHaveLength(1);
    expect(f.locations.filter((l) => !l.quote).map((l) => [l.table, l.row, l.column])).toEqual([['07', '合计', '基本支出 › 小计']]);
  });

  it('honest rounding passes: "4万元" for a 会议费 the tables carry as 0 in basic expenditure', async () => {
    expect(await planted('会议费预算 4万元', '会议费预算 4.4万元')).toEqual([]);
  });

  it('a project the tables do not have is a warning; a partial list is not summed (an info says so)', async () => {
    const missingName = plant(REF, '2025年安荣健身馆 15.00万元', '2025年安荣体育馆 15.00万元');
    const r = await auditSample(missingName);
    const fs = narrativeFindings(r).filter((f) => f.ruleId === 'narrative-project');
    expect(fs.find((f) => f.severity === 'warning')?.message.zh).toContain('安荣体育馆');
    expect(fs.find((f) => f.severity === 'info')?.message.en).toContain('the list is partial');
    expect(fs.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a narrative of another year is a warning', async () => {
    const other = REF.replace(/2025(\s*)年/g, '2024$1年');
    const r = await auditSample(other);
    const id = narrativeFindings(r).filter((f) => f.ruleId === 'narrative-identity');
    expect(id.map((f) => [f.severity, f.expected, f.actual])).toEqual([['warning', '2025', '2024']]);
  });
});

describe('each narrative rule fires on its own planted edit', () => {
  it('narrative-income: a source (一般公共预算拨款 2424.73 → 2420.73) against 表01, and the sources against the total', async () => {
    const fs = await planted('共预算拨款 2424.73万元', '共预算拨款 2420.73万元');
    const line = fs.find((f) => f.ruleId === 'narrative-income' && f.expected === '2424.73')!;
    expect(line.locations.filter((l) => !l.quote).map((l) => [l.table, l.row?.replace(/\s+/g, '')])).toEqual([['01', '一、一般公共预算拨款收入']]);
    expect(fs.some((f) => f.ruleId === 'narrative-income' && f.expected === '2420.73' && f.actual === '2424.73')).toBe(true);
  });

  it('narrative-funds: an amount where 表16 has none', async () => {
    const fs = await planted('2025年本部门无政府性基金安排的支出。', '2025年本部门政府性基金预算支出 5.00万元。');
    expect(fs.map((f) => [f.ruleId, f.severity, f.expected, f.actual])).toEqual([['narrative-funds', 'error', '0.00', '5']]);
    expect(fs[0]!.locations.filter((l) => !l.quote).map((l) => [l.table, l.row])).toEqual([['16', '合计']]);
  });

  it('narrative-operating-cost: 机关运行经费 200.88 → 210.88 is a warning against 表07 公用经费', async () => {
    const fs = await planted('机关运行经费 200.88', '机关运行经费 210.88');
    const f = fs.find((x) => x.ruleId === 'narrative-operating-cost')!;
    expect([f.severity, f.expected, f.actual]).toEqual(['warning', '200.88', '210.88']);
    expect(f.locations.filter((l) => !l.quote).map((l) => [l.table, l.column])).toEqual([['07', '基本支出 › 公用经费']]);
  });

  it('narrative-performance: 绩效 基本支出 2032.73 → 2023.73 against 表23', async () => {
    const fs = await planted('其中，基本支出 2032.73万元', '其中，基本支出 2023.73万元');
    expect(fs.map((f) => [f.ruleId, f.expected, f.actual])).toEqual([
      ['narrative-performance', '2032.73', '2023.73'], ['narrative-performance', '2415.73', '2424.73'],
    ]);
    expect(fs[0]!.locations.filter((l) => !l.quote).map((l) => [l.table, l.column])).toEqual([['23', '年度预算申请 › 按支出性质分 › 基本支出']]);
  });
});

describe('a workbook published in 元', () => {
  it('the narrative in 万元 is compared in the tables’ unit: clean, and a planted edit still found', async () => {
    const { loadWorkbook } = await import('../src/loaders/index.js');
    const { audit } = await import('../src/rules/index.js');
    const { SAMPLE } = await import('./support/narrative.js');
    const b = await loadWorkbook(SAMPLE);
    // The same budget in 元: every amount × 10000 (cells and amounts keep pointing at the same Amount objects).
    const tables = { ...b.tables };
    for (const id of Object.keys(tables) as (keyof typeof tables)[]) {
      const t = tables[id];
      tables[id] = {
        ...t,
        rows: t.rows.map((r) => {
          const moved = new Map<unknown, unknown>();
          const amounts = Object.fromEntries(Object.entries(r.amounts).map(([k, a]) => {
            const m = { ...a, value: a.value.times(10000) };
            moved.set(a, m);
            return [k, m];
          }));
          return { ...r, amounts, cells: r.cells.map((a) => (a ? (moved.get(a) as typeof a) : a)) };
        }),
      };
    }
    const inYuan = { ...b, tables, unit: '元' as const };
    const clean = audit({ ...inYuan, narrative: parseNarrativeText(REF, 'x.txt') });
    expect(narrativeFindings(clean).filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
    const edited = audit({ ...inYuan, narrative: parseNarrativeText(plant(REF, '卫生健康支出 97.09\n', '卫生健康支出 98.09\n'), 'x.txt') });
    expect(narrativeFindings(edited, 'error').map((f) => [f.ruleId, f.expected, f.actual])).toEqual([
      ['narrative-expense', '970900.00', '980900'], ['narrative-expense', '2425.72', '2424.73'],
    ]);
  });
});

describe('figures not understood', () => {
  it('are info findings with their quote, counted in the coverage, never errors', async () => {
    const r = await auditSample(plant(REF, '其他收入 0.00万元。', '其他收入 0.00万元，部门间调剂资金 1.50万元。'));
    const info = narrativeFindings(r, 'info').filter((f) => f.ruleId === 'narrative-coverage');
    const unknown = info.find((f) => f.message.zh.includes('未能识别'))!;
    expect(unknown.message.zh).toContain('“1.50万元”（部门间调剂资金）');
    expect(quoteOf(unknown)).toMatchObject({ paragraph: 16 });
    expect(info.find((f) => f.message.en.includes('states 90 figures'))?.message.en).toContain('1 not understood');
    expect(narrativeFindings(r, 'error')).toEqual([]);
  });
});
