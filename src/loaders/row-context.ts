/** What reading one table carries: the build context and the state accumulated over its blocks. */
import type { CellRef, TableId } from '../model/amount.js';
import type { DataProblem } from '../model/budget.js';
import type { NoteLine, Row } from '../model/table.js';
import type { TableTemplate } from '../templates/types.js';

export interface BuildContext {
  id: TableId;
  tmpl: TableTemplate;
  /** The template's amount-column keys: the order of each row's `cells`. */
  amountKeys: readonly string[];
  precision: number;
  department?: string;
  /** Unit code → names seen on unit rows of earlier tables (tells 21/22 unit rows from projects). */
  unitNames: Map<string, Set<string>>;
  /** 部门 codes seen in earlier tables (a long 部门 code in 21 / 22 is not a unit). */
  departmentCodes?: Set<string>;
  problems: DataProblem[];
}

/** What reading a table accumulates over its blocks (page-break repeats continue the same state). */
export interface TableState {
  rows: Row[];
  notes: NoteLine[];
  lastUnit?: string;
  hasUnitRows: boolean;
  owner?: Row;
  /** Indicator hierarchy (一级/二级/三级指标) of the last indicator row, for blank cells below it. */
  lastLevels: string[];
  /** Header columns the template doesn't know that hold figures: reported once. */
  unknownWithFigures: Map<string, CellRef>;
  lastRow: number;
  minCol: number;
  maxCol: number;
}

export function newTableState(): TableState {
  return {
    rows: [],
    notes: [],
    hasUnitRows: false,
    lastLevels: [],
    unknownWithFigures: new Map(),
    lastRow: -1,
    minCol: Number.MAX_SAFE_INTEGER,
    maxCol: -1,
  };
}
