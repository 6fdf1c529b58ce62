/** 01 / 06, the side-by-side tables: each section's labelled lines with their amount. */
import { cellsOf } from '../model/table.js';
import type { HeaderColumn, HeaderResult, SheetView } from './header.js';
import { amountAt } from './row-amounts.js';
import type { BuildContext, TableState } from './row-context.js';
import { cellRef, cellText, isEmptyCell, leadingSpaces, lineName, norm, tidy } from './normalize.js';

export interface SectionCols {
  key: string;
  label: HeaderColumn;
  amount: HeaderColumn;
}

/** Pairs each template section's label column with the amount column right after it. */
export function pairSections(ctx: BuildContext, header: HeaderResult): SectionCols[] {
  const out: SectionCols[] = [];
  for (const s of ctx.tmpl.sections ?? []) {
    const labelKey = s.label.map(norm).join('\u0001');
    const amountKey = s.amount.map(norm).join('\u0001');
    const label = header.columns.find((hc) => hc.spec && hc.spec.path.map(norm).join('\u0001') === labelKey);
    if (!label) continue;
    const amount = header.columns.find(
      (hc) => hc.col > label.col && hc.spec && hc.spec.path.map(norm).join('\u0001') === amountKey,
    );
    if (!amount) continue;
    out.push({ key: s.key, label, amount });
  }
  return out;
}

export function readLines(ctx: BuildContext, state: TableState, view: SheetView, r: number, sections: SectionCols[]): void {
  for (const s of sections) {
    const labelCell = view.cell(r, s.label.col);
    const rawLabel = view.mergeOver(r, s.label.col) ? '' : cellText(labelCell);
    const label = tidy(rawLabel);
    const amountCell = view.cell(r, s.amount.col);
    if (!label && isEmptyCell(amountCell)) continue;
    const name = lineName(label);
    const amount = amountAt(ctx, view, r, s.amount, label);
    const labelRef = cellRef(view.name, r, s.label.col);
    const amounts = { [s.amount.key]: amount };
    state.rows.push({
      kind: 'line',
      section: s.key,
      name,
      label,
      indent: leadingSpaces(rawLabel),
      sheetRow: r,
      amounts,
      cells: cellsOf(amounts, ctx.amountKeys),
      texts: label ? { [s.label.key]: label } : {},
      labelRef,
    });
  }
}
