/**
 * A narrative for another department: a generated budget of several units
 * with 政府性基金 income and projects, its narrative written in the
 * template's sentences with the figures the generator publishes (each the
 * 元-sum of its leaves rounded to 0.01 万元, as a department's budget system
 * prints it). It must check clean; one with a project left out of the list
 * is reported as a partial list (no Σ check, an info), never as an error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkbook } from '../src/loaders/index.js';
import type { Budget } from '../src/model/budget.js';
import { setAmount } from '../src/model/table.js';
import { parseNarrativeText } from '../src/narrative/parse.js';
import { audit } from '../src/rules/index.js';
import { FUNCTION_CLASSES, generateBudget, writeGeneratedBudget, yuanToWan, type GeneratedBudget } from './support/generator.js';

const dir = mkdtempSync(path.join(tmpdir(), 'narrative-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let g: GeneratedBudget;
let budget: Budget;
beforeAll(async () => {
  g = generateBudget(20250905, { units: 3, functionRows: 6, governmentFunds: true });
  const file = path.join(dir, 'generated.xlsx');
  writeGeneratedBudget(g, file);
  budget = await loadWorkbook(file);
});

const wan = (yuan: number) => yuanToWan(yuan);
/** A total-row figure of a generated table (元 → 万元 string). */
function total(id: string, key: string): string {
  const t = g.tables.find((x) => x.id === id)!;
  return wan(t.rows.find((r) => r.kind === 'total')!.yuan.get(key) ?? 0);
}

interface Written {
  text: string;
  projects: number;
}

/**
 * The narrative, sentence by sentence as the provincial template words it.
 * Generated project names end in a number ("…救助3"): a space keeps it off the amount, as the reference's spacing does.
 */
function writeNarrative(opts: { dropProject?: boolean; carry?: string; meeting?: string } = {}): Written {
  const m = g.model;
  const y = m.year;
  const leaves = [...m.basic.map((l) => ({ ...l, fund: 'gpGrant', project: false })), ...m.projects.map((p) => ({ ...p, project: true }))];
  const sumOf = (ls: { yuan: number }[]) => ls.reduce((s, l) => s + l.yuan, 0);
  const gp = leaves.filter((l) => l.fund !== 'gf');
  const gf = leaves.filter((l) => l.fund === 'gf');
  const byClass = (ls: typeof leaves) => {
    const out = new Map<string, number>();
    for (const l of ls) out.set(l.fn.slice(0, 3), (out.get(l.fn.slice(0, 3)) ?? 0) + l.yuan);
    return [...out].sort(([a], [b]) => a.localeCompare(b));
  };
  const carry = opts.carry ?? '0.00';
  const income = new Decimal(wan(sumOf(leaves))).plus(carry).toFixed(2);
  const gpTotal = wan(sumOf(gp));
  const share = (yuan: number) => new Decimal(wan(yuan)).div(gpTotal).times(100).toFixed(2);
  let gpProjects = m.projects.filter((p) => p.fund !== 'gf');
  if (opts.dropProject) gpProjects = gpProjects.slice(1);
  const gfProjects = m.projects.filter((p) => p.fund === 'gf');
  const lines = [
    `第一部分 ${y}年部门预算公开说明`,
    '一、部门基本概况',
    `（一）职能职责`,
    `${m.department.name}的主要职责是：贯彻执行国家、省、市有关方针政策。`,
    '二、部门预算单位构成',
    `${m.department.name}部门预算由${m.units.length}个单位组成：${m.units.map((u) => u.name).join('、')}。`,
    '三、部门收支总体情况',
    `（一）收入预算：${y}年本部门收入预算${income}万元，其中：一般公共预算拨款${gpTotal}万元，政府性基金预算拨款${wan(sumOf(gf))}万元，上年结转${carry}万元。`,
    `（二）支出预算：${y}年本部门支出预算${wan(sumOf(leaves))}万元，其中：${byClass(leaves).map(([c, v]) => `${FUNCTION_CLASSES[c]}${wan(v)}万元`).join('，')}。`,
    '四、一般公共预算拨款支出',
    `${y}年本部门一般公共预算拨款支出${gpTotal}万元，其中：${byClass(gp).map(([c, v]) => `${FUNCTION_CLASSES[c]}${wan(v)}万元，占${share(v)}%`).join('；')}。具体安排情况如下：`,
    `（一）基本支出：${y}年本部门基本支出预算数${wan(sumOf(gp.filter((l) => !l.project)))}万元，主要是为保障部门正常运转而发生的各项支出。`,
    `（二）项目支出：${y}年本部门项目支出预算${wan(sumOf(gp.filter((l) => l.project)))}万元，其中：${gpProjects.map((p) => `${p.name} ${wan(p.yuan)}万元，主要用于${p.name.replace(/^\d+年/, '')}工作`).join('；')}。`,
    '五、政府性基金预算支出',
    `${y}年本部门政府性基金预算支出${wan(sumOf(gf))}万元，其中：${gfProjects.map((p) => `${p.name} ${wan(p.yuan)}万元`).join('；')}。`,
    '六、国有资本经营预算支出',
    `${y}年本部门无国有资本经营预算安排的支出。`,
    '七、其他重要事项的情况说明',
    `（一）机关运行经费：${y}年本部门机关运行经费${total('07', '基本支出 › 公用经费')}万元。`,
    `（二）“三公”经费预算：${y}年本部门“三公”经费预算数为${total('15', '“三公”经费合计')}万元，其中，公务接待费${total('15', '公务接待费')}万元，` +
      `公务用车购置及运行费${total('15', '公务用车购置及运行费 › 小计')}万元（其中，公务用车购置费${total('15', '公务用车购置及运行费 › 公务用车购置费')}万元，` +
      `公务用车运行费${total('15', '公务用车购置及运行费 › 公务用车运行费')}万元），因公出国（境）费${total('15', '因公出国（境）费')}万元。`,
    ...(opts.meeting ? [`（五）一般性支出情况：${y}年本部门会议费预算 ${opts.meeting}万元，人数 60人。`] : []),
    `（三）政府采购情况：${y}年本部门政府采购预算总额150万元，其中，货物类采购预算100万元；工程类采购预算0万元；服务类采购预算50万元。`,
    `（四）预算绩效目标说明：纳入${y}年部门整体支出绩效目标的金额为${wan(sumOf(leaves))}万元，其中，基本支出${wan(sumOf(leaves.filter((l) => !l.project)))}万元，项目支出${wan(sumOf(leaves.filter((l) => l.project)))}万元。`,
  ];
  return { text: lines.join('\n'), projects: gpProjects.length + gfProjects.length };
}

describe('a generated three-unit budget with 政府性基金 and its narrative', () => {
  it('checks clean, every stated money figure checked', () => {
    expect(g.model.projects.some((p) => p.fund === 'gf')).toBe(true);
    expect(g.model.units).toHaveLength(3);
    const w = writeNarrative();
    const n = parseNarrativeText(w.text, 'generated说明.txt');
    expect(n.statements.filter((s) => s.subject === 'project')).toHaveLength(w.projects);
    expect(n.statements.find((s) => s.subject === 'income.source' && s.name === '政府性基金预算拨款收入')?.figure?.value.gt(0)).toBe(true);
    const r = audit({ ...budget, narrative: n });
    const bad = r.findings.filter((f) => f.ruleId.startsWith('narrative-') && f.severity !== 'info');
    expect(bad.map((f) => `${f.ruleId} ${f.severity} ${f.message.zh} ${f.expected} ${f.actual}`)).toEqual([]);
    expect(r.findings.filter((f) => f.ruleId.startsWith('narrative-') && f.severity === 'info').map((f) => f.ruleId)).toEqual(['narrative-coverage']);
    const money = n.figures.filter((f) => f.kind !== 'count');
    expect(money.filter((f) => !f.checked)).toEqual([]);
    // The whole workbook is consistent too: no table finding fails either.
    expect(r.summary.error).toBe(0);
  });

  it('a project left out of the list: the others still checked, Σ not applied, an info says the list is partial', () => {
    const n = parseNarrativeText(writeNarrative({ dropProject: true }).text, 'generated说明.txt');
    const r = audit({ ...budget, narrative: n });
    expect(r.findings.filter((f) => f.ruleId.startsWith('narrative-') && (f.severity === 'error' || f.severity === 'warning'))).toEqual([]);
    const partial = r.findings.filter((f) => f.ruleId === 'narrative-project' && f.severity === 'info');
    expect(partial).toHaveLength(1);
    expect(partial[0]!.message.en).toContain(g.model.projects.filter((p) => p.fund !== 'gf')[0]!.name);
  });

  it('narrative-meeting-training: a 会议费 below 表08 30215 (basic expenditure only) is an error; above it is not', () => {
    const meeting = g.model.basic.filter((l) => l.econ === '30215').reduce((s, l) => s + l.yuan, 0);
    expect(meeting).toBeGreaterThan(20_000); // the seed gives 30215 lines of ≥ 2 万元
    const basic = new Decimal(wan(meeting));
    const below = audit({ ...budget, narrative: parseNarrativeText(writeNarrative({ meeting: basic.minus(1).toFixed(2) }).text, 'x.txt') });
    const f = below.findings.filter((x) => x.ruleId === 'narrative-meeting-training');
    expect(f.map((x) => [x.severity, x.expected])).toEqual([['error', `≥ ${basic.toFixed(2)}`]]);
    expect(f[0]!.locations.filter((l) => !l.quote).every((l) => l.table === '08' && l.row?.includes('30215'))).toBe(true);
    const above = audit({ ...budget, narrative: parseNarrativeText(writeNarrative({ meeting: basic.plus(3).toFixed(0) }).text, 'x.txt') });
    expect(above.findings.filter((x) => x.ruleId === 'narrative-meeting-training')).toEqual([]);
  });

  it('上年结转 stated: the income total is 表01 收入总计 (planted in memory: 上年结转结余 12.34)', () => {
    const b: Budget = { ...budget, tables: { ...budget.tables } };
    const t01 = b.tables['01'];
    const carryRow = t01.rows.find((r) => r.section === 'income' && r.name === '上年结转结余')!;
    const grandRow = t01.rows.find((r) => r.section === 'income' && r.name === '收入总计')!;
    const key = Object.keys(carryRow.amounts)[0]!;
    const carryCell = carryRow.amounts[key]!;
    const grandCell = grandRow.amounts[key]!;
    const saved = [carryCell, grandCell];
    try {
      setAmount(carryRow, key, { ...carryCell, value: new Decimal('12.34'), blank: false });
      setAmount(grandRow, key, { ...grandCell, value: grandCell.value.plus('12.34'), blank: false });
      const n = parseNarrativeText(writeNarrative({ carry: '12.34' }).text, 'generated说明.txt');
      const r = audit({ ...b, narrative: n });
      expect(r.findings.filter((f) => f.ruleId === 'narrative-income' && f.severity === 'error')).toEqual([]);
      // The same narrative without the 上年结转 in the tables: its source and total are flagged.
      setAmount(carryRow, key, saved[0]!);
      setAmount(grandRow, key, saved[1]!);
      const r2 = audit({ ...b, narrative: parseNarrativeText(writeNarrative({ carry: '12.34' }).text, 'x.txt') });
      const errs = r2.findings.filter((f) => f.ruleId === 'narrative-income' && f.severity === 'error');
      expect(errs.map((f) => f.actual).sort()).toEqual([new Decimal(grandCell.value).plus('12.34').toString(), '12.34'].sort());
    } finally {
      setAmount(carryRow, key, saved[0]!);
      setAmount(grandRow, key, saved[1]!);
    }
  });
});
