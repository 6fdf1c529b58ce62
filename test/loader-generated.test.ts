/**
 * Workbooks never seen before: budgets of other departments with several
 * units, 政府性基金 spending and many projects (test/support/generator.ts, laid
 * out with the sample's real headers). The loader must find every amount the
 * generator wrote — at its cell, with its value, under its column, on a row of
 * the right kind, code and unit — and type every row as the generator meant.
 */
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { buildBudget } from '../src/loaders/index.js';
import { workbookCellsFromBuffer } from '../src/loaders/workbook.js';
import { TABLE_IDS, type Amount } from '../src/model/amount.js';
import type { Budget } from '../src/model/budget.js';
import { setAmount, type Row } from '../src/model/table.js';
import { amountKeys } from '../src/rules/helpers.js';
import { generateBudget, generatedWorkbook, type GeneratedBudget } from './support/generator.js';

function load(g: GeneratedBudget): Budget {
  const buf = XLSX.write(generatedWorkbook(g), { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  return buildBudget(workbookCellsFromBuffer(buf, `generated-${g.seed}.xlsx`));
}

const CASES: [seed: number, units: number, functionRows: number][] = [
  [7, 3, 6],
  [20250101, 5, 4],
];

describe.each(CASES)('generated budget (seed %i, %i units)', (seed, units, functionRows) => {
  const g = generateBudget(seed, { units, functionRows, projectsPerItem: 2 });
  const b = load(g);

  it('reads the department, year and money unit, with no data problems', () => {
    expect(b.department).toBe(g.model.department.name);
    expect(b.year).toBe(g.model.year);
    expect(b.unit).toBe('万元');
    expect(b.problems).toEqual([]);
    for (const id of TABLE_IDS) expect(b.tables[id].found, `表${id}`).toBe(true);
  });

  it("each row's cells are its amounts in the template's column order, the same objects", () => {
    for (const id of TABLE_IDS) {
      const keys = amountKeys(id);
      for (const r of b.tables[id].rows) {
        expect(r.cells, `表${id} ${r.label}`).toHaveLength(keys.length);
        keys.forEach((k, i) => expect(r.cells[i], `表${id} ${r.label} ${k}`).toBe(r.amounts[k]));
      }
    }
    // A grid row's every amount has its place (01/06 lines share one key per section).
    const t05 = b.tables['05'].rows.find((r) => r.kind === 'function')!;
    expect(Object.values(t05.amounts).every((a) => t05.cells.includes(a))).toBe(true);
  });

  it('setAmount changes an amount in both views', () => {
    const r = b.tables['03'].rows.find((x) => x.kind === 'function')!;
    const old = r.amounts['合计']!;
    const changed = { ...old, value: old.value.plus(1) };
    setAmount(r, '合计', changed);
    try {
      expect(r.amounts['合计']).toBe(changed);
      expect(r.cells[amountKeys('03').indexOf('合计')]).toBe(changed);
    } finally {
      setAmount(r, '合计', old);
    }
    expect(() => setAmount(r, '没有这一列', old)).toThrow(/没有这一列/);
  });

  it('every amount cell the generator wrote is read at its cell, under its column, on the right row', () => {
    const byCell = new Map<string, { a: Amount; r: Row }>();
    for (const id of TABLE_IDS) {
      for (const r of b.tables[id].rows) {
        if (r.kind === 'indicator') expect(r.amounts).toEqual({}); // indicators hold no figures
        for (const a of Object.values(r.amounts)) byCell.set(`${a.ref.sheet}!${a.ref.cell}`, { a, r });
      }
    }
    expect(g.cells.length).toBeGreaterThan(1000);
    const wrong: string[] = [];
    for (const c of g.cells) {
      const hit = byCell.get(`${c.sheet}!${c.cell}`);
      const want = c.value === '' ? 'blank' : c.value;
      const got = !hit ? 'none' : hit.a.blank ? 'blank' : hit.a.value.toFixed(2);
      const ok =
        hit !== undefined &&
        got === want &&
        hit.a.table === c.table &&
        hit.r.kind === c.rowKind &&
        (c.code === undefined || hit.r.code === c.code) &&
        (c.unitCode === undefined || hit.r.unitCode === c.unitCode) &&
        (c.rowKind === 'line' || hit.a.column === c.column);
      if (!ok) wrong.push(`${c.table} ${c.cell} ${c.rowKind} ${c.code ?? ''} ${c.column}: ${want} → ${got} ${hit?.r.kind ?? ''} ${hit?.a.column ?? ''}`);
    }
    expect(wrong).toEqual([]);
  });

  it('types every grid row as generated: kind, code, unit, name', () => {
    for (const t of g.tables) {
      if (t.id === '01' || t.id === '06') continue;
      const got = b.tables[t.id as (typeof TABLE_IDS)[number]].rows.map((r) => [r.kind, r.code ?? '', r.kind === 'department' || r.kind === 'total' ? '' : (r.unitCode ?? ''), r.name]);
      const L3 = ['绩效指标 › 三级指标', '部门整体支出年度绩效目标 › 三级指标'];
      const level3 = (r: (typeof t.rows)[number]) => L3.map((k) => r.texts?.[k]).find(Boolean);
      const want = t.rows.flatMap((r) => {
        const row = [
          r.kind,
          r.kind === 'project' ? (r.unitCode ?? '') : r.kind === 'indicator' ? '' : (r.code ?? ''),
          r.kind === 'department' || r.kind === 'total' ? '' : (r.unitCode ?? (r.kind === 'unit' ? r.code : '') ?? ''),
          r.kind === 'indicator' ? (level3(r) ?? r.name) : r.name,
        ];
        // A project / unit row that also carries its first indicator is two typed rows: the owner, then the indicator.
        const first = r.kind !== 'indicator' ? level3(r) : undefined;
        return first ? [row, ['indicator', '', row[2], first]] : [row];
      });
      expect(got, `表${t.id}`).toEqual(want);
    }
  });
});
