/** Text helpers shared by the HTML report's parts. */
import { Decimal } from 'decimal.js';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and quoted attributes alike: workbook text is untrusted. */
export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

/**
 * An amount as the workbook shows it (#,##0.00), from its exact decimal: never
 * rounded, so a planted 196.004 shows as 196.004 rather than hiding as 196.00.
 */
export function formatMoney(value: Decimal, minDecimals = 2): string {
  const places = Math.max(minDecimals, value.decimalPlaces());
  const fixed = value.toFixed(places); // Decimal#toFixed: exact here, places ≥ the value's own
  const negative = fixed.startsWith('-');
  const unsigned = negative ? fixed.slice(1) : fixed;
  const [int, frac] = unsigned.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (negative ? '-' : '') + grouped + (frac ? '.' + frac : '');
}

/** A decimal string from a finding (expected / actual / difference), grouped; other text as is. */
export function formatDecimalString(s: string | undefined): string {
  if (s === undefined || s === '') return '';
  try {
    return formatMoney(new Decimal(s));
  } catch {
    return s;
  }
}

/** 0-based column index → letters ("A", "AB"). */
export function colLetters(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based row/col → A1 address. */
export function a1(row: number, col: number): string {
  return colLetters(col) + String(row + 1);
}

/** The key a highlighted cell and the findings pointing at it share: "03支出总表!D7". */
export function cellKey(sheet: string, cell: string): string {
  return `${sheet}!${cell.replace(/\$/g, '').toUpperCase()}`;
}
