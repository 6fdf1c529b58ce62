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
 */
import { PATH_SEP, type TableId } from '../model/amount.js';
import type { Row } from '../model/table.js';
import { codeLevel, normName, type LineNode } from '../model/lookup/budget-index.js';
import { CLASS_TABLES, GOV_DEPT, ITEM_COLUMNS, THREE_PUBLIC } from './data/crosswalk.js';
import { FUNCTION_CLASSES } from './data/function-classes.js';
import { DEPT_ECONOMIC_01_TO_05, GOV_ECONOMIC_ALIASES, INCOME_01_TO_02, INCOME_06 } from './data/lines.js';
import { missing, type RuleContext, type Term } from './engine.js';
import {
  amountKeys,
  columns,
  functionGroups,
  functionMaxLevel,
  functionRows,
  grandTerms,
  groupBy,
  lineTerm,
  rowsByCode,
  unionKeys,
} from './helpers.js';
import type { Rule } from './rule.js';

const p = (...parts: string[]): string => parts.join(PATH_SEP);

/** The 01 line by any of its published names (社会保障基金预算资金 = 社会保险基金预算资金). */
function line01(ctx: RuleContext, section: string, names: string[], parent?: string): Term {
  for (const n of names) {
    const node = ctx.index.line('01', section, n, parent);
    if (node?.amount) return node.amount;
  }
  return lineTerm(ctx, '01', section, names[0]!, parent);
}

const SOCIAL_FUND = ['社会保障基金预算资金', '社会保险基金预算资金'];

/** 表02 合计 row columns that are NOT 一般公共预算: all zero ⇒ the department is general-only. */
const GENERAL_02 = new Set([
  '合计',
  p('本年收入', '小计'),
  p('本年收入', '一般公共预算'),
  p('本年收入', '上级财政补助收入', '一般公共预算补助'),
  p('上年结转结余', '小计'),
  p('上年结转结余', '一般公共预算'),
]);

/** True when every figure of 表02's 合计 row outside 一般公共预算 is zero. */
export function generalOnly(ctx: RuleContext): boolean {
  const t = ctx.budget.tables['02'];
  if (!t?.found) return false;
  const rows = ctx.index.grand('02');
  if (rows.length === 0) return false;
  for (const key of amountKeys('02')) {
    if (GENERAL_02.has(key)) continue;
    for (let ri = 0; ri < rows.length; ri++) {
      const r = rows[ri]!;
      const a = r.amounts[key];
      if (a && !a.value.isZero()) return false;
    }
  }
  return true;
}

// ------------------------------------------------------------------ income

export const crossIncome: Rule = {
  meta: {
    id: 'cross-income',
    family: 'B',
    severity: 'error',
    tables: ['01', '02', '06', '23'],
    title: { zh: '收入：表01 = 表02 = 表06 = 表23', en: 'Income: 01 = 02 = 06 = 23' },
    identity:
      '表01 各收入行 = 表02 合计行对应列（本年收入合计 = 本年收入 小计，一般公共预算拨款收入 = 一般公共预算 …，收入总计 = 合计）；表06 一般公共预算拨款 / 政府性基金 / 国有资本经营 / 社会保险基金 = 表01 对应收入，表06 上年结转 各项 = 表02 上年结转结余 各列；表23 按收入性质分 一般公共预算 / 政府性基金拨款 / 财政专户管理资金 = 表01 本年收入 + 表02 上年结转结余',
    description: {
      zh: '同一笔收入在收支总表、收入总表、财政拨款收支总表和整体绩效目标表中必须一致。',
      en: 'The same income must agree in the summary table (01), the income table (02), the 财政拨款 summary (06) and the overall performance table (23).',
    },
    example: '表01 一般公共预算拨款收入 2,424.73 = 表02 合计行 一般公共预算 2,424.73',
  },
  check(ctx) {
    if (ctx.need('01', '02')) {
      for (const e of INCOME_01_TO_02) {
        const names = e.line === '社会保障基金预算资金' ? SOCIAL_FUND : [e.line];
        if (e.line === '社会保险基金预算资金') continue;
        ctx.same([line01(ctx, 'income', names, e.parent)], e.columns.flatMap((c) => grandTerms(ctx, '02', c)));
      }
    }
    if (ctx.need('06', '01', '02')) {
      for (const e of INCOME_06) {
        const node =
          ctx.index.line('06', 'income', e.line, e.parent) ??
          (e.parent === '本年收入' || e.parent === '一般公共预算拨款' ? ctx.index.line('06', 'income', e.line) : undefined);
        const t06: Term = node?.amount ?? missing('06', e.line, '收入 › 预算数');
        if (e.line01) {
          const names = e.line01 === '社会保障基金预算资金' ? SOCIAL_FUND : [e.line01];
          ctx.equal(t06, line01(ctx, 'income', names));
        } else if (e.column02) {
          ctx.same([t06], grandTerms(ctx, '02', e.column02));
        }
      }
    }
    if (ctx.need('23', '01', '02')) {
      const by = (n: string) => p('年度预算申请', '按收入性质分', n);
      const pairs: [string, string[], string][] = [
        [by('一般公共预算'), ['一般公共预算拨款收入'], p('上年结转结余', '一般公共预算')],
        [by('政府性基金拨款'), ['政府性基金预算拨款收入'], p('上年结转结余', '政府性基金预算')],
        [by('财政专户管理资金'), ['财政专户管理资金收入'], p('上年结转结余', '财政专户管理资金')],
      ];
      for (const [col23, lines, carry] of pairs) {
        ctx.same(grandTerms(ctx, '23', col23), [line01(ctx, 'income', lines), ...grandTerms(ctx, '02', carry)]);
      }
    }
  },
};

export const crossFundTables: Rule = {
  meta: {
    id: 'cross-fund-tables',
    family: 'B',
    severity: 'error',
    tables: ['01', '02', '07', '16', '17', '18', '19', '20'],
    title: { zh: '各类资金收入 = 其支出表合计', en: 'Each fund\'s income equals its expenditure table\'s total' },
    identity:
      '表01 一般公共预算拨款收入 + 表02 上年结转 一般公共预算 = 表07 合计；政府性基金 = 表16 合计 = 表17 总计 = 表18 总计；国有资本经营 = 表19 合计；财政专户管理资金 = 表20 合计（收入为零 ⇒ 对应表无金额）',
    description: {
      zh: '每类资金的本年收入加上年结转，等于该资金的支出表合计；没有该类收入的部门，其支出表应为空（并附说明）。',
      en: 'Each fund\'s income this year plus its carry-over equals the total of that fund\'s expenditure table; a department without that income publishes the table empty (with a note).',
    },
    example: '表01 政府性基金预算拨款收入 0（空）= 表16 合计 0.00',
  },
  check(ctx) {
    if (!ctx.need('01', '02')) return;
    const funds: { lines: string[]; carry: string; tables: [TableId, string][] }[] = [
      { lines: ['一般公共预算拨款收入'], carry: p('上年结转结余', '一般公共预算'), tables: [['07', '合计']] },
      {
        lines: ['政府性基金预算拨款收入'],
        carry: p('上年结转结余', '政府性基金预算'),
        tables: [['16', '合计'], ['17', '总计'], ['18', '总计']],
      },
      { lines: ['国有资本经营预算拨款收入'], carry: p('上年结转结余', '国有资本经营预算'), tables: [['19', '合计']] },
      { lines: ['财政专户管理资金收入'], carry: p('上年结转结余', '财政专户管理资金'), tables: [['20', '合计']] },
    ];
    for (const f of funds) {
      const income = [line01(ctx, 'income', f.lines), ...grandTerms(ctx, '02', f.carry)];
      for (const [id, col] of f.tables) {
        if (!ctx.need(id)) continue;
        ctx.same(grandTerms(ctx, id, col), income);
      }
    }
  },
};

// ------------------------------------------------------------------ functional classification

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

// ------------------------------------------------------------------ 基本 / 项目 totals

type Getter = () => (Term | undefined)[];

/** Compares each available figure with the first available one. */
function chain(ctx: RuleContext, items: [TableId, Getter][]): void {
  const present = items.filter(([id]) => ctx.need(id));
  const anchor = present[0];
  if (!anchor) return;
  const a = anchor[1]();
  for (const [, get] of present.slice(1)) ctx.same(get(), a);
}

const line = (ctx: RuleContext, section: string, name: string): Getter => () => [lineTerm(ctx, '01', section, name)];
const grand = (ctx: RuleContext, id: TableId, key: string): Getter => () => grandTerms(ctx, id, key);

/** The 01 function block's 本年支出合计. */
function expenditureTotal01(ctx: RuleContext): Getter {
  return () => {
    const node = ctx.index.lineSection('01', 'function')?.nodes.find((n) => n.role === 'subtotal');
    return [node?.amount ?? missing('01', '本年支出合计', '支出 › 预算数')];
  };
}

export const crossBasicProject: Rule = {
  meta: {
    id: 'cross-basic-project',
    family: 'B',
    severity: 'error',
    tables: ['01', '03', '04', '05', '07', '08', '16', '19', '21', '23'],
    title: { zh: '基本支出、项目支出及支出合计在各表一致', en: '基本支出, 项目支出 and total expenditure agree across tables' },
    identity:
      '基本支出：表01 = 表03 = 表05 = 表23；项目支出：表01 = 表03 = 表05 = 表23；本年支出合计：表01 = 表03 合计 = 表04 总计 = 表05 总计 = 表23 资金总额；事业单位经营支出：表01 = 表03；一般公共预算：表07 基本支出 小计 = 表08 合计，表07 项目支出 = 表21 一般公共预算小计，表16 项目支出 = 表21 政府性基金，表19 项目支出 = 表21 国有资本经营预算；只有一般公共预算时 表07 = 表03（合计、基本、项目），表21 总计 = 表03 项目支出',
    description: {
      zh: '同一笔基本支出、项目支出在收支总表、支出总表、分类汇总表、一般公共预算支出表、基本支出表、专项资金表和整体绩效目标表中必须一致。',
      en: 'The same 基本支出 and 项目支出 totals must agree in the summary, expenditure, classification, 一般公共预算, basic-expenditure, project-fund and overall-performance tables.',
    },
    example: '表01 一、基本支出 2,032.73 = 表03 合计行 基本支出 2,032.73 = 表23 基本支出 2,032.73',
  },
  check(ctx) {
    chain(ctx, [
      ['01', line(ctx, 'deptEconomic', '基本支出')],
      ['03', grand(ctx, '03', '基本支出')],
      ['05', grand(ctx, '05', p('基本支出', '合计'))],
      ['23', grand(ctx, '23', p('年度预算申请', '按支出性质分', '基本支出'))],
    ]);
    chain(ctx, [
      ['01', line(ctx, 'deptEconomic', '项目支出')],
      ['03', grand(ctx, '03', '项目支出')],
      ['05', grand(ctx, '05', p('项目支出', '合计'))],
      ['23', grand(ctx, '23', p('年度预算申请', '按支出性质分', '项目支出'))],
    ]);
    chain(ctx, [
      ['01', expenditureTotal01(ctx)],
      ['03', grand(ctx, '03', '合计')],
      ['04', grand(ctx, '04', '总计')],
      ['05', grand(ctx, '05', '总计')],
      ['23', grand(ctx, '23', p('年度预算申请', '资金总额'))],
    ]);
    chain(ctx, [
      ['01', line(ctx, 'deptEconomic', '事业单位经营服务支出')],
      ['03', grand(ctx, '03', '事业单位经营支出')],
    ]);
    chain(ctx, [
      ['07', grand(ctx, '07', p('基本支出', '小计'))],
      ['08', grand(ctx, '08', p('本年一般公共预算基本支出', '合计'))],
    ]);
    const gp21 = p('预算额度', '一般公共预算', '一般公共预算小计');
    chain(ctx, [['07', grand(ctx, '07', '项目支出')], ['21', grand(ctx, '21', gp21)]]);
    chain(ctx, [['16', grand(ctx, '16', '项目支出')], ['21', grand(ctx, '21', p('预算额度', '政府性基金'))]]);
    chain(ctx, [['19', grand(ctx, '19', '项目支出')], ['21', grand(ctx, '21', p('预算额度', '国有资本经营预算'))]]);
    if (generalOnly(ctx)) {
      chain(ctx, [['03', grand(ctx, '03', '合计')], ['07', grand(ctx, '07', '合计')]]);
      chain(ctx, [['03', grand(ctx, '03', '基本支出')], ['07', grand(ctx, '07', p('基本支出', '小计'))]]);
      chain(ctx, [['03', grand(ctx, '03', '项目支出')], ['07', grand(ctx, '07', '项目支出')]]);
      chain(ctx, [['03', grand(ctx, '03', '项目支出')], ['21', grand(ctx, '21', p('预算额度', '总计'))]]);
    }
  },
};

// ------------------------------------------------------------------ economic classification

/** GOV_ECONOMIC_ALIASES by normalized name (the first alias listed for a name). */
const GOV_ALIASES = new Map<string, string>();
for (const [k, v] of Object.entries(GOV_ECONOMIC_ALIASES)) {
  const name = normName(k);
  if (!GOV_ALIASES.has(name)) GOV_ALIASES.set(name, v);
}

/** 表08 类 / 款 row's 合计 (absent → Missing). */
function row08(ctx: RuleContext, code: string, name: string, key = p('本年一般公共预算基本支出', '合计')): Term | undefined {
  const r = rowsByCode(ctx.index.table('08')).get(code)?.[0];
  return r ? r.amounts[key] : missing('08', `${code} ${name}`, key);
}

export const crossEconomic: Rule = {
  meta: {
    id: 'cross-economic',
    family: 'B',
    severity: 'error',
    tables: ['01', '04', '05', '07', '08'],
    title: { zh: '经济分类：表01 = 表05 / 表04，表08 = 表07（= 表05）', en: 'Economic classification: 01 = 05 / 04, 08 = 07 (= 05)' },
    identity:
      '表01 按部门预算经济分类 各行 = 表05 合计行对应列；表01 按政府预算经济分类 各行 = 表04 合计行对应列；表08 人员经费 = 表07 工资福利支出 + 对个人和家庭的补助，表08 公用经费 = 表07 公用经费，表08 301 = 表07 工资福利支出，表08 303 = 表07 对个人和家庭的补助；只有一般公共预算时 表08 301 / 302 / 303 = 表05 基本支出 工资福利 / 一般商品和服务 / 对个人和家庭的补助',
    description: {
      zh: '同一支出按经济分类在收支总表、分类汇总表（04/05）、一般公共预算支出表和基本支出表中一致。',
      en: 'Expenditure by economic class agrees between the summary table, the classification tables (04/05), the 一般公共预算 table (07) and the basic-expenditure table (08).',
    },
    example: '表01 工资福利支出 1,797.18 = 表05 合计行 基本支出 › 工资福利支出 1,797.18',
  },
  check(ctx) {
    if (ctx.need('01', '05')) {
      const byColumn = groupBy(DEPT_ECONOMIC_01_TO_05, (e) => e.column);
      for (const [column, entries] of byColumn) {
        let t: Term | undefined;
        for (const e of entries) {
          t = ctx.index.line('01', 'deptEconomic', e.line, e.parent)?.amount;
          if (t) break;
        }
        ctx.same([t ?? missing('01', entries[0]!.line, '支出 › 预算数')], grandTerms(ctx, '05', column));
      }
    }
    if (ctx.need('01', '04')) {
      const s = ctx.index.lineSection('01', 'govEconomic');
      const byName = new Map<string, Term>();
      for (const n of s?.nodes ?? []) {
        if (n.role !== 'item' || !n.amount) continue;
        const alias = GOV_ALIASES.get(n.name);
        byName.set(normName(alias ?? n.name), n.amount);
      }
      for (const key of amountKeys('04')) {
        if (key === '总计') continue;
        ctx.same([byName.get(normName(key)) ?? missing('01', key, '支出 › 预算数')], grandTerms(ctx, '04', key));
      }
    }
    if (ctx.need('07', '08')) {
      const pers = p('本年一般公共预算基本支出', '人员经费');
      const pub = p('本年一般公共预算基本支出', '公用经费');
      const salary = p('基本支出', '人员经费', '工资福利支出');
      const household = p('基本支出', '人员经费', '对个人和家庭的补助');
      ctx.same(grandTerms(ctx, '08', pers), [...grandTerms(ctx, '07', salary), ...grandTerms(ctx, '07', household)]);
      ctx.same(grandTerms(ctx, '08', pub), grandTerms(ctx, '07', p('基本支出', '公用经费')));
      ctx.same([row08(ctx, '301', '工资福利支出')], grandTerms(ctx, '07', salary));
      ctx.same([row08(ctx, '303', '对个人和家庭的补助')], grandTerms(ctx, '07', household));
    }
    if (generalOnly(ctx) && ctx.need('05', '08')) {
      ctx.same([row08(ctx, '301', '工资福利支出')], grandTerms(ctx, '05', p('基本支出', '工资福利支出')));
      ctx.same([row08(ctx, '302', '商品和服务支出')], grandTerms(ctx, '05', p('基本支出', '一般商品和服务支出')));
      ctx.same([row08(ctx, '303', '对个人和家庭的补助')], grandTerms(ctx, '05', p('基本支出', '对个人和家庭的补助')));
    }
  },
};

// ------------------------------------------------------------------ 08 ⇄ 09–14

export const crossBasicChain: Rule = {
  meta: {
    id: 'cross-basic-chain',
    family: 'B',
    severity: 'error',
    tables: ['08', '09', '10', '11', '12', '13', '14'],
    title: { zh: '基本支出明细：表08 ⇄ 表09–14', en: 'Basic expenditure detail: 08 ⇄ 09–14' },
    identity:
      '表08 301 工资福利支出 = 表09 总计 = 表10 总计；303 对个人和家庭的补助 = 表11 总计 = 表12 总计；302 商品和服务支出 = 表13 总计 = 表14 总计；表08 各 款（30101 基本工资、30102 津贴补贴、30103 奖金、30108–30113 社保/公积金、30201 办公费、30217 公务接待费、30228 工会经费、30302 退休费、30399 …）= 表10 / 12 / 14 合计行对应列',
    description: {
      zh: '一般公共预算基本支出表（08）按经济科目列出的每一类、每一款，等于人员经费、公用经费明细表（09–14）的对应总计和对应列。',
      en: 'Each economic 类 and 款 of the basic-expenditure table (08) equals the matching total and column of the 人员经费 / 公用经费 detail tables (09–14).',
    },
    example: '表08 30228 工会经费 26.92 = 表14 合计行 工会经费 26.92',
  },
  check(ctx) {
    if (!ctx.need('08')) return;
    for (const c of CLASS_TABLES) {
      const t08 = row08(ctx, c.code, c.name);
      if (ctx.need(c.gov)) ctx.same(grandTerms(ctx, c.gov, '总计'), [t08]);
      if (ctx.need(c.dept)) ctx.same(grandTerms(ctx, c.dept, '总计'), [t08]);
    }
    const codes = rowsByCode(ctx.index.table('08'));
    for (const item of ITEM_COLUMNS) {
      if (!ctx.budget.tables[item.table]?.found) {
        ctx.need(item.table);
        continue;
      }
      const r = codes.get(item.code)?.[0];
      const other = grandTerms(ctx, item.table, item.column);
      // Codes the department doesn't use (no 08 row, blank column) aren't checks.
      if (!r && other.every((t) => t !== undefined && ('missing' in t || t.blank))) continue;
      ctx.same([row08(ctx, item.code, item.name)], other);
    }
  },
};

function rowKey(r: Row): string | undefined {
  if (r.kind === 'total') return 'total';
  if (r.kind === 'function') return `function|${r.unitCode ?? ''}|${r.code ?? ''}`;
  if (r.kind === 'department' || r.kind === 'unit') return `${r.kind}|${r.code ?? ''}`;
  return undefined;
}

export const crossCrosswalk: Rule = {
  meta: {
    id: 'cross-crosswalk',
    family: 'B',
    severity: 'error',
    tables: ['09', '10', '11', '12', '13', '14'],
    title: { zh: '政府预算与部门预算经济分类对照：09 ⇄ 10，11 ⇄ 12，13 ⇄ 14', en: '政府预算 vs 部门预算 economic classes: 09 ⇄ 10, 11 ⇄ 12, 13 ⇄ 14' },
    identity:
      '逐行（合计、部门、单位、功能科目）：表09 总计 = 表10 总计，工资奖金津补贴 = 工资津补贴 合计，社会保障缴费 = 社会保障缴费 合计 …；表11 离退休费 = 表12 离休费 + 退休费 …；表13 办公经费 = 表14 办公费 + 印刷费 + 手续费 + 水费 + 电费 + 邮电费 + 取暖费 + 物业管理费 + 差旅费 + 租赁费 + 工会经费 + 福利费 + 其他交通费用 + 税金及附加费用，委托业务费 = 咨询费 + 劳务费 + 委托业务费 …（对照表见 src/rules/data/crosswalk.ts）',
    description: {
      zh: '同一笔人员经费、公用经费按政府预算经济分类（09/11/13）和部门预算经济分类（10/12/14）各列一次，两者通过标准对照表逐行相等。事业单位行（对事业单位经常性补助有金额）只比较总计。',
      en: 'The same 人员经费 / 公用经费 is published by 政府预算 class (09/11/13) and by 部门预算 class (10/12/14); row by row they agree through the standard crosswalk. Rows of 事业单位 (with 对事业单位经常性补助) compare only their 总计.',
    },
    example: '表13 办公经费 195.88 = 表14 办公费 168.96 + 工会经费 26.92',
  },
  check(ctx) {
    for (const pair of GOV_DEPT) {
      if (!ctx.need(pair.gov, pair.dept)) continue;
      const ga = groupBy(ctx.budget.tables[pair.gov].rows, rowKey);
      const gb = groupBy(ctx.budget.tables[pair.dept].rows, rowKey);
      const keys = unionKeys(ga, gb);
      for (let ki = 0; ki < keys.length; ki++) {
        const k = keys[ki]!;
        const a = ga.get(k)?.[0];
        const b = gb.get(k)?.[0];
        const label = (a ?? b)!.label;
        const institution = pair.publicInstitution && a?.amounts[pair.publicInstitution];
        const detailed = !(institution && !institution.value.isZero());
        for (let ei = 0; ei < pair.entries.length; ei++) {
          const e = pair.entries[ei]!;
          if (!detailed && e.gov !== '总计') continue;
          const left: (Term | undefined)[] = [a ? a.amounts[e.gov] : missing(pair.gov, label, e.gov)];
          const right: (Term | undefined)[] = b ? columns([b], e.dept) : [missing(pair.dept, label, e.dept.join(' + '))];
          ctx.same(left, right);
        }
      }
    }
  },
};

export const crossBasicByCode: Rule = {
  meta: {
    id: 'cross-basic-by-code',
    family: 'B',
    severity: 'error',
    tables: ['07', '09', '11', '13'],
    title: { zh: '人员经费、公用经费按功能科目：表07 = 表09 / 11 / 13', en: '人员经费 / 公用经费 by 功能科目: 07 = 09 / 11 / 13' },
    identity:
      '每个（单位，项 编码）：表07 人员经费 工资福利支出 = 表09 总计；表07 人员经费 对个人和家庭的补助 = 表11 总计；表07 公用经费 = 表13 总计',
    description: {
      zh: '一般公共预算支出表中每个功能科目的人员经费、公用经费，等于基本支出明细表中同一功能科目的总计。',
      en: 'For each functional code, the 人员经费 and 公用经费 of the 一般公共预算 table equal the 总计 of the same code in the basic-expenditure detail tables.',
    },
    example: '表07 2080101 行政运行 工资福利支出 1,354.78 = 表09 201001 2080101 总计 1,354.78',
  },
  check(ctx) {
    if (ctx.need('07', '09')) compareByCode(ctx, '07', [p('基本支出', '人员经费', '工资福利支出')], '09', ['总计']);
    if (ctx.need('07', '11')) compareByCode(ctx, '07', [p('基本支出', '人员经费', '对个人和家庭的补助')], '11', ['总计']);
    if (ctx.need('07', '13')) compareByCode(ctx, '07', [p('基本支出', '公用经费')], '13', ['总计']);
  },
};

// ------------------------------------------------------------------ 三公

export const crossThreePublic: Rule = {
  meta: {
    id: 'cross-three-public',
    family: 'B',
    severity: 'error',
    tables: ['08', '13', '14', '15'],
    title: { zh: '“三公”经费：表15 = 表08 = 表13 = 表14', en: '三公 expenses: 15 = 08 = 13 = 14' },
    identity:
      '表15 公务接待费 = 表08 30217 = 表13 公务接待费 = 表14 公务接待费；公务用车运行费 = 表08 30231 = 表13 / 表14 公务用车运行维护费；因公出国（境）费 = 表08 30212 = 表13 / 表14 因公出国（境）费用',
    description: {
      zh: '“三公”经费表中的每一项，等于基本支出表（08）对应经济科目，以及公用经费明细表（13/14）对应列。表13 有事业单位补助时只比较 08 与 14。',
      en: 'Each 三公 item of 表15 equals the matching economic code in 表08 and the matching column of 表13 / 表14. When 表13 has 对事业单位 amounts only 08 and 14 are compared.',
    },
    example: '表15 公务接待费 5.00 = 表08 30217 公务接待费 5.00 = 表14 公务接待费 5.00',
  },
  check(ctx) {
    if (!ctx.need('15')) return;
    const inst13 = ctx.budget.tables['13']?.found
      ? grandTerms(ctx, '13', p('对事业单位经常性补助', '合计')).some((t) => t !== undefined && !('missing' in t) && !t.value.isZero())
      : true;
    for (const e of THREE_PUBLIC) {
      const t15 = grandTerms(ctx, '15', e.column15);
      if (ctx.need('08')) ctx.same(t15, [row08(ctx, e.code08, e.column14)]);
      if (ctx.need('14')) ctx.same(t15, grandTerms(ctx, '14', e.column14));
      if (!inst13 && ctx.need('13')) ctx.same(t15, grandTerms(ctx, '13', e.column13));
    }
  },
};

// ------------------------------------------------------------------ projects

export const crossProjects: Rule = {
  meta: {
    id: 'cross-projects',
    family: 'B',
    severity: 'error',
    tables: ['21', '22'],
    title: { zh: '项目：表21 与 表22 一一对应且金额相同', en: 'Projects: 21 and 22 list the same projects with the same amounts' },
    identity: '表21 每个专项（单位，名称）= 表22 同名项目 资金总额；表22 每个项目都在 表21 中',
    description: {
      zh: '专项资金预算汇总表中的每个项目都应在项目支出绩效目标表中列出且金额相同，反之亦然。',
      en: 'Every project of the project-fund table (21) must appear in the performance-target table (22) with the same amount, and vice versa.',
    },
    example: '表21 2025年劳动仲裁经费 15.00 = 表22 2025年劳动仲裁经费 资金总额 15.00',
  },
  check(ctx) {
    if (!ctx.need('21', '22')) return;
    const key = (r: Row) => `${r.unitCode ?? ''}|${normName(r.name)}`;
    const projects = (id: TableId) => ctx.index.table(id).details.filter((r) => r.kind === 'project');
    const a = groupBy(projects('21'), key);
    const b = groupBy(projects('22'), key);
    const col21 = p('预算额度', '总计');
    const col22 = '资金总额';
    const keys = unionKeys(a, b);
    for (let ki = 0; ki < keys.length; ki++) {
      const k = keys[ki]!;
      const ra = a.get(k) ?? [];
      const rb = b.get(k) ?? [];
      const n = Math.max(ra.length, rb.length);
      for (let i = 0; i < n; i++) {
        const x = ra[i];
        const y = rb[i];
        const label = (x ?? y)!.name;
        ctx.same([x ? x.amounts[col21] : missing('21', label, col21)], [y ? y.amounts[col22] : missing('22', label, col22)]);
      }
    }
  },
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
