import { PATH_SEP } from '../model/amount.js';
import type { TableTemplate } from './types.js';

const KEYS = new WeakMap<TableTemplate, string[]>();

/**
 * A table's amount-column keys in template order: the positions of every
 * row's `cells` (Row.cells[i] is the amount under key i).
 */
export function templateAmountKeys(tmpl: TableTemplate): string[] {
  let keys = KEYS.get(tmpl);
  if (!keys) {
    keys = [...new Set(tmpl.columns.filter((c) => c.role === 'amount').map((c) => c.path.join(PATH_SEP)))];
    KEYS.set(tmpl, keys);
  }
  return keys;
}
