import type { Amount, CellRef, TableId } from './amount.js';
import type { FunctionLevel } from './codes.js';

/**
 * What a row means, whatever its layout:
 * - total: the grand-total row (合计 / 总计)
 * - department / unit: 部门 (code 201) and 单位 (code 201001) rows
 * - function: a 功能科目 row (类 / 款 / 项)
 * - economic: a 经济科目 row (301 / 30101 …), 表08
 * - project: a project (专项) row, 表21 / 表22
 * - indicator: a performance indicator row, 表22 / 表23
 * - line: a labelled line of the side-by-side tables 01 and 06
 */
export type RowKind =
  | 'total'
  | 'department'
  | 'unit'
  | 'function'
  | 'economic'
  | 'project'
  | 'indicator'
  | 'line';

export interface Row {
  kind: RowKind;
  /** Canonical code: 功能科目 3/5/7 digits, 经济科目 3/5, 部门 3, 单位 6; a project's unit code. */
  code?: string;
  /** 类 1 / 款 2 / 项 3 for function rows; 1 / 2 for economic rows. */
  level?: FunctionLevel;
  /** The 单位 this row belongs to (from a 单位代码 column, or the unit row above it). */
  unitCode?: string;
  /** The row's name as published (科目名称, 单位名称, project name, line text without numbering). */
  name: string;
  /** "code name", or the name alone; what messages call the row. */
  label: string;
  /** 0-based sheet row. */
  sheetRow: number;
  /** Amount cells by column path (joined with PATH_SEP), blank cells included; empty for indicator rows. */
  amounts: Record<string, Amount>;
  /**
   * The same Amounts by position: cells[i] is the amount under the table
   * template's i-th amount column (undefined where that column wasn't read).
   * What hot loops index instead of looking keys up. Rows are read-only once
   * loaded: change an amount with `setAmount`, which keeps both views equal.
   */
  cells: (Amount | undefined)[];
  /** Non-amount cells by column path (codes, names, indicator texts), merged cells filled in. */
  texts: Record<string, string>;
  /** Where the row's label sits. */
  labelRef?: CellRef;
  /** 01 / 06: which side-by-side section the line belongs to (see the template). */
  section?: string;
  /** 01 / 06: the line's indentation depth (leading spaces) as published. */
  indent?: number;
  /** 22 / 23: the project (or unit) an indicator row belongs to. */
  owner?: string;
}

export interface Column {
  /** Path joined with PATH_SEP, in the template's spelling. */
  key: string;
  parts: string[];
  /** 0-based sheet column. */
  col: number;
  role: ColumnRole;
}

export type ColumnRole =
  | 'amount'
  | 'classCode' // 功能科目 类 / 款 / 项 split over three columns
  | 'subjectCode' // 科目编码 (one cell, any level)
  | 'unitCode' // 单位代码 / 部门（单位）代码 / 单位编码
  | 'name' // 科目名称 / 单位名称 / 项目 label
  | 'text'; // indicator fields and other text

export interface NoteLine {
  text: string;
  ref: CellRef;
}

export interface Table {
  id: TableId;
  /** The title as the template knows it, e.g. "支出总表". */
  title: string;
  found: boolean;
  sheet?: string;
  /** A1 range the table occupies, e.g. "A1:K30". */
  range?: string;
  columns: Column[];
  rows: Row[];
  /** 说明 / 注 lines under the table. */
  notes: NoteLine[];
}

export function emptyTable(id: TableId, title: string): Table {
  return { id, title, found: false, columns: [], rows: [], notes: [] };
}

/** A row's `cells`: its amounts in the order of `keys` (the template's amount columns). */
export function cellsOf(amounts: Record<string, Amount>, keys: readonly string[]): (Amount | undefined)[] {
  const cells: (Amount | undefined)[] = [];
  for (let i = 0; i < keys.length; i++) cells.push(amounts[keys[i]!]);
  return cells;
}

/** Replaces the amount under `key`, a column the row has, in both `amounts` and `cells`. */
export function setAmount(row: Row, key: string, amount: Amount): void {
  const old = row.amounts[key];
  if (old === undefined) throw new Error(`row "${row.label}" has no amount column "${key}"`);
  const i = row.cells.indexOf(old);
  row.amounts[key] = amount;
  if (i >= 0) row.cells[i] = amount;
}
