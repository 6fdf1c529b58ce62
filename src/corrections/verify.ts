/**
 * The solver proposes, the engine decides: a proposal is applied to a copy of
 * the Budget (the loaded one is never changed) and every rule runs again on it
 * in exact Decimal arithmetic.
 */
import { Decimal } from 'decimal.js';
import type { Amount } from '../model/amount.js';
import type { Budget } from '../model/budget.js';
import type { Severity } from '../model/finding.js';
import type { Row, Table } from '../model/table.js';
import { setAmount } from '../model/table.js';
import { audit } from '../rules/index.js';
import type { AuditOptions } from '../rules/types.js';
import { findingIds } from './ids.js';

export interface Change {
  amount: Amount;
  to: Decimal;
}

/** Where an Amount sits (row and column key): found through its sheet row, indexed per table on first use. */
export class AmountIndex {
  private readonly byRow = new Map<Table, Map<number, number[]>>();

  constructor(private readonly budget: Budget) {}

  find(a: Amount): { table: Table; row: number; key: string } | undefined {
    const table = this.budget.tables[a.table];
    if (!table) return undefined;
    let rows = this.byRow.get(table);
    if (!rows) {
      rows = new Map();
      table.rows.forEach((r, i) => {
        for (const x of Object.values(r.amounts)) {
          const list = rows!.get(x.ref.row);
          if (!list) rows!.set(x.ref.row, [i]);
          else if (!list.includes(i)) list.push(i);
        }
      });
      this.byRow.set(table, rows);
    }
    for (const i of rows.get(a.ref.row) ?? []) {
      const row = table.rows[i]!;
      for (const [key, x] of Object.entries(row.amounts)) if (x === a) return { table, row: i, key };
    }
    return undefined;
  }
}

/**
 * A copy of `budget` with the changes made: only the tables and rows changed
 * are copied. A change to zero clears the cell (blank reads as zero, "单元格空白表示数据为零").
 */
export function applyChanges(budget: Budget, index: AmountIndex, changes: readonly Change[]): Budget {
  const tables = { ...budget.tables };
  for (const c of changes) {
    const at = index.find(c.amount);
    if (!at) throw new Error(`corrections: ${c.amount.ref.sheet}!${c.amount.ref.cell} is not in the budget`);
    const id = at.table.id;
    if (tables[id] === budget.tables[id]) tables[id] = { ...at.table, rows: at.table.rows.slice() };
    const rows = tables[id].rows;
    const old = rows[at.row]!;
    const row: Row = old === at.table.rows[at.row] ? { ...old, amounts: { ...old.amounts }, cells: old.cells.slice() } : old;
    rows[at.row] = row;
    const blank = c.to.isZero();
    setAmount(row, at.key, { ...c.amount, value: blank ? new Decimal(0) : c.to, blank, raw: blank ? '' : c.to.toString() });
  }
  return { ...budget, tables };
}

export interface Verdict {
  ok: boolean;
  /** The cluster's findings no longer failing on the corrected copy. */
  resolved: string[];
  /** Why not, for tests and debugging. */
  why?: string;
}

/**
 * Re-runs every rule on the corrected copy: ok when every error among
 * `resolves` is gone (with --strict a rounding difference of the cluster may
 * stay as it was; `resolved` says which went), at least one is resolved, and no
 * error or warning (nor, with --strict, rounding difference) appears that the
 * original report did not have.
 */
export function verify(
  budget: Budget,
  index: AmountIndex,
  changes: readonly Change[],
  resolves: ReadonlySet<string>,
  before: ReadonlyMap<string, Severity>,
  target: ReadonlySet<Severity>,
  options: AuditOptions,
): Verdict {
  const copy = applyChanges(budget, index, changes);
  const report = audit(copy, options);
  const ids = findingIds(report.findings);
  const still = new Set<string>();
  for (let i = 0; i < ids.length; i++) {
    const f = report.findings[i]!;
    const id = ids[i]!;
    if (resolves.has(id) && target.has(f.severity)) {
      // An error of the cluster must go; a rounding difference (a target with --strict) may stay as it was.
      if (before.get(id) === 'error' || f.severity === 'error') return { ok: false, resolved: [], why: `still ${f.severity}: ${id}` };
      still.add(id);
      continue;
    }
    // New: an error or warning (a rounding difference too when it fails the run) the original did not have as bad.
    const failing = f.severity === 'error' || f.severity === 'warning' || target.has(f.severity);
    const was = before.get(id);
    if (failing && was !== f.severity && was !== 'error' && !(was === 'warning' && f.severity === 'rounding')) {
      return { ok: false, resolved: [], why: `new ${f.severity}: ${id} ${f.message.en}` };
    }
  }
  const resolved = [...resolves].filter((id) => !still.has(id));
  return resolved.length ? { ok: true, resolved } : { ok: false, resolved, why: 'resolves nothing' };
}
