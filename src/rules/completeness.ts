/**
 * Family C — completeness: all 23 tables present; an empty table says why; 表22
 * projects carry indicators of every 一级指标; quantitative indicators have a
 * numeric 指标值 and a real 度量单位; a code has one name in every table.
 */
import { TABLE_IDS, type TableId } from '../model/amount.js';
import type { FindingLocation } from '../model/finding.js';
import type { Row, Table } from '../model/table.js';
import { normName } from '../model/lookup/budget-index.js';
import type { RuleContext } from './engine.js';
import { cellAt, FIGURE_KINDS, GRID_TABLES, rowLocation } from './helpers.js';
import type { Rule } from './rule.js';

export const tablePresent: Rule = {
  meta: {
    id: 'table-present',
    family: 'C',
    severity: 'error',
    tables: [...TABLE_IDS],
    title: { zh: '23 张公开表齐全', en: 'All 23 disclosure tables are present' },
    identity: '部门公开表01 … 部门公开表23 均能在工作簿中找到',
    description: {
      zh: '每张公开表都必须出现（没有数据的表也要公开，并注明原因）。缺表时，用到它的检查记为未运行，而不是通过。',
      en: 'Every disclosure table must be published (a table without data too, with a note saying why). Checks that need a missing table are reported as not run, never as passed.',
    },
    example: '缺少 部门公开表15 一般公共预算“三公”经费支出表',
  },
  check(ctx) {
    const reasons = new Map<TableId, string>();
    for (const p of ctx.budget.problems) if (p.kind === 'missing-table' && p.table) reasons.set(p.table, p.message);
    for (const id of TABLE_IDS) {
      const t = ctx.budget.tables[id];
      const title = t?.title ?? '';
      ctx.condition(Boolean(t?.found), () => ({
        message: {
          zh: `缺少 部门公开表${id} ${title}${reasons.has(id) ? `（${reasons.get(id)}）` : ''}`,
          en: `Table ${id} ${title} was not found${reasons.has(id) ? ` (${reasons.get(id)})` : ''}`,
        },
        locations: [{ table: id }],
      }));
    }
  },
};

function hasFigures(t: Table): boolean {
  for (let ri = 0; ri < t.rows.length; ri++) {
    const r = t.rows[ri]!;
    for (const k in r.amounts) {
      const a = r.amounts[k]!;
      if (!a.blank && !a.value.isZero()) return true;
    }
  }
  return false;
}

export const emptyTableNote: Rule = {
  meta: {
    id: 'empty-table-note',
    family: 'C',
    severity: 'warning',
    tables: [...TABLE_IDS],
    title: { zh: '空表须附说明', en: 'An empty table carries a note saying why' },
    identity: '没有任何非零金额的表，表下有 说明 / 注（如 “2025年度无政府性基金预算拨款支出”）',
    description: {
      zh: '一张公开表没有任何金额时，应在表下说明原因（如 表16–20 的“本部门无政府性基金预算拨款支出”），否则读者无法区分“没有”与“漏填”。',
      en: 'A disclosure table without any amount must say why under it (as 表16–20 do: “no 政府性基金 expenditure”); otherwise a reader can\'t tell “none” from “left out”.',
    },
    example: '表16 合计 0.00，说明：2025年度无政府性基金预算拨款支出。',
  },
  check(ctx) {
    for (const id of TABLE_IDS) {
      const t = ctx.budget.tables[id];
      if (!t?.found || hasFigures(t)) continue;
      ctx.condition(t.notes.some((n) => n.text.trim() !== ''), () => ({
        message: {
          zh: `表${id} ${t.title} 没有任何金额，但没有说明原因`,
          en: `Table ${id} ${t.title} has no amounts and no note saying why`,
        },
        locations: [{ table: id, ...(t.sheet ? { sheet: t.sheet } : {}), ...(t.range ? { cell: t.range.split(':')[0] } : {}) }],
      }));
    }
  },
};

const CATEGORIES = ['成本指标', '产出指标', '效益指标', '满意度指标'];

const LEVEL1_22 = '绩效指标 › 一级指标';

/** Rows of a performance table grouped under their owner (project / unit row), in order. */
function byOwner(t: Table, ownerKinds: Set<string>): Map<Row, Row[]> {
  const out = new Map<Row, Row[]>();
  let owner: Row | undefined;
  for (let ri = 0; ri < t.rows.length; ri++) {
    const r = t.rows[ri]!;
    if (ownerKinds.has(r.kind)) {
      owner = r;
      out.set(r, []);
    } else if (r.kind === 'indicator' && owner) {
      out.get(owner)!.push(r);
    } else if (r.kind !== 'indicator') {
      owner = undefined;
    }
  }
  return out;
}

export const indicatorCategories: Rule = {
  meta: {
    id: 'indicator-categories',
    family: 'C',
    severity: 'warning',
    tables: ['22'],
    title: { zh: '每个项目都有四类绩效指标', en: 'Every project has all four kinds of indicator' },
    identity: '表22 每个项目在 成本指标、产出指标、效益指标、满意度指标 下各至少有一条指标',
    description: {
      zh: '项目支出绩效目标须覆盖成本、产出、效益、满意度四个一级指标。',
      en: 'A project\'s performance targets must cover the four first-level indicators: cost, output, benefit and satisfaction.',
    },
    example: '表22 某项目缺少 满意度指标',
  },
  check(ctx) {
    if (!ctx.need('22')) return;
    const t = ctx.budget.tables['22'];
    byOwner(t, new Set(['project', 'unit'])).forEach((indicators, project) => {
      if (project.kind !== 'project') return;
      // One bit per category present.
      let have = 0;
      for (let i = 0; i < indicators.length; i++) {
        const c = CATEGORIES.indexOf(normName(indicators[i]!.texts[LEVEL1_22] ?? ''));
        if (c >= 0) have |= 1 << c;
      }
      if (have === (1 << CATEGORIES.length) - 1) return ctx.pass();
      const lacking = CATEGORIES.filter((_, c) => (have & (1 << c)) === 0);
      ctx.fail({
        message: {
          zh: `表22 项目“${project.name}”缺少 ${lacking.join('、')}`,
          en: `Table 22 project “${project.name}” has no ${lacking.join(', ')} indicators`,
        },
        locations: [rowLocation(t, project)],
      });
    });
  },
};

/** A number, optionally signed, optionally a percentage ("99%", "-5%", "100"). */
const NUMERIC = /^[-+]?\d+(?:\.\d+)?%?$/;

/** clean() results: indicator texts repeat across projects (bounded: cleared when large). */
const CLEANED = new Map<string, string>();

function clean(s: string | undefined): string {
  if (s === undefined || s === '') return '';
  let c = CLEANED.get(s);
  if (c === undefined) {
    c = s.normalize('NFKC').replace(/[\s,]+/g, '');
    if (CLEANED.size >= 50_000) CLEANED.clear();
    CLEANED.set(s, c);
  }
  return c;
}

/** 22 and 23 name their indicator columns differently. */
const INDICATOR_COLUMNS: Partial<Record<TableId, { group: string; type: string; value: string; unit: string }>> = {
  '22': { group: '绩效指标', type: '指标值类型', value: '指标值', unit: '度量单位' },
  '23': { group: '部门整体支出年度绩效目标', type: '指标值类型', value: '指标值', unit: '计量单位' },
};

export const indicatorValue: Rule = {
  meta: {
    id: 'indicator-value',
    family: 'C',
    severity: 'warning',
    tables: ['22', '23'],
    title: { zh: '定量指标：指标值为数字，度量单位是单位', en: 'Quantitative indicators: a numeric value and a real unit' },
    identity: '指标值类型 不是 定性（≥ ≤ = > < 定量 …）的指标：指标值 是数字（可带 %），度量单位 是单位而不是数字',
    description: {
      zh: '定量指标的指标值必须可度量，度量单位必须是 %、人、次、万元 等单位；把数字填进度量单位（如 “100”）是常见的错位。',
      en: 'A quantitative indicator needs a measurable value and a unit such as %, 人, 次, 万元; a number in the unit column (e.g. “100”) is a common slip.',
    },
    example: '表22 2025年劳动仲裁经费 可持续 指标值 100，度量单位 “100”，指标值类型 ≥',
  },
  check(ctx) {
    for (const [id, cols] of Object.entries(INDICATOR_COLUMNS) as [TableId, NonNullable<(typeof INDICATOR_COLUMNS)['22']>][]) {
      if (!ctx.need(id)) continue;
      const t = ctx.budget.tables[id];
      const k = (n: string) => `${cols.group} › ${n}`;
      const typeKey = k(cols.type);
      const valueKey = k(cols.value);
      const unitKey = k(cols.unit);
      for (let ri = 0; ri < t.rows.length; ri++) {
        const r = t.rows[ri]!;
        if (r.kind !== 'indicator') continue;
        const type = clean(r.texts[typeKey]);
        if (type === '' || type.includes('定性')) continue;
        const value = clean(r.texts[valueKey]);
        const unit = clean(r.texts[unitKey]);
        if (NUMERIC.test(value)) ctx.pass();
        else
          ctx.fail({
            message: {
              zh: `表${id} ${r.label}：定量指标的指标值“${value}”不是数字`,
              en: `Table ${id} ${r.label}: the quantitative indicator's value “${value}” is not a number`,
            },
            locations: [cellAt(t, r, valueKey), cellAt(t, r, typeKey)],
          });
        const unitOk = unit === '' ? value.endsWith('%') : !NUMERIC.test(unit) || unit === '%';
        if (unitOk) ctx.pass();
        else
          ctx.fail({
            message: {
              zh: unit === ''
                ? `表${id} ${r.label}：定量指标缺少${cols.unit}`
                : `表${id} ${r.label}：${cols.unit}“${unit}”是数字，不是单位`,
              en: unit === ''
                ? `Table ${id} ${r.label}: the quantitative indicator has no unit`
                : `Table ${id} ${r.label}: the unit “${unit}” is a number, not a unit`,
            },
            locations: [cellAt(t, r, unitKey), cellAt(t, r, valueKey)],
          });
      }
    }
  },
};

export const codeNameConsistent: Rule = {
  meta: {
    id: 'code-name-consistent',
    family: 'C',
    severity: 'warning',
    tables: GRID_TABLES,
    title: { zh: '同一编码在各表名称一致', en: 'The same code carries the same name in every table' },
    identity: '同一功能科目、经济科目、部门或单位编码，在所有表中名称相同',
    description: {
      zh: '编码与名称应一一对应：同一编码在不同表中名称不同，说明某处编码或名称填错。',
      en: 'Codes and names correspond one to one: a code with different names in different tables means a code or a name is wrong somewhere.',
    },
    example: '表03 2080101 行政运行，表04 2080101 一般行政管理事务',
  },
  check(ctx: RuleContext) {
    // Per (kind, code) in first-seen order: the first row of each name (its location is built only for a finding).
    const byKind = new Map<string, Map<string, Map<string, [Table, Row]>>>();
    const seen: { code: string; names: Map<string, [Table, Row]> }[] = [];
    for (const id of GRID_TABLES) {
      const t = ctx.budget.tables[id];
      if (!t?.found) continue;
      for (let ri = 0; ri < t.rows.length; ri++) {
        const r = t.rows[ri]!;
        if (!r.code || !FIGURE_KINDS.has(r.kind) || r.kind === 'project' || r.kind === 'total' || !r.name) continue;
        const kind = r.kind === 'unit' || r.kind === 'department' ? 'org' : r.kind;
        let codes = byKind.get(kind);
        if (!codes) byKind.set(kind, (codes = new Map()));
        let names = codes.get(r.code);
        if (!names) {
          codes.set(r.code, (names = new Map()));
          seen.push({ code: r.code, names });
        }
        const n = normName(r.name);
        if (!names.has(n)) names.set(n, [t, r]);
      }
    }
    for (const { code: rowCode, names } of seen) {
      ctx.condition(names.size <= 1, () => {
        // Shown up to any "|", as when entries were keyed "kind|code".
        const code = rowCode.split('|')[0]!;
        const list = [...names.values()].map(([t, r]): FindingLocation => ({ ...rowLocation(t, r), value: r.name }));
        return {
          message: {
            zh: `编码 ${code} 在不同表中名称不同：${list.map((l) => `表${l.table}“${l.value}”`).join('，')}`,
            en: `Code ${code} has different names in different tables: ${list.map((l) => `table ${l.table} “${l.value}”`).join(', ')}`,
          },
          locations: list,
        };
      });
    }
  },
};

export const COMPLETENESS_RULES: Rule[] = [tablePresent, emptyTableNote, indicatorCategories, indicatorValue, codeNameConsistent];
