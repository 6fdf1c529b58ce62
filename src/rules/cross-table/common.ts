/** Family B — Shared by the cross-table families: column paths, and whether the department has 一般公共预算 money only. */
import { PATH_SEP } from '../../model/amount.js';
import type { RuleContext } from '../engine.js';
import { amountKeys } from '../helpers.js';

export const p = (...parts: string[]): string => parts.join(PATH_SEP);

/** 表02 合计 row columns that are NOT 一般公共预算: all zero ⇒ the department is general-only. */
const GENERAL_02 = new Set([
  '合计',
  p('本年收入', '小计'),
  p('本年收入', '一般公共预算'),
  p('本年收入', '上级财政补助收入', '一般公共预算补助'),
  p('上年结转结余', '小计'),
  p('上年结转结余', '一般公共预算'),
]);

/** True when every figure of 表02's 合计 row outside 一般公共预算 is zero. */
export function generalOnly(ctx: RuleContext): boolean {
  const t = ctx.budget.tables['02'];
  if (!t?.found) return false;
  const rows = ctx.index.grand('02');
  if (rows.length === 0) return false;
  for (const key of amountKeys('02')) {
    if (GENERAL_02.has(key)) continue;
    for (let ri = 0; ri < rows.length; ri++) {
      const r = rows[ri]!;
      const a = r.amounts[key];
      if (a && !a.value.isZero()) return false;
    }
  }
  return true;
}
