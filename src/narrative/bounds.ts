/**
 * Rounding bounds for figures stated in words, by interval arithmetic over
 * their printed precisions: "4万元" may stand for anything in [3.5, 4.5],
 * "11.00%" for [10.995, 11.005]. A check passes when the intervals meet, so
 * honest rounding never fails and a one-digit change of any figure does.
 */
import { Decimal } from 'decimal.js';
import type { Amount } from '../model/amount.js';
import type { Figure } from '../model/narrative.js';

const ZERO = new Decimal(0);
const HUNDRED = new Decimal(100);

export interface Interval {
  lo: Decimal;
  hi: Decimal;
}

export function around(v: Decimal, half: Decimal): Interval {
  return { lo: v.minus(half), hi: v.plus(half) };
}

export function meets(a: Interval, b: Interval): boolean {
  return a.lo.lte(b.hi) && b.lo.lte(a.hi);
}

export function sumOf(cells: readonly Amount[]): Decimal {
  return cells.reduce((s, a) => s.plus(a.value), ZERO);
}

/**
 * A stated figure against table cells (their sum when several): exact when it
 * is printed to the tables' precision from one cell; otherwise within the
 * coarser half-unit, plus one table half-unit per cell added up.
 */
export function agreesWithCells(f: Figure, cells: readonly Amount[], tableHalf: Decimal): { ok: boolean; expected: Decimal } {
  const expected = sumOf(cells);
  let bound = cells.length > 1 ? tableHalf.times(cells.length) : ZERO;
  if (!f.half.eq(tableHalf)) bound = bound.plus(Decimal.max(f.half, tableHalf));
  return { ok: f.value.minus(expected).abs().lte(bound), expected };
}

/** Σ stated parts against a stated total: within the sum of their half-units. */
export function partsAgree(total: Figure, parts: readonly Figure[]): { ok: boolean; sum: Decimal } {
  const sum = parts.reduce((s, p) => s.plus(p.value), ZERO);
  const bound = parts.reduce((s, p) => s.plus(p.half), total.half);
  return { ok: sum.minus(total.value).abs().lte(bound), sum };
}

/** "占 X%": amount ÷ total over their intervals, against X ± its half-unit. */
export function shareAgrees(part: Figure, total: Figure, share: Figure): { ok: boolean; computed?: Decimal } {
  const t = around(total.value, total.half);
  const p = around(part.value, part.half);
  if (t.lo.lte(0)) return { ok: true };
  const lo = Decimal.max(p.lo, ZERO).div(t.hi).times(HUNDRED);
  const hi = p.hi.div(t.lo).times(HUNDRED);
  return { ok: meets({ lo, hi }, around(share.value, share.half)), computed: part.value.div(total.value).times(HUNDRED) };
}

/**
 * A change rate against its amount: last year = this year ∓ change, rate =
 * change ÷ last year. The rate rises with the change and falls with this
 * year's figure, so its interval has those two corners.
 */
export function rateAgrees(current: Figure, change: Figure, up: boolean, rate: Figure): { ok: boolean; computed?: Decimal } {
  const t = around(current.value, current.half);
  const c = around(change.value, change.half);
  const f = (cv: Decimal, tv: Decimal): Decimal | undefined => {
    const last = up ? tv.minus(cv) : tv.plus(cv);
    return last.gt(0) ? Decimal.max(cv, ZERO).div(last).times(HUNDRED) : undefined;
  };
  const lo = f(c.lo, t.hi);
  const hi = f(c.hi, t.lo);
  const last = up ? current.value.minus(change.value) : current.value.plus(change.value);
  const computed = last.gt(0) ? change.value.div(last).times(HUNDRED) : undefined;
  if (lo === undefined || hi === undefined) return { ok: computed === undefined ? false : true, ...(computed ? { computed } : {}) };
  return { ok: meets({ lo, hi }, around(rate.value, rate.half)), ...(computed ? { computed } : {}) };
}
