/** Family B — 基本支出 / 项目支出 totals: the same two figures in 01, 03, 05, 07, 08, 21, 23. */
import type { TableId } from '../../model/amount.js';
import { missing, type RuleContext, type Term } from '../engine.js';
import { grandTerms, lineTerm } from '../helpers.js';
import type { Rule } from '../rule.js';
import { generalOnly, p } from './common.js';

type Getter = () => (Term | undefined)[];

/** Compares each available figure with the first available one. */
function chain(ctx: RuleContext, items: [TableId, Getter][]): void {
  const present = items.filter(([id]) => ctx.need(id));
  const anchor = present[0];
  if (!anchor) return;
  const a = anchor[1]();
  for (const [, get] of present.slice(1)) ctx.same(get(), a);
}

const line = (ctx: RuleContext, section: string, name: string): Getter => () => [lineTerm(ctx, '01', section, name)];
const grand = (ctx: RuleContext, id: TableId, key: string): Getter => () => grandTerms(ctx, id, key);

/** The 01 function block's 本年支出合计. */
function expenditureTotal01(ctx: RuleContext): Getter {
  return () => {
    const node = ctx.index.lineSection('01', 'function')?.nodes.find((n) => n.role === 'subtotal');
    return [node?.amount ?? missing('01', '本年支出合计', '支出 › 预算数')];
  };
}

export const crossBasicProject: Rule = {
  meta: {
    id: 'cross-basic-project',
    family: 'B',
    severity: 'error',
    tables: ['01', '03', '04', '05', '07', '08', '16', '19', '21', '23'],
    title: { zh: '基本支出、项目支出及支出合计在各表一致', en: '基本支出, 项目支出 and total expenditure agree across tables' },
    identity:
      '基本支出：表01 = 表03 = 表05 = 表23；项目支出：表01 = 表03 = 表05 = 表23；本年支出合计：表01 = 表03 合计 = 表04 总计 = 表05 总计 = 表23 资金总额；事业单位经营支出：表01 = 表03；一般公共预算：表07 基本支出 小计 = 表08 合计，表07 项目支出 = 表21 一般公共预算小计，表16 项目支出 = 表21 政府性基金，表19 项目支出 = 表21 国有资本经营预算；只有一般公共预算时 表07 = 表03（合计、基本、项目），表21 总计 = 表03 项目支出',
    description: {
      zh: '同一笔基本支出、项目支出在收支总表、支出总表、分类汇总表、一般公共预算支出表、基本支出表、专项资金表和整体绩效目标表中必须一致。',
      en: 'The same 基本支出 and 项目支出 totals must agree in the summary, expenditure, classification, 一般公共预算, basic-expenditure, project-fund and overall-performance tables.',
    },
    example: '表01 一、基本支出 2,032.73 = 表03 合计行 基本支出 2,032.73 = 表23 基本支出 2,032.73',
  },
  check(ctx) {
    chain(ctx, [
      ['01', line(ctx, 'deptEconomic', '基本支出')],
      ['03', grand(ctx, '03', '基本支出')],
      ['05', grand(ctx, '05', p('基本支出', '合计'))],
      ['23', grand(ctx, '23', p('年度预算申请', '按支出性质分', '基本支出'))],
    ]);
    chain(ctx, [
      ['01', line(ctx, 'deptEconomic', '项目支出')],
      ['03', grand(ctx, '03', '项目支出')],
      ['05', grand(ctx, '05', p('项目支出', '合计'))],
      ['23', grand(ctx, '23', p('年度预算申请', '按支出性质分', '项目支出'))],
    ]);
    chain(ctx, [
      ['01', expenditureTotal01(ctx)],
      ['03', grand(ctx, '03', '合计')],
      ['04', grand(ctx, '04', '总计')],
      ['05', grand(ctx, '05', '总计')],
      ['23', grand(ctx, '23', p('年度预算申请', '资金总额'))],
    ]);
    chain(ctx, [
      ['01', line(ctx, 'deptEconomic', '事业单位经营服务支出')],
      ['03', grand(ctx, '03', '事业单位经营支出')],
    ]);
    chain(ctx, [
      ['07', grand(ctx, '07', p('基本支出', '小计'))],
      ['08', grand(ctx, '08', p('本年一般公共预算基本支出', '合计'))],
    ]);
    const gp21 = p('预算额度', '一般公共预算', '一般公共预算小计');
    chain(ctx, [['07', grand(ctx, '07', '项目支出')], ['21', grand(ctx, '21', gp21)]]);
    chain(ctx, [['16', grand(ctx, '16', '项目支出')], ['21', grand(ctx, '21', p('预算额度', '政府性基金'))]]);
    chain(ctx, [['19', grand(ctx, '19', '项目支出')], ['21', grand(ctx, '21', p('预算额度', '国有资本经营预算'))]]);
    if (generalOnly(ctx)) {
      chain(ctx, [['03', grand(ctx, '03', '合计')], ['07', grand(ctx, '07', '合计')]]);
      chain(ctx, [['03', grand(ctx, '03', '基本支出')], ['07', grand(ctx, '07', p('基本支出', '小计'))]]);
      chain(ctx, [['03', grand(ctx, '03', '项目支出')], ['07', grand(ctx, '07', '项目支出')]]);
      chain(ctx, [['03', grand(ctx, '03', '项目支出')], ['21', grand(ctx, '21', p('预算额度', '总计'))]]);
    }
  },
};
