/**
 * A generator of internally consistent department budgets in the Hunan
 * 23-table template (部门公开表01–23), for property tests and benchmarks.
 *
 * One underlying model — leaves in 元 (unit × 功能科目 项 × 经济科目 item for
 * 基本支出; one leaf per project for 项目支出) — and every published figure is
 * the 元-sum of its own leaves rounded half-up to 0.01 万元, the way the budget
 * system computes each cell. So every identity of the rule catalog holds up to
 * rounding, exactly like the real sample, and a planted change of ≥ 1.00 can't.
 *
 * Money here is integer 元 (exact in a JS number far beyond any budget) and is
 * only ever turned into a decimal string, never a float.
 */
import fc from 'fast-check';
import type * as XLSX from 'xlsx';
import { buildWorkbook, loadSampleSpecs, tableToAoa, writeWorkbookFile, type TableSheetSpec } from '../../fixtures/lib/sheet-writer.js';
import type { ColumnRole } from '../../src/model/table.js';
import { HUNAN_23 } from '../../src/templates/hunan-23.js';

// ───────────────────────────── catalogs (real codes and names) ─────────────────────────────

/** 类 names as 表01 / 表06 list them (（一）… （三十）). */
export const FUNCTION_CLASSES: Record<string, string> = {
  '201': '一般公共服务支出', '202': '外交支出', '203': '国防支出', '204': '公共安全支出', '205': '教育支出',
  '206': '科学技术支出', '207': '文化旅游体育与传媒支出', '208': '社会保障和就业支出', '209': '社会保险基金支出',
  '210': '卫生健康支出', '211': '节能环保支出', '212': '城乡社区支出', '213': '农林水支出', '214': '交通运输支出',
  '215': '资源勘探工业信息等支出', '216': '商业服务业等支出', '217': '金融支出', '219': '援助其他地区支出',
  '220': '自然资源海洋气象等支出', '221': '住房保障支出', '222': '粮油物资储备支出', '223': '国有资本经营预算支出',
  '224': '灾害防治及应急管理支出', '227': '预备费', '229': '其他支出', '230': '转移性支出', '231': '债务还本支出',
  '232': '债务付息支出', '233': '债务发行费用支出', '234': '抗疫特别国债安排的支出',
};

/** 款 names. */
const FUNCTION_GROUPS: Record<string, string> = {
  '20101': '人大事务', '20103': '政府办公厅（室）及相关机构事务', '20105': '统计信息事务', '20106': '财政事务',
  '20111': '纪检监察事务', '20131': '党委办公厅（室）及相关机构事务', '20132': '组织事务',
  '20501': '教育管理事务', '20502': '普通教育', '20508': '进修及培训',
  '20601': '科学技术管理事务', '20701': '文化和旅游',
  '20801': '人力资源和社会保障管理事务', '20802': '民政管理事务', '20805': '行政事业单位养老支出', '20807': '就业补助',
  '20808': '抚恤', '20810': '社会福利', '20811': '残疾人事业', '20822': '大中型水库移民后期扶持基金支出',
  '21001': '卫生健康管理事务', '21004': '公共卫生', '21011': '行政事业单位医疗',
  '21201': '城乡社区管理事务', '21208': '国有土地使用权出让收入安排的支出',
  '21301': '农业农村', '21303': '水利', '22102': '住房改革支出', '22960': '彩票公益金安排的支出',
};

/**
 * 项 codes and names. `role` says what a 项 is used for, so leaves look like
 * real budgets: 行政运行 / 事业运行 carry salaries and office costs; 2080505
 * carries pension contributions; project 项 carry 专项.
 */
type ItemRole = 'admin-run' | 'inst-run' | 'pension' | 'annuity' | 'medical' | 'housing' | 'retire' | 'relief' | 'project';
interface FunctionItem { code: string; name: string; role: ItemRole }
const fi = (code: string, name: string, role: ItemRole = 'project'): FunctionItem => ({ code, name, role });

/** 一般公共预算 项. */
const GP_ITEMS: FunctionItem[] = [
  fi('2010101', '行政运行', 'admin-run'), fi('2010102', '一般行政管理事务'), fi('2010104', '人大会议'),
  fi('2010301', '行政运行', 'admin-run'), fi('2010302', '一般行政管理事务'), fi('2010350', '事业运行', 'inst-run'),
  fi('2010399', '其他政府办公厅（室）及相关机构事务支出'),
  fi('2010501', '行政运行', 'admin-run'), fi('2010505', '专项统计业务'), fi('2010507', '专项普查活动'),
  fi('2010601', '行政运行', 'admin-run'), fi('2010650', '事业运行', 'inst-run'),
  fi('2011101', '行政运行', 'admin-run'), fi('2011102', '一般行政管理事务'),
  fi('2013101', '行政运行', 'admin-run'), fi('2013150', '事业运行', 'inst-run'),
  fi('2013201', '行政运行', 'admin-run'), fi('2013202', '一般行政管理事务'),
  fi('2050101', '行政运行', 'admin-run'), fi('2050201', '学前教育'), fi('2050202', '小学教育'), fi('2050203', '初中教育'),
  fi('2050204', '高中教育'), fi('2050803', '培训支出'),
  fi('2060101', '行政运行', 'admin-run'), fi('2070101', '行政运行', 'admin-run'), fi('2070104', '图书馆'), fi('2070109', '群众文化'),
  fi('2080101', '行政运行', 'admin-run'), fi('2080102', '一般行政管理事务'), fi('2080104', '综合业务管理'),
  fi('2080105', '劳动保障监察'), fi('2080106', '就业管理事务'), fi('2080107', '社会保险业务管理事务'),
  fi('2080108', '信息化建设'), fi('2080109', '社会保险经办机构'), fi('2080110', '劳动关系和维权'),
  fi('2080111', '公共就业服务和职业技能鉴定机构'), fi('2080112', '劳动人事争议调解仲裁'),
  fi('2080150', '事业运行', 'inst-run'), fi('2080199', '其他人力资源和社会保障管理事务支出'),
  fi('2080201', '行政运行', 'admin-run'), fi('2080208', '基层政权建设和社区治理'),
  fi('2080501', '行政单位离退休', 'retire'), fi('2080502', '事业单位离退休', 'retire'),
  fi('2080505', '机关事业单位基本养老保险缴费支出', 'pension'), fi('2080506', '机关事业单位职业年金缴费支出', 'annuity'),
  fi('2080701', '就业创业服务补贴'), fi('2080702', '职业培训补贴'), fi('2080704', '社会保险补贴'), fi('2080705', '公益性岗位补贴'),
  fi('2080801', '死亡抚恤', 'relief'), fi('2080802', '伤残抚恤', 'relief'),
  fi('2081001', '儿童福利'), fi('2081002', '老年福利'),
  fi('2081101', '行政运行', 'admin-run'), fi('2081107', '残疾人生活和护理补贴'),
  fi('2100101', '行政运行', 'admin-run'), fi('2100401', '疾病预防控制机构'), fi('2100408', '基本公共卫生服务'),
  fi('2100409', '重大公共卫生服务'),
  fi('2101101', '行政单位医疗', 'medical'), fi('2101102', '事业单位医疗', 'medical'), fi('2101103', '公务员医疗补助', 'medical'),
  fi('2120101', '行政运行', 'admin-run'), fi('2120104', '城管执法'),
  fi('2130101', '行政运行', 'admin-run'), fi('2130104', '事业运行', 'inst-run'), fi('2130108', '病虫害控制'),
  fi('2130301', '行政运行', 'admin-run'), fi('2130306', '水利工程运行与维护'),
  fi('2210201', '住房公积金', 'housing'), fi('2210202', '提租补贴'), fi('2210203', '购房补贴'),
];

/** 政府性基金 项 (their own codes, as in the real classification). */
const GF_ITEMS: FunctionItem[] = [
  fi('2082201', '移民补助'), fi('2082202', '基础设施建设和经济发展'),
  fi('2120801', '征地和拆迁补偿支出'), fi('2120802', '土地开发支出'), fi('2120803', '城市建设支出'),
  fi('2296002', '用于社会福利的彩票公益金支出'), fi('2296003', '用于体育事业的彩票公益金支出'),
  fi('2296004', '用于教育事业的彩票公益金支出'), fi('2296006', '用于残疾人事业的彩票公益金支出'),
];

const ITEM_BY_CODE = new Map([...GP_ITEMS, ...GF_ITEMS].map((i) => [i.code, i]));

/** Name of any 功能科目 code (类 / 款 / 项). */
export function functionName(code: string): string {
  const name = code.length === 3 ? FUNCTION_CLASSES[code] : code.length === 5 ? FUNCTION_GROUPS[code] : ITEM_BY_CODE.get(code)?.name;
  if (name === undefined) throw new Error(`generator: no name for 功能科目 ${code}`);
  return name;
}

/**
 * 部门预算经济分类 items used for 基本支出, with the 政府预算经济分类 款 they
 * roll into (the standard crosswalk; for 事业单位 the whole of 301 / 302 goes to
 * 505 对事业单位经常性补助) and their column in 表10 / 12 / 14.
 */
export interface EconItem {
  code: string;
  name: string;
  /** 表09 / 11 / 13 column (机关 units). */
  gov: string;
  /** 表10 / 12 / 14 column path. */
  dept: string;
}
const e = (code: string, name: string, gov: string, dept: string = name): EconItem => ({ code, name, gov, dept });

export const ECON_ITEMS: EconItem[] = [
  // 301 工资福利支出 → 501 机关工资福利支出
  e('30101', '基本工资', '工资奖金津补贴', '工资津补贴 › 基本工资'),
  e('30102', '津贴补贴', '工资奖金津补贴', '工资津补贴 › 津贴补贴'),
  e('30103', '奖金', '工资奖金津补贴', '工资津补贴 › 奖金'),
  e('30107', '绩效工资', '工资奖金津补贴', '工资津补贴 › 绩效工资'),
  e('30108', '机关事业单位基本养老保险缴费', '社会保障缴费', '社会保障缴费 › 机关事业单位基本养老保险缴费'),
  e('30109', '职业年金缴费', '社会保障缴费', '社会保障缴费 › 职业年金缴费'),
  e('30110', '职工基本医疗保险缴费', '社会保障缴费', '社会保障缴费 › 职工基本医疗保险缴费'),
  e('30111', '公务员医疗补助缴费', '社会保障缴费', '社会保障缴费 › 公务员医疗补助缴费'),
  e('30112', '其他社会保障缴费', '社会保障缴费', '社会保障缴费 › 其他社会保障缴费'),
  e('30113', '住房公积金', '住房公积金', '住房公积金'),
  e('30106', '伙食补助费', '其他工资福利支出', '其他工资福利支出 › 伙食补助费'),
  e('30114', '医疗费', '其他工资福利支出', '其他工资福利支出 › 医疗费'),
  e('30199', '其他工资福利支出', '其他工资福利支出', '其他工资福利支出 › 其他工资福利支出'),
  // 302 商品和服务支出 → 502 机关商品和服务支出
  e('30201', '办公费', '办公经费'), e('30202', '印刷费', '办公经费'), e('30203', '咨询费', '委托业务费'),
  e('30204', '手续费', '办公经费'),
  e('30205', '水费', '办公经费'), e('30206', '电费', '办公经费'), e('30207', '邮电费', '办公经费'),
  e('30208', '取暖费', '办公经费'), e('30209', '物业管理费', '办公经费'), e('30211', '差旅费', '办公经费'),
  e('30212', '因公出国（境）费用', '因公出国（境）费用'), e('30213', '维修（护）费', '维修(护)费', '维修(护)费'),
  e('30214', '租赁费', '办公经费'), e('30215', '会议费', '会议费'), e('30216', '培训费', '培训费'),
  e('30217', '公务接待费', '公务接待费'), e('30218', '专用材料费', '专用材料购置费'),
  e('30224', '被装购置费', '专用材料购置费'), e('30225', '专用燃料费', '专用材料购置费'),
  e('30226', '劳务费', '委托业务费'), e('30227', '委托业务费', '委托业务费'), e('30228', '工会经费', '办公经费'), e('30229', '福利费', '办公经费'),
  e('30231', '公务用车运行维护费', '公务用车运行维护费'), e('30239', '其他交通费用', '办公经费'),
  e('30240', '税金及附加费用', '办公经费'), e('30299', '其他商品和服务支出', '其他商品和服务支出'),
  // 303 对个人和家庭的补助 → 509 对个人和家庭的补助
  e('30301', '离休费', '离退休费'), e('30302', '退休费', '离退休费'),
  e('30304', '抚恤金', '社会福利和救济'), e('30305', '生活补助', '社会福利和救济'), e('30306', '救济费', '社会福利和救济'),
  e('30307', '医疗费补助', '社会福利和救济'), e('30308', '助学金', '助学金'), e('30309', '奖励金', '其他对个人和家庭的补助'),
  // 30303 退职（役）费 / 30311 代缴社会保险费: their 政府预算 款 is not settled here; not drawn.
  e('30310', '个人农业生产补贴', '个人农业生产补贴'),
  e('30399', '其他对个人和家庭的补助', '其他对个人和家庭的补助'),
];
export const ECON_BY_CODE = new Map(ECON_ITEMS.map((i) => [i.code, i]));
export const ECON_CLASSES: Record<string, string> = { '301': '工资福利支出', '302': '商品和服务支出', '303': '对个人和家庭的补助' };

/** Economic class of a project (its 表05 / 表18 column under 项目支出). */
export type ProjectEcon = '按项目管理的工资福利支出' | '按项目管理的商品和服务支出' | '按项目管理的对个人和家庭的补助' | '资本性支出';

/** Where a project's money sits in the 政府预算经济分类 (表04 / 17 columns, 表01 lines). */
function projectGovColumn(econ: ProjectEcon, unitKind: UnitKind): string {
  if (unitKind === 'institution') return econ === '资本性支出' ? '对事业单位资本性补助' : econ === '按项目管理的对个人和家庭的补助' ? '对个人和家庭的补助' : '对事业单位经常性补助';
  switch (econ) {
    case '按项目管理的工资福利支出': return '机关工资福利支出';
    case '按项目管理的商品和服务支出': return '机关商品和服务支出';
    case '按项目管理的对个人和家庭的补助': return '对个人和家庭的补助';
    case '资本性支出': return '机关资本性支出(一)';
  }
}

/** Where a basic leaf sits in the 政府预算经济分类 (表04 / 17 column). */
function basicGovColumn(econ: string, unitKind: UnitKind): string {
  const cls = econ.slice(0, 3);
  if (cls === '303') return '对个人和家庭的补助';
  if (unitKind === 'institution') return '对事业单位经常性补助';
  return cls === '301' ? '机关工资福利支出' : '机关商品和服务支出';
}

// ───────────────────────────── the model ─────────────────────────────

export type UnitKind = 'admin' | 'institution'; // 行政单位 / 事业单位
export type Fund = 'gpGrant' | 'gpNonTax' | 'gf'; // 一般公共预算 经费拨款 / 非税收入拨款 / 政府性基金

export interface GenUnit { code: string; name: string; kind: UnitKind }

/** One 基本支出 leaf: unit × 功能科目 项 × 经济科目 item, in 元. Always 一般公共预算 经费拨款. */
export interface BasicLeaf { unit: string; fn: string; econ: string; yuan: number }

export interface Indicator {
  level1: '成本指标' | '产出指标' | '效益指标' | '满意度指标';
  level2: string;
  level3: string;
  /** 指标值: a number for quantitative indicators. */
  value: string;
  /** 度量单位 ('' for qualitative). */
  unit: string;
  /** 指标值类型: 定性 / ≥ / ≤ / = . */
  kind: string;
}

/** One project (专项), a single leaf in 元. */
export interface Project {
  unit: string;
  fn: string;
  name: string;
  fund: Fund;
  econ: ProjectEcon;
  yuan: number;
  /** 公务用车购置: counted in 表15 公务用车购置费. */
  vehiclePurchase?: boolean;
  goal: string;
  indicators: Indicator[];
}

export interface GenModel {
  department: { code: string; name: string };
  year: number;
  units: GenUnit[];
  basic: BasicLeaf[];
  projects: Project[];
}

export interface GenerateOptions {
  /** Number of 单位 under the department (≥ 1). */
  units?: number;
  /** 一般公共预算 功能科目 项 per unit (≥ 3: a 运行 项, personnel 项 and project 项). */
  functionRows?: number;
  /** Projects per project 项 (max). */
  projectsPerItem?: number;
  /** Give some units 政府性基金 projects (tables 16–18). Default true. */
  governmentFunds?: boolean;
  year?: number;
}

// Seeded PRNG (mulberry32): the bench and the property test get the same budget from the same seed.
export class Rng {
  private s: number;
  constructor(seed: number) { this.s = seed >>> 0 || 0x9e3779b9; }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number { return min + Math.floor(this.next() * (max - min + 1)); }
  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.next() * xs.length)]!; }
  chance(p: number): boolean { return this.next() < p; }
  /** k distinct elements, in their original order. */
  sample<T>(xs: readonly T[], k: number): T[] {
    const idx = xs.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    return idx.slice(0, Math.min(k, xs.length)).sort((a, b) => a - b).map((i) => xs[i]!);
  }
}

/**
 * Amounts in 元: at least 100 元 so every leaf shows as ≥ 0.01 万元 (a cell
 * with leaves is never published blank), with a spread of magnitudes and
 * often a "round" figure like real budgets.
 */
function drawYuan(rng: Rng, max: number): number {
  // Log-uniform between 100 元 and `max`: mostly thousands to hundreds of thousands, a few tiny lines.
  const v = Math.floor(10 ** (2 + rng.next() * (Math.log10(max) - 2)));
  return rng.chance(0.3) ? Math.max(100, v - (v % 100)) : Math.max(100, v);
}

const DEPT_NAMES = ['衡南县人力资源和社会保障局', '示例县民政局', '示例县教育局', '示例县卫生健康局', '示例县农业农村局'];
const UNIT_SUFFIXES = ['机关', '劳动保障监察大队', '就业服务中心', '社会保险服务中心', '劳动人事争议仲裁院', '人才交流服务中心', '职业技能鉴定中心', '信息中心'];
const PROJECT_TOPICS = [
  '干部培训中心教育经费', '考试指导服务', '人才交流服务', '监察、仲裁办案经费', '农民工薪金维权专项经费', '就业专项经费',
  '网络信息建设', '社保宣传经费', '生存调查及举报奖励', '兼职仲裁员及基层调解组织经费', '劳动仲裁经费', '工伤保险业务专项经费',
  '金保二期一体化信息系统运维管理', '劳动能力鉴定费', '企业薪酬调查及信息发布专项经费', '社保经办事务', '社保系统维修维护费',
  '社会保障监督检查', '档案数字化', '职业技能提升行动', '公益性岗位开发', '困难群众救助',
];

/** Salary / personnel economic items by the role of the 项 they sit on. */
const ROLE_ECON: Record<ItemRole, string[]> = {
  'admin-run': ['30101', '30102', '30103', '30106', '30112', '30114', '30199',
    '30201', '30202', '30203', '30204', '30205', '30206', '30207', '30208', '30209', '30211', '30212', '30213', '30214',
    '30215', '30216', '30217', '30218', '30224', '30225', '30226', '30227', '30228', '30229', '30231', '30239', '30240', '30299'],
  'inst-run': ['30101', '30102', '30107', '30112', '30199', '30201', '30205', '30206', '30207', '30211', '30213', '30216',
    '30217', '30218', '30227', '30228', '30229', '30231', '30299', '30305', '30308'],
  pension: ['30108'],
  annuity: ['30109'],
  medical: ['30110', '30111'],
  housing: ['30113'],
  retire: ['30301', '30302'],
  relief: ['30399', '30304', '30305', '30306', '30307', '30309', '30310'],
  project: [],
};

/** The plain seeded generator (benchmarks call this). */
export function generateModel(seed: number, opts: GenerateOptions = {}): GenModel {
  const rng = new Rng(seed);
  const nUnits = Math.max(1, opts.units ?? 3);
  const nItems = Math.max(3, opts.functionRows ?? 8);
  const perItem = Math.max(1, opts.projectsPerItem ?? 2);
  const withFunds = opts.governmentFunds ?? true;
  const year = opts.year ?? 2025;
  const deptCode = '201';
  const deptName = rng.pick(DEPT_NAMES);
  const units: GenUnit[] = [];
  for (let i = 1; i <= nUnits; i++) {
    const kind: UnitKind = i === 1 ? 'admin' : rng.chance(0.5) ? 'admin' : 'institution';
    const suffix = i === 1 ? '' : UNIT_SUFFIXES[(i - 1) % UNIT_SUFFIXES.length]! + (i > UNIT_SUFFIXES.length ? String(i) : '');
    units.push({ code: deptCode + String(i).padStart(3, '0'), name: i === 1 ? deptName : deptName.replace(/局$/, '') + suffix, kind });
  }

  const basic: BasicLeaf[] = [];
  const projects: Project[] = [];
  let projectNo = 0;
  const newProject = (unit: GenUnit, fn: string, fund: Fund, econ: ProjectEcon, extra: Partial<Project> = {}): void => {
    projectNo++;
    const name = extra.name ?? `${year}年${rng.pick(PROJECT_TOPICS)}${projectNo}`;
    projects.push({
      unit: unit.code, fn, name, fund, econ, yuan: drawYuan(rng, 2_000_000), goal: `${name}：按期完成年度任务`,
      indicators: drawIndicators(rng), ...extra,
    });
  };

  const personnelRoles: ItemRole[] = ['pension', 'annuity', 'medical', 'housing', 'retire', 'relief'];
  for (const unit of units) {
    const run = rng.pick(GP_ITEMS.filter((i) => i.role === (unit.kind === 'admin' ? 'admin-run' : 'inst-run')));
    const personnel = personnelRoles
      .map((r) => GP_ITEMS.filter((i) => i.role === r && !(r === 'medical' && i.code === (unit.kind === 'admin' ? '2101102' : '2101101'))))
      .map((xs) => rng.pick(xs))
      .slice(0, Math.max(1, Math.min(6, nItems - 2)));
    const projectItems = rng.sample(GP_ITEMS.filter((i) => i.role === 'project'), Math.max(1, nItems - 1 - personnel.length));
    // 运行 项: salaries and office costs, all of its role's items often enough to fill every column across units.
    for (const econ of ROLE_ECON[run.role]) {
      if (rng.chance(0.75)) basic.push({ unit: unit.code, fn: run.code, econ, yuan: drawYuan(rng, 3_000_000) });
    }
    for (const econ of ['30101', '30201', '30217', '30231', '30212']) {
      if (!basic.some((l) => l.unit === unit.code && l.fn === run.code && l.econ === econ) && ROLE_ECON[run.role].includes(econ)) {
        basic.push({ unit: unit.code, fn: run.code, econ, yuan: drawYuan(rng, 300_000) });
      }
    }
    for (const item of personnel) {
      for (const econ of ROLE_ECON[item.role]) {
        if (econ === '30111' && unit.kind === 'institution') continue;
        basic.push({ unit: unit.code, fn: item.code, econ, yuan: drawYuan(rng, 2_000_000) });
      }
    }
    for (const item of projectItems) {
      const n = rng.int(1, perItem);
      for (let k = 0; k < n; k++) {
        const econ = rng.pick<ProjectEcon>(['按项目管理的商品和服务支出', '按项目管理的商品和服务支出', '按项目管理的对个人和家庭的补助',
          '资本性支出', '按项目管理的工资福利支出']);
        newProject(unit, item.code, rng.chance(0.2) ? 'gpNonTax' : 'gpGrant', econ);
      }
    }
    // 公务用车购置 (三公): a capital project of the first unit, sometimes of others.
    if (unit === units[0] || rng.chance(0.3)) {
      newProject(unit, run.code, 'gpGrant', '资本性支出', { vehiclePurchase: true, name: `${year}年公务用车购置${++projectNo}` });
    }
    if (withFunds && (unit === units[0] || rng.chance(0.4))) {
      const item = rng.pick(GF_ITEMS);
      newProject(unit, item.code, 'gf', rng.pick<ProjectEcon>(['按项目管理的商品和服务支出', '资本性支出', '按项目管理的对个人和家庭的补助']));
    }
  }
  return { department: { code: deptCode, name: deptName }, year, units, basic, projects };
}

const QUALITATIVE: Record<Indicator['level1'], [string, string][]> = {
  成本指标: [['经济成本指标', '控制经济成本'], ['社会成本指标', '控制社会成本'], ['生态环境成本指标', '控制生态环境成本']],
  产出指标: [['数量指标', '产出数量'], ['质量指标', '产出质量'], ['时效指标', '产出时效']],
  效益指标: [['经济效益指标', '经济效益'], ['社会效益指标', '社会效益'], ['生态效益指标', '生态效益']],
  满意度指标: [['服务对象满意度指标', '满意度']],
};
const QUANTITATIVE: [Indicator['level1'], string, string, string, string][] = [
  ['产出指标', '数量指标', '培训人次', '500', '人次'],
  ['产出指标', '数量指标', '办结案件数', '120', '件'],
  ['产出指标', '质量指标', '验收合格率', '100', '%'],
  ['产出指标', '时效指标', '按时完成率', '95', '%'],
  ['成本指标', '经济成本指标', '项目成本', '15', '万元'],
  ['效益指标', '可持续影响指标', '可持续', '100', '%'],
  ['满意度指标', '服务对象满意度指标', '满意度', '90', '%'],
];

function drawIndicators(rng: Rng): Indicator[] {
  const out: Indicator[] = [];
  for (const level1 of ['成本指标', '产出指标', '效益指标', '满意度指标'] as const) {
    const quals = rng.sample(QUALITATIVE[level1], rng.int(1, QUALITATIVE[level1].length));
    for (const [level2, level3] of quals) out.push({ level1, level2, level3, value: '有所提升', unit: '', kind: '定性' });
    for (const [l1, level2, level3, value, unit] of QUANTITATIVE) {
      if (l1 === level1 && rng.chance(0.3)) out.push({ level1, level2, level3, value, unit, kind: '≥' });
    }
  }
  return out;
}

// ───────────────────────────── money ─────────────────────────────

/** 元 → 万元 at 2 decimals, half-up, as the budget system publishes it ("2424.73"). Integer arithmetic only. */
export function yuanToWan(yuan: number): string {
  if (!Number.isSafeInteger(yuan)) throw new Error(`generator: ${yuan} is not a whole number of 元`);
  const neg = yuan < 0;
  const hundredths = Math.floor((Math.abs(yuan) + 50) / 100); // 1 unit = 0.01 万元 = 100 元
  const s = String(hundredths).padStart(3, '0');
  return (neg && hundredths > 0 ? '-' : '') + s.slice(0, -2) + '.' + s.slice(-2);
}

// ───────────────────────────── published tables (template column keys, 元) ─────────────────────────────

/** What a generated row is, in the model's own terms (mirrors src/model RowKind). */
export type GenRowKind = 'total' | 'department' | 'unit' | 'function' | 'economic' | 'project' | 'indicator' | 'line';

export interface GenRow {
  kind: GenRowKind;
  /** 功能科目 / 经济科目 code, or the unit / department code of a unit / department row. */
  code?: string;
  /** The 单位 a 项 / project / indicator row belongs to. */
  unitCode?: string;
  name: string;
  /** Amounts in 元 by template column key (PATH_SEP-joined path); absent = blank. */
  yuan: Map<string, number>;
  /** Text cells by template column key (indicator fields, goals). */
  texts?: Record<string, string>;
}

export interface GenTable {
  id: string;
  rows: GenRow[];
  notes?: string[];
}

const SEP = ' › ';
const add = (m: Map<string, number>, key: string, yuan: number): void => { m.set(key, (m.get(key) ?? 0) + yuan); };

/** A leaf as each table sees it: where it sits and which columns it adds to. */
interface Placed { unit: string; fn: string; yuan: number; cols: string[] }

/** One leaf of any kind, with what the tables need to place it. */
interface AnyLeaf {
  unit: GenUnit;
  fn: string;
  yuan: number;
  fund: Fund;
  nature: 'basic' | 'project';
  /** Basic: 经济科目 item code. */
  econ?: string;
  /** Project: its economic class. */
  projectEcon?: ProjectEcon;
  project?: Project;
}

function allLeaves(m: GenModel): AnyLeaf[] {
  const units = new Map(m.units.map((u) => [u.code, u]));
  const out: AnyLeaf[] = [];
  for (const l of m.basic) out.push({ unit: units.get(l.unit)!, fn: l.fn, yuan: l.yuan, fund: 'gpGrant', nature: 'basic', econ: l.econ });
  for (const p of m.projects) out.push({ unit: units.get(p.unit)!, fn: p.fn, yuan: p.yuan, fund: p.fund, nature: 'project', projectEcon: p.econ, project: p });
  return out;
}

const isGp = (f: Fund): boolean => f !== 'gf';
const econClass = (econ: string): string => econ.slice(0, 3);

function row(kind: GenRowKind, name: string, extra: Partial<GenRow> = {}): GenRow {
  return { kind, name, yuan: new Map(), ...extra };
}

/**
 * 合计, 部门, then per 单位 its rows: either the 类 / 款 / 项 hierarchy (03, 07,
 * 16) or its 项 rows flat (04, 05, 09–14, 17, 18). Only rows that have leaves.
 */
function unitFunctionTable(m: GenModel, id: string, placed: Placed[], hierarchy: boolean): GenTable {
  const total = row('total', '合计');
  const dept = row('department', m.department.name, { code: m.department.code });
  const perUnit = new Map<string, Map<string, GenRow>>();
  for (const p of placed) {
    for (const c of p.cols) { add(total.yuan, c, p.yuan); add(dept.yuan, c, p.yuan); }
    let rows = perUnit.get(p.unit);
    if (!rows) perUnit.set(p.unit, (rows = new Map()));
    const codes = hierarchy ? [p.fn.slice(0, 3), p.fn.slice(0, 5), p.fn] : [p.fn];
    for (const code of ['unit', ...codes]) {
      let r = rows.get(code);
      if (!r) {
        r = code === 'unit'
          ? row('unit', m.units.find((u) => u.code === p.unit)!.name, { code: p.unit })
          : row('function', functionName(code), { code, unitCode: p.unit });
        rows.set(code, r);
      }
      for (const c of p.cols) add(r.yuan, c, p.yuan);
    }
  }
  const rows: GenRow[] = [total, dept];
  for (const u of m.units) {
    const ur = perUnit.get(u.code);
    if (!ur) continue;
    rows.push(ur.get('unit')!);
    const codes = [...ur.keys()].filter((k) => k !== 'unit').sort();
    for (const code of codes) rows.push(ur.get(code)!);
  }
  // A table without amounts publishes its 合计 row as 0.00 (as 16–20 do).
  return { id, rows };
}

const DEPT_ECON_BASIC: Record<string, string> = { '301': '工资福利支出', '302': '一般商品和服务支出', '303': '对个人和家庭的补助' };

/** Every table of the budget, in template column keys and 元. */
export function budgetTables(m: GenModel): GenTable[] {
  const leaves = allLeaves(m);
  const basics = leaves.filter((l) => l.nature === 'basic');
  const gp = leaves.filter((l) => isGp(l.fund));
  const gf = leaves.filter((l) => l.fund === 'gf');
  const place = (ls: AnyLeaf[], cols: (l: AnyLeaf) => string[]): Placed[] =>
    ls.map((l) => ({ unit: l.unit.code, fn: l.fn, yuan: l.yuan, cols: cols(l) }));
  const govCol = (l: AnyLeaf): string =>
    l.nature === 'basic' ? basicGovColumn(l.econ!, l.unit.kind) : projectGovColumn(l.projectEcon!, l.unit.kind);
  const deptEconCols = (l: AnyLeaf): string[] =>
    l.nature === 'basic'
      ? ['总计', `基本支出${SEP}合计`, `基本支出${SEP}${DEPT_ECON_BASIC[econClass(l.econ!)]}`]
      : ['总计', `项目支出${SEP}合计`, `项目支出${SEP}${l.projectEcon}`];
  const basicProjectCols = (basic: string) => (l: AnyLeaf): string[] => {
    if (l.nature === 'project') return ['合计', '项目支出'];
    const cls = econClass(l.econ!);
    const part = cls === '301' ? `${basic}${SEP}人员经费${SEP}工资福利支出` : cls === '303' ? `${basic}${SEP}人员经费${SEP}对个人和家庭的补助` : `${basic}${SEP}公用经费`;
    return ['合计', `${basic}${SEP}小计`, part];
  };
  const econOf = (cls: string) => basics.filter((l) => econClass(l.econ!) === cls);
  const tables: GenTable[] = [];

  tables.push(table01(m, leaves));
  tables.push(table02(m, leaves));
  tables.push(unitFunctionTable(m, '03', place(leaves, (l) => ['合计', l.nature === 'basic' ? '基本支出' : '项目支出']), true));
  tables.push(unitFunctionTable(m, '04', place(leaves, (l) => ['总计', govCol(l)]), false));
  tables.push(unitFunctionTable(m, '05', place(leaves, deptEconCols), false));
  tables.push(table06(m, leaves));
  tables.push(unitFunctionTable(m, '07', place(gp, basicProjectCols('基本支出')), true));
  tables.push(table08(m, basics));
  tables.push(unitFunctionTable(m, '09', place(econOf('301'), (l) => {
    const it = ECON_BY_CODE.get(l.econ!)!;
    return l.unit.kind === 'admin'
      ? ['总计', `机关工资福利支出${SEP}合计`, `机关工资福利支出${SEP}${it.gov}`]
      : ['总计', `对事业单位经常性补助${SEP}合计`, `对事业单位经常性补助${SEP}工资福利支出`];
  }), false));
  tables.push(unitFunctionTable(m, '10', place(econOf('301'), (l) => {
    const it = ECON_BY_CODE.get(l.econ!)!;
    const group = it.dept.includes(SEP) ? [`${it.dept.split(SEP)[0]}${SEP}合计`] : [];
    return ['总计', ...group, it.dept];
  }), false));
  tables.push(unitFunctionTable(m, '11', place(econOf('303'), (l) => ['总计', ECON_BY_CODE.get(l.econ!)!.gov]), false));
  tables.push(unitFunctionTable(m, '12', place(econOf('303'), (l) => ['总计', ECON_BY_CODE.get(l.econ!)!.dept]), false));
  tables.push(unitFunctionTable(m, '13', place(econOf('302'), (l) => {
    const it = ECON_BY_CODE.get(l.econ!)!;
    return l.unit.kind === 'admin'
      ? ['总计', `机关商品和服务支出${SEP}合计`, `机关商品和服务支出${SEP}${it.gov}`]
      : ['总计', `对事业单位经常性补助${SEP}合计`, `对事业单位经常性补助${SEP}商品和服务支出`];
  }), false));
  tables.push(unitFunctionTable(m, '14', place(econOf('302'), (l) => ['总计', ECON_BY_CODE.get(l.econ!)!.dept]), false));
  tables.push(table15(m, leaves));
  const fundNote = `说明：${m.year}年度无政府性基金预算拨款支出。`;
  for (const t of [
    unitFunctionTable(m, '16', place(gf, basicProjectCols('本年政府性基金预算支出')), true),
    unitFunctionTable(m, '17', place(gf, (l) => ['总计', govCol(l)]), false),
    unitFunctionTable(m, '18', place(gf, deptEconCols), false),
  ]) tables.push(gf.length ? t : emptyTable(t.id, '合计', fundNote));
  tables.push(emptyTable('19', '合计', `说明：${m.year}年无国有资本经营预算拨款支出。`));
  tables.push(emptyTable('20', '合计', `说明：${m.year}年度无财政专户管理资金预算支出。`));
  tables.push(table21(m));
  tables.push(table22(m));
  tables.push(table23(m, leaves));
  // 09–14 of a class without leaves publish 合计 0.00 and a 说明, like 16–20.
  const byClass: Record<string, [string, string]> = {
    '09': ['301', '工资福利支出'], '10': ['301', '工资福利支出'], '11': ['303', '对个人和家庭的补助支出'],
    '12': ['303', '对个人和家庭的补助支出'], '13': ['302', '商品和服务支出'], '14': ['302', '商品和服务支出'],
  };
  return tables.map((t) => {
    const c = byClass[t.id];
    return c && econOf(c[0]).length === 0 ? emptyTable(t.id, '合计', `说明：${m.year}年度无一般公共预算基本支出${c[1]}。`) : t;
  });
}

/** A table with no amounts: its 合计 row shows 0.00 in the first amount column, and a 说明 says why. */
function emptyTable(id: string, totalLabel: string, note: string): GenTable {
  return { id, rows: [row('total', totalLabel, { yuan: new Map([['*first', 0]]) })], notes: [note] };
}

function table02(m: GenModel, leaves: AnyLeaf[]): GenTable {
  const total = row('total', '合计');
  const dept = row('department', m.department.name, { code: m.department.code });
  const units = new Map(m.units.map((u) => [u.code, row('unit', u.name, { code: u.code })]));
  for (const l of leaves) {
    const cols = ['合计', `本年收入${SEP}小计`, `本年收入${SEP}${isGp(l.fund) ? '一般公共预算' : '政府性基金预算'}`];
    for (const r of [total, dept, units.get(l.unit.code)!]) for (const c of cols) add(r.yuan, c, l.yuan);
  }
  return { id: '02', rows: [total, dept, ...[...units.values()].filter((r) => r.yuan.size)] };
}

function table08(m: GenModel, basics: AnyLeaf[]): GenTable {
  const P = '本年一般公共预算基本支出';
  const total = row('total', '合计');
  const byCode = new Map<string, GenRow>();
  for (const l of basics) {
    const cls = econClass(l.econ!);
    const cols = [`${P}${SEP}合计`, `${P}${SEP}${cls === '302' ? '公用经费' : '人员经费'}`];
    for (const code of [cls, l.econ!]) {
      let r = byCode.get(code);
      if (!r) byCode.set(code, (r = row('economic', code.length === 3 ? ECON_CLASSES[code]! : ECON_BY_CODE.get(code)!.name, { code })));
      for (const c of cols) add(r.yuan, c, l.yuan);
    }
    for (const c of cols) add(total.yuan, c, l.yuan);
  }
  // As published: each class row followed by its items, 合计 last.
  const codes = [...byCode.keys()].sort();
  return { id: '08', rows: [...codes.map((c) => byCode.get(c)!), total] };
}

function table15(m: GenModel, leaves: AnyLeaf[]): GenTable {
  const V = '公务用车购置及运行费';
  const total = row('total', '合计');
  const dept = row('department', m.department.name, { code: m.department.code });
  const units = new Map(m.units.map((u) => [u.code, row('unit', u.name, { code: u.code })]));
  for (const l of leaves) {
    let cols: string[] | undefined;
    if (l.nature === 'basic' && l.econ === '30212') cols = ['因公出国（境）费'];
    else if (l.nature === 'basic' && l.econ === '30217') cols = ['公务接待费'];
    else if (l.nature === 'basic' && l.econ === '30231') cols = [`${V}${SEP}小计`, `${V}${SEP}公务用车运行费`];
    else if (l.project?.vehiclePurchase) cols = [`${V}${SEP}小计`, `${V}${SEP}公务用车购置费`];
    if (!cols) continue;
    cols.push('“三公”经费合计');
    for (const r of [total, dept, units.get(l.unit.code)!]) for (const c of cols) add(r.yuan, c, l.yuan);
  }
  return { id: '15', rows: [total, dept, ...[...units.values()].filter((r) => r.yuan.size)] };
}

function projectCols(p: Project): string[] {
  const A = '预算额度';
  const cols = [`${A}${SEP}总计`, `预算编制方式${SEP}编入部门预算金额`];
  if (p.fund === 'gf') cols.push(`${A}${SEP}政府性基金`);
  else cols.push(`${A}${SEP}一般公共预算${SEP}一般公共预算小计`, `${A}${SEP}一般公共预算${SEP}${p.fund === 'gpGrant' ? '经费拨款' : '纳入一般公共预算管理的非税收入'}`);
  return cols;
}

function table21(m: GenModel): GenTable {
  const total = row('total', '合计');
  const dept = row('department', m.department.name, { code: m.department.code });
  const rows: GenRow[] = [];
  for (const u of m.units) {
    for (const p of m.projects.filter((q) => q.unit === u.code)) {
      const r = row('project', p.name, { unitCode: u.code });
      for (const c of projectCols(p)) { add(r.yuan, c, p.yuan); add(total.yuan, c, p.yuan); add(dept.yuan, c, p.yuan); }
      rows.push(r);
    }
  }
  return { id: '21', rows: [total, dept, ...rows] };
}

const IND22 = '绩效指标';
function table22(m: GenModel): GenTable {
  const rows: GenRow[] = [];
  for (const u of m.units) {
    const ps = m.projects.filter((q) => q.unit === u.code);
    if (!ps.length) continue;
    const ur = row('unit', u.name, { code: u.code });
    for (const p of ps) add(ur.yuan, '资金总额', p.yuan);
    rows.push(ur);
    for (const p of ps) {
      // The project row carries its first indicator; the others follow, merged under the project (as published).
      p.indicators.forEach((ind, i) => {
        const texts = {
          [`${IND22}${SEP}一级指标`]: ind.level1, [`${IND22}${SEP}二级指标`]: ind.level2, [`${IND22}${SEP}三级指标`]: ind.level3,
          [`${IND22}${SEP}指标值`]: ind.value, [`${IND22}${SEP}度量单位`]: ind.unit, [`${IND22}${SEP}指标值类型`]: ind.kind,
        };
        rows.push(i === 0
          ? row('project', p.name, { unitCode: u.code, yuan: new Map([['资金总额', p.yuan]]), texts: { 实施期绩效目标: p.goal, ...texts } })
          : row('indicator', ind.level3, { unitCode: u.code, texts }));
      });
    }
  }
  return { id: '22', rows };
}

const IND23: [string, string, string, string, string][] = [
  ['成本指标', '经济成本指标', '预算完成率', '99%', '%'],
  ['成本指标', '社会成本指标', '在职人员控制率', '100%', '%'],
  ['成本指标', '生态环境成本指标', '“三公经费”增减率', '-5%', '%'],
  ['产出指标', '数量指标', '结转结余率', '22%', '%'],
  ['产出指标', '质量指标', '重点支出安排率', '98%', '%'],
  ['产出指标', '时效指标', '政府采购执行率', '100%', '%'],
  ['效益指标', '经济效益指标', '预算执行率', '98%', '%'],
  ['效益指标', '社会效益指标', '部门预决算公开', '100%', '%'],
  ['满意度指标', '服务对象满意度指标', '服务对象满意度', '97%', '%'],
];

function table23(m: GenModel, leaves: AnyLeaf[]): GenTable {
  const A = '年度预算申请';
  const I = '部门整体支出年度绩效目标';
  const rows: GenRow[] = [];
  for (const u of m.units) {
    const ls = leaves.filter((l) => l.unit.code === u.code);
    if (!ls.length) continue;
    const r = row('unit', u.name, { code: u.code, texts: { 整体绩效目标: `保障${u.name}正常运转，完成年度工作任务` } });
    for (const l of ls) {
      for (const c of [`${A}${SEP}资金总额`, `${A}${SEP}按收入性质分${SEP}${isGp(l.fund) ? '一般公共预算' : '政府性基金拨款'}`,
        `${A}${SEP}按支出性质分${SEP}${l.nature === 'basic' ? '基本支出' : '项目支出'}`]) add(r.yuan, c, l.yuan);
    }
    IND23.forEach(([l1, l2, l3, v, unit], i) => {
      const texts = { [`${I}${SEP}一级指标`]: l1, [`${I}${SEP}二级指标`]: l2, [`${I}${SEP}三级指标`]: l3,
        [`${I}${SEP}指标值类型`]: '定量', [`${I}${SEP}指标值`]: v, [`${I}${SEP}计量单位`]: unit };
      if (i === 0) { Object.assign(r.texts!, texts); rows.push(r); } else rows.push(row('indicator', l3, { unitCode: u.code, texts }));
    });
  }
  return { id: '23', rows };
}

/** Strips numbering (一、 （一）), spaces (incl. full-width) so 01 / 06 line labels compare by name. */
export function lineKey(label: string): string {
  return label.replace(/[\s\u3000]+/g, '').replace(/^[一二三四五六七八九十]+、/, '').replace(/^（[一二三四五六七八九十]+）/, '');
}

/** 01 line values by section and line key (元); lines absent are blank. */
function table01Values(m: GenModel, leaves: AnyLeaf[]): Record<'income' | 'function' | 'deptEconomic' | 'govEconomic', Map<string, number>> {
  const income = new Map<string, number>();
  const fn = new Map<string, number>();
  const dept = new Map<string, number>();
  const gov = new Map<string, number>();
  for (const l of leaves) {
    if (isGp(l.fund)) add(income, '一般公共预算拨款收入', l.yuan);
    if (l.fund === 'gpGrant') add(income, '经费拨款', l.yuan);
    if (l.fund === 'gpNonTax') { add(income, '纳入一般公共预算管理的非税收入拨款', l.yuan); add(income, '行政事业性收费收入', l.yuan); }
    if (l.fund === 'gf') add(income, '政府性基金预算拨款收入', l.yuan);
    add(income, '本年收入合计', l.yuan);
    add(income, '收入总计', l.yuan);
    add(fn, FUNCTION_CLASSES[l.fn.slice(0, 3)]!, l.yuan);
    for (const s of [fn, dept, gov]) { add(s, '本年支出合计', l.yuan); add(s, '支出总计', l.yuan); }
    if (l.nature === 'basic') {
      add(dept, '基本支出', l.yuan);
      add(dept, { '301': '工资福利支出', '302': '商品和服务支出', '303': '对个人和家庭的补助' }[econClass(l.econ!)]!, l.yuan);
    } else {
      add(dept, '项目支出', l.yuan);
      add(dept, l.projectEcon!, l.yuan);
    }
    // 01 says 机关资本性支出 for 503 (表04's 机关资本性支出(一)).
    const g = (l.nature === 'basic' ? basicGovColumn(l.econ!, l.unit.kind) : projectGovColumn(l.projectEcon!, l.unit.kind)).replace('(一)', '');
    add(gov, g, l.yuan);
  }
  return { income, function: fn, deptEconomic: dept, govEconomic: gov };
}

/** 01 and 06 are fixed lists of lines: their rows come from the sample's, with amounts by line. */
interface SideBySideTable extends GenTable {
  /** Per section, line key → 元 (in section order). */
  sections: Map<string, number>[];
}

function table01(m: GenModel, leaves: AnyLeaf[]): SideBySideTable {
  const v = table01Values(m, leaves);
  return { id: '01', rows: [], sections: [v.income, v.function, v.deptEconomic, v.govEconomic] };
}

function table06(m: GenModel, leaves: AnyLeaf[]): SideBySideTable {
  const fiscal = leaves; // every leaf here is 财政拨款 (一般公共预算 or 政府性基金)
  const income = new Map<string, number>();
  const fn = new Map<string, number>();
  for (const l of fiscal) {
    add(income, '本年收入', l.yuan);
    if (isGp(l.fund)) add(income, '一般公共预算拨款', l.yuan);
    if (l.fund === 'gpGrant') add(income, '经费拨款', l.yuan);
    if (l.fund === 'gpNonTax') add(income, '纳入一般公共预算管理的非税收入拨款', l.yuan);
    if (l.fund === 'gf') add(income, '政府性基金预算拨款', l.yuan);
    add(income, '收入总计', l.yuan);
    add(fn, '本年支出', l.yuan);
    add(fn, FUNCTION_CLASSES[l.fn.slice(0, 3)]!, l.yuan);
    add(fn, '支出总计', l.yuan);
  }
  return { id: '06', rows: [], sections: [income, fn] };
}

// ───────────────────────────── rendering: sample header grids → TableSheetSpec ─────────────────────────────

const norm = (s: string): string => s.replace(/[\s\u3000]+/g, '');

interface HeaderColumn { col: number; key: string; role: ColumnRole }

/** The header path of each column of a sample header grid ("<" merged left, "^" merged above). */
export function headerPaths(header: string[][]): string[][] {
  const width = Math.max(...header.map((r) => r.length));
  return Array.from({ length: width }, (_, c) => {
    const parts: string[] = [];
    header.forEach((r) => {
      if (r[c] === '^') return;
      let cc = c;
      while (cc > 0 && r[cc] === '<') cc--;
      const t = norm(r[cc] ?? '');
      if (t && t !== '<') parts.push(t);
    });
    return parts;
  });
}

/** Matches a sample header grid to the template's columns (by path, whitespace-insensitive). */
function matchColumns(spec: TableSheetSpec): HeaderColumn[] {
  const tpl = HUNAN_23.find((t) => t.id === spec.id);
  if (!tpl) throw new Error(`generator: no template for table ${spec.id}`);
  const cols = tpl.columns.map((c) => ({ key: c.path.join(SEP), n: norm(c.path.join('|')), role: c.role, used: false }));
  return headerPaths(spec.header).map((parts, col) => {
    const n = parts.join('|');
    // Exact path first; else the first unused template column under it (表03's 功能科目 without 类/款/项).
    const hit = cols.find((c) => !c.used && c.n === n) ?? cols.find((c) => !c.used && c.n.startsWith(n + '|'));
    if (!hit) throw new Error(`generator: table ${spec.id} header column ${col + 1} "${parts.join(SEP)}" is not in the template`);
    hit.used = true;
    return { col, key: hit.key, role: hit.role };
  });
}

/** One amount cell of a generated workbook: where it is, what it means, what it holds. */
export interface AmountCell {
  table: string;
  sheet: string;
  /** A1 address. */
  cell: string;
  /** 0-based sheet row / column. */
  r: number;
  c: number;
  /** Index of its row in the table spec's `rows`. */
  specRow: number;
  rowKind: GenRowKind;
  /** The row's label as published (name, or line text). */
  rowLabel: string;
  code?: string;
  unitCode?: string;
  /** Template column key (PATH_SEP-joined path); for 01 / 06 the section's label-column key. */
  column: string;
  /** The published value ("1234.56"), "" when blank. */
  value: string;
}

export interface GeneratedBudget {
  seed: number;
  options: GenerateOptions;
  model: GenModel;
  tables: GenTable[];
  specs: TableSheetSpec[];
  /** Every amount cell of every table (blank ones included), in sheet order. */
  cells: AmountCell[];
  /** Data rows over all 23 tables. */
  dataRows: number;
}

let sampleSpecsCache: TableSheetSpec[] | undefined;
function sampleSpecs(): TableSheetSpec[] {
  sampleSpecsCache ??= loadSampleSpecs();
  if (sampleSpecsCache.length !== 23) throw new Error(`generator: expected 23 sample tables, found ${sampleSpecsCache.length}`);
  return sampleSpecsCache;
}

const INDENT: Record<GenRowKind, number> = { total: 0, department: 0, unit: 2, function: 4, economic: 2, project: 2, indicator: 0, line: 0 };

function nameCell(r: GenRow, hierarchy: boolean): string {
  if (r.kind === 'total') return r.name;
  if (r.kind === 'function') return ' '.repeat(hierarchy ? 2 + (r.code!.length === 3 ? 1 : r.code!.length === 5 ? 2 : 3) : 4) + r.name;
  if (r.kind === 'economic') return r.code!.length === 3 ? r.name : '  ' + r.name;
  return ' '.repeat(INDENT[r.kind]) + r.name;
}

function classCodePart(r: GenRow, i: number): string {
  if (r.kind !== 'function' || !r.code) return '';
  const parts = [r.code.slice(0, 3), r.code.slice(3, 5), r.code.slice(5, 7)];
  return parts[i] ?? '';
}

function renderGrid(sample: TableSheetSpec, t: GenTable, deptName: string): TableSheetSpec {
  const cols = matchColumns(sample);
  const hierarchy = ['03', '07', '16'].includes(t.id);
  const classCols = cols.filter((c) => c.role === 'classCode').map((c) => c.col);
  const firstAmount = sample.amountCols[0]!;
  const rows: string[][] = [];
  let prev: GenRow | undefined;
  for (const r of t.rows) {
    const out = cols.map((c): string => {
      switch (c.role) {
        case 'classCode': return classCodePart(r, classCols.indexOf(c.col));
        case 'subjectCode': return r.kind === 'total' ? '' : r.code ?? '';
        case 'unitCode': return r.kind === 'unit' || r.kind === 'department' ? r.code ?? '' : r.unitCode ?? '';
        case 'name': return nameCell(r, hierarchy);
        case 'amount': {
          const y = r.yuan.get(c.key) ?? (c.col === firstAmount ? r.yuan.get('*first') : undefined);
          return y === undefined ? '' : yuanToWan(y);
        }
        default: return r.texts?.[c.key] ?? '';
      }
    });
    // 22 / 23: an indicator row sits under its project / unit: code, name, amounts and goal merged down; 一级指标 merged over its group.
    if (r.kind === 'indicator') {
      cols.forEach((c) => {
        const isIndicator = c.key.startsWith(`${IND22}${SEP}`) || c.key.startsWith(`部门整体支出年度绩效目标${SEP}`);
        if (!isIndicator) out[c.col] = '^';
        else if (c.key.endsWith(`${SEP}一级指标`) && prev && (prev.texts?.[c.key] ?? '') === out[c.col]) out[c.col] = '^';
      });
    }
    rows.push(out);
    prev = r;
  }
  return { ...sample, unitLine: [`单位：${deptName}`, sample.unitLine[1]], rows, notes: t.notes ?? keptNotes(sample) };
}

/** Notes of the sample that hold whatever the data (表15's "blank means zero"); not the "no such spending" 说明. */
function keptNotes(sample: TableSheetSpec): string[] | undefined {
  const kept = (sample.notes ?? []).filter((n) => !/^说明：.*无/.test(n));
  return kept.length ? kept : undefined;
}

/** 01 / 06: the sample's fixed lines with this budget's amounts (line key → 元, per section). */
function renderSideBySide(sample: TableSheetSpec, t: SideBySideTable, deptName: string): TableSheetSpec {
  const amountCols = sample.amountCols;
  let carryForward = false; // 06: lines under 二、上年结转 repeat 本年收入's names; they stay blank
  const rows = sample.rows.map((src) => {
    const out = [...src];
    amountCols.forEach((ac, s) => {
      const label = src[ac - 1] ?? '';
      const key = lineKey(label);
      if (t.id === '06' && s === 0 && key === '上年结转') carryForward = true;
      const y = key && !(s === 0 && carryForward && key !== '收入总计') ? t.sections[s]!.get(key) : undefined;
      out[ac] = y === undefined ? '' : yuanToWan(y);
    });
    return out;
  });
  return { ...sample, unitLine: [`单位：${deptName}`, sample.unitLine[1]], rows };
}

function a1(r: number, c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${r + 1}`;
}

function amountCells(spec: TableSheetSpec, t: GenTable): AmountCell[] {
  const out: AmountCell[] = [];
  const firstDataRow = tableToAoa({ ...spec, rows: [] }).dataRows[0]; // where the fixture writer puts data row 0
  const side = t.id === '01' || t.id === '06';
  const keys = side ? undefined : matchColumns(spec);
  spec.rows.forEach((cells, i) => {
    const r = side ? undefined : t.rows[i]!;
    for (const c of spec.amountCols) {
      const v = cells[c]!;
      if (v === '^' || v === '<') continue;
      const label = side ? (cells[c - 1] ?? '').trim() : r!.name;
      if (side && !label) continue; // padding below a shorter section
      if (r?.kind === 'indicator') continue;
      out.push({
        table: t.id, sheet: spec.sheetName, cell: a1(firstDataRow + i, c), r: firstDataRow + i, c, specRow: i,
        rowKind: side ? 'line' : r!.kind, rowLabel: label,
        ...(r?.code ? { code: r.code } : {}), ...(r?.unitCode ? { unitCode: r.unitCode } : {}),
        column: side ? norm(spec.header[1]![c - 1] ?? '') : keys![c]!.key, value: v,
      });
    }
  });
  return out;
}

/** The plain seeded generator: model, tables, workbook specs and the map of every amount cell. */
export function generateBudget(seed: number, opts: GenerateOptions = {}): GeneratedBudget {
  const model = generateModel(seed, opts);
  const tables = budgetTables(model);
  const samples = sampleSpecs();
  const specs: TableSheetSpec[] = [];
  const cells: AmountCell[] = [];
  for (const t of tables) {
    const sample = samples.find((s) => s.id === t.id)!;
    const spec = t.id === '01' || t.id === '06'
      ? renderSideBySide(sample, t as SideBySideTable, model.department.name)
      : renderGrid(sample, t, model.department.name);
    const notes = spec.notes?.map((n) => n.replace(/20\d\d年/, `${model.year}年`));
    specs.push(notes ? { ...spec, notes } : spec);
    cells.push(...amountCells(spec, t));
  }
  const dataRows = specs.reduce((n, s) => n + s.rows.length, 0);
  const g: GeneratedBudget = { seed, options: opts, model, tables, specs, cells, dataRows };
  // fast-check prints counterexamples with this: the call that rebuilds the budget, not the whole object.
  Object.defineProperty(g, fc.toStringMethod, { value: () => `generateBudget(${seed}, ${JSON.stringify(opts)})`, enumerable: false });
  return g;
}

/** Builds the workbook (fixtures/lib/sheet-writer) of a generated budget. */
export function generatedWorkbook(g: GeneratedBudget): XLSX.WorkBook {
  return buildWorkbook(g.specs, { title: `${g.model.department.name}${g.model.year}年部门预算` });
}

/** Writes a generated budget as a real .xlsx / .xls file. */
export function writeGeneratedBudget(g: GeneratedBudget, file: string, bookType: 'xlsx' | 'xls' = 'xlsx'): void {
  writeWorkbookFile(generatedWorkbook(g), file, bookType);
}

/**
 * Options that give about `rows` data rows over the 23 tables (a unit with
 * 20 项 publishes ≈ 300 rows: 22 dominates with ~12 rows per project).
 */
export function optionsForRows(rows: number): GenerateOptions {
  const functionRows = rows < 2000 ? 10 : 20;
  const perUnit = functionRows === 10 ? 188 : 366;
  return { units: Math.max(1, Math.round(rows / perUnit)), functionRows, projectsPerItem: 2 };
}

/** fast-check arbitrary of consistent budgets (small by default, so property runs stay fast). */
export function budgetArbitrary(max: { units?: number; functionRows?: number } = {}): fc.Arbitrary<GeneratedBudget> {
  return fc
    .record({
      seed: fc.integer({ min: 1, max: 0x7fffffff }),
      units: fc.integer({ min: 1, max: max.units ?? 4 }),
      functionRows: fc.integer({ min: 3, max: max.functionRows ?? 10 }),
      projectsPerItem: fc.integer({ min: 1, max: 2 }),
      governmentFunds: fc.boolean(),
    })
    .map(({ seed, ...opts }) => generateBudget(seed, opts));
}
