/**
 * Is a signed sum of Decimals exactly zero? Decided without allocating, so
 * that a passing identity (nearly all of them) costs no Decimal arithmetic.
 *
 * decimal.js keeps a value as sign `s`, exponent `e` and base-1e7 digit words
 * `d` aligned to the decimal point (d[0] holds e mod 7 + 1 digits), so word i
 * of a value sits at position ⌊e / 7⌋ − i. The terms' words are added position
 * by position as integers, then carried from the lowest position up: the sum
 * is zero when every position ends at 0. Word sums stay integers far below
 * 2^53 (each word < 10^7), so every step is exact; no amount is ever a float.
 *
 * When the sum isn't zero, `isWithin()` tells whether it is rounding-sized
 * on the same words, and `take()` gives it as a Decimal (exactly, through
 * BigInt) where a Decimal is needed.
 */
import { Decimal } from 'decimal.js';

const BASE = 1e7;
const LOG_BASE = 7;
/** Word positions kept: 10^-448 … 10^447, far beyond any published amount. */
const SIZE = 128;
const MID = 64;

export class ExactZero {
  private readonly words = new Float64Array(SIZE);
  private lo = SIZE;
  private hi = -1;
  /** A term didn't fit (NaN, ±Infinity, an exponent outside the window): not decided here. */
  private undecided = false;

  /** Adds `sign` × v (sign ±1). */
  add(v: Decimal, sign: number): void {
    const d = v.d;
    if (d === null || d === undefined) {
      this.undecided = true;
      return;
    }
    if (d[0] === 0) return;
    const top = MID + Math.floor(v.e / LOG_BASE);
    const bottom = top - d.length + 1;
    if (top >= SIZE || bottom < 0) {
      this.undecided = true;
      return;
    }
    const s = v.s * sign;
    const w = this.words;
    for (let i = 0; i < d.length; i++) w[top - i] += s * d[i]!;
    if (bottom < this.lo) this.lo = bottom;
    if (top > this.hi) this.hi = top;
  }

  /**
   * True when the terms added so far sum to exactly zero (and the test starts
   * over); false when they don't or it can't be decided here, keeping the
   * terms for `take()` or `reset()`.
   */
  isZero(): boolean {
    if (this.undecided) return false;
    const w = this.words;
    let carry = 0;
    for (let k = this.lo; k <= this.hi; k++) {
      const x = w[k]! + carry;
      if (x % BASE !== 0) return false;
      carry = x / BASE;
    }
    if (carry !== 0) return false;
    this.reset();
    return true;
  }

  /**
   * Whether |Σ| ≤ k × 10^-e, exactly, for a bound below 1 with at most 7
   * decimals (the rounding bound n × 5 × 10^-(p + 1)), and the test starts
   * over; undefined when that can't be decided here (the terms are kept).
   */
  isWithin(k: number, e: number): boolean | undefined {
    if (this.undecided || !Number.isInteger(e) || e < 0 || e > LOG_BASE) return undefined;
    // The bound in units of the first word below the decimal point (10^-7).
    const b = k * 10 ** (LOG_BASE - e);
    if (!Number.isInteger(b) || b < 0 || b >= BASE) return undefined;
    const lo = this.lo;
    const top = this.hi + 2;
    if (top >= SIZE) return undefined;
    const w = this.words;
    // Canonical words (each in [0, BASE)) of Σ; a negative Σ is negated and made canonical again.
    if (carryUp(w, lo, top) < 0) {
      for (let i = lo; i <= top; i++) w[i] = -w[i]!;
      carryUp(w, lo, top);
    }
    let within: boolean;
    let whole = false;
    for (let i = Math.max(lo, MID); i <= top; i++) if (w[i] !== 0) whole = true;
    if (whole) within = false; // |Σ| ≥ 1 > the bound
    else {
      const first = lo <= MID - 1 ? w[MID - 1]! : 0;
      let rest = false;
      for (let i = lo; i < MID - 1; i++) if (w[i] !== 0) rest = true;
      within = first < b || (first === b && !rest);
    }
    this.hi = top;
    this.reset();
    return within;
  }

  /** The sum of the terms added so far, exactly; undefined when it can't be decided here. Starts over. */
  take(): Decimal | undefined {
    if (this.undecided) {
      this.reset();
      return undefined;
    }
    const w = this.words;
    let n = 0n;
    for (let k = this.hi; k >= this.lo; k--) n = n * 10_000_000n + BigInt(w[k]!);
    const exp = this.hi < this.lo ? 0 : LOG_BASE * (this.lo - MID);
    this.reset();
    return new Decimal(`${n}e${exp}`);
  }

  /** Drops the terms added so far. */
  reset(): void {
    if (this.hi >= this.lo) this.words.fill(0, this.lo, this.hi + 1);
    this.lo = SIZE;
    this.hi = -1;
    this.undecided = false;
  }
}

/**
 * Carries words[lo..top] so that each below `top` is in [0, BASE) (floor
 * division): Σ is unchanged, and its sign is the sign of the word at `top`.
 */
function carryUp(w: Float64Array, lo: number, top: number): number {
  let carry = 0;
  for (let i = lo; i < top; i++) {
    const x = w[i]! + carry;
    let r = x % BASE;
    if (r < 0) r += BASE;
    w[i] = r;
    carry = (x - r) / BASE;
  }
  w[top] = w[top]! + carry;
  return w[top]!;
}
