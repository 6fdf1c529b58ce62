/**
 * Crosswalks of the 01 / 06 lines to other tables' columns (rule data). The
 * line hierarchy itself is template vocabulary, in src/model/lines.ts
 * (re-exported here).
 */
export { lineLevel, sectionKind, type LineSectionKind } from '../../model/lines.js';

/**
 * 表01 income lines ↔ 表02 合计 row columns (the same figure). A list means
 * the 01 line is the sum of those 02 columns.
 */
export const INCOME_01_TO_02: { line: string; parent?: string; columns: string[] }[] = [
  { line: '本年收入合计', columns: ['本年收入 › 小计'] },
  { line: '上年结转结余', columns: ['上年结转结余 › 小计'] },
  { line: '收入总计', columns: ['合计'] },
  { line: '一般公共预算拨款收入', columns: ['本年收入 › 一般公共预算'] },
  { line: '政府性基金预算拨款收入', columns: ['本年收入 › 政府性基金预算'] },
  { line: '国有资本经营预算拨款收入', columns: ['本年收入 › 国有资本经营预算'] },
  { line: '社会保障基金预算资金', columns: ['本年收入 › 社会保险基金预算资金'] },
  { line: '社会保险基金预算资金', columns: ['本年收入 › 社会保险基金预算资金'] },
  { line: '财政专户管理资金收入', columns: ['本年收入 › 财政专户管理资金'] },
  {
    line: '上级财政补助收入',
    columns: [
      '本年收入 › 上级财政补助收入 › 一般公共预算补助',
      '本年收入 › 上级财政补助收入 › 政府性基金补助',
      '本年收入 › 上级财政补助收入 › 国有资本经营预算补助',
      '本年收入 › 上级财政补助收入 › 社会保险基金预算资金',
    ],
  },
  { line: '一般公共预算补助', parent: '上级财政补助收入', columns: ['本年收入 › 上级财政补助收入 › 一般公共预算补助'] },
  { line: '政府性基金补助', parent: '上级财政补助收入', columns: ['本年收入 › 上级财政补助收入 › 政府性基金补助'] },
  { line: '国有资本经营预算补助', parent: '上级财政补助收入', columns: ['本年收入 › 上级财政补助收入 › 国有资本经营预算补助'] },
  { line: '事业收入', columns: ['本年收入 › 事业收入'] },
  { line: '事业单位经营收入', columns: ['本年收入 › 事业单位经营收入'] },
  { line: '上级单位补助收入', columns: ['本年收入 › 上级单位补助收入'] },
  { line: '附属单位上缴收入', columns: ['本年收入 › 附属单位上缴收入'] },
  { line: '其他收入', columns: ['本年收入 › 其他收入'] },
];

/** 表06 income lines (by parent line) ↔ 表01 lines / 表02 上年结转结余 columns. */
export const INCOME_06: { line: string; parent: string; line01?: string; parent01?: string; column02?: string }[] = [
  { line: '一般公共预算拨款', parent: '本年收入', line01: '一般公共预算拨款收入' },
  { line: '经费拨款', parent: '一般公共预算拨款', line01: '经费拨款' },
  { line: '纳入一般公共预算管理的非税收入拨款', parent: '一般公共预算拨款', line01: '纳入一般公共预算管理的非税收入拨款' },
  { line: '政府性基金预算拨款', parent: '本年收入', line01: '政府性基金预算拨款收入' },
  { line: '国有资本经营预算拨款', parent: '本年收入', line01: '国有资本经营预算拨款收入' },
  { line: '社会保险基金预算资金', parent: '本年收入', line01: '社会保障基金预算资金' },
  { line: '一般公共预算拨款', parent: '上年结转', column02: '上年结转结余 › 一般公共预算' },
  { line: '政府性基金预算拨款', parent: '上年结转', column02: '上年结转结余 › 政府性基金预算' },
  { line: '国有资本经营预算拨款', parent: '上年结转', column02: '上年结转结余 › 国有资本经营预算' },
  { line: '社会保险基金预算资金', parent: '上年结转', column02: '上年结转结余 › 社会保险基金预算资金' },
];

/**
 * 表01 部门预算经济分类 lines (parent › line) ↔ 表05 合计 row columns.
 * 三、事业单位经营服务支出 ↔ 表03 事业单位经营支出 is in the basic/project rule.
 */
export const DEPT_ECONOMIC_01_TO_05: { line: string; parent?: string; column: string }[] = [
  { line: '基本支出', column: '基本支出 › 合计' },
  { line: '工资福利支出', parent: '基本支出', column: '基本支出 › 工资福利支出' },
  { line: '商品和服务支出', parent: '基本支出', column: '基本支出 › 一般商品和服务支出' },
  { line: '一般商品和服务支出', parent: '基本支出', column: '基本支出 › 一般商品和服务支出' },
  { line: '对个人和家庭的补助', parent: '基本支出', column: '基本支出 › 对个人和家庭的补助' },
  { line: '项目支出', column: '项目支出 › 合计' },
  ...[
    '按项目管理的工资福利支出', '按项目管理的商品和服务支出', '按项目管理的对个人和家庭的补助', '债务利息及费用支出',
    '资本性支出（基本建设）', '资本性支出', '对企业补助（基本建设）', '对企业补助', '对社会保障基金补助', '其他支出',
  ].map((n) => ({ line: n, parent: '项目支出', column: `项目支出 › ${n}` })),
];

/**
 * 表01 政府预算经济分类 lines ↔ 表04 columns. Published line names differ from
 * the 04 header for the two 机关资本性支出 (503 is (一), 504 基本建设 is (二)).
 */
export const GOV_ECONOMIC_ALIASES: Record<string, string> = {
  机关资本性支出: '机关资本性支出(一)',
  '机关资本性支出（基本建设）': '机关资本性支出(二)',
  '机关资本性支出（一）': '机关资本性支出(一)',
  '机关资本性支出（二）': '机关资本性支出(二)',
};
