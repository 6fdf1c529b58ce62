/**
 * Family B — the same figure wherever it is published: income (01 ⇄ 02 ⇄ 06 ⇄
 * 23, each fund ⇄ its expenditure table), functional expenditure by 类 and
 * row by row by (unit, 功能科目 code), 基本 / 项目 totals, economic
 * classification, the 人员经费 / 公用经费 chain 08 ⇄ 09–14 through the
 * crosswalk, 三公, and projects 21 ⇄ 22.
 *
 * Tables 03 / 04 / 05 / 23 cover every source of funds; 07 / 08–15 only
 * 一般公共预算; 16–18 政府性基金; 19 国有资本经营; 20 财政专户. Identities
 * between two scopes only hold when the department has no other money: those
 * run when 表02 shows 一般公共预算 income only ("general-only").
 *
 * One file per identity family in ./cross-table/ (income, functional,
 * basic-project, economic, basic-detail, three-public, projects); the catalog
 * order is here.
 */
import type { Rule } from './rule.js';
import { crossBasicByCode, crossBasicChain, crossCrosswalk } from './cross-table/basic-detail.js';
import { crossBasicProject } from './cross-table/basic-project.js';
import { crossEconomic } from './cross-table/economic.js';
import { crossFunctionByCode, crossFunctionClass } from './cross-table/functional.js';
import { crossFundTables, crossIncome } from './cross-table/income.js';
import { crossProjects } from './cross-table/projects.js';
import { crossThreePublic } from './cross-table/three-public.js';

export { generalOnly } from './cross-table/common.js';
export { compareByCode } from './cross-table/functional.js';
export {
  crossBasicByCode,
  crossBasicChain,
  crossBasicProject,
  crossCrosswalk,
  crossEconomic,
  crossFunctionByCode,
  crossFunctionClass,
  crossFundTables,
  crossIncome,
  crossProjects,
  crossThreePublic,
};

export const CROSS_TABLE_RULES: Rule[] = [
  crossIncome,
  crossFundTables,
  crossFunctionClass,
  crossFunctionByCode,
  crossBasicProject,
  crossEconomic,
  crossBasicChain,
  crossCrosswalk,
  crossBasicByCode,
  crossThreePublic,
  crossProjects,
];
