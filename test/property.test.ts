/**
 * Property tests over generated, internally consistent budgets (test/support/generator.ts),
 * written as real workbooks in the Hunan 23-table template:
 * - the checker finds 0 errors on every one;
 * - changing any one amount cell by ≥ 1.00 gives an error whose locations include that cell;
 * - every amount cell of the template enters at least one identity (exhaustively, on one budget).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWorkbook, writeWorkbookFile, type TableSheetSpec } from '../fixtures/lib/sheet-writer.js';
import { loadWorkbook } from '../src/loaders/index.js';
import { Decimal, type Amount } from '../src/model/amount.js';
import type { Budget } from '../src/model/budget.js';
import type { Finding } from '../src/model/finding.js';
import { audit } from '../src/rules/index.js';
import {
  budgetArbitrary,
  generateBudget,
  optionsForRows,
  yuanToWan,
  type AmountCell,
  type GeneratedBudget,
} from './support/generator.js';

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-audit-property-'));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

let fileNo = 0;
async function loadSpecs(specs: TableSheetSpec[]): Promise<Budget> {
  const file = path.join(TMP, `g${fileNo++}.xlsx`);
  writeWorkbookFile(buildWorkbook(specs), file);
  try {
    return await loadWorkbook(file);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

const errorsOf = (fs_: Finding[]): Finding[] => fs_.filter((f) => f.severity === 'error');
const brief = (f: Finding): string =>
  `${f.ruleId}: ${f.message.zh} [${f.locations.map((l) => `${l.sheet}!${l.cell}=${l.value ?? ''}`).join(', ')}]`;
const atCell = (f: Finding, c: AmountCell): boolean => f.locations.some((l) => l.sheet === c.sheet && l.cell === c.cell);

/** "1234.56" ± hundredths, as published text (integer arithmetic on 0.01 units). */
function shifted(value: string, hundredths: number): string {
  const [i = '0', d = '00'] = (value || '0').split('.');
  const cur = Number(i) * 100 + Number(d.padEnd(2, '0').slice(0, 2));
  const next = cur + hundredths >= 0 ? cur + hundredths : cur + Math.abs(hundredths);
  return yuanToWan(next * 100);
}

/** The specs with one amount cell replaced. */
function withCell(g: GeneratedBudget, c: AmountCell, text: string): TableSheetSpec[] {
  return g.specs.map((s) => {
    if (s.sheetName !== c.sheet) return s;
    const rows = s.rows.map((r, k) => (k === c.specRow ? r.map((v, j) => (j === c.c ? text : v)) : r));
    return { ...s, rows };
  });
}

describe('the generator', () => {
  it('rounds 元 to 万元 half-up at two decimals, like the budget system', () => {
    expect(yuanToWan(24_247_250)).toBe('2424.73'); // 2424.725 → 2424.73
    expect(yuanToWan(24_247_249)).toBe('2424.72');
    expect(yuanToWan(50)).toBe('0.01');
    expect(yuanToWan(49)).toBe('0.00');
    expect(yuanToWan(0)).toBe('0.00');
  });

  it('builds what the issue asks for: several units, 类/款/项, 三公 with 公务用车, 政府性基金, projects with indicators', () => {
    const g = generateBudget(20250101, { units: 4, functionRows: 10 });
    const m = g.model;
    expect(m.units.map((u) => u.code)).toEqual(['201001', '201002', '201003', '201004']);
    const classes = new Set([...m.basic.map((l) => l.fn), ...m.projects.map((p) => p.fn)].map((c) => c.slice(0, 3)));
    expect(classes.size).toBeGreaterThanOrEqual(3);
    for (const cls of ['301', '302', '303']) expect(m.basic.some((l) => l.econ.startsWith(cls))).toBe(true);
    for (const econ of ['30212', '30217', '30231']) expect(m.basic.some((l) => l.econ === econ)).toBe(true);
    expect(m.projects.some((p) => p.vehiclePurchase)).toBe(true);
    expect(m.projects.some((p) => p.fund === 'gf')).toBe(true);
    for (const p of m.projects) {
      expect(new Set(p.indicators.map((i) => i.level1))).toEqual(new Set(['成本指标', '产出指标', '效益指标', '满意度指标']));
    }
    const rows = (id: string) => g.specs.find((s) => s.id === id)!.rows.length;
    for (const id of ['16', '17', '18']) expect(rows(id)).toBeGreaterThan(1);
    // 表15: 公务用车购置费 and 运行费 both non-blank on the 合计 row (0-based columns 5 and 6 of the sample grid).
    const t15 = g.specs.find((s) => s.id === '15')!;
    expect(t15.rows[0]![5]).not.toBe('');
    expect(t15.rows[0]![6]).not.toBe('');
  });

  it('is deterministic per seed and scales to the benchmark sizes', () => {
    expect(generateBudget(5, { units: 2 }).cells).toEqual(generateBudget(5, { units: 2 }).cells);
    for (const target of [1_000, 10_000]) {
      const g = generateBudget(1, optionsForRows(target));
      expect(g.dataRows).toBeGreaterThan(target * 0.7);
      expect(g.dataRows).toBeLessThan(target * 1.3);
    }
  });
});

describe('generated budgets (property)', () => {
  it('pass every identity: 0 errors and 0 warnings (rounding differences only, like the real sample)', async () => {
    let rounding = 0;
    await fc.assert(
      fc.asyncProperty(budgetArbitrary({ units: 4, functionRows: 10 }), async (g) => {
        const report = audit(await loadSpecs(g.specs));
        rounding += report.summary.rounding;
        const bad = report.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
        expect(bad.map(brief), `seed ${g.seed} ${JSON.stringify(g.options)}`).toEqual([]);
        expect(report.notRun).toEqual([]);
      }),
      { numRuns: 12 },
    );
    // Published figures are rounded from 元: totals do differ from the sum of their rounded parts.
    expect(rounding).toBeGreaterThan(0);
  });

  it('a change of ≥ 1.00 to any one amount cell gives an error at that cell', async () => {
    await fc.assert(
      fc.asyncProperty(
        budgetArbitrary({ units: 3, functionRows: 8 }),
        fc.nat(),
        fc.integer({ min: 100, max: 5_000_000 }), // 1.00 … 50,000.00 (in 0.01 units)
        fc.boolean(),
        async (g, pick, delta, down) => {
          const cell = g.cells[pick % g.cells.length]!;
          const text = shifted(cell.value, down ? -delta : delta);
          const report = audit(await loadSpecs(withCell(g, cell, text)));
          const hit = errorsOf(report.findings).filter((f) => atCell(f, cell));
          expect(hit.length, `${cell.table} ${cell.sheet}!${cell.cell} ${cell.rowLabel} › ${cell.column}: ${cell.value || '(blank)'} → ${text}`).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('every amount cell of the template', () => {
  it('enters at least one identity: +1.00 on it alone is an error located there', async () => {
    // One budget with every table populated; each distinct kind of amount cell (table × column × row kind
    // × code level × blank or not; every line of 01 / 06) is changed in memory, one at a time.
    const g = generateBudget(424242, { units: 3, functionRows: 8, governmentFunds: true });
    const budget = await loadSpecs(g.specs);
    const amounts = new Map<string, Amount>();
    for (const t of Object.values(budget.tables)) {
      // Merged cells (表22 / 23 indicator rows under their project / unit) may be repeated on later rows: keep the first.
      for (const r of t.rows) for (const a of Object.values(r.amounts)) if (!amounts.has(`${a.ref.sheet}!${a.ref.cell}`)) amounts.set(`${a.ref.sheet}!${a.ref.cell}`, a);
    }
    const kinds = new Map<string, AmountCell>();
    for (const c of g.cells) {
      const key = [c.table, c.column, c.rowKind, c.rowKind === 'line' ? c.rowLabel : c.code?.length ?? '', c.value === ''].join('|');
      if (!kinds.has(key)) kinds.set(key, c);
    }
    const uncaught: string[] = [];
    for (const c of kinds.values()) {
      const a = amounts.get(`${c.sheet}!${c.cell}`);
      if (!a) {
        uncaught.push(`${c.sheet}!${c.cell} (${c.rowLabel} › ${c.column}): not read as an amount`);
        continue;
      }
      const saved = { value: a.value, blank: a.blank };
      a.value = a.value.plus(new Decimal(1));
      a.blank = false;
      const hit = errorsOf(audit(budget).findings).some((f) => atCell(f, c));
      a.value = saved.value;
      a.blank = saved.blank;
      if (!hit) uncaught.push(`${c.sheet}!${c.cell} (${c.rowLabel} › ${c.column} = ${c.value || 'blank'})`);
    }
    expect(kinds.size).toBeGreaterThan(500);
    expect(uncaught).toEqual([]);
  }, 120_000);
});
