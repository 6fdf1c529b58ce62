/**
 * The global rounding-consistency check on a generated budget printed at 0.01
 * (amounts generated in 元, each published figure rounded to 0.01 万元: one set
 * of exact figures rounded, so a solution exists by construction).
 *
 * Then one amount moved by 0.01 where every identity alone still forgives it
 * but no set of exact figures fits them all. The test proves that itself, not
 * with the solver: interval propagation in exact Decimal over the few
 * identities around the cell (each figure within ±0.005 of its print, blank
 * cells exactly 0; every identity Σ ± x = 0 narrows each of its figures to
 * what the others allow) ends with an empty interval — so no solution exists.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCorrections, checkRoundingConsistency } from '../src/corrections/index.js';
import { AmountIndex, applyChanges } from '../src/corrections/verify.js';
import { loadWorkbook } from '../src/loaders/index.js';
import { Decimal, type Amount } from '../src/model/amount.js';
import type { Budget } from '../src/model/budget.js';
import { audit, type RecordedIdentity } from '../src/rules/index.js';
import { generateBudget, writeGeneratedBudget } from './support/generator.js';

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-audit-rounding-'));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

const HALF = new Decimal('0.005');
const keyOf = (a: Amount): string => `${a.ref.sheet}!${a.ref.cell}`;
const isAmount = (t: RecordedIdentity['terms'][number]): t is Amount => (t as { missing?: boolean }).missing !== true;

/** The identities as the engine checks them, without breakdowns not given (未分项 holds whatever its total). */
function identities(budget: Budget): RecordedIdentity[] {
  const out: RecordedIdentity[] = [];
  audit(budget, {}, (r) => {
    if (r.finding?.severity === 'info') return;
    if (r.form === 'sum' && r.terms.slice(1).every((t) => !isAmount(t) || t.blank) && isAmount(r.terms[0]!) && !r.terms[0].blank) return;
    out.push(r);
  });
  return out;
}

/** True when interval propagation over `ids` empties some figure's interval: no exact figures fit. */
function provenInfeasible(ids: RecordedIdentity[]): boolean {
  const lo = new Map<string, Decimal>();
  const hi = new Map<string, Decimal>();
  for (const r of ids) {
    for (const t of r.terms) {
      if (!isAmount(t)) continue;
      lo.set(keyOf(t), t.blank ? new Decimal(0) : t.value.minus(HALF));
      hi.set(keyOf(t), t.blank ? new Decimal(0) : t.value.plus(HALF));
    }
  }
  for (let round = 0; round < 200; round++) {
    let narrowed = false;
    for (const r of ids) {
      // Σ sign·x = 0 over this identity's cells (a cell twice adds its signs up).
      const coef = new Map<string, number>();
      r.terms.forEach((t, i) => {
        if (isAmount(t)) coef.set(keyOf(t), (coef.get(keyOf(t)) ?? 0) + (i < r.left ? 1 : -1));
      });
      for (const [k, c] of coef) {
        if (c === 0) continue;
        // c·x_k = −Σ_{j≠k} c_j x_j: the others' range, divided by c.
        let min = new Decimal(0);
        let max = new Decimal(0);
        for (const [j, cj] of coef) {
          if (j === k || cj === 0) continue;
          const a = lo.get(j)!.times(-cj);
          const b = hi.get(j)!.times(-cj);
          min = min.plus(Decimal.min(a, b));
          max = max.plus(Decimal.max(a, b));
        }
        const [from, to] = c > 0 ? [min.div(c), max.div(c)] : [max.div(c), min.div(c)];
        if (from.gt(lo.get(k)!)) { lo.set(k, from); narrowed = true; }
        if (to.lt(hi.get(k)!)) { hi.set(k, to); narrowed = true; }
        if (lo.get(k)!.gt(hi.get(k)!)) return true;
      }
    }
    if (!narrowed) return false;
  }
  return false;
}

let budget: Budget;
beforeAll(async () => {
  const file = path.join(TMP, 'g.xlsx');
  writeGeneratedBudget(generateBudget(7, { units: 2, functionRows: 5, projectsPerItem: 1 }), file);
  budget = await loadWorkbook(file);
});

describe('rounding-consistency', () => {
  it('a consistent generated budget: rounding differences, but no finding', async () => {
    const report = audit(budget);
    expect(report.summary.rounding).toBeGreaterThan(0); // the 元 → 万元 rounding shows
    expect(report.summary.error).toBe(0);
    expect(await checkRoundingConsistency(budget, report)).toBeUndefined();
  });

  it('one amount moved by 0.01, within every bound but inconsistent: a warning at that cell', async () => {
    const all = identities(budget);
    const byCell = new Map<string, RecordedIdentity[]>();
    for (const r of all) for (const t of r.terms) if (isAmount(t)) byCell.set(keyOf(t), [...(byCell.get(keyOf(t)) ?? []), r]);
    const index = new AmountIndex(budget);
    const cells = Object.values(budget.tables).flatMap((t) => t.rows.flatMap((r) => Object.values(r.amounts))).filter((a) => !a.blank);

    let found: { amount: Amount; to: Decimal; around: number } | undefined;
    for (const amount of cells) {
      for (const d of ['0.01', '-0.01']) {
        const to = amount.value.plus(d);
        const moved = applyChanges(budget, index, [{ amount, to }]);
        const report = audit(moved);
        // Hidden: no identity alone fails beyond rounding.
        if (report.findings.some((f) => f.severity === 'error' || f.severity === 'warning')) continue;
        // The identities through this cell and those sharing a cell with them, as the moved copy has them.
        const near = identities(moved);
        const touching = new Set(near.filter((r) => r.terms.some((t) => isAmount(t) && keyOf(t) === keyOf(amount))));
        const cellsNear = new Set([...touching].flatMap((r) => r.terms.filter(isAmount).map(keyOf)));
        const around = near.filter((r) => touching.has(r) || r.terms.some((t) => isAmount(t) && cellsNear.has(keyOf(t))));
        if (around.length <= 60 && provenInfeasible(around)) {
          found = { amount, to, around: around.length };
          break;
        }
      }
      if (found) break;
    }
    expect(found, 'a one-fen change the test can prove inconsistent').toBeDefined();
    const { amount, to } = found!;
    // Soundness of the proof: on the unchanged budget propagation finds no conflict anywhere.
    expect(provenInfeasible(all)).toBe(false);

    const moved = applyChanges(budget, index, [{ amount, to }]);
    const report = audit(moved);
    const warning = await checkRoundingConsistency(moved, report);
    expect(warning?.ruleId).toBe('rounding-consistency');
    expect(warning?.severity).toBe('warning');
    expect(warning?.locations.map((l) => `${l.sheet}!${l.cell}`)).toContain(keyOf(amount));

    // Through the report: the warning is added (and counted) only when asked for.
    const plain = await applyCorrections(report);
    expect(plain.findings.some((f) => f.ruleId === 'rounding-consistency')).toBe(false);
    const checked = await applyCorrections(report, { roundingCheck: true });
    expect(checked.findings.filter((f) => f.ruleId === 'rounding-consistency')).toHaveLength(1);
    expect(checked.summary.warning).toBe(report.summary.warning + 1);
  });
});
