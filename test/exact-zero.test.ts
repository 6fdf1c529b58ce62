/**
 * The engine's allocation-free test "is this signed sum of Decimals exactly
 * zero?" and its exact difference, against decimal.js computing the same sum
 * at a precision where nothing rounds.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactZero } from '../src/rules/exact-zero.js';

// Enough digits that decimal.js adds these terms exactly.
const Wide = Decimal.clone({ precision: 200 });

/** Published-looking amounts: up to 15 digits, 0–7 decimals, either sign; sometimes zero or -0. */
const amount = fc.oneof(
  fc.tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 7 })).map(([n, dp]) => `${n}e-${dp}`),
  fc.constantFrom('0', '-0', '0.00', '0.005', '-0.01', '9999999.99', '10000000', '1e-7', '1e-8', '123456789012345678901234.5678'),
);

function wideSum(terms: [string, number][]): Decimal {
  return terms.reduce((s, [v, sign]) => s.plus(new Wide(v).times(sign)), new Wide(0));
}

describe('ExactZero', () => {
  it('agrees with decimal.js on whether a signed sum is zero, and on the sum itself', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(amount, fc.constantFrom(1, -1)), { maxLength: 30 }), (terms) => {
        const z = new ExactZero();
        for (const [v, sign] of terms) z.add(new Decimal(v), sign);
        const want = wideSum(terms);
        expect(z.isZero()).toBe(want.isZero());
        // isZero() kept the terms when it said no: take() is the exact sum.
        if (!want.isZero()) expect(z.take()!.eq(want)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('terms and their negations, in any order, cancel; one more term is then the exact sum', () => {
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 20 }), amount, fc.context(), (values, extra, c) => {
        const signed = values.flatMap((v): [string, number][] => [[v, 1], [v, -1]]);
        // A deterministic shuffle from the values themselves.
        signed.sort((x, y) => (x[0] + x[1]).localeCompare(y[0] + y[1]));
        c.log(JSON.stringify(signed));
        const z = new ExactZero();
        for (const [v, sign] of signed) z.add(new Decimal(v), sign);
        expect(z.isZero()).toBe(true);
        for (const [v, sign] of signed) z.add(new Decimal(v), sign);
        z.add(new Decimal(extra), 1);
        if (new Decimal(extra).isZero()) expect(z.isZero()).toBe(true);
        else expect(z.take()!.eq(new Decimal(extra))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('isWithin(k, e) is |Σ| ≤ k × 10^-e exactly, for the rounding bounds it is used for', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(amount, fc.constantFrom(1, -1)), { maxLength: 12 }),
        fc.array(fc.constantFrom('0.001', '-0.001', '0.004', '0.005', '0.006', '0.01', '-0.015', '0.0000001', '0.00000005'), { maxLength: 4 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        (terms, nudges, n, p) => {
          // Near-cancelling sums: the terms, their negations, then a few small nudges.
          const all: [string, number][] = [...terms, ...terms.map(([v, s]): [string, number] => [v, -s]), ...nudges.map((v): [string, number] => [v, 1])];
          const z = new ExactZero();
          for (const [v, sign] of all) z.add(new Decimal(v), sign);
          const sum = wideSum(all);
          if (z.isZero()) {
            expect(sum.isZero()).toBe(true);
            return;
          }
          const bound = new Wide(5 * n).times(new Wide(10).pow(-(p + 1)));
          const within = z.isWithin(5 * n, p + 1);
          if (bound.gte(1)) {
            // Only bounds below 1 are decided here.
            expect(within).toBeUndefined();
            z.reset();
          } else expect(within).toBe(sum.abs().lte(bound));
          // …and it started over.
          expect(z.isZero()).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('isWithin at the edge: 0.02 is within 4 × 0.005, 0.0200001 and -0.0200001 are not', () => {
    const within = (v: string) => {
      const z = new ExactZero();
      z.add(new Decimal('100.00'), 1);
      z.add(new Decimal('100.00').minus(v), -1);
      return z.isWithin(20, 3);
    };
    expect(within('0.02')).toBe(true);
    expect(within('-0.02')).toBe(true);
    expect(within('0.0200001')).toBe(false);
    expect(within('-0.0200001')).toBe(false);
    expect(within('1.01')).toBe(false);
  });

  it('isWithin leaves bounds of 1 or more, and undecided terms, to take()', () => {
    const z = new ExactZero();
    z.add(new Decimal('0.5'), 1);
    expect(z.isWithin(1000, 3)).toBeUndefined(); // 1000 × 10^-3 = 200 × 0.005 = 1
    expect(z.take()!.toString()).toBe('0.5');
    z.add(new Decimal(NaN), 1);
    expect(z.isWithin(5, 3)).toBeUndefined();
    z.reset();
  });

  it('a sum that cancels is zero: 2424.73 − (2261.37 + 97.09 + 66.27)', () => {
    const z = new ExactZero();
    z.add(new Decimal('2424.73'), 1);
    for (const v of ['2261.37', '97.09', '66.27']) z.add(new Decimal(v), -1);
    expect(z.isZero()).toBe(true);
    // …and the test starts over.
    z.add(new Decimal('0.01'), 1);
    expect(z.isZero()).toBe(false);
    expect(z.take()!.toString()).toBe('0.01');
  });

  it('carries across word boundaries exactly: 9,999,999.99 + 0.01 − 10,000,000 = 0', () => {
    const z = new ExactZero();
    z.add(new Decimal('9999999.99'), 1);
    z.add(new Decimal('0.01'), 1);
    z.add(new Decimal('10000000'), -1);
    expect(z.isZero()).toBe(true);
  });

  it('is exact beyond 20 significant digits, where Decimal#plus at its default precision rounds', () => {
    const big = new Decimal('12345678901234567890.12');
    const z = new ExactZero();
    z.add(big, 1);
    z.add(new Decimal('0.01'), 1);
    z.add(new Decimal('12345678901234567890.13'), -1);
    expect(big.plus('0.01').eq('12345678901234567890.13')).toBe(false); // decimal.js rounds to 20 digits
    expect(z.isZero()).toBe(true);
  });

  it('leaves NaN, Infinity and extreme exponents undecided (not zero, no sum)', () => {
    for (const v of [new Decimal(NaN), new Decimal(Infinity), new Decimal('1e900'), new Decimal('1e-900')]) {
      const z = new ExactZero();
      z.add(v, 1);
      z.add(v, -1);
      expect(z.isZero()).toBe(false);
      expect(z.take()).toBeUndefined();
      // reset: the next sum is decided again.
      z.add(new Decimal('1.5'), 1);
      z.add(new Decimal('1.50'), -1);
      expect(z.isZero()).toBe(true);
    }
  });

  it('reset() drops the terms', () => {
    const z = new ExactZero();
    z.add(new Decimal('5'), 1);
    z.reset();
    expect(z.isZero()).toBe(true);
  });
});
