/** Family B — Economic classification (经济科目): 表08 ⇄ 01 / 05 by 类. */
import { normName } from '../../model/lookup/budget-index.js';
import { DEPT_ECONOMIC_01_TO_05, GOV_ECONOMIC_ALIASES } from '../data/lines.js';
import { missing, type RuleContext, type Term } from '../engine.js';
import { amountKeys, grandTerms, groupBy, rowsByCode } from '../helpers.js';
import type { Rule } from '../rule.js';
import { generalOnly, p } from './common.js';

/** GOV_ECONOMIC_ALIASES by normalized name (the first alias listed for a name). */
const GOV_ALIASES = new Map<string, string>();
for (const [k, v] of Object.entries(GOV_ECONOMIC_ALIASES)) {
  const name = normName(k);
  if (!GOV_ALIASES.has(name)) GOV_ALIASES.set(name, v);
}

/** 表08 类 / 款 row's 合计 (absent → Missing). */
export function row08(ctx: RuleContext, code: string, name: string, key = p('本年一般公共预算基本支出', '合计')): Term | undefined {
  const r = rowsByCode(ctx.index.table('08')).get(code)?.[0];
  return r ? r.amounts[key] : missing('08', `${code} ${name}`, key);
}

export const crossEconomic: Rule = {
  meta: {
    id: 'cross-economic',
    family: 'B',
    severity: 'error',
    tables: ['01', '04', '05', '07', '08'],
    title: { zh: '经济分类：表01 = 表05 / 表04，表08 = 表07（= 表05）', en: 'Economic classification: 01 = 05 / 04, 08 = 07 (= 05)' },
    identity:
      '表01 按部门预算经济分类 各行 = 表05 合计行对应列；表01 按政府预算经济分类 各行 = 表04 合计行对应列；表08 人员经费 = 表07 工资福利支出 + 对个人和家庭的补助，表08 公用经费 = 表07 公用经费，表08 301 = 表07 工资福利支出，表08 303 = 表07 对个人和家庭的补助；只有一般公共预算时 表08 301 / 302 / 303 = 表05 基本支出 工资福利 / 一般商品和服务 / 对个人和家庭的补助',
    description: {
      zh: '同一支出按经济分类在收支总表、分类汇总表（04/05）、一般公共预算支出表和基本支出表中一致。',
      en: 'Expenditure by economic class agrees between the summary table, the classification tables (04/05), the 一般公共预算 table (07) and the basic-expenditure table (08).',
    },
    example: '表01 工资福利支出 1,797.18 = 表05 合计行 基本支出 › 工资福利支出 1,797.18',
  },
  check(ctx) {
    if (ctx.need('01', '05')) {
      const byColumn = groupBy(DEPT_ECONOMIC_01_TO_05, (e) => e.column);
      for (const [column, entries] of byColumn) {
        let t: Term | undefined;
        for (const e of entries) {
          t = ctx.index.line('01', 'deptEconomic', e.line, e.parent)?.amount;
          if (t) break;
        }
        ctx.same([t ?? missing('01', entries[0]!.line, '支出 › 预算数')], grandTerms(ctx, '05', column));
      }
    }
    if (ctx.need('01', '04')) {
      const s = ctx.index.lineSection('01', 'govEconomic');
      const byName = new Map<string, Term>();
      for (const n of s?.nodes ?? []) {
        if (n.role !== 'item' || !n.amount) continue;
        const alias = GOV_ALIASES.get(n.name);
        byName.set(normName(alias ?? n.name), n.amount);
      }
      for (const key of amountKeys('04')) {
        if (key === '总计') continue;
        ctx.same([byName.get(normName(key)) ?? missing('01', key, '支出 › 预算数')], grandTerms(ctx, '04', key));
      }
    }
    if (ctx.need('07', '08')) {
      const pers = p('本年一般公共预算基本支出', '人员经费');
      const pub = p('本年一般公共预算基本支出', '公用经费');
      const salary = p('基本支出', '人员经费', '工资福利支出');
      const household = p('基本支出', '人员经费', '对个人和家庭的补助');
      ctx.same(grandTerms(ctx, '08', pers), [...grandTerms(ctx, '07', salary), ...grandTerms(ctx, '07', household)]);
      ctx.same(grandTerms(ctx, '08', pub), grandTerms(ctx, '07', p('基本支出', '公用经费')));
      ctx.same([row08(ctx, '301', '工资福利支出')], grandTerms(ctx, '07', salary));
      ctx.same([row08(ctx, '303', '对个人和家庭的补助')], grandTerms(ctx, '07', household));
    }
    if (generalOnly(ctx) && ctx.need('05', '08')) {
      ctx.same([row08(ctx, '301', '工资福利支出')], grandTerms(ctx, '05', p('基本支出', '工资福利支出')));
      ctx.same([row08(ctx, '302', '商品和服务支出')], grandTerms(ctx, '05', p('基本支出', '一般商品和服务支出')));
      ctx.same([row08(ctx, '303', '对个人和家庭的补助')], grandTerms(ctx, '05', p('基本支出', '对个人和家庭的补助')));
    }
  },
};
