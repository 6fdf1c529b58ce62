/**
 * Family D — problems the loader found while reading (an amount cell that
 * isn't a number, a header column it can't match, a table found twice, a
 * table in another money unit), reported as findings at their cells. A missing
 * table is rule `table-present` (family C).
 */
import type { ProblemKind } from '../model/budget.js';
import type { FindingLocation } from '../model/finding.js';
import { TABLE_IDS } from '../model/amount.js';
import type { RuleContext } from './engine.js';
import type { Rule } from './rule.js';
import type { RuleMeta } from './types.js';

function fromProblems(kind: ProblemKind, meta: RuleMeta): Rule {
  return {
    meta,
    check(ctx: RuleContext) {
      for (const p of ctx.budget.problems) {
        if (p.kind !== kind) continue;
        // A workbook-wide problem has no table: the location then names only the sheet/cell.
        const loc = (p.table ? { table: p.table } : {}) as FindingLocation;
        if (p.ref) {
          loc.sheet = p.ref.sheet;
          loc.cell = p.ref.cell;
          if (p.ref.page !== undefined) loc.page = p.ref.page;
          if (p.ref.box) loc.box = p.ref.box;
        } else if (p.table && ctx.budget.tables[p.table]?.sheet) {
          loc.sheet = ctx.budget.tables[p.table]!.sheet!;
        }
        if (p.column) loc.column = p.column;
        ctx.condition(false, {
          message: { zh: `${meta.title.zh}：${p.message}`, en: `${meta.title.en}: ${p.message}` },
          locations: [loc],
        });
      }
    },
  };
}

const ALL = [...TABLE_IDS];

export const readBadAmount = fromProblems('bad-amount', {
  id: 'read-bad-amount',
  family: 'D',
  severity: 'error',
  tables: ALL,
  title: { zh: '金额单元格不是数字', en: 'An amount cell is not a number' },
  identity: '金额列的每个非空单元格都是数字（如 “约5万”、“#REF!” 不是）',
  description: {
    zh: '金额列中的单元格无法读成金额。该单元格不参与任何等式（相关等式记为未运行），请改为数字或留空。',
    en: 'A cell of an amount column cannot be read as an amount. It takes part in no identity (those are reported as not run): replace it with a number or leave it blank.',
  },
  example: '表03 D9 “约5万” → 金额单元格不是数字',
});

export const readUnmatchedColumn = fromProblems('unmatched-column', {
  id: 'read-unmatched-column',
  family: 'D',
  severity: 'warning',
  tables: ALL,
  title: { zh: '表头列无法与模板对应', en: 'A header column does not match the template' },
  identity: '表头的每一列都能与模板列对应，模板的每一列都能在表头找到',
  description: {
    zh: '表头缺少模板中的某列，或有模板不认识的列（且含数字）。用到该列的等式记为未运行。',
    en: 'The header lacks a template column, or has a column the template does not know (holding figures). Identities that need the column are reported as not run.',
  },
  example: '表05 缺少 “项目支出 › 其他支出” 列',
});

export const readDuplicateTable = fromProblems('duplicate-table', {
  id: 'read-duplicate-table',
  family: 'D',
  severity: 'warning',
  tables: ALL,
  title: { zh: '同一张表出现两次', en: 'The same table appears twice' },
  identity: '每张表只在工作簿中出现一次',
  description: {
    zh: '同一张公开表在两个位置被找到；检查只使用第一处，请删除重复的一份。',
    en: 'The same disclosure table was found in two places; only the first is checked. Remove the duplicate.',
  },
});

export const readUnitMismatch = fromProblems('unit-mismatch', {
  id: 'read-unit-mismatch',
  family: 'D',
  severity: 'error',
  tables: ALL,
  title: { zh: '金额单位与工作簿不一致', en: 'A table\'s money unit differs from the workbook\'s' },
  identity: '每张表的 金额单位 与工作簿一致（万元 / 元）',
  description: {
    zh: '某张表标注的金额单位（如 元）与其余各表（万元）不同，表间比较会失真。',
    en: 'A table states a different money unit (e.g. 元) from the others (万元): comparisons between tables would be meaningless.',
  },
});

export const readHiddenRow = fromProblems('hidden-row', {
  id: 'read-hidden-row',
  family: 'D',
  severity: 'warning',
  tables: ALL,
  title: { zh: '隐藏的行含有金额', en: 'A hidden row holds figures' },
  identity: '含金额的行都不隐藏（公开的表格里看得到每一个计入合计的数）',
  description: {
    zh: '工作表中被隐藏的行仍含有金额：检查照常计入它（合计包含它），但公开的表格不显示这一行，读者看到的各行加起来不等于合计。请取消隐藏，或删除该行并更正合计。全为零的隐藏行不影响合计，不报告。',
    en: 'A hidden sheet row still holds figures: the checks count it (the totals include it), but the published table does not show it, so the rows a reader sees do not add up to the totals. Unhide it, or delete it and correct the totals. A hidden row of zeros changes no total and is not reported.',
  },
  example: '表03 第 12 行 2080199 其他人力资源和社会保障管理事务支出 被隐藏，但有金额 196.00',
});

export const READING_RULES: Rule[] = [readBadAmount, readUnmatchedColumn, readDuplicateTable, readUnitMismatch, readHiddenRow];
