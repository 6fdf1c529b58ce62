/**
 * What an identity is built from: a published Amount, or a Missing row (an
 * exact zero without a cell), and the few ways the engine reads a term.
 */
import { Decimal } from 'decimal.js';
import type { Amount, TableId } from '../model/amount.js';

/** A figure that should be published but whose row is absent: an exact zero without a cell. */
export interface Missing {
  missing: true;
  table: TableId;
  rowLabel: string;
  column: string;
}

/** What an identity is built from: a published amount, or a row that isn't there. */
export type Term = Amount | Missing;

export function missing(table: TableId, rowLabel: string, column: string): Missing {
  return { missing: true, table, rowLabel, column };
}

export function isMissing(t: Term): t is Missing {
  return (t as Missing).missing === true;
}

export const ZERO = new Decimal(0);

export function valueOf(t: Term): Decimal {
  return isMissing(t) ? ZERO : t.value;
}

export function isBlank(t: Term): boolean {
  return isMissing(t) || t.blank;
}

/**
 * 0 + v without the copy, for the Decimal fallback of a sum the exact test
 * can't take: v itself when Decimal's default 20 significant digits hold it
 * (two base-1e7 words ≤ 14 digits), else `ZERO.plus(v)`.
 */
export function start(v: Decimal): Decimal {
  const d = v.d;
  return d !== null && d.length <= 2 && d[0] !== 0 ? v : ZERO.plus(v);
}
