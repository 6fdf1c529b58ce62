/** Family B — Projects: 21 ⇄ 22. */
import type { TableId } from '../../model/amount.js';
import type { Row } from '../../model/table.js';
import { normName } from '../../model/lookup/budget-index.js';
import { missing } from '../engine.js';
import { groupBy, unionKeys } from '../helpers.js';
import type { Rule } from '../rule.js';
import { p } from './common.js';

export const crossProjects: Rule = {
  meta: {
    id: 'cross-projects',
    family: 'B',
    severity: 'error',
    tables: ['21', '22'],
    title: { zh: '项目：表21 与 表22 一一对应且金额相同', en: 'Projects: 21 and 22 list the same projects with the same amounts' },
    identity: '表21 每个专项（单位，名称）= 表22 同名项目 资金总额；表22 每个项目都在 表21 中',
    description: {
      zh: '专项资金预算汇总表中的每个项目都应在项目支出绩效目标表中列出且金额相同，反之亦然。',
      en: 'Every project of the project-fund table (21) must appear in the performance-target table (22) with the same amount, and vice versa.',
    },
    example: '表21 2025年劳动仲裁经费 15.00 = 表22 2025年劳动仲裁经费 资金总额 15.00',
  },
  check(ctx) {
    if (!ctx.need('21', '22')) return;
    const key = (r: Row) => `${r.unitCode ?? ''}|${normName(r.name)}`;
    const projects = (id: TableId) => ctx.index.table(id).details.filter((r) => r.kind === 'project');
    const a = groupBy(projects('21'), key);
    const b = groupBy(projects('22'), key);
    const col21 = p('预算额度', '总计');
    const col22 = '资金总额';
    const keys = unionKeys(a, b);
    for (let ki = 0; ki < keys.length; ki++) {
      const k = keys[ki]!;
      const ra = a.get(k) ?? [];
      const rb = b.get(k) ?? [];
      const n = Math.max(ra.length, rb.length);
      for (let i = 0; i < n; i++) {
        const x = ra[i];
        const y = rb[i];
        const label = (x ?? y)!.name;
        ctx.same([x ? x.amounts[col21] : missing('21', label, col21)], [y ? y.amounts[col22] : missing('22', label, col22)]);
      }
    }
  },
};
