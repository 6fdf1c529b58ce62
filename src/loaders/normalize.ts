/**
 * Cell helpers shared by the table locator, the header reader and the row
 * typer. The text normalisation itself (norm, lineName, …) lives in
 * src/text/normalize.ts, shared with the model; re-exported here.
 */
import type { CellRef } from '../model/amount.js';
import { compact, norm, squeeze } from '../text/normalize.js';
import type { RawCell } from './cells.js';

export { compact, leadingSpaces, lineName, norm, rowName, squeeze, tidy } from '../text/normalize.js';

/** The text of a cell as shown (numbers as their shortest decimal text, never formatted). */
export function cellText(cell: RawCell | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  switch (cell.t) {
    case 's':
      return String(cell.v);
    case 'n':
      return typeof cell.v === 'number' ? String(cell.v) : String(cell.v);
    case 'b':
      return cell.w ?? String(cell.v);
    case 'd':
      return cell.w ?? (cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v));
    case 'e':
      return cell.w ?? '';
    default:
      return '';
  }
}

/** True when the cell holds nothing visible. */
export function isEmptyCell(cell: RawCell | undefined): boolean {
  if (!cell || cell.t === 'z' || cell.v === undefined || cell.v === null) return true;
  return cell.t === 's' && compact(String(cell.v)) === '';
}

/**
 * Looks like a figure or a code rather than a header word: a numeric cell, or
 * text made of digits with optional grouping/sign/parentheses ("2,424.73",
 * "(1.00)", "201001", "208 01 01").
 */
export function isDataLike(cell: RawCell | undefined): boolean {
  if (!cell) return false;
  if (cell.t === 'n') return true;
  if (cell.t !== 's') return false;
  const v = String(cell.v);
  if (!/[\d０-９]/.test(v)) return false;
  const s = squeeze(v);
  return /\d/.test(s) && /^[-+(]?[¥$]?[\d,.]+%?\)?$/.test(s);
}

/**
 * Digits of a code cell: "208", 208, "208 01 01", "2080101". Returns undefined
 * for anything that isn't purely digits (spaces allowed).
 */
export function codeDigits(cell: RawCell | undefined, width = 0): string | undefined {
  if (!cell || cell.v === undefined || cell.v === null) return undefined;
  let s: string;
  if (cell.t === 'n') {
    if (typeof cell.v !== 'number' || !Number.isInteger(cell.v) || cell.v < 0) return undefined;
    s = String(cell.v);
  } else if (cell.t === 's') {
    s = squeeze(String(cell.v));
  } else {
    return undefined;
  }
  if (!/^\d+$/.test(s)) return undefined;
  // 款 / 项 stored as numbers lose their leading zero (01 → 1).
  return s.length < width ? s.padStart(width, '0') : s;
}

/** Grand-total labels of grid tables. */
export function isTotalLabel(text: string): boolean {
  if (!text.includes('计')) return false;
  const n = norm(text);
  return n === '合计' || n === '总计' || n === '合计数' || n === '总合计';
}

/** Row/col (0-based) → A1 address. */
export function a1(row: number, col: number): string {
  return colLetters(col) + String(row + 1);
}

const LETTERS: string[] = [];

export function colLetters(col: number): string {
  const hit = LETTERS[col];
  if (hit !== undefined) return hit;
  let s = '';
  let c = col + 1;
  while (c > 0) {
    const m = (c - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    c = Math.floor((c - 1) / 26);
  }
  if (col < 16384) LETTERS[col] = s;
  return s;
}

export function cellRef(sheet: string, row: number, col: number): CellRef {
  return { sheet, cell: a1(row, col), row, col };
}

/** "Sheet!A1" for messages. */
export function where(ref: CellRef): string {
  return `${ref.sheet}!${ref.cell}`;
}
