/**
 * The Hunan 23-table layout of 部门预算公开 (department budget disclosure),
 * as data: each table's title and its header columns as paths. Another
 * province's template is another object of this shape.
 */
import type { ColumnSpec, TableTemplate, Template } from './types.js';

const amount = (...path: string[]): ColumnSpec => ({ path, role: 'amount' });
const amounts = (prefix: string[], names: string[]): ColumnSpec[] => names.map((n) => amount(...prefix, n));
const text = (...path: string[]): ColumnSpec => ({ path, role: 'text' });

/** 功能科目 类 / 款 / 项 over three columns (表03 publishes them without the 类 / 款 / 项 sub-header). */
const FUNCTION_CODE: ColumnSpec[] = [
  { path: ['功能科目', '类'], role: 'classCode' },
  { path: ['功能科目', '款'], role: 'classCode' },
  { path: ['功能科目', '项'], role: 'classCode' },
];
const SUBJECT = (name = '科目名称'): ColumnSpec[] => [
  { path: ['科目编码'], role: 'subjectCode' },
  { path: [name], role: 'name' },
];
/** 功能科目 + 单位代码 + 单位名称（功能科目）: the row header of 04, 05, 09–14, 17, 18. */
const UNIT_FUNCTION: ColumnSpec[] = [
  ...FUNCTION_CODE,
  { path: ['单位代码'], role: 'unitCode' },
  { path: ['单位名称（功能科目）'], role: 'name' },
];

/** 政府预算经济分类 columns of 04 and 17. */
const GOV_ECONOMIC = [
  '机关工资福利支出', '机关商品和服务支出', '机关资本性支出(一)', '机关资本性支出(二)',
  '对事业单位经常性补助', '对事业单位资本性补助', '对企业补助', '对企业资本性支出',
  '对个人和家庭的补助', '对社会保障基金补助', '债务利息及费用支出', '债务还本支出',
  '转移性支出', '其他支出',
];

/** 部门预算经济分类 columns of 05 (18 has no 按项目管理的工资福利支出). */
const DEPT_ECONOMIC = (withProjectSalaries: boolean): ColumnSpec[] => [
  amount('总计'),
  ...amounts(['基本支出'], ['合计', '工资福利支出', '一般商品和服务支出', '对个人和家庭的补助']),
  ...amounts(['项目支出'], [
    '合计',
    ...(withProjectSalaries ? ['按项目管理的工资福利支出'] : []),
    '按项目管理的商品和服务支出', '按项目管理的对个人和家庭的补助', '债务利息及费用支出',
    '资本性支出（基本建设）', '资本性支出', '对企业补助（基本建设）', '对企业补助',
    '对社会保障基金补助', '其他支出',
  ]),
];

/** 07, 16, 19, 20: 合计 = 基本支出 (人员经费 + 公用经费) + 项目支出. */
const BASIC_PROJECT = (basic: string): ColumnSpec[] => [
  amount('合计'),
  amount(basic, '小计'),
  amount(basic, '人员经费', '工资福利支出'),
  amount(basic, '人员经费', '对个人和家庭的补助'),
  amount(basic, '公用经费'),
  amount('项目支出'),
];

const INDICATOR_22 = [
  '一级指标', '二级指标', '三级指标', '指标值', '指标值内容', '评（扣分标准）', '度量单位', '指标值类型', '备注',
];
const INDICATOR_23 = [
  '一级指标', '二级指标', '三级指标', '指标值类型', '指标值', '计量单位', '指标解释', '评（扣）分标准', '备注',
];

export const HUNAN_23: TableTemplate[] = [
  {
    id: '01', title: '收支总表', layout: 'sideBySide',
    columns: [
      { path: ['收入', '项目'], role: 'name' }, amount('收入', '预算数'),
      { path: ['支出', '项目（按功能分类）'], role: 'name' }, amount('支出', '预算数'),
      { path: ['支出', '项目（按部门预算经济分类）'], role: 'name' }, amount('支出', '预算数'),
      { path: ['支出', '项目（按政府预算经济分类）'], role: 'name' }, amount('支出', '预算数'),
    ],
    sections: [
      { key: 'income', label: ['收入', '项目'], amount: ['收入', '预算数'] },
      { key: 'function', label: ['支出', '项目（按功能分类）'], amount: ['支出', '预算数'] },
      { key: 'deptEconomic', label: ['支出', '项目（按部门预算经济分类）'], amount: ['支出', '预算数'] },
      { key: 'govEconomic', label: ['支出', '项目（按政府预算经济分类）'], amount: ['支出', '预算数'] },
    ],
  },
  {
    id: '02', title: '收入总表', layout: 'grid',
    columns: [
      { path: ['部门（单位）代码'], role: 'unitCode' },
      { path: ['部门（单位）名称'], role: 'name' },
      amount('合计'),
      ...amounts(['本年收入'], ['小计', '一般公共预算', '政府性基金预算', '国有资本经营预算', '社会保险基金预算资金', '财政专户管理资金']),
      ...amounts(['本年收入', '上级财政补助收入'], ['一般公共预算补助', '政府性基金补助', '国有资本经营预算补助', '社会保险基金预算资金']),
      ...amounts(['本年收入'], ['事业收入', '事业单位经营收入', '上级单位补助收入', '附属单位上缴收入', '其他收入']),
      ...amounts(['上年结转结余'], ['小计', '一般公共预算', '政府性基金预算', '国有资本经营预算', '社会保险基金预算资金', '财政专户管理资金', '单位资金']),
    ],
  },
  {
    id: '03', title: '支出总表', layout: 'grid',
    columns: [
      ...FUNCTION_CODE, ...SUBJECT(),
      ...['合计', '基本支出', '项目支出', '事业单位经营支出', '上缴上级支出', '对附属单位补助支出'].map((n) => amount(n)),
    ],
  },
  {
    id: '04', title: '支出预算分类汇总表（按政府预算经济分类）', layout: 'grid',
    columns: [...UNIT_FUNCTION, amount('总计'), ...GOV_ECONOMIC.map((n) => amount(n))],
  },
  {
    id: '05', title: '支出预算分类汇总表（按部门预算经济分类）', layout: 'grid',
    columns: [...UNIT_FUNCTION, ...DEPT_ECONOMIC(true)],
  },
  {
    id: '06', title: '财政拨款收支总表', layout: 'sideBySide',
    columns: [
      { path: ['收入', '项目'], role: 'name' }, amount('收入', '预算数'),
      { path: ['支出', '项目'], role: 'name' }, amount('支出', '预算数'),
    ],
    sections: [
      { key: 'income', label: ['收入', '项目'], amount: ['收入', '预算数'] },
      { key: 'function', label: ['支出', '项目'], amount: ['支出', '预算数'] },
    ],
  },
  {
    id: '07', title: '一般公共预算支出表', layout: 'grid',
    columns: [...FUNCTION_CODE, ...SUBJECT(), ...BASIC_PROJECT('基本支出')],
  },
  {
    id: '08', title: '一般公共预算基本支出表', layout: 'grid',
    columns: [
      { path: ['部门预算支出经济分类科目', '科目编码'], role: 'subjectCode' },
      { path: ['部门预算支出经济分类科目', '科目名称'], role: 'name' },
      ...amounts(['本年一般公共预算基本支出'], ['合计', '人员经费', '公用经费']),
    ],
  },
  {
    id: '09', title: '一般公共预算基本支出表--人员经费(工资福利支出)(按政府预算经济分类)', layout: 'grid',
    columns: [
      ...UNIT_FUNCTION, amount('总计'),
      ...amounts(['机关工资福利支出'], ['合计', '工资奖金津补贴', '社会保障缴费', '住房公积金', '其他工资福利支出']),
      ...amounts(['对事业单位经常性补助'], ['合计', '工资福利支出', '其他对事业单位补助']),
    ],
  },
  {
    id: '10', title: '一般公共预算基本支出表--人员经费(工资福利支出)(按部门预算经济分类)', layout: 'grid',
    columns: [
      ...UNIT_FUNCTION, amount('总计'),
      ...amounts(['工资津补贴'], ['合计', '基本工资', '津贴补贴', '奖金', '绩效工资']),
      ...amounts(['社会保障缴费'], ['合计', '机关事业单位基本养老保险缴费', '职业年金缴费', '职工基本医疗保险缴费', '公务员医疗补助缴费', '其他社会保障缴费']),
      amount('住房公积金'),
      ...amounts(['其他工资福利支出'], ['合计', '伙食补助费', '医疗费', '其他工资福利支出']),
    ],
  },
  {
    id: '11', title: '一般公共预算基本支出表--人员经费(对个人和家庭的补助)(按政府预算经济分类)', layout: 'grid',
    columns: [
      ...UNIT_FUNCTION,
      ...['总计', '社会福利和救济', '助学金', '个人农业生产补贴', '离退休费', '其他对个人和家庭的补助'].map((n) => amount(n)),
    ],
  },
  {
    id: '12', title: '一般公共预算基本支出表--人员经费(对个人和家庭的补助)(按部门预算经济分类)', layout: 'grid',
    columns: [
      ...UNIT_FUNCTION,
      ...['总计', '离休费', '退休费', '退职（役）费', '抚恤金', '生活补助', '救济费', '医疗费补助', '助学金', '奖励金',
        '代缴社会保险费', '个人农业生产补贴', '其他对个人和家庭的补助'].map((n) => amount(n)),
    ],
  },
  {
    id: '13', title: '一般公共预算基本支出表--公用经费(商品和服务支出)(按政府预算经济分类)', layout: 'grid',
    columns: [
      ...UNIT_FUNCTION, amount('总计'),
      ...amounts(['机关商品和服务支出'], ['合计', '办公经费', '会议费', '培训费', '专用材料购置费', '委托业务费', '公务接待费',
        '因公出国（境）费用', '公务用车运行维护费', '维修(护)费', '其他商品和服务支出']),
      ...amounts(['对事业单位经常性补助'], ['合计', '商品和服务支出', '其他对事业单位补助']),
    ],
  },
  {
    id: '14', title: '一般公共预算基本支出表--公用经费(商品和服务支出)(按部门预算经济分类)', layout: 'grid',
    columns: [
      ...UNIT_FUNCTION,
      ...['总计', '办公费', '印刷费', '咨询费', '手续费', '水费', '电费', '邮电费', '取暖费', '物业管理费', '差旅费',
        '因公出国（境）费用', '维修(护)费', '租赁费', '会议费', '培训费', '公务接待费', '专用材料费', '被装购置费',
        '专用燃料费', '劳务费', '委托业务费', '工会经费', '福利费', '公务用车运行维护费', '其他交通费用',
        '税金及附加费用', '其他商品和服务支出'].map((n) => amount(n)),
    ],
  },
  {
    id: '15', title: '一般公共预算“三公”经费支出表', layout: 'grid',
    columns: [
      { path: ['单位编码'], role: 'unitCode' },
      { path: ['单位名称'], role: 'name' },
      amount('“三公”经费合计'),
      amount('因公出国（境）费'),
      ...amounts(['公务用车购置及运行费'], ['小计', '公务用车购置费', '公务用车运行费']),
      amount('公务接待费'),
    ],
  },
  {
    id: '16', title: '政府性基金预算支出表', layout: 'grid',
    columns: [...SUBJECT(), ...BASIC_PROJECT('本年政府性基金预算支出')],
  },
  {
    id: '17', title: '政府性基金预算支出分类汇总表（按政府预算经济分类）', layout: 'grid',
    columns: [...UNIT_FUNCTION, amount('总计'), ...GOV_ECONOMIC.map((n) => amount(n))],
  },
  {
    id: '18', title: '政府性基金预算支出分类汇总表（按部门预算经济分类）', layout: 'grid',
    columns: [...UNIT_FUNCTION, ...DEPT_ECONOMIC(false)],
  },
  {
    id: '19', title: '国有资本经营预算支出表', layout: 'grid',
    columns: [...SUBJECT(), ...BASIC_PROJECT('本年国有资本经营预算支出')],
  },
  {
    id: '20', title: '财政专户管理资金预算支出表', layout: 'grid',
    columns: [...SUBJECT(), ...BASIC_PROJECT('本年财政专户管理资金预算支出')],
  },
  {
    id: '21', title: '专项资金预算汇总表', layout: 'grid',
    columns: [
      { path: ['单位代码'], role: 'unitCode' },
      { path: ['单位名称（专项名称）'], role: 'name' },
      amount('预算额度', '总计'),
      ...amounts(['预算额度', '一般公共预算'], ['一般公共预算小计', '经费拨款', '纳入一般公共预算管理的非税收入', '一般债券', '外国政府和国际组织贷款', '外国政府和国际组织赠款']),
      ...amounts(['预算额度'], ['政府性基金', '国有资本经营预算', '社会保险基金预算资金']),
      ...amounts(['预算编制方式'], ['编入部门预算金额', '财政代编金额']),
    ],
  },
  {
    id: '22', title: '项目支出绩效目标表', layout: 'grid',
    columns: [
      { path: ['单位代码'], role: 'unitCode' },
      { path: ['单位（专项）名称'], role: 'name' },
      amount('资金总额'),
      text('实施期绩效目标'),
      ...INDICATOR_22.map((n) => text('绩效指标', n)),
    ],
  },
  {
    id: '23', title: '整体支出绩效目标表', layout: 'grid',
    columns: [
      { path: ['单位编码'], role: 'unitCode' },
      { path: ['单位名称'], role: 'name' },
      amount('年度预算申请', '资金总额'),
      ...amounts(['年度预算申请', '按收入性质分'], ['一般公共预算', '政府性基金拨款', '财政专户管理资金', '其他资金']),
      ...amounts(['年度预算申请', '按支出性质分'], ['基本支出', '项目支出']),
      text('整体绩效目标'),
      ...INDICATOR_23.map((n) => text('部门整体支出年度绩效目标', n)),
    ],
  },
];

export const HUNAN_TEMPLATE: Template = { id: 'hunan-23', name: '湖南省部门预算公开23张表', tables: HUNAN_23 };
