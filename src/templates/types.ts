import type { TableId } from '../model/amount.js';
import type { ColumnRole } from '../model/table.js';

/** One column of a table's header, as a path from the top header row down. */
export interface ColumnSpec {
  path: string[];
  role: ColumnRole;
  /** Absent from some exports; its absence is not reported. */
  optional?: boolean;
}

/** 01 / 06: a side-by-side pair of (line label, amount) columns. */
export interface SectionSpec {
  key: string;
  /** Path of the label column, e.g. ["支出", "项目（按功能分类）"]. */
  label: string[];
  /** Path of its amount column, e.g. ["支出", "预算数"] (the column right after the label). */
  amount: string[];
}

export interface TableTemplate {
  id: TableId;
  /** Canonical title, e.g. "支出总表". */
  title: string;
  /** Other titles the same table is published under. */
  aliases?: string[];
  /** grid: one row per code/unit/project; sideBySide: 01 / 06 labelled lines in column groups. */
  layout: 'grid' | 'sideBySide';
  columns: ColumnSpec[];
  sections?: SectionSpec[];
}

/** A province's set of disclosure tables. */
export interface Template {
  id: string;
  name: string;
  tables: TableTemplate[];
}
