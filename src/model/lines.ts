/**
 * The line hierarchy of the side-by-side tables 01 收支总表 and 06 财政拨款收支总表,
 * as data (template vocabulary: the model's line trees are built with it). Numbered lines place themselves (一、 above （一）); unnumbered
 * sub-lines (经费拨款, 行政事业性收费收入 …) are placed by name here, because
 * their published indentation is not reliable.
 */
import type { TableId } from './amount.js';

export type LineSectionKind = 'income' | 'expenditure';

export function sectionKind(_table: TableId, key: string): LineSectionKind {
  return key === 'income' ? 'income' : 'expenditure';
}

/** 纳入一般公共预算管理的非税收入 and its sub-lines. */
const NON_TAX_CHILDREN = [
  '行政事业性收费收入', '专项收入', '国有资本经营收入', '国有资源（资产）有偿使用收入', '罚没收入', '捐赠收入',
  '政府住房基金收入', '其他纳入一般公共预算管理的非税收入',
];

const LEVELS: Partial<Record<TableId, Record<string, Record<string, number>>>> = {
  '01': {
    income: {
      经费拨款: 2,
      纳入一般公共预算管理的非税收入拨款: 2,
      ...Object.fromEntries(NON_TAX_CHILDREN.map((n) => [n, 3])),
      一般债券: 2,
      外国政府和国际组织贷款: 2,
      外国政府和国际组织捐赠: 2,
      外国政府和国际组织赠款: 2,
      一般公共预算补助: 2,
      政府性基金补助: 2,
      国有资本经营预算补助: 2,
      社会保险基金预算资金补助: 2,
      上年结转结余: 1,
    },
    deptEconomic: {
      工资福利支出: 2,
      商品和服务支出: 2,
      对个人和家庭的补助: 2,
      按项目管理的工资福利支出: 2,
      按项目管理的商品和服务支出: 2,
      按项目管理的对个人和家庭的补助: 2,
      债务利息及费用支出: 2,
      '资本性支出（基本建设）': 2,
      资本性支出: 2,
      '对企业补助（基本建设）': 2,
      对企业补助: 2,
      对社会保障基金补助: 2,
      其他支出: 2,
      年终结转结余: 1,
    },
    function: { 年终结转结余: 1 },
    govEconomic: { 年终结转结余: 1 },
  },
  '06': {
    income: {
      经费拨款: 3,
      纳入一般公共预算管理的非税收入拨款: 3,
    },
    function: {},
  },
};

/** Normalizes a name the way the index does (NFKC folds （） to ()). */
function key(s: string): string {
  return s.normalize('NFKC').replace(/[\s\u3000]+/g, '');
}

const LEVEL_INDEX = new Map<string, number>();
for (const [table, sections] of Object.entries(LEVELS)) {
  for (const [section, names] of Object.entries(sections ?? {})) {
    for (const [name, level] of Object.entries(names)) LEVEL_INDEX.set(`${table}|${section}|${key(name)}`, level);
  }
}

/** key() of the names lines are looked up by (bounded: cleared when large). */
const KEYS = new Map<string, string>();

/** The level of an unnumbered line known by name, or undefined. */
export function lineLevel(table: TableId, section: string, name: string): number | undefined {
  let k = KEYS.get(name);
  if (k === undefined) {
    k = key(name);
    if (KEYS.size >= 10_000) KEYS.clear();
    KEYS.set(name, k);
  }
  return LEVEL_INDEX.get(`${table}|${section}|${k}`);
}
