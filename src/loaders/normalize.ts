/**
 * Text helpers shared by the table locator, the header reader and the row
 * typer. `norm` builds COMPARISON keys only (published spellings are kept for
 * display and column keys come from the template).
 */
import type { CellRef } from '../model/amount.js';
import type { RawCell } from './cells.js';

// Whitespace of every kind, including U+3000 (ideographic space) and zero-width marks.
const WS_RE = /[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;
// Quotes are dropped for comparison: “三公” = "三公" = 三公.
const QUOTE_RE = /["'“”‘’「」『』〝〞＂]/g;
// Dashes and connectors are dropped: "基本支出表--人员经费" = "基本支出表—人员经费".
const DASH_RE = /[-‐‑‒–—―－─━~～_]/g;

/**
 * Comparison key: NFKC (full-width → half-width, （ → (), every whitespace
 * removed, quotes and dashes dropped, 【】/[] unified with ().
 */
export function norm(s: string): string {
  return s
    .normalize('NFKC')
    .replace(WS_RE, '')
    .replace(QUOTE_RE, '')
    .replace(DASH_RE, '')
    .replace(/[【\[〔]/g, '(')
    .replace(/[】\]〕]/g, ')')
    .replace(/：/g, ':');
}

/** NFKC + whitespace removed, keeping dashes and quotes (for marker/unit-line parsing). */
export function squeeze(s: string): string {
  return s.normalize('NFKC').replace(WS_RE, '');
}

/** Whitespace removed, otherwise as published (names of rows, header segments for display). */
export function compact(s: string): string {
  return s.replace(WS_RE, '');
}

/** Trimmed, line breaks (with the spaces around them) removed — for texts kept as published. */
export function tidy(s: string): string {
  if (s === '' || (!/[\r\n]/.test(s) && !/^\s|\s$/.test(s))) return s;
  return s.replace(/[ \t\u3000]*[\r\n]+[ \t\u3000]*/g, '').replace(/^\s+|\s+$/g, '');
}

/**
 * A row's name: Chinese names lose every space (exports indent and pad them,
 * "衡南县人力资源和\n社会保障局"); names with Latin words keep single spaces.
 */
export function rowName(s: string): string {
  const t = tidy(s);
  return /[A-Za-z]/.test(t) ? t.replace(WS_RE, ' ') : compact(t);
}

/** Leading spaces (ASCII, NBSP, U+3000, tabs) — the indentation a published label carries. */
export function leadingSpaces(s: string): number {
  const m = /^[ \t\u00a0\u3000]*/.exec(s);
  return m ? m[0].length : 0;
}

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

/** Numbering in front of a line label: 一、 （一） (1) 1. 1、 ① 第一… */
const NUMBERING_RE =
  /^(?:[一二三四五六七八九十百零〇]+[、.．]|[（(][一二三四五六七八九十百零〇\d]+[)）][、.．]?|\d+[、.．](?!\d)|[①-⑳]|第[一二三四五六七八九十百]+[部分项条]?[、.．:：]?)/;

/** A 01/06 line's name: numbering, indentation and every space removed ("本 年 收 入 合 计" → "本年收入合计"). */
export function lineName(label: string): string {
  let s = label.replace(WS_RE, '');
  // Numbering may stack: "一、（一）…" is rare but harmless to strip twice.
  for (let i = 0; i < 2; i++) {
    const m = NUMBERING_RE.exec(s);
    if (!m) break;
    s = s.slice(m[0].length);
  }
  // "其中：经费拨款" is the line 经费拨款.
  return s.replace(/^其中[:：]/, '');
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
