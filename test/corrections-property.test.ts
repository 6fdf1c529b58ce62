/**
 * Suggested corrections on generated multi-unit budgets (test/support/generator.ts):
 * plant 1 or 2 random changes — a random Δ, two digits swapped, ×10 — in a
 * consistent budget. The suggestions must restore the original values, or —
 * where the data cannot tell — propose as few changes that this test checks
 * itself to give a workbook without errors. Every suggestion is verified.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { suggestCorrections } from '../src/corrections/index.js';
import { AmountIndex, applyChanges } from '../src/corrections/verify.js';
import { loadWorkbook } from '../src/loaders/index.js';
import { Decimal, type Amount } from '../src/model/amount.js';
import type { Budget } from '../src/model/budget.js';
import { audit } from '../src/rules/index.js';
import { generateBudget, writeGeneratedBudget } from './support/generator.js';

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-audit-corrections-prop-'));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

type Kind = 'delta' | 'swap' | 'times10';

/** The changed value, in fen arithmetic on the published text; undefined when the kind can't change this value. */
function planted(value: Decimal, kind: Kind, delta: number, at: number): Decimal | undefined {
  const fen = value.times(100);
  if (kind === 'delta') return value.plus(new Decimal(delta).div(100));
  if (kind === 'times10') return value.isZero() ? undefined : value.times(10);
  const digits = fen.abs().toFixed(0).padStart(3, '0').split('');
  const i = at % (digits.length - 1);
  if (digits[i] === digits[i + 1]) return undefined;
  [digits[i], digits[i + 1]] = [digits[i + 1]!, digits[i]!];
  return new Decimal(digits.join('')).div(100).times(fen.isNegative() ? -1 : 1);
}

const key = (a: { sheet?: string; cell?: string; ref?: { sheet: string; cell: string } }): string =>
  a.ref ? `${a.ref.sheet}!${a.ref.cell}` : `${a.sheet}!${a.cell}`;

const budgets = new Map<number, Budget>();
async function budgetFor(seed: number, units: number): Promise<Budget> {
  const k = seed * 10 + units;
  let b = budgets.get(k);
  if (!b) {
    const file = path.join(TMP, `g${k}.xlsx`);
    writeGeneratedBudget(generateBudget(seed, { units, functionRows: 5, projectsPerItem: 1 }), file);
    b = await loadWorkbook(file);
    budgets.set(k, b);
  }
  return b;
}

describe('suggested corrections on generated budgets (property)', () => {
  it('restores 1 or 2 planted changes, or proposes as few that the test shows leave no error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 3 }),
        fc.array(
          fc.record({
            pick: fc.nat(),
            kind: fc.constantFrom<Kind>('delta', 'swap', 'times10'),
            delta: fc.integer({ min: 100, max: 50_000 }).chain((d) => fc.constantFrom(d, -d)),
            at: fc.nat(),
          }),
          { minLength: 1, maxLength: 2 },
        ),
        async (seed, units, plants) => {
          const budget = await budgetFor(seed, units);
          const index = new AmountIndex(budget);
          const published = Object.values(budget.tables).flatMap((t) => t.rows.flatMap((r) => Object.values(r.amounts))).filter((a) => !a.blank);
          const changes: { amount: Amount; to: Decimal }[] = [];
          for (const p of plants) {
            const amount = published[p.pick % published.length]!;
            if (changes.some((c) => c.amount === amount)) continue;
            const to = planted(amount.value, p.kind, p.delta, p.at);
            // A negative figure would be a different question (refunds): keep the planted ones ≥ 0.
            if (to === undefined || to.isNegative() || to.minus(amount.value).abs().lt(1)) continue;
            changes.push({ amount, to });
          }
          fc.pre(changes.length > 0);
          const mutated = applyChanges(budget, index, changes);
          const report = audit(mutated);
          const errors = report.findings.filter((f) => f.severity === 'error');
          expect(errors.length, changes.map((c) => `${key(c.amount)} ${c.amount.value} → ${c.to}`).join('; ')).toBeGreaterThan(0);

          const suggestions = await suggestCorrections(mutated, report);
          expect(suggestions.length).toBeGreaterThan(0);
          for (const s of suggestions) expect(s.verified).toBe(true);

          // Every planted cell: restored by a suggestion (or one of its alternatives) …
          const restores = (c: (typeof changes)[number]) =>
            suggestions.some((s) =>
              [s.cells, ...s.alternatives.map((a) => a.cells)].some((cells) =>
                cells.some((x) => key(x) === key(c.amount) && new Decimal(x.to || 0).eq(c.amount.value)),
              ),
            );
          if (changes.every(restores)) return;
          // … or the data can't tell: the suggestions change no more cells than were planted, and the
          // workbook they give has no error at all (checked here, by a fresh audit).
          const total = suggestions.reduce((n, s) => n + s.cells.length, 0);
          expect(total).toBeLessThanOrEqual(changes.length);
          const mIndex = new AmountIndex(mutated);
          const byKey = new Map(Object.values(mutated.tables).flatMap((t) => t.rows.flatMap((r) => Object.values(r.amounts))).map((a) => [key(a), a]));
          const fixed = applyChanges(
            mutated,
            mIndex,
            suggestions.flatMap((s) => s.cells.map((x) => ({ amount: byKey.get(key(x))!, to: new Decimal(x.to || 0) }))),
          );
          expect(audit(fixed).findings.filter((f) => f.severity === 'error')).toEqual([]);
        },
      ),
      { numRuns: 12, seed: 20250808, endOnFailure: true },
    );
  }, 240_000);
});
