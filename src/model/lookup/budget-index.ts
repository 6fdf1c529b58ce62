/**
 * The per-budget view the rules read (one per audit, built lazily per table):
 * the table indexes of ./table-index.ts and the 01/06 line trees of ./line-tree.ts.
 */
import type { TableId } from '../amount.js';
import type { Budget } from '../budget.js';
import type { Row } from '../table.js';
import { normName } from '../../text/normalize.js';
import { buildLineSections, type LineNode, type LineSection } from './line-tree.js';
import { buildTableIndex, type TableIndex } from './table-index.js';

export { codeLevel, parentCode, scopeHasCode, type Scope, type TableIndex } from './table-index.js';
export type { LineNode, LineSection } from './line-tree.js';
export { normName } from '../../text/normalize.js';

/** Lazily built per-table indexes for one budget. */
export class BudgetIndex {
  private readonly tables = new Map<TableId, TableIndex>();
  private readonly lines = new Map<TableId, LineSection[]>();

  constructor(readonly budget: Budget) {}

  table(id: TableId): TableIndex {
    let t = this.tables.get(id);
    if (!t) {
      t = buildTableIndex(this.budget.tables[id], id);
      this.tables.set(id, t);
    }
    return t;
  }

  lineSections(id: TableId): LineSection[] {
    let s = this.lines.get(id);
    if (!s) {
      s = buildLineSections(this.budget.tables[id], id);
      this.lines.set(id, s);
    }
    return s;
  }

  lineSection(id: TableId, key: string): LineSection | undefined {
    return this.lineSections(id).find((s) => s.key === key);
  }

  /** The first line of a section by name, optionally under a named parent. */
  line(id: TableId, section: string, name: string, parent?: string): LineNode | undefined {
    const s = this.lineSection(id, section);
    const list = s?.byName.get(normName(name));
    if (!list) return undefined;
    if (parent === undefined) return list[0];
    const p = normName(parent);
    return list.find((n) => n.parent?.name === p);
  }

  /**
   * The figures that stand for a whole table in one column: its 合计 row(s);
   * else its departments, units or top detail rows (to be added up).
   */
  grand(id: TableId): Row[] {
    const t = this.table(id);
    if (t.totals.length > 0) return [t.totals[0]!];
    return t.topRows;
  }
}
