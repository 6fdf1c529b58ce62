/**
 * What each rule family checks, for `budget-audit rules` and docs/rules.md:
 * the letter alone tells a reader nothing.
 */
import type { Localized } from '../model/finding.js';
import type { RuleFamily } from './types.js';

export interface FamilyInfo {
  title: Localized;
  /** What its rules have in common, and what a failure usually means. */
  about: Localized;
}

export const FAMILIES: Record<RuleFamily, FamilyInfo> = {
  A: {
    title: { zh: '表内', en: 'inside each table' },
    about: {
      zh: '同一张表内的算术：合计列 = 构成列之和，合计行 = 各行之和，类 = Σ款，款 = Σ项。失败通常是某个单元格录错或漏填。',
      en: 'Arithmetic within one table: total columns = the sum of their parts, total rows = the sum of the rows, 类 = Σ 款, 款 = Σ 项. A failure usually means one cell was typed wrong or left out.',
    },
  },
  B: {
    title: { zh: '表间', en: 'between tables' },
    about: {
      zh: '同一数字在不同表中必须一致：功能科目合计（01、03、06、07）、基本支出与项目支出（01、03、05、07、08、21、23）、三公经费（15、08、13、14）等。',
      en: 'The same figure must agree wherever it is published: the 功能科目 totals (01, 03, 06, 07), 基本支出 and 项目支出 (01, 03, 05, 07, 08, 21, 23), the 三公 figures (15, 08, 13, 14) and so on.',
    },
  },
  C: {
    title: { zh: '完整性', en: 'completeness' },
    about: {
      zh: '该公开的都公开了：23 张表齐全，空表注明原因，绩效指标分类齐全、有值和度量单位，同一科目编码在各表名称一致。',
      en: 'Everything that must be published is, and reads the same everywhere: all 23 tables, a note on each empty table, performance indicators in every category with a value and a unit, one name per code across tables.',
    },
  },
  D: {
    title: { zh: '读取问题', en: 'reading problems' },
    about: {
      zh: '读取工作簿时发现的问题：不是数字的金额、重复的表、金额单位不一致、模板没有的列、隐藏的行。涉及这些单元格的恒等式不运行。',
      en: 'Problems found while reading the workbook: amounts that are not numbers, duplicated tables, mixed money units, columns the template does not know, hidden rows. Identities over such cells are not run.',
    },
  },
  E: {
    title: { zh: '编码', en: 'codes' },
    about: {
      zh: '功能科目与经济科目编码：类/款/项编码列完整，层级正确（项属于其款、款属于其类；类 3 位、款 5 位、项 7 位），经济科目编码归入正确的类。',
      en: 'Functional (功能科目) and economic (经济科目) codes: the 类/款/项 code columns complete, the hierarchy right (each 项 under its 款, each 款 under its 类; 3, 5 and 7 digits), economic codes under the right class.',
    },
  },
};

/** "A. 表内 — inside each table". */
export function familyHeading(f: RuleFamily): string {
  const info = FAMILIES[f];
  return info ? `${f}. ${info.title.zh} — ${info.title.en}` : f;
}
