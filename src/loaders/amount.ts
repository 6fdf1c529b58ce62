/**
 * Reading one amount cell into an exact Decimal. Never throws and never turns
 * something unreadable into a silent zero: the caller gets `ok: false` with a
 * reason and reports it as a data problem at that cell.
 */
import { Decimal } from 'decimal.js';
import type { RawCell } from './cells.js';

export type ParsedAmount =
  | { ok: true; value: Decimal; blank: boolean; raw: string }
  | { ok: false; raw: string; reason: string };

/** Texts that mean "nothing here" in published tables (after NFKC: － → -, full-width spaces → space). */
const BLANK_TEXTS = new Set(['', '-', '--', '---', '—', '——', '–', '―', '─']);

/** Plain digits or correctly grouped thousands, optional fraction. */
const NUMBER_RE = /^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;

/**
 * Binary-float noise tolerance: 2424.7300000000002 is 2424.73 at 2 places,
 * while 2424.735 (off by 0.005) is a genuine value. Noise is a few thousand
 * ulps of the value (1e-12 relative), or — since a SUM that cancels
 * (1e7 - 1e7 + 0.01) keeps the absolute error of its large operands — under
 * 1e-4 of the last published place, which the cell's format can't show anyway.
 * Both stay far below half a unit of the last place for any budget figure.
 */
const NOISE = new Decimal('1e-12');
const NOISE_PLACES = 4;

const ZERO = new Decimal(0);

function blank(raw: string): ParsedAmount {
  return { ok: true, value: ZERO, blank: true, raw };
}

function fail(raw: string, reason: string): ParsedAmount {
  return { ok: false, raw, reason };
}

/**
 * A cell of an amount column. Numeric cells carry a JS double from SheetJS:
 * its shortest round-trip text (String(v)) is read exactly, then float noise
 * below `precision` places is dropped; real extra digits are kept so the rules
 * can see them.
 */
export function parseAmountCell(cell: RawCell | undefined, precision = 2): ParsedAmount {
  if (cell === undefined || cell.t === 'z' || cell.v === undefined || cell.v === null) return blank('');
  switch (cell.t) {
    case 'n': {
      const v = cell.v;
      const raw = cell.w ?? String(v);
      if (typeof v !== 'number' || !Number.isFinite(v)) return fail(raw, `"${raw}" is not a finite number`);
      return { ok: true, value: atPrecision(new Decimal(String(v)), precision), blank: false, raw };
    }
    case 's':
      return parseAmountText(typeof cell.v === 'string' ? cell.v : String(cell.v));
    case 'b':
      return fail(cell.w ?? String(cell.v), 'a TRUE/FALSE value, not an amount');
    case 'd':
      return fail(cell.w ?? String(cell.v), 'a date, not an amount');
    case 'e':
      if (cell.uncomputed) return fail('', 'a formula saved without its computed value (open the workbook in Excel or WPS and save it)');
      return fail(cell.w ?? String(cell.v), `an error value (${cell.w ?? cell.v}), not an amount`);
    default:
      return fail(cell.w ?? String(cell.v), 'not an amount');
  }
}

/** `value` rounded to `precision` places when the difference is only binary-float noise. */
function atPrecision(value: Decimal, precision: number): Decimal {
  const rounded = value.toDecimalPlaces(precision, Decimal.ROUND_HALF_UP);
  if (rounded.eq(value)) return normZero(value);
  const tolerance = Decimal.max(value.abs().times(NOISE), new Decimal(10).pow(-(precision + NOISE_PLACES)));
  return normZero(rounded.minus(value).abs().lte(tolerance) ? rounded : value);
}

function normZero(d: Decimal): Decimal {
  return d.isZero() ? ZERO : d;
}

/**
 * Amount text as people type it: "2,424.73", " 2424.73 ", "-1.00", "(1.00)",
 * "（1.00）", full-width "２，４２４．７３", an optional ¥/￥ sign. Blank, "-",
 * "—", "--" and "－" are empty (value 0, blank true).
 */
export function parseAmountText(text: string): ParsedAmount {
  const raw = text;
  // NFKC folds full-width digits/punctuation (２，．（）－￥) and odd spaces to ASCII.
  let s = text.normalize('NFKC').replace(/[\s\u200b\ufeff]+/g, '');
  if (BLANK_TEXTS.has(s)) return blank(raw);

  // A currency sign may lead, inside or outside the sign: "¥(1.00)", "(¥1.00)", "-¥1.00", "¥-1.00".
  s = s.replace(/^([-+\u2212(]?)[¥$]/, '$1');
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1);
  }
  const m = /^([-+\u2212]?)(.*)$/.exec(s)!;
  const sign = m[1]!;
  if (negative && sign !== '') return fail(raw, `"${raw}" is not an amount`);
  if (sign === '-' || sign === '\u2212') negative = true;
  s = m[2]!;

  if (!NUMBER_RE.test(s)) return fail(raw, `"${raw}" is not an amount`);
  const value = new Decimal(s.replace(/,/g, ''));
  return { ok: true, value: normZero(negative ? value.negated() : value), blank: false, raw };
}
