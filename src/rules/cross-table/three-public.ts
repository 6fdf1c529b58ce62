/** Family B — 三公: 表15 = 表08 = 表13 = 表14. */
import { THREE_PUBLIC } from '../data/crosswalk.js';
import { grandTerms } from '../helpers.js';
import type { Rule } from '../rule.js';
import { p } from './common.js';
import { row08 } from './economic.js';

export const crossThreePublic: Rule = {
  meta: {
    id: 'cross-three-public',
    family: 'B',
    severity: 'error',
    tables: ['08', '13', '14', '15'],
    title: { zh: '“三公”经费：表15 = 表08 = 表13 = 表14', en: '三公 expenses: 15 = 08 = 13 = 14' },
    identity:
      '表15 公务接待费 = 表08 30217 = 表13 公务接待费 = 表14 公务接待费；公务用车运行费 = 表08 30231 = 表13 / 表14 公务用车运行维护费；因公出国（境）费 = 表08 30212 = 表13 / 表14 因公出国（境）费用',
    description: {
      zh: '“三公”经费表中的每一项，等于基本支出表（08）对应经济科目，以及公用经费明细表（13/14）对应列。表13 有事业单位补助时只比较 08 与 14。',
      en: 'Each 三公 item of 表15 equals the matching economic code in 表08 and the matching column of 表13 / 表14. When 表13 has 对事业单位 amounts only 08 and 14 are compared.',
    },
    example: '表15 公务接待费 5.00 = 表08 30217 公务接待费 5.00 = 表14 公务接待费 5.00',
  },
  check(ctx) {
    if (!ctx.need('15')) return;
    const inst13 = ctx.budget.tables['13']?.found
      ? grandTerms(ctx, '13', p('对事业单位经常性补助', '合计')).some((t) => t !== undefined && !('missing' in t) && !t.value.isZero())
      : true;
    for (const e of THREE_PUBLIC) {
      const t15 = grandTerms(ctx, '15', e.column15);
      if (ctx.need('08')) ctx.same(t15, [row08(ctx, e.code08, e.column14)]);
      if (ctx.need('14')) ctx.same(t15, grandTerms(ctx, '14', e.column14));
      if (!inst13 && ctx.need('13')) ctx.same(t15, grandTerms(ctx, '13', e.column13));
    }
  },
};
