/**
 * The workbook limits checked again on the cells SheetJS returned (issue 11),
 * whatever the format: a sheet's extent, its area and the cells its
 * merges cover (as SheetView clips them), before any reader iterates them.
 * The .xlsx and .xls pre-checks refuse such files earlier; this is the net
 * under them (a damaged BIFF record can place a cell at column 62,688).
 */
import type { SheetCells } from './cells.js';
import type { WorkbookLimits } from './limits.js';
import { limitError, WORKBOOK_LIMITS } from './limits.js';

export interface SheetTally {
  area: number;
  mergedCells: number;
}

export function checkSheetCells(sheet: SheetCells, file: string, tally: SheetTally, limits: WorkbookLimits = WORKBOOK_LIMITS): void {
  const rows = sheet.rows;
  // Formatted only when thrown: the first toLocaleString of a run costs ~10 ms of ICU set-up.
  const extent = () => `${limits.maxRows.toLocaleString('en-US')} rows × ${limits.maxColumns.toLocaleString('en-US')} columns`;
  if (rows.length > limits.maxRows) throw limitError(file, `extent of sheet "${sheet.name}"`, `${rows.length.toLocaleString('en-US')} rows`, extent());
  let width = 0;
  for (const row of rows) if (row && row.length > width) width = row.length;
  if (width > limits.maxColumns) throw limitError(file, `extent of sheet "${sheet.name}"`, `${width.toLocaleString('en-US')} columns`, extent());
  tally.area += rows.length * width;
  if (tally.area > limits.maxCellArea) throw limitError(file, 'cell area of the workbook (Σ last row × last column of each sheet)', tally.area, limits.maxCellArea);
  for (const m of sheet.merges) {
    const h = Math.min(m.e.r, rows.length - 1) - m.s.r + 1;
    const w = Math.min(m.e.c, width - 1) - m.s.c + 1;
    if (h > 0 && w > 0) tally.mergedCells += h * w;
  }
  if (tally.mergedCells > limits.maxMergedCells) throw limitError(file, 'cells covered by merged ranges in the workbook', tally.mergedCells, limits.maxMergedCells);
}
