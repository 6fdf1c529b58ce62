/**
 * The one place the narrative checks ask the tables for a figure. Every
 * lookup goes through src/model/query.ts here (and nowhere else in the
 * narrative code), so when the table lookups move (issue 12) only this
 * adapter changes.
 */
import type { Amount, TableId } from '../model/amount.js';
import type { Budget } from '../model/budget.js';
import type { Row } from '../model/table.js';
import { amountAt, functionRows, line, rowsOf, totalRow } from '../model/query.js';
import { FUNCTION_CLASSES } from '../rules/data/function-classes.js';

export class NarrativeTables {
  constructor(readonly budget: Budget) {}

  found(id: TableId): boolean {
    return this.budget.tables[id]?.found === true;
  }

  /** 表01 / 表06: the line of a section by name (numbering and spaces ignored). */
  line(id: '01' | '06', section: 'income' | 'function', name: string): Amount | undefined {
    const t = this.budget.tables[id];
    if (!t?.found) return undefined;
    const row = line(t, section, name);
    return row ? Object.values(row.amounts)[0] : undefined;
  }

  /**
   * The department's figure of a column: the grand-total row when the table
   * has one, else the sum of its 部门 rows, else of its 单位 rows (表23
   * publishes one row per unit and no total).
   */
  total(id: TableId, column: string): Amount[] | undefined {
    const t = this.budget.tables[id];
    if (!t?.found) return undefined;
    const rows = this.totalRows(id);
    const cells = rows.map((r) => amountAt(r, column)).filter((a): a is Amount => a !== undefined);
    return cells.length === rows.length && cells.length > 0 ? cells : undefined;
  }

  private totalRows(id: TableId): Row[] {
    const t = this.budget.tables[id]!;
    const total = totalRow(t);
    if (total) return [total];
    const dept = rowsOf(t, 'department');
    if (dept.length) return [...dept];
    return [...rowsOf(t, 'unit')];
  }

  /** Every 类 row of a 功能科目 table for the class named (one per unit when the table repeats them). */
  classCells(id: TableId, name: string, column: string): Amount[] | undefined {
    const t = this.budget.tables[id];
    if (!t?.found) return undefined;
    const code = Object.entries(FUNCTION_CLASSES).find(([, n]) => n === name)?.[0];
    const rows = functionRows(t, { level: 1 }).filter((r) => (code !== undefined && r.code === code) || squeeze(r.name) === squeeze(name));
    return rows.map((r) => amountAt(r, column)).filter((a): a is Amount => a !== undefined);
  }

  /** 类 names with a non-zero figure in a 功能科目 table (to tell which the narrative leaves out). */
  classNames(id: TableId, column: string): string[] {
    const t = this.budget.tables[id];
    if (!t?.found) return [];
    const names = new Set<string>();
    for (const r of functionRows(t, { level: 1 })) {
      const a = amountAt(r, column);
      if (a && !a.value.isZero()) names.add(r.code && FUNCTION_CLASSES[r.code] ? FUNCTION_CLASSES[r.code]! : squeeze(r.name));
    }
    return [...names];
  }

  /** 表21's projects (专项). */
  projects(): Row[] {
    const t = this.budget.tables['21'];
    return t?.found ? [...rowsOf(t, 'project')] : [];
  }

  /** A row's amount under a column key (any width/spacing). */
  at(row: Row, column: string): Amount | undefined {
    return amountAt(row, column);
  }

  /** 表08 / 表14 economic line (e.g. 30215 会议费) under a column, over every row with that code. */
  economic(code: string, column: string): Amount[] {
    const t = this.budget.tables['08'];
    if (!t?.found) return [];
    return rowsOf(t, 'economic')
      .filter((r) => r.code === code)
      .map((r) => amountAt(r, column))
      .filter((a): a is Amount => a !== undefined);
  }
}

function squeeze(s: string): string {
  return s.normalize('NFKC').replace(/[\s\u3000]+/g, '');
}

/** A project name for matching: no year prefix, spaces, quotes, brackets or punctuation; full width folded. */
export function projectKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/^(20\d{2})年(度)?/, '')
    .replace(/["'“”‘’「」『』《》<>()（）【】\[\]、，,。.·:：;；\-—_]/g, '');
}
