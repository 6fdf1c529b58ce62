/** Family B — Income: 01 ⇄ 02 ⇄ 06 ⇄ 23, and each fund ⇄ its expenditure table (16–20). */
import type { TableId } from '../../model/amount.js';
import { INCOME_01_TO_02, INCOME_06 } from '../data/lines.js';
import { missing, type RuleContext, type Term } from '../engine.js';
import { grandTerms, lineTerm } from '../helpers.js';
import type { Rule } from '../rule.js';
import { p } from './common.js';

/** The 01 line by any of its published names (社会保障基金预算资金 = 社会保险基金预算资金). */
function line01(ctx: RuleContext, section: string, names: string[], parent?: string): Term {
  for (const n of names) {
    const node = ctx.index.line('01', section, n, parent);
    if (node?.amount) return node.amount;
  }
  return lineTerm(ctx, '01', section, names[0]!, parent);
}

const SOCIAL_FUND = ['社会保障基金预算资金', '社会保险基金预算资金'];

export const crossIncome: Rule = {
  meta: {
    id: 'cross-income',
    family: 'B',
    severity: 'error',
    tables: ['01', '02', '06', '23'],
    title: { zh: '收入：表01 = 表02 = 表06 = 表23', en: 'Income: 01 = 02 = 06 = 23' },
    identity:
      '表01 各收入行 = 表02 合计行对应列（本年收入合计 = 本年收入 小计，一般公共预算拨款收入 = 一般公共预算 …，收入总计 = 合计）；表06 一般公共预算拨款 / 政府性基金 / 国有资本经营 / 社会保险基金 = 表01 对应收入，表06 上年结转 各项 = 表02 上年结转结余 各列；表23 按收入性质分 一般公共预算 / 政府性基金拨款 / 财政专户管理资金 = 表01 本年收入 + 表02 上年结转结余',
    description: {
      zh: '同一笔收入在收支总表、收入总表、财政拨款收支总表和整体绩效目标表中必须一致。',
      en: 'The same income must agree in the summary table (01), the income table (02), the 财政拨款 summary (06) and the overall performance table (23).',
    },
    example: '表01 一般公共预算拨款收入 2,424.73 = 表02 合计行 一般公共预算 2,424.73',
  },
  check(ctx) {
    if (ctx.need('01', '02')) {
      for (const e of INCOME_01_TO_02) {
        const names = e.line === '社会保障基金预算资金' ? SOCIAL_FUND : [e.line];
        if (e.line === '社会保险基金预算资金') continue;
        ctx.same([line01(ctx, 'income', names, e.parent)], e.columns.flatMap((c) => grandTerms(ctx, '02', c)));
      }
    }
    if (ctx.need('06', '01', '02')) {
      for (const e of INCOME_06) {
        const node =
          ctx.index.line('06', 'income', e.line, e.parent) ??
          (e.parent === '本年收入' || e.parent === '一般公共预算拨款' ? ctx.index.line('06', 'income', e.line) : undefined);
        const t06: Term = node?.amount ?? missing('06', e.line, '收入 › 预算数');
        if (e.line01) {
          const names = e.line01 === '社会保障基金预算资金' ? SOCIAL_FUND : [e.line01];
          ctx.equal(t06, line01(ctx, 'income', names));
        } else if (e.column02) {
          ctx.same([t06], grandTerms(ctx, '02', e.column02));
        }
      }
    }
    if (ctx.need('23', '01', '02')) {
      const by = (n: string) => p('年度预算申请', '按收入性质分', n);
      const pairs: [string, string[], string][] = [
        [by('一般公共预算'), ['一般公共预算拨款收入'], p('上年结转结余', '一般公共预算')],
        [by('政府性基金拨款'), ['政府性基金预算拨款收入'], p('上年结转结余', '政府性基金预算')],
        [by('财政专户管理资金'), ['财政专户管理资金收入'], p('上年结转结余', '财政专户管理资金')],
      ];
      for (const [col23, lines, carry] of pairs) {
        ctx.same(grandTerms(ctx, '23', col23), [line01(ctx, 'income', lines), ...grandTerms(ctx, '02', carry)]);
      }
    }
  },
};

export const crossFundTables: Rule = {
  meta: {
    id: 'cross-fund-tables',
    family: 'B',
    severity: 'error',
    tables: ['01', '02', '07', '16', '17', '18', '19', '20'],
    title: { zh: '各类资金收入 = 其支出表合计', en: 'Each fund\'s income equals its expenditure table\'s total' },
    identity:
      '表01 一般公共预算拨款收入 + 表02 上年结转 一般公共预算 = 表07 合计；政府性基金 = 表16 合计 = 表17 总计 = 表18 总计；国有资本经营 = 表19 合计；财政专户管理资金 = 表20 合计（收入为零 ⇒ 对应表无金额）',
    description: {
      zh: '每类资金的本年收入加上年结转，等于该资金的支出表合计；没有该类收入的部门，其支出表应为空（并附说明）。',
      en: 'Each fund\'s income this year plus its carry-over equals the total of that fund\'s expenditure table; a department without that income publishes the table empty (with a note).',
    },
    example: '表01 政府性基金预算拨款收入 0（空）= 表16 合计 0.00',
  },
  check(ctx) {
    if (!ctx.need('01', '02')) return;
    const funds: { lines: string[]; carry: string; tables: [TableId, string][] }[] = [
      { lines: ['一般公共预算拨款收入'], carry: p('上年结转结余', '一般公共预算'), tables: [['07', '合计']] },
      {
        lines: ['政府性基金预算拨款收入'],
        carry: p('上年结转结余', '政府性基金预算'),
        tables: [['16', '合计'], ['17', '总计'], ['18', '总计']],
      },
      { lines: ['国有资本经营预算拨款收入'], carry: p('上年结转结余', '国有资本经营预算'), tables: [['19', '合计']] },
      { lines: ['财政专户管理资金收入'], carry: p('上年结转结余', '财政专户管理资金'), tables: [['20', '合计']] },
    ];
    for (const f of funds) {
      const income = [line01(ctx, 'income', f.lines), ...grandTerms(ctx, '02', f.carry)];
      for (const [id, col] of f.tables) {
        if (!ctx.need(id)) continue;
        ctx.same(grandTerms(ctx, id, col), income);
      }
    }
  },
};
