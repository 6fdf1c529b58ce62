/**
 * The Amount of one cell under a header column, with its provenance; an
 * unreadable figure is a data problem (and an invalid, blank Amount), never a zero.
 */
import { Decimal } from 'decimal.js';
import type { Amount } from '../model/amount.js';
import { parseAmountCell } from './amount.js';
import type { HeaderColumn, SheetView } from './header.js';
import type { BuildContext } from './row-context.js';
import type { Layout } from './row-layout.js';
import { cellRef, where } from './normalize.js';

const ZERO = new Decimal(0);

export function amountAt(
  ctx: BuildContext,
  view: SheetView,
  r: number,
  hc: HeaderColumn,
  rowLabel: string,
): Amount {
  const ref = cellRef(view.name, r, hc.col);
  // An amount merged over several rows counts once, at its top-left cell.
  if (view.mergeOver(r, hc.col)) return { value: ZERO, blank: true, ref, table: ctx.id, rowLabel, column: hc.key };
  const p = parseAmountCell(view.cell(r, hc.col), ctx.precision);
  if (p.ok) {
    const a: Amount = { value: p.value, blank: p.blank, ref, table: ctx.id, rowLabel, column: hc.key };
    if (p.raw !== '') a.raw = p.raw;
    return a;
  }
  ctx.problems.push({
    kind: 'bad-amount',
    table: ctx.id,
    ref,
    column: hc.key,
    message: `表${ctx.id} ${rowLabel} › ${hc.key}: ${p.reason} at ${where(ref)}`,
  });
  return { value: ZERO, blank: true, invalid: true, raw: p.raw, ref, table: ctx.id, rowLabel, column: hc.key };
}

export function allAmounts(
  ctx: BuildContext,
  view: SheetView,
  r: number,
  layout: Layout,
  rowLabel: string,
): Record<string, Amount> {
  const out: Record<string, Amount> = {};
  for (const hc of layout.amounts) out[hc.key] = amountAt(ctx, view, r, hc, rowLabel);
  return out;
}

export function anyFigure(amounts: Record<string, Amount>): boolean {
  for (const k in amounts) {
    const a = amounts[k]!;
    if (!a.blank || a.invalid) return true;
  }
  return false;
}
