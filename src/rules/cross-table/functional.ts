/** Family B — Functional expenditure (功能科目): by 类 across tables and the 01 function block, and row by row by (unit, code). */
import type { TableId } from '../../model/amount.js';
import type { Row } from '../../model/table.js';
import { codeLevel, normName, type LineNode } from '../../model/lookup/budget-index.js';
import { FUNCTION_CLASSES } from '../data/function-classes.js';
import { missing, type RuleContext, type Term } from '../engine.js';
import { columns, functionGroups, functionMaxLevel, functionRows } from '../helpers.js';
import type { Rule } from '../rule.js';
import { generalOnly, p } from './common.js';

/** Per 类 code, the figures of a table's 类 rows (or its rows rolled up to 类) in one column, over all units. */
function byClass(ctx: RuleContext, id: TableId, key: string): Map<string, Term[]> {
  const rows = functionRows(ctx.index.table(id));
  const hasClassRows = rows.some((r) => codeLevel(r.code) === 1);
  let min = 3;
  for (const r of rows) min = Math.min(min, codeLevel(r.code) ?? 3);
  const out = new Map<string, Term[]>();
  for (let ri = 0; ri < rows.length; ri++) {
    const r = rows[ri]!;
    const lv = codeLevel(r.code);
    if (!r.code || lv === undefined || (hasClassRows ? lv !== 1 : lv !== min)) continue;
    const a = r.amounts[key];
    if (!a) continue;
    const cls = r.code.slice(0, 3);
    const list = out.get(cls);
    if (list) list.push(a);
    else out.set(cls, [a]);
  }
  return out;
}

/** The standard 类 list by normalized name. */
const STANDARD_CLASSES = new Map<string, string>(Object.entries(FUNCTION_CLASSES).map(([code, name]) => [normName(name), code]));

/** 类 name → code, from the standard list and the 类 rows the tables publish. */
function classCodes(ctx: RuleContext, tables: TableId[]): Map<string, string> {
  const m = new Map<string, string>(STANDARD_CLASSES);
  for (const id of tables) {
    for (const r of functionRows(ctx.index.table(id))) {
      if (r.code && codeLevel(r.code) === 1 && r.name) m.set(normName(r.name), r.code);
    }
  }
  return m;
}

/** Compares a line table's functional lines with tables' 类 figures (both ways). */
function classLines(ctx: RuleContext, id: TableId, nodes: LineNode[], tables: [TableId, string][]): void {
  const names = classCodes(ctx, tables.map(([t]) => t));
  const sides = tables.map(([t, key]) => byClass(ctx, t, key));
  const seen = new Set<string>();
  const classTerms = (code: string, label: string): Term[] => {
    const terms: Term[] = [];
    for (const m of sides) terms.push(...(m.get(code) ?? []));
    if (terms.length === 0) terms.push(missing(tables[0]![0], label, tables[0]![1]));
    return terms;
  };
  for (const node of nodes) {
    if (!node.amount) continue;
    const code = names.get(node.name);
    if (code) seen.add(code);
    const label = code ? `${code} ${node.row.name}` : node.row.name;
    ctx.same([node.amount], code ? classTerms(code, label) : [missing(tables[0]![0], label, tables[0]![1])]);
  }
  // A 类 with figures in the tables but no line in 01/06.
  const codes = new Set<string>();
  for (const m of sides) for (const c of m.keys()) codes.add(c);
  for (const code of codes) {
    if (seen.has(code)) continue;
    const name = FUNCTION_CLASSES[code] ?? code;
    ctx.same([missing(id, name, '支出 › 预算数')], classTerms(code, `${code} ${name}`));
  }
}

const SPECIAL_LINES = new Set(['本年支出', '年终结转结余', '结转下年']);

export const crossFunctionClass: Rule = {
  meta: {
    id: 'cross-function-class',
    family: 'B',
    severity: 'error',
    tables: ['01', '03', '06', '07', '16', '19'],
    title: { zh: '按功能分类的支出：表01 = 表03，表06 = 表07（+ 表16 + 表19），按 类', en: 'Functional expenditure by 类: 01 = 03, 06 = 07 (+ 16 + 19)' },
    identity:
      '表01 按功能分类 各 类 行 = 表03 该 类 行 合计（各单位之和）；表06 各 类 行 = 表07 + 表16 + 表19 该 类 行 合计',
    description: {
      zh: '收支总表按功能分类列出的每个 类，等于支出总表中该 类 的合计；财政拨款收支总表中的每个 类，等于一般公共预算、政府性基金和国有资本经营预算支出表中该 类 之和。表中有金额而另一表没有该 类，也是错误。',
      en: 'Each 类 listed in 01 by function equals that 类\'s 合计 in 03; each 类 in 06 equals the sum of that 类 in 07, 16 and 19. A 类 with an amount in one table and absent from the other is an error too.',
    },
    example: '表01 （八）社会保障和就业支出 2,261.37 = 表03 208 社会保障和就业支出 合计 2,261.37',
  },
  check(ctx) {
    if (ctx.need('01', '03')) {
      const s = ctx.index.lineSection('01', 'function');
      const nodes = (s?.nodes ?? []).filter((n) => n.role === 'item' && !SPECIAL_LINES.has(n.name) && n.children.length === 0);
      classLines(ctx, '01', nodes, [['03', '合计']]);
    }
    if (ctx.need('06', '07')) {
      const s = ctx.index.lineSection('06', 'function');
      const nodes = (s?.nodes ?? []).filter((n) => n.role === 'item' && !SPECIAL_LINES.has(n.name) && n.children.length === 0);
      const tables: [TableId, string][] = [['07', '合计']];
      if (ctx.budget.tables['16']?.found) tables.push(['16', '合计']);
      if (ctx.budget.tables['19']?.found) tables.push(['19', '合计']);
      classLines(ctx, '06', nodes, tables);
    }
  },
};

/**
 * Row-by-row comparison by (unit, 功能科目 code) at the finest level both tables
 * publish; a code absent from one side counts as zero there (so a code with an
 * amount on one side only is an error).
 */
export function compareByCode(ctx: RuleContext, a: TableId, aCols: string[], b: TableId, bCols: string[]): void {
  const ta = ctx.index.table(a);
  const tb = ctx.index.table(b);
  if (functionRows(ta).length === 0 && functionRows(tb).length === 0) return;
  const withUnit = ta.functionRowsHaveUnits && tb.functionRowsHaveUnits;
  const level = Math.min(functionMaxLevel(ta) || 3, functionMaxLevel(tb) || 3);
  const ga = functionGroups(ta, withUnit, level);
  const gb = functionGroups(tb, withUnit, level);
  const terms = (rows: Row[] | undefined, id: TableId, cols: string[], other: Row[] | undefined): (Term | undefined)[] => {
    if (rows) return columns(rows, cols);
    const label = other?.[0]?.label ?? '';
    return [missing(id, label, cols.join(' + '))];
  };
  // Every key of either table: a's in order, then those only b has.
  ga.forEach((rowsA, k) => {
    const rowsB = gb.get(k);
    ctx.same(terms(rowsA, a, aCols, rowsB), terms(rowsB, b, bCols, rowsA));
  });
  gb.forEach((rowsB, k) => {
    if (!ga.has(k)) ctx.same(terms(undefined, a, aCols, rowsB), terms(rowsB, b, bCols, undefined));
  });
}

export const crossFunctionByCode: Rule = {
  meta: {
    id: 'cross-function-by-code',
    family: 'B',
    severity: 'error',
    tables: ['03', '04', '05', '07', '16', '17', '18'],
    title: { zh: '逐行按（单位，功能科目编码）核对：03 = 04 = 05（= 07），16 = 17 = 18', en: 'Row by row by (unit, 功能科目 code): 03 = 04 = 05 (= 07), 16 = 17 = 18' },
    identity:
      '每个（单位，项 编码）：表03 合计 = 表04 总计 = 表05 总计，表03 基本支出 = 表05 基本支出 合计，表03 项目支出 = 表05 项目支出 合计；只有一般公共预算时 表03 = 表07（合计、基本、项目）；表16 合计 = 表17 总计 = 表18 总计，表16 基本 小计 = 表18 基本支出 合计，表16 项目支出 = 表18 项目支出 合计',
    description: {
      zh: '同一单位、同一功能科目编码的支出在各表中逐行一致；某编码在一张表有金额而另一张表没有该行，同样报错。',
      en: 'For each (unit, functional code) the expenditure agrees row by row between the tables; a code with an amount in one table and no row in the other is an error too.',
    },
    example: '表03 2080101 行政运行 合计 1,555.66 = 表04 201001 2080101 行政运行 总计 1,555.66',
  },
  check(ctx) {
    if (ctx.need('03', '04')) compareByCode(ctx, '03', ['合计'], '04', ['总计']);
    if (ctx.need('03', '05')) {
      compareByCode(ctx, '03', ['合计'], '05', ['总计']);
      compareByCode(ctx, '03', ['基本支出'], '05', [p('基本支出', '合计')]);
      compareByCode(ctx, '03', ['项目支出'], '05', [p('项目支出', '合计')]);
    }
    if (generalOnly(ctx) && ctx.need('03', '07')) {
      compareByCode(ctx, '03', ['合计'], '07', ['合计']);
      compareByCode(ctx, '03', ['基本支出'], '07', [p('基本支出', '小计')]);
      compareByCode(ctx, '03', ['项目支出'], '07', ['项目支出']);
    }
    const basic16 = p('本年政府性基金预算支出', '小计');
    if (ctx.need('16', '17')) compareByCode(ctx, '16', ['合计'], '17', ['总计']);
    if (ctx.need('16', '18')) {
      compareByCode(ctx, '16', ['合计'], '18', ['总计']);
      compareByCode(ctx, '16', [basic16], '18', [p('基本支出', '合计')]);
      compareByCode(ctx, '16', ['项目支出'], '18', [p('项目支出', '合计')]);
    }
  },
};
