/**
 * Every rule can fail: one planted change per rule in the loaded sample, each
 * producing that rule's finding at (or including) the changed cell, and none
 * once the change is undone. Values are the reference's; the planted ones
 * are off by whole units, far beyond any rounding.
 */
import { Decimal } from 'decimal.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Amount, TableId } from '../src/model/amount.js';
import type { Budget, DataProblem } from '../src/model/budget.js';
import type { Finding } from '../src/model/finding.js';
import { setAmount, type Row } from '../src/model/table.js';
import { loadWorkbook } from '../src/loaders/index.js';
import { audit, RULES } from '../src/rules/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = path.join(root, 'fixtures', 'hengnan-hrss-2025.xlsx');

let budget: Budget;

beforeAll(async () => {
  budget = await loadWorkbook(FIXTURE);
});

/** The row of a table matching code (or name / kind). */
function row(table: TableId, pick: { code?: string; name?: string; kind?: Row['kind']; section?: string }): Row {
  const rows = budget.tables[table].rows.filter(
    (r) =>
      (pick.code === undefined || r.code === pick.code) &&
      (pick.kind === undefined || r.kind === pick.kind) &&
      (pick.section === undefined || r.section === pick.section) &&
      (pick.name === undefined || r.name.replace(/\s/g, '') === pick.name),
  );
  expect(rows.length, `表${table} ${JSON.stringify(pick)}`).toBeGreaterThan(0);
  return rows[0]!;
}

/** Sets an amount, runs fn, restores it. Returns the changed cell. */
function withAmount<T>(r: Row, key: string, value: string, fn: (cell: string) => T): T {
  const old = r.amounts[key];
  expect(old, `column ${key}`).toBeDefined();
  setAmount(r, key, { ...(old as Amount), value: new Decimal(value), blank: false });
  try {
    return fn(old!.ref.cell);
  } finally {
    setAmount(r, key, old!);
  }
}

function withPatch<T>(apply: () => () => void, fn: () => T): T {
  const undo = apply();
  try {
    return fn();
  } finally {
    undo();
  }
}

function findingsOf(ruleId: string): Finding[] {
  return audit(budget).findings.filter((f) => f.ruleId === ruleId);
}

/** The rule reports a failure (of its own severity) whose locations include table/cell. */
function expectFires(ruleId: string, table: TableId, cell: string | undefined, severity = 'error'): Finding {
  const hits = findingsOf(ruleId).filter(
    (f) => f.severity === severity && f.locations.some((l) => l.table === table && (cell === undefined || l.cell === cell)),
  );
  expect(hits.length, `${ruleId} at 表${table} ${cell ?? ''}`).toBeGreaterThan(0);
  return hits[0]!;
}

function expectQuiet(ruleId: string): void {
  expect(findingsOf(ruleId).filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
}

/** A planted amount change: the rule fires there, and is quiet once undone. */
function amountCase(ruleId: string, table: TableId, pick: Parameters<typeof row>[1], key: string, value: string, first = false) {
  it(`${ruleId}: 表${table} ${pick.code ?? pick.name ?? pick.kind} ${key} → ${value}`, () => {
    const r = row(table, pick);
    withAmount(r, key, value, (cell) => {
      const f = expectFires(ruleId, table, cell);
      // The changed cell is the published total of one of the failing identities.
      if (first) expect(findingsOf(ruleId).some((g) => g.locations[0]!.table === table && g.locations[0]!.cell === cell)).toBe(true);
      expect(f.expected).toBeDefined();
      expect(f.actual).toBeDefined();
    });
    expectQuiet(ruleId);
  });
}

describe('family A — inside each table', () => {
  amountCase('row-total', '03', { code: '2080101' }, '合计', '1565.66', true);
  amountCase('row-total', '15', { kind: 'unit' }, '公务用车购置及运行费 › 公务用车运行费', '2.00');
  amountCase('row-total', '23', { kind: 'unit' }, '年度预算申请 › 按支出性质分 › 项目支出', '393.00');
  amountCase('column-total', '15', { kind: 'total' }, '公务接待费', '6.00', true);
  amountCase('column-department', '21', { kind: 'department' }, '预算额度 › 总计', '393.00', true);
  amountCase('column-unit', '03', { kind: 'unit' }, '项目支出', '393.00', true);
  amountCase('column-unit', '22', { kind: 'unit' }, '资金总额', '393.00', true);
  amountCase('function-rollup', '03', { code: '20801' }, '项目支出', '393.00', true);
  amountCase('function-rollup', '07', { code: '208' }, '基本支出 › 人员经费 › 工资福利支出', '1634.83', true);
  amountCase('economic-rollup', '08', { code: '302' }, '本年一般公共预算基本支出 › 合计', '201.88', true);
  amountCase('line-sum', '01', { section: 'income', name: '收入总计' }, '收入 › 预算数', '2425.73', true);
  amountCase('line-sum', '06', { section: 'function', name: '住房保障支出' }, '支出 › 预算数', '67.26');
  amountCase('line-balance', '06', { section: 'function', name: '支出总计' }, '支出 › 预算数', '2425.73');
  amountCase('line-balance', '01', { section: 'govEconomic', name: '本年支出合计' }, '支出 › 预算数', '2425.73');
});

describe('family B — between tables', () => {
  amountCase('cross-income', '02', { kind: 'total' }, '本年收入 › 一般公共预算', '2423.73');
  amountCase('cross-income', '23', { kind: 'unit' }, '年度预算申请 › 按收入性质分 › 一般公共预算', '2423.73');
  amountCase('cross-fund-tables', '16', { kind: 'total' }, '合计', '5.00');
  amountCase('cross-function-class', '01', { section: 'function', name: '卫生健康支出' }, '支出 › 预算数', '98.09');
  amountCase('cross-function-by-code', '04', { code: '2080104' }, '总计', '16.00');
  amountCase('cross-function-by-code', '05', { code: '2080199' }, '项目支出 › 合计', '197.00');
  amountCase('cross-basic-project', '23', { kind: 'unit' }, '年度预算申请 › 按支出性质分 › 基本支出', '2031.73');
  amountCase('cross-economic', '04', { kind: 'total' }, '机关商品和服务支出', '593.88');
  amountCase('cross-economic', '05', { kind: 'total' }, '基本支出 › 工资福利支出', '1798.18');
  amountCase('cross-basic-chain', '14', { kind: 'total' }, '工会经费', '27.92');
  amountCase('cross-basic-chain', '08', { code: '30101' }, '本年一般公共预算基本支出 › 合计', '761.94');
  amountCase('cross-crosswalk', '13', { code: '2080101' }, '机关商品和服务支出 › 办公经费', '196.88');
  amountCase('cross-crosswalk', '12', { code: '2080501' }, '退休费', '34.60');
  amountCase('cross-basic-by-code', '09', { code: '2080505' }, '总计', '187.03');
  amountCase('cross-three-public', '15', { kind: 'total' }, '公务接待费', '6.00');
  amountCase('cross-projects', '22', { name: '2025年安荣健身馆', kind: 'project' }, '资金总额', '16.00');

  it('cross-projects: a 表21 project missing from 表22 is an error', () => {
    const t = budget.tables['22'];
    const i = t.rows.findIndex((r) => r.kind === 'project' && r.name === '2025年劳动能力鉴定费');
    expect(i).toBeGreaterThan(0);
    withPatch(
      () => {
        const [removed] = t.rows.splice(i, 1);
        return () => t.rows.splice(i, 0, removed!);
      },
      () => {
        const f = expectFires('cross-projects', '21', undefined);
        expect(f.locations.some((l) => l.table === '22' && l.cell === undefined)).toBe(true);
      },
    );
    expectQuiet('cross-projects');
  });
});

describe('family C — completeness', () => {
  it('table-present: a missing table is an error and its checks are not run', () => {
    const t = budget.tables['15'];
    withPatch(
      () => {
        t.found = false;
        return () => (t.found = true);
      },
      () => {
        const r = audit(budget);
        expect(r.findings.some((f) => f.ruleId === 'table-present' && f.severity === 'error' && f.locations[0]!.table === '15')).toBe(true);
        expect(r.notRun.some((n) => n.ruleId === 'cross-three-public')).toBe(true);
      },
    );
    expectQuiet('table-present');
  });

  it('empty-table-note: an empty table without a 说明 note is a warning', () => {
    const t = budget.tables['17'];
    const notes = t.notes;
    expect(notes.length).toBeGreaterThan(0);
    withPatch(
      () => {
        t.notes = [];
        return () => (t.notes = notes);
      },
      () => expectFires('empty-table-note', '17', undefined, 'warning'),
    );
    expectQuiet('empty-table-note');
  });

  it('indicator-categories: a project without 满意度指标 is a warning', () => {
    const t = budget.tables['22'];
    const key = '绩效指标 › 一级指标';
    let owner = '';
    const changed: Row[] = [];
    withPatch(
      () => {
        for (const r of t.rows) {
          if (r.kind === 'project') owner = r.name;
          if (r.kind === 'indicator' && owner === '2025年考试指导服务' && r.texts[key] === '满意度指标') {
            r.texts[key] = '效益指标';
            changed.push(r);
          }
        }
        expect(changed.length).toBeGreaterThan(0);
        return () => changed.forEach((r) => (r.texts[key] = '满意度指标'));
      },
      () => {
        const f = expectFires('indicator-categories', '22', undefined, 'warning');
        expect(f.message.zh).toContain('2025年考试指导服务');
        expect(f.message.zh).toContain('满意度指标');
      },
    );
    expectQuiet('indicator-categories');
  });

  it('indicator-value: a quantitative 指标值 that is not a number is a warning at its cell', () => {
    const t = budget.tables['23'];
    const key = '部门整体支出年度绩效目标 › 指标值';
    const r = t.rows.find((x) => x.kind === 'indicator' && x.texts[key] === '99%')!;
    expect(r).toBeDefined();
    withPatch(
      () => {
        r.texts[key] = '约九成';
        return () => (r.texts[key] = '99%');
      },
      () => {
        const f = expectFires('indicator-value', '23', undefined, 'warning');
        expect(f.locations[0]).toMatchObject({ table: '23', column: key, value: '约九成' });
      },
    );
  });

  it('code-name-consistent: the same code under two names is a warning', () => {
    const r = row('04', { code: '2080101' });
    const name = r.name;
    withPatch(
      () => {
        r.name = '一般行政管理事务';
        return () => (r.name = name);
      },
      () => {
        const f = expectFires('code-name-consistent', '04', undefined, 'warning');
        expect(f.message.zh).toContain('2080101');
      },
    );
    expectQuiet('code-name-consistent');
  });
});

describe('family D — reading problems', () => {
  const cases: [string, DataProblem['kind'], string][] = [
    ['read-bad-amount', 'bad-amount', 'error'],
    ['read-unmatched-column', 'unmatched-column', 'warning'],
    ['read-duplicate-table', 'duplicate-table', 'warning'],
    ['read-unit-mismatch', 'unit-mismatch', 'error'],
    ['read-hidden-row', 'hidden-row', 'warning'],
  ];
  for (const [ruleId, kind, severity] of cases) {
    it(`${ruleId}: a loader '${kind}' problem is a finding at its cell`, () => {
      const p: DataProblem = {
        kind,
        table: '03',
        message: `表03 ${kind} at 03支出总表!G9`,
        ref: { sheet: '03支出总表', cell: 'G9', row: 8, col: 6 },
        column: '基本支出',
      };
      withPatch(
        () => {
          budget.problems.push(p);
          return () => budget.problems.pop();
        },
        () => {
          const f = expectFires(ruleId, '03', 'G9', severity);
          expect(f.locations[0]).toMatchObject({ sheet: '03支出总表', column: '基本支出' });
        },
      );
      expectQuiet(ruleId);
    });
  }
});

describe('family E — codes', () => {
  it('code-hierarchy: 2090104 listed under 20801 is an error', () => {
    const r = row('03', { code: '2080104' });
    withPatch(
      () => {
        r.code = '2090104';
        return () => (r.code = '2080104');
      },
      () => {
        const f = expectFires('code-hierarchy', '03', undefined);
        expect(f.message.zh).toContain('20801');
      },
    );
    expectQuiet('code-hierarchy');
  });

  it('code-columns: 科目编码 disagreeing with 类/款/项 is an error at the 科目编码 cell', () => {
    const r = row('07', { code: '2080104' });
    const old = r.texts['科目编码']!;
    withPatch(
      () => {
        r.texts['科目编码'] = '2080199';
        return () => (r.texts['科目编码'] = old);
      },
      () => {
        const f = expectFires('code-columns', '07', undefined);
        expect(f.locations[0]).toMatchObject({ column: '科目编码', value: '2080199' });
      },
    );
    expectQuiet('code-columns');
  });

  it('economic-code-class: a 301 款 listed under 302 is an error', () => {
    const r = row('08', { code: '30201' });
    withPatch(
      () => {
        r.code = '30104';
        return () => (r.code = '30201');
      },
      () => {
        const f = expectFires('economic-code-class', '08', undefined);
        expect(f.message.zh).toContain('302');
      },
    );
    expectQuiet('economic-code-class');
  });
});

describe('the catalog', () => {
  it('every rule has a test above that makes it fire', async () => {
    const { readFileSync } = await import('node:fs');
    const here = fileURLToPath(import.meta.url);
    // Family F (narrative-*) fires in the narrative tests, on the reference narrative and a generated budget.
    const src = [here, here.replace(/rules-families\.test\.ts$/, 'narrative.test.ts'), here.replace(/rules-families\.test\.ts$/, 'narrative-generated.test.ts')]
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    for (const r of RULES) expect(src, r.meta.id).toContain(`'${r.meta.id}'`);
  });

  it('ids are unique, kebab-case and documented', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.meta.id).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
      expect(r.meta.title.zh && r.meta.title.en && r.meta.identity && r.meta.description.zh && r.meta.description.en).toBeTruthy();
    }
  });
});
