/**
 * Family E — codes: a 项 sits under its own 款 and 类 (2090101 listed under
 * 20801 is an error); 科目编码 agrees with the 类 / 款 / 项 columns; an economic
 * 款 code belongs to the 类 it is listed under (30101 under 301).
 */
import type { TableId } from '../model/amount.js';
import { joinFunctionCode } from '../model/codes.js';
import type { Row, Table } from '../model/table.js';
import { codeLevel, parentCode, scopeHasCode } from '../model/lookup/budget-index.js';
import type { RuleContext } from './engine.js';
import { cellAt, rowLocation } from './helpers.js';
import type { Rule } from './rule.js';

const SPACES = /\s+/g;

/** True when `s` is exactly a + b + c (then it spells the same code whatever the spacing), without building the string. */
function spelledAs(s: string, a: string, b: string, c: string): boolean {
  return s.length === a.length + b.length + c.length && s.startsWith(a) && s.startsWith(b, a.length) && s.endsWith(c);
}

const FUNCTION_TABLES: TableId[] = ['03', '04', '05', '07', '09', '10', '11', '12', '13', '14', '16', '17', '18', '19', '20'];

/** Where a row's code is published: 科目编码, else the 类 column, else its label. */
function codeCell(t: Table, r: Row) {
  if (r.texts['科目编码'] !== undefined) return cellAt(t, r, '科目编码');
  const sub = Object.keys(r.texts).find((k) => k.endsWith('科目编码'));
  if (sub) return cellAt(t, r, sub);
  if (r.texts['功能科目 › 类'] !== undefined) return cellAt(t, r, '功能科目 › 类');
  return rowLocation(t, r);
}

/**
 * Walks a table's rows in order: each 款 / 项 must start with the code of the
 * 类 / 款 row it is listed under; where a table publishes parent rows, a row
 * whose parent is absent from its unit is reported too.
 */
function hierarchy(ctx: RuleContext, id: TableId, kind: 'function' | 'economic', what: { zh: string; en: string }): void {
  const t = ctx.budget.tables[id];
  const idx = ctx.index.table(id);
  let parents: (Row | undefined)[] = [];
  for (let ri = 0; ri < t.rows.length; ri++) {
    const r = t.rows[ri]!;
    if (r.kind === 'total' || r.kind === 'department' || r.kind === 'unit') {
      parents = [];
      continue;
    }
    if (r.kind !== kind || !r.code) continue;
    const lv = codeLevel(r.code);
    if (lv === undefined) continue;
    // The nearest row above at a higher level (类 for a 款, 款 — else 类 — for a 项).
    let above: Row | undefined;
    for (let l = lv - 1; l >= 1 && !above; l--) above = parents[l];
    if (above) {
      if (r.code.startsWith(above.code!)) ctx.pass();
      else
        ctx.fail({
          message: {
            zh: `表${id} ${r.label} 列在 ${above.label} 之下，但编码不属于该${codeLevel(above.code) === 1 ? '类' : '款'}（${what.zh}）`,
            en: `Table ${id}: ${r.label} is listed under ${above.label} but its code doesn't belong to it (${what.en})`,
          },
          locations: [codeCell(t, r), codeCell(t, above)],
        });
    }
    parents[lv] = r;
    for (let l = lv + 1; l < parents.length; l++) parents[l] = undefined;
  }
  // A 款 / 项 whose 类 / 款 row is missing from a unit that publishes that level.
  for (const scope of idx.scopes) {
    for (let ri = 0; ri < scope.rows.length; ri++) {
      const r = scope.rows[ri]!;
      if (r.kind !== kind || !r.code) continue;
      const lv = codeLevel(r.code);
      if (lv === undefined || lv === 1 || !scope.levels.has(lv - 1)) continue;
      const parent = parentCode(r.code)!;
      if (scopeHasCode(scope, parent)) ctx.pass();
      else
        ctx.fail({
          message: {
            zh: `表${id} ${r.label} 的上级科目 ${parent} 没有列出`,
            en: `Table ${id}: the parent ${parent} of ${r.label} is not listed`,
          },
          locations: [codeCell(t, r)],
        });
    }
  }
}

export const codeHierarchy: Rule = {
  meta: {
    id: 'code-hierarchy',
    family: 'E',
    severity: 'error',
    tables: FUNCTION_TABLES,
    title: { zh: '功能科目层级：项 在其所属 款、类 之下', en: 'Functional code hierarchy: a 项 sits under its own 款 and 类' },
    identity: '每个 款 / 项 行的编码以其上方 类 / 款 行的编码开头（208 ⊃ 20801 ⊃ 2080101）；列出上级的表中，上级行必须存在',
    description: {
      zh: '功能科目行按 类、款、项 逐级列示，下级编码必须以所在上级的编码开头；例如 2090101 列在 20801 之下即为错误。',
      en: 'Functional rows are listed 类 → 款 → 项 and a child\'s code starts with its parent\'s: 2090101 listed under 20801 is an error.',
    },
    example: '表03 2090101 列在 20801 人力资源和社会保障管理事务 之下',
  },
  check(ctx) {
    for (const id of FUNCTION_TABLES) {
      if (!ctx.need(id)) continue;
      hierarchy(ctx, id, 'function', { zh: '功能科目', en: 'functional classification' });
    }
  },
};

export const codeColumns: Rule = {
  meta: {
    id: 'code-columns',
    family: 'E',
    severity: 'error',
    tables: ['03', '07'],
    title: { zh: '科目编码与 类 / 款 / 项 列一致', en: '科目编码 agrees with the 类 / 款 / 项 columns' },
    identity: '科目编码 = 类 ‖ 款 ‖ 项（如 208 / 01 / 01 ⇒ 2080101）',
    description: {
      zh: '同时公开 类 / 款 / 项 三列和 科目编码 列的表（03、07），两者必须表示同一个编码。',
      en: 'Where a table publishes both the 类 / 款 / 项 columns and 科目编码 (03, 07), they must spell the same code.',
    },
    example: '表03 类 208 款 01 项 01，科目编码 2080101',
  },
  check(ctx) {
    for (const id of ['03', '07'] as TableId[]) {
      if (!ctx.need(id)) continue;
      const t = ctx.budget.tables[id];
      for (let ri = 0; ri < t.rows.length; ri++) {
        const r = t.rows[ri]!;
        if (r.kind !== 'function') continue;
        const lei = r.texts['功能科目 › 类'];
        const subject = r.texts['科目编码'];
        if (!lei || !subject) continue;
        const kuan = r.texts['功能科目 › 款'];
        const xiang = r.texts['功能科目 › 项'];
        if (spelledAs(subject, lei, kuan ?? '', xiang ?? '')) {
          ctx.pass();
          continue;
        }
        const joined = joinFunctionCode(lei, kuan, xiang).replace(SPACES, '');
        const code = subject.replace(SPACES, '');
        if (joined === code) ctx.pass();
        else
          ctx.fail({
            message: {
              zh: `表${id} ${r.label}：科目编码 ${code} 与 类/款/项 ${joined} 不一致`,
              en: `Table ${id} ${r.label}: 科目编码 ${code} differs from 类/款/项 ${joined}`,
            },
            locations: [cellAt(t, r, '科目编码'), cellAt(t, r, '功能科目 › 类'), cellAt(t, r, '功能科目 › 款'), cellAt(t, r, '功能科目 › 项')],
          });
      }
    }
  },
};

export const economicCodeClass: Rule = {
  meta: {
    id: 'economic-code-class',
    family: 'E',
    severity: 'error',
    tables: ['08'],
    title: { zh: '经济科目 款 属于其所在 类', en: 'An economic 款 belongs to the 类 it is listed under' },
    identity: '表08 每个 款 编码以其上方 类 编码开头（30101 在 301 下），且其 类 行已列出',
    description: {
      zh: '部门预算经济分类 款 编码的前三位就是它的 类；列在别的 类 之下，或其 类 行缺失，都是错误。',
      en: 'The first three digits of an economic 款 code are its 类; listing it under another 类, or without its 类 row, is an error.',
    },
    example: '表08 30201 办公费 列在 301 工资福利支出 之下',
  },
  check(ctx) {
    if (!ctx.need('08')) return;
    hierarchy(ctx, '08', 'economic', { zh: '经济科目', en: 'economic classification' });
  },
};

export const CODE_RULES: Rule[] = [codeHierarchy, codeColumns, economicCodeClass];
