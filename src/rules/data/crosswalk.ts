/**
 * The economic-classification crosswalks the 基本支出 tables are tied by, as data:
 * - 表08 部门预算经济分类 款 codes ↔ their columns in 表10 / 表12 / 表14;
 * - 政府预算经济分类 (表09 / 11 / 13) ↔ 部门预算经济分类 (表10 / 12 / 14): the
 *   standard 两套支出经济分类科目对照表 (财政部 2018 支出经济分类改革), e.g.
 *   50201 办公经费 ⊇ 30201 办公费 + 30202 印刷费 + … + 30228 工会经费 + 30229 福利费.
 * Another province's or year's crosswalk is another copy of these tables.
 */
import { PATH_SEP, type TableId } from '../../model/amount.js';

const p = (...parts: string[]): string => parts.join(PATH_SEP);

export interface ItemColumn {
  /** 表08 经济科目 款 code. */
  code: string;
  name: string;
  table: TableId;
  /** Column key in that table. */
  column: string;
}

/** 301 工资福利支出 款 ↔ 表10 columns. */
const SALARY: [string, string, string][] = [
  ['30101', '基本工资', p('工资津补贴', '基本工资')],
  ['30102', '津贴补贴', p('工资津补贴', '津贴补贴')],
  ['30103', '奖金', p('工资津补贴', '奖金')],
  ['30107', '绩效工资', p('工资津补贴', '绩效工资')],
  ['30108', '机关事业单位基本养老保险缴费', p('社会保障缴费', '机关事业单位基本养老保险缴费')],
  ['30109', '职业年金缴费', p('社会保障缴费', '职业年金缴费')],
  ['30110', '职工基本医疗保险缴费', p('社会保障缴费', '职工基本医疗保险缴费')],
  ['30111', '公务员医疗补助缴费', p('社会保障缴费', '公务员医疗补助缴费')],
  ['30112', '其他社会保障缴费', p('社会保障缴费', '其他社会保障缴费')],
  ['30113', '住房公积金', '住房公积金'],
  ['30106', '伙食补助费', p('其他工资福利支出', '伙食补助费')],
  ['30114', '医疗费', p('其他工资福利支出', '医疗费')],
  ['30199', '其他工资福利支出', p('其他工资福利支出', '其他工资福利支出')],
];

/** 303 对个人和家庭的补助 款 ↔ 表12 columns. */
const HOUSEHOLD: [string, string][] = [
  ['30301', '离休费'],
  ['30302', '退休费'],
  ['30303', '退职（役）费'],
  ['30304', '抚恤金'],
  ['30305', '生活补助'],
  ['30306', '救济费'],
  ['30307', '医疗费补助'],
  ['30308', '助学金'],
  ['30309', '奖励金'],
  ['30310', '个人农业生产补贴'],
  ['30311', '代缴社会保险费'],
  ['30399', '其他对个人和家庭的补助'],
];

/** 302 商品和服务支出 款 ↔ 表14 columns. */
const GOODS: [string, string][] = [
  ['30201', '办公费'],
  ['30202', '印刷费'],
  ['30203', '咨询费'],
  ['30204', '手续费'],
  ['30205', '水费'],
  ['30206', '电费'],
  ['30207', '邮电费'],
  ['30208', '取暖费'],
  ['30209', '物业管理费'],
  ['30211', '差旅费'],
  ['30212', '因公出国（境）费用'],
  ['30213', '维修(护)费'],
  ['30214', '租赁费'],
  ['30215', '会议费'],
  ['30216', '培训费'],
  ['30217', '公务接待费'],
  ['30218', '专用材料费'],
  ['30224', '被装购置费'],
  ['30225', '专用燃料费'],
  ['30226', '劳务费'],
  ['30227', '委托业务费'],
  ['30228', '工会经费'],
  ['30229', '福利费'],
  ['30231', '公务用车运行维护费'],
  ['30239', '其他交通费用'],
  ['30240', '税金及附加费用'],
  ['30299', '其他商品和服务支出'],
];

export const ITEM_COLUMNS: ItemColumn[] = [
  ...SALARY.map(([code, name, column]) => ({ code, name, table: '10' as TableId, column })),
  ...HOUSEHOLD.map(([code, name]) => ({ code, name, table: '12' as TableId, column: name })),
  ...GOODS.map(([code, name]) => ({ code, name, table: '14' as TableId, column: name })),
];

/** 表08 经济科目 类 ↔ the pair of tables that detail it (政府预算 / 部门预算 versions). */
export const CLASS_TABLES: { code: string; name: string; gov: TableId; dept: TableId }[] = [
  { code: '301', name: '工资福利支出', gov: '09', dept: '10' },
  { code: '302', name: '商品和服务支出', gov: '13', dept: '14' },
  { code: '303', name: '对个人和家庭的补助', gov: '11', dept: '12' },
];

export interface GovDeptEntry {
  /** Column of the 政府预算 table. */
  gov: string;
  /** Columns of the 部门预算 table that add up to it. */
  dept: string[];
}

export interface GovDeptPair {
  gov: TableId;
  dept: TableId;
  /**
   * 政府预算 column holding 对事业单位经常性补助 (09 / 13): a row with an amount there
   * is a 事业单位's, whose detail isn't split by 机关 columns — only 总计 is compared.
   */
  publicInstitution?: string;
  entries: GovDeptEntry[];
}

export const GOV_DEPT: GovDeptPair[] = [
  {
    gov: '09',
    dept: '10',
    publicInstitution: p('对事业单位经常性补助', '合计'),
    entries: [
      { gov: '总计', dept: ['总计'] },
      { gov: p('机关工资福利支出', '工资奖金津补贴'), dept: [p('工资津补贴', '合计')] },
      { gov: p('机关工资福利支出', '社会保障缴费'), dept: [p('社会保障缴费', '合计')] },
      { gov: p('机关工资福利支出', '住房公积金'), dept: ['住房公积金'] },
      { gov: p('机关工资福利支出', '其他工资福利支出'), dept: [p('其他工资福利支出', '合计')] },
    ],
  },
  {
    gov: '11',
    dept: '12',
    entries: [
      { gov: '总计', dept: ['总计'] },
      { gov: '社会福利和救济', dept: ['抚恤金', '生活补助', '救济费', '医疗费补助'] },
      { gov: '助学金', dept: ['助学金'] },
      { gov: '个人农业生产补贴', dept: ['个人农业生产补贴'] },
      { gov: '离退休费', dept: ['离休费', '退休费'] },
      { gov: '其他对个人和家庭的补助', dept: ['退职（役）费', '奖励金', '代缴社会保险费', '其他对个人和家庭的补助'] },
    ],
  },
  {
    gov: '13',
    dept: '14',
    publicInstitution: p('对事业单位经常性补助', '合计'),
    entries: [
      { gov: '总计', dept: ['总计'] },
      {
        gov: p('机关商品和服务支出', '办公经费'),
        dept: ['办公费', '印刷费', '手续费', '水费', '电费', '邮电费', '取暖费', '物业管理费', '差旅费', '租赁费',
          '工会经费', '福利费', '其他交通费用', '税金及附加费用'],
      },
      { gov: p('机关商品和服务支出', '会议费'), dept: ['会议费'] },
      { gov: p('机关商品和服务支出', '培训费'), dept: ['培训费'] },
      { gov: p('机关商品和服务支出', '专用材料购置费'), dept: ['专用材料费', '被装购置费', '专用燃料费'] },
      { gov: p('机关商品和服务支出', '委托业务费'), dept: ['咨询费', '劳务费', '委托业务费'] },
      { gov: p('机关商品和服务支出', '公务接待费'), dept: ['公务接待费'] },
      { gov: p('机关商品和服务支出', '因公出国（境）费用'), dept: ['因公出国（境）费用'] },
      { gov: p('机关商品和服务支出', '公务用车运行维护费'), dept: ['公务用车运行维护费'] },
      { gov: p('机关商品和服务支出', '维修(护)费'), dept: ['维修(护)费'] },
      { gov: p('机关商品和服务支出', '其他商品和服务支出'), dept: ['其他商品和服务支出'] },
    ],
  },
];

/** 三公: 表15 column ↔ 表08 款 code ↔ 表13 / 表14 columns. */
export const THREE_PUBLIC: { column15: string; code08: string; column13: string; column14: string }[] = [
  { column15: '公务接待费', code08: '30217', column13: p('机关商品和服务支出', '公务接待费'), column14: '公务接待费' },
  {
    column15: p('公务用车购置及运行费', '公务用车运行费'),
    code08: '30231',
    column13: p('机关商品和服务支出', '公务用车运行维护费'),
    column14: '公务用车运行维护费',
  },
  {
    column15: '因公出国（境）费',
    code08: '30212',
    column13: p('机关商品和服务支出', '因公出国（境）费用'),
    column14: '因公出国（境）费用',
  },
];
