/** Family B — Basic-expenditure detail: 08 ⇄ 09–14 (人员经费 / 公用经费 by 经济科目, through the crosswalk, and by 功能科目). */
import type { Row } from '../../model/table.js';
import { CLASS_TABLES, GOV_DEPT, ITEM_COLUMNS } from '../data/crosswalk.js';
import { missing, type Term } from '../engine.js';
import { columns, grandTerms, groupBy, rowsByCode, unionKeys } from '../helpers.js';
import type { Rule } from '../rule.js';
import { p } from './common.js';
import { compareByCode } from './functional.js';
import { row08 } from './economic.js';

export const crossBasicChain: Rule = {
  meta: {
    id: 'cross-basic-chain',
    family: 'B',
    severity: 'error',
    tables: ['08', '09', '10', '11', '12', '13', '14'],
    title: { zh: '基本支出明细：表08 ⇄ 表09–14', en: 'Basic expenditure detail: 08 ⇄ 09–14' },
    identity:
      '表08 301 工资福利支出 = 表09 总计 = 表10 总计；303 对个人和家庭的补助 = 表11 总计 = 表12 总计；302 商品和服务支出 = 表13 总计 = 表14 总计；表08 各 款（30101 基本工资、30102 津贴补贴、30103 奖金、30108–30113 社保/公积金、30201 办公费、30217 公务接待费、30228 工会经费、30302 退休费、30399 …）= 表10 / 12 / 14 合计行对应列',
    description: {
      zh: '一般公共预算基本支出表（08）按经济科目列出的每一类、每一款，等于人员经费、公用经费明细表（09–14）的对应总计和对应列。',
      en: 'Each economic 类 and 款 of the basic-expenditure table (08) equals the matching total and column of the 人员经费 / 公用经费 detail tables (09–14).',
    },
    example: '表08 30228 工会经费 26.92 = 表14 合计行 工会经费 26.92',
  },
  check(ctx) {
    if (!ctx.need('08')) return;
    for (const c of CLASS_TABLES) {
      const t08 = row08(ctx, c.code, c.name);
      if (ctx.need(c.gov)) ctx.same(grandTerms(ctx, c.gov, '总计'), [t08]);
      if (ctx.need(c.dept)) ctx.same(grandTerms(ctx, c.dept, '总计'), [t08]);
    }
    const codes = rowsByCode(ctx.index.table('08'));
    for (const item of ITEM_COLUMNS) {
      if (!ctx.budget.tables[item.table]?.found) {
        ctx.need(item.table);
        continue;
      }
      const r = codes.get(item.code)?.[0];
      const other = grandTerms(ctx, item.table, item.column);
      // Codes the department doesn't use (no 08 row, blank column) aren't checks.
      if (!r && other.every((t) => t !== undefined && ('missing' in t || t.blank))) continue;
      ctx.same([row08(ctx, item.code, item.name)], other);
    }
  },
};

function rowKey(r: Row): string | undefined {
  if (r.kind === 'total') return 'total';
  if (r.kind === 'function') return `function|${r.unitCode ?? ''}|${r.code ?? ''}`;
  if (r.kind === 'department' || r.kind === 'unit') return `${r.kind}|${r.code ?? ''}`;
  return undefined;
}

export const crossCrosswalk: Rule = {
  meta: {
    id: 'cross-crosswalk',
    family: 'B',
    severity: 'error',
    tables: ['09', '10', '11', '12', '13', '14'],
    title: { zh: '政府预算与部门预算经济分类对照：09 ⇄ 10，11 ⇄ 12，13 ⇄ 14', en: '政府预算 vs 部门预算 economic classes: 09 ⇄ 10, 11 ⇄ 12, 13 ⇄ 14' },
    identity:
      '逐行（合计、部门、单位、功能科目）：表09 总计 = 表10 总计，工资奖金津补贴 = 工资津补贴 合计，社会保障缴费 = 社会保障缴费 合计 …；表11 离退休费 = 表12 离休费 + 退休费 …；表13 办公经费 = 表14 办公费 + 印刷费 + 手续费 + 水费 + 电费 + 邮电费 + 取暖费 + 物业管理费 + 差旅费 + 租赁费 + 工会经费 + 福利费 + 其他交通费用 + 税金及附加费用，委托业务费 = 咨询费 + 劳务费 + 委托业务费 …（对照表见 src/rules/data/crosswalk.ts）',
    description: {
      zh: '同一笔人员经费、公用经费按政府预算经济分类（09/11/13）和部门预算经济分类（10/12/14）各列一次，两者通过标准对照表逐行相等。事业单位行（对事业单位经常性补助有金额）只比较总计。',
      en: 'The same 人员经费 / 公用经费 is published by 政府预算 class (09/11/13) and by 部门预算 class (10/12/14); row by row they agree through the standard crosswalk. Rows of 事业单位 (with 对事业单位经常性补助) compare only their 总计.',
    },
    example: '表13 办公经费 195.88 = 表14 办公费 168.96 + 工会经费 26.92',
  },
  check(ctx) {
    for (const pair of GOV_DEPT) {
      if (!ctx.need(pair.gov, pair.dept)) continue;
      const ga = groupBy(ctx.budget.tables[pair.gov].rows, rowKey);
      const gb = groupBy(ctx.budget.tables[pair.dept].rows, rowKey);
      const keys = unionKeys(ga, gb);
      for (let ki = 0; ki < keys.length; ki++) {
        const k = keys[ki]!;
        const a = ga.get(k)?.[0];
        const b = gb.get(k)?.[0];
        const label = (a ?? b)!.label;
        const institution = pair.publicInstitution && a?.amounts[pair.publicInstitution];
        const detailed = !(institution && !institution.value.isZero());
        for (let ei = 0; ei < pair.entries.length; ei++) {
          const e = pair.entries[ei]!;
          if (!detailed && e.gov !== '总计') continue;
          const left: (Term | undefined)[] = [a ? a.amounts[e.gov] : missing(pair.gov, label, e.gov)];
          const right: (Term | undefined)[] = b ? columns([b], e.dept) : [missing(pair.dept, label, e.dept.join(' + '))];
          ctx.same(left, right);
        }
      }
    }
  },
};

export const crossBasicByCode: Rule = {
  meta: {
    id: 'cross-basic-by-code',
    family: 'B',
    severity: 'error',
    tables: ['07', '09', '11', '13'],
    title: { zh: '人员经费、公用经费按功能科目：表07 = 表09 / 11 / 13', en: '人员经费 / 公用经费 by 功能科目: 07 = 09 / 11 / 13' },
    identity:
      '每个（单位，项 编码）：表07 人员经费 工资福利支出 = 表09 总计；表07 人员经费 对个人和家庭的补助 = 表11 总计；表07 公用经费 = 表13 总计',
    description: {
      zh: '一般公共预算支出表中每个功能科目的人员经费、公用经费，等于基本支出明细表中同一功能科目的总计。',
      en: 'For each functional code, the 人员经费 and 公用经费 of the 一般公共预算 table equal the 总计 of the same code in the basic-expenditure detail tables.',
    },
    example: '表07 2080101 行政运行 工资福利支出 1,354.78 = 表09 201001 2080101 总计 1,354.78',
  },
  check(ctx) {
    if (ctx.need('07', '09')) compareByCode(ctx, '07', [p('基本支出', '人员经费', '工资福利支出')], '09', ['总计']);
    if (ctx.need('07', '11')) compareByCode(ctx, '07', [p('基本支出', '人员经费', '对个人和家庭的补助')], '11', ['总计']);
    if (ctx.need('07', '13')) compareByCode(ctx, '07', [p('基本支出', '公用经费')], '13', ['总计']);
  },
};
