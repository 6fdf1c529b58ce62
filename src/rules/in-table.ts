/**
 * Family A — identities inside each table: every row's total column = its
 * parts; every column's 合计 row = Σ departments, a department = Σ its units, a
 * unit = Σ its top 功能科目 / project rows; 功能科目 and 经济科目 rollups by code;
 * the 01/06 line sums and balances.
 */
import type { TableId } from '../model/amount.js';
import type { Row } from '../model/table.js';
import type { LineNode, Scope } from '../model/lookup/budget-index.js';
import { codeLevel, parentCode } from '../model/lookup/budget-index.js';
import { rowIdentities } from './columns.js';
import type { RuleContext, Term } from './engine.js';
import { amountKeys, FIGURE_KINDS, GRID_TABLES } from './helpers.js';
import type { Rule } from './rule.js';

const LINE_TABLES: TableId[] = ['01', '06'];

/** Tables with 功能科目 rows. */
const FUNCTION_TABLES: TableId[] = ['03', '04', '05', '07', '09', '10', '11', '12', '13', '14', '16', '17', '18', '19', '20'];

export const rowTotal: Rule = {
  meta: {
    id: 'row-total',
    family: 'A',
    severity: 'error',
    tables: GRID_TABLES,
    title: { zh: '每一行：合计列 = 其构成列之和', en: 'Every row: a total column equals its parts' },
    identity:
      '每行 合计/小计/总计 = Σ 同组下级列（由模板列层级导出），如 表03 合计 = 基本支出 + 项目支出 + …；表07 基本支出 小计 = 人员经费 + 公用经费；表15 “三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行费 小计 + 公务接待费；表21 总计 = 编入部门预算金额 + 财政代编金额；表23 资金总额 = Σ 按收入性质分 = Σ 按支出性质分',
    description: {
      zh: '模板中每个列组的合计列（合计、小计、总计、资金总额）必须等于同组其余列之和；没有合计列的子组按其明细列计入。按…分 的并列分组各自等于合计。失败时检查该行的合计单元格与各构成单元格。',
      en: 'In every column group of the template, the total column (合计 / 小计 / 总计 / 资金总额) must equal the sum of its sibling columns; a sub-group without a total counts by its leaves. Alternative views (按…分) each sum to the total. On failure, check the row\'s total cell against its parts.',
    },
    example: '表03 合计行：合计 2,424.73 = 基本支出 2,032.73 + 项目支出 392.00',
  },
  check(ctx) {
    for (const id of GRID_TABLES) {
      const ids = rowIdentities(id);
      if (ids.length === 0 || !ctx.need(id)) continue;
      // A column never broken down (表21 一般公共预算小计 without 经费拨款 …) is 未分项 once per table, not per row.
      const once = ids.map((_, i) => ({ infoOnce: `${id}#${i}` }));
      const rows = ctx.budget.tables[id].rows;
      for (let ri = 0; ri < rows.length; ri++) {
        const row = rows[ri]!;
        if (!FIGURE_KINDS.has(row.kind)) continue;
        for (let i = 0; i < ids.length; i++) ctx.sumAcross(row, ids[i]!, once[i]);
      }
    }
  },
};

export const columnTotal: Rule = {
  meta: {
    id: 'column-total',
    family: 'A',
    severity: 'error',
    tables: GRID_TABLES,
    title: { zh: '每一列：合计行 = 各部门行之和', en: 'Every column: the 合计 row equals the sum of its department rows' },
    identity: '合计行 = Σ 部门行（无部门行时 = Σ 单位行；再无则 = Σ 最高一级科目行 / 项目行，如 表08 合计 = 301 + 302 + 303）',
    description: {
      zh: '每个金额列中，合计行等于其下一级（部门、单位或最高层级科目/项目）各行之和。表08 的人员经费列即 301 + 303 的人员经费。',
      en: 'In every amount column, the 合计 row equals the sum of the rows one level down (departments, else units, else the top-level classification or project rows). In 表08 the 人员经费 column is 301 + 303.',
    },
    example: '表08 合计行 人员经费 1,831.85 = 301 1,797.18 + 303 34.66（= 1,831.84，舍入差 0.01）',
  },
  check(ctx) {
    for (const id of GRID_TABLES) {
      if (!ctx.need(id)) continue;
      const t = ctx.index.table(id);
      if (t.totals.length === 0 || t.topRows.length === 0) continue;
      const columns = amountKeys(id).length;
      for (const total of t.totals) {
        for (let k = 0; k < columns; k++) ctx.sumDown(total, t.topRows, k);
      }
    }
  },
};

export const columnDepartment: Rule = {
  meta: {
    id: 'column-department',
    family: 'A',
    severity: 'error',
    tables: GRID_TABLES,
    title: { zh: '部门行 = 其所属单位行之和', en: 'A department row equals the sum of its units' },
    identity: '部门行 = Σ 所属单位行（无单位行时 = Σ 其下最高一级科目行 / 项目行，如 表21 部门 = Σ 专项）',
    description: {
      zh: '每个金额列中，部门行（如 201）等于其下各单位行（201001 …）之和；没有单位行的表（表21）等于其下各项目之和。',
      en: 'In every amount column a department row (e.g. 201) equals the sum of its unit rows (201001 …); where a table lists no unit rows (表21) it equals the sum of its projects.',
    },
    example: '表21 201 衡南县人力资源和社会保障局 总计 392.00 = Σ 20 个专项',
  },
  check(ctx) {
    for (const id of GRID_TABLES) {
      if (!ctx.need(id)) continue;
      const t = ctx.index.table(id);
      const columns = amountKeys(id).length;
      for (const dept of t.departments) {
        const units = t.deptUnits.get(dept) ?? [];
        const parts = units.length > 0 ? units : (t.scopeOf.get(dept)?.top ?? []);
        if (parts.length === 0) continue;
        for (let k = 0; k < columns; k++) ctx.sumDown(dept, parts, k);
      }
    }
  },
};

export const columnUnit: Rule = {
  meta: {
    id: 'column-unit',
    family: 'A',
    severity: 'error',
    tables: GRID_TABLES,
    title: { zh: '单位行 = 其下科目行 / 项目行之和', en: 'A unit row equals the sum of its classification or project rows' },
    identity: '单位行 = Σ 其下最高一级功能科目行（表03/07 为 类；表04/05/09–14 为 项）或项目行（表22 资金总额 = Σ 项目）',
    description: {
      zh: '每个金额列中，单位行等于其下最高一级科目行之和：有 类 行的表为各 类 之和，只列 项 的表为各 项 之和；表22 单位资金总额为各项目之和。',
      en: 'In every amount column a unit row equals the sum of its top-level rows: its 类 rows where the table lists 类, else its 项 rows; in 表22 its projects.',
    },
    example: '表03 201001 合计 2,424.73 = 208 2,261.37 + 210 97.09 + 221 66.26（= 2,424.72，舍入差 0.01）',
  },
  check(ctx) {
    for (const id of GRID_TABLES) {
      if (!ctx.need(id)) continue;
      const t = ctx.index.table(id);
      if (t.details.length === 0) continue;
      const columns = amountKeys(id).length;
      for (const unit of t.units) {
        const parts = t.scopeOf.get(unit)?.top ?? [];
        for (let k = 0; k < columns; k++) ctx.sumDown(unit, parts, k);
      }
    }
  },
};

const NO_ROWS: readonly Row[] = [];

/** Parent = Σ children by code (类 ⊃ 款 ⊃ 项), inside one scope, for rows of `kind`. */
function rollup(ctx: RuleContext, id: TableId, scope: Scope, kind: 'function' | 'economic'): void {
  const columns = amountKeys(id).length;
  const children = new Map<string, Row[]>();
  for (let ri = 0; ri < scope.rows.length; ri++) {
    const r = scope.rows[ri]!;
    if (r.kind !== kind || !r.code) continue;
    const parent = parentCode(r.code);
    if (parent === undefined) continue;
    const list = children.get(parent);
    if (list) list.push(r);
    else children.set(parent, [r]);
  }
  for (let ri = 0; ri < scope.rows.length; ri++) {
    const r = scope.rows[ri]!;
    if (r.kind !== kind || !r.code) continue;
    const lv = codeLevel(r.code);
    if (lv === undefined || lv === 3 || !scope.levels.has(lv + 1)) continue;
    const kids = children.get(r.code) ?? NO_ROWS;
    for (let k = 0; k < columns; k++) ctx.sumDown(r, kids, k);
  }
}

export const functionRollup: Rule = {
  meta: {
    id: 'function-rollup',
    family: 'A',
    severity: 'error',
    tables: FUNCTION_TABLES,
    title: { zh: '功能科目汇总：类 = Σ 款，款 = Σ 项', en: 'Functional classification rollups: 类 = Σ 款, 款 = Σ 项' },
    identity: '类 = Σ 其下 款（按编码 208 ⊃ 20801），款 = Σ 其下 项（20801 ⊃ 2080101），逐列、逐单位',
    description: {
      zh: '在同一单位内，每个 类 行等于编码以其开头的 款 行之和，每个 款 行等于其 项 行之和（每个金额列）。',
      en: 'Within one unit, each 类 row equals the sum of the 款 rows whose code starts with it, and each 款 row the sum of its 项 rows, in every amount column.',
    },
    example: '表03 20801 人力资源和社会保障管理事务 1,947.66 = 2080101 1,555.66 + 2080104 15.00 + … + 2080199 196.00',
  },
  check(ctx) {
    for (const id of FUNCTION_TABLES) {
      if (!ctx.need(id)) continue;
      for (const scope of ctx.index.table(id).scopes) rollup(ctx, id, scope, 'function');
    }
  },
};

export const economicRollup: Rule = {
  meta: {
    id: 'economic-rollup',
    family: 'A',
    severity: 'error',
    tables: ['08'],
    title: { zh: '经济科目汇总：301 = Σ 301xx …', en: 'Economic classification rollups: 301 = Σ 301xx …' },
    identity: '表08 301 = Σ 301xx，302 = Σ 302xx，303 = Σ 303xx（合计、人员经费、公用经费各列）',
    description: {
      zh: '表08 每个经济科目 类 行等于其下 款 行之和（每个金额列）。',
      en: 'In 表08 every economic 类 row equals the sum of its 款 rows, in every amount column.',
    },
    example: '表08 302 商品和服务支出 200.88 = 30217 5.00 + 30228 26.92 + 30201 168.96',
  },
  check(ctx) {
    if (!ctx.need('08')) return;
    for (const scope of ctx.index.table('08').scopes) rollup(ctx, '08', scope, 'economic');
  },
};

function amountOf(n: LineNode): Term | undefined {
  return n.amount;
}

export const lineSum: Rule = {
  meta: {
    id: 'line-sum',
    family: 'A',
    severity: 'error',
    tables: LINE_TABLES,
    title: { zh: '收支总表各行：合计 = 各项之和', en: 'Side-by-side tables: each line equals the sum of its lines' },
    identity:
      '表01/表06：有下级的行 = Σ 其下级行；本年收入合计 = Σ 各收入行（一、二、…）；本年支出合计 = Σ 各支出行；收入总计 = 本年收入合计 + 上年结转结余；支出总计 = 本年支出合计 + 年终结转结余',
    description: {
      zh: '表01 与 表06 的每一栏（收入、按功能、按部门预算经济分类、按政府预算经济分类）中，编号行等于其下级行之和，本年合计等于各编号行之和，总计等于本年合计加结转结余。只填了上级行而下级全部为空视为“未分项”（info）。',
      en: 'In each column block of 表01 and 表06 (income, by function, by 部门预算 / 政府预算 economic class), a numbered line equals the sum of its sub-lines, the 本年 total the sum of the numbered lines, and the 总计 the 本年 total plus 结转结余. A line whose sub-lines are all blank is reported once as info (breakdown not given).',
    },
    example: '表01 本年支出合计 2,424.73 = 社会保障和就业支出 2,261.37 + 卫生健康支出 97.09 + 住房保障支出 66.26（= 2,424.72，舍入差 0.01）',
  },
  check(ctx) {
    for (const id of LINE_TABLES) {
      if (!ctx.need(id)) continue;
      for (const section of ctx.index.lineSections(id)) {
        let pending: LineNode[] = [];
        let acc: LineNode[] = [];
        for (const node of section.nodes) {
          if (node.role === 'item') {
            if (node.children.length > 0) ctx.sum(amountOf(node), node.children.map(amountOf));
            if (!node.parent) pending.push(node);
          } else if (node.role === 'subtotal') {
            ctx.sum(amountOf(node), pending.map(amountOf));
            acc = [node];
            pending = [];
          } else {
            ctx.sum(amountOf(node), [...acc, ...pending].map(amountOf));
            acc = [];
            pending = [];
          }
        }
      }
    }
  },
};

export const lineBalance: Rule = {
  meta: {
    id: 'line-balance',
    family: 'A',
    severity: 'error',
    tables: LINE_TABLES,
    title: { zh: '收支平衡：收入总计 = 支出总计，各支出口径合计一致', en: 'Balance: 收入总计 = 支出总计, and every expenditure view has the same total' },
    identity:
      '表01/表06 收入总计 = 支出总计（每个支出栏）；表01 按功能分类、按部门预算经济分类、按政府预算经济分类 三栏的 本年支出合计 相等',
    description: {
      zh: '收支总表必须平衡：收入总计等于每一支出栏的支出总计；同一笔支出按三种口径分类，本年支出合计必须相同。',
      en: 'The summary tables must balance: 收入总计 equals each expenditure block\'s 支出总计, and the three classifications of the same expenditure have the same 本年支出合计.',
    },
    example: '表01 收入总计 2,424.73 = 支出总计 2,424.73',
  },
  check(ctx) {
    for (const id of LINE_TABLES) {
      if (!ctx.need(id)) continue;
      const sections = ctx.index.lineSections(id);
      const income = sections.find((s) => s.kind === 'income');
      const grandOf = (s: (typeof sections)[number]) => s.nodes.find((n) => n.role === 'grand');
      const subOf = (s: (typeof sections)[number]) => s.nodes.find((n) => n.role === 'subtotal');
      const incomeGrand = income ? grandOf(income) : undefined;
      const expenditure = sections.filter((s) => s.kind === 'expenditure');
      for (const s of expenditure) {
        const g = grandOf(s);
        if (incomeGrand?.amount && g?.amount) ctx.equal(incomeGrand.amount, g.amount);
      }
      const first = expenditure[0];
      const firstSub = first ? subOf(first) : undefined;
      for (const s of expenditure.slice(1)) {
        const sub = subOf(s);
        if (firstSub?.amount && sub?.amount) ctx.equal(sub.amount, firstSub.amount);
      }
    }
  },
};

export const IN_TABLE_RULES: Rule[] = [
  rowTotal,
  columnTotal,
  columnDepartment,
  columnUnit,
  functionRollup,
  economicRollup,
  lineSum,
  lineBalance,
];
