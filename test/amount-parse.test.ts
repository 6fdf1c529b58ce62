import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAmountCell, parseAmountText, type ParsedAmount } from '../src/loaders/amount.js';

/** "2424.73" for an ok amount, "blank" for an empty one, "fail" otherwise. */
function show(p: ParsedAmount): string {
  if (!p.ok) return 'fail';
  return p.blank ? 'blank' : p.value.toFixed();
}

describe('numeric cells', () => {
  it('reads published figures exactly', () => {
    // 表01 一、一般公共预算拨款收入 2,424.73; 表08 合计 2,032.73; 表15 5.00
    expect(show(parseAmountCell({ t: 'n', v: 2424.73, w: '2,424.73' }))).toBe('2424.73');
    expect(show(parseAmountCell({ t: 'n', v: 2032.73 }))).toBe('2032.73');
    expect(show(parseAmountCell({ t: 'n', v: 5 }))).toBe('5');
    expect(parseAmountCell({ t: 'n', v: 2424.73, w: '2,424.73' })).toMatchObject({ ok: true, blank: false, raw: '2,424.73' });
  });

  it('drops binary-float noise at the table precision', () => {
    expect(show(parseAmountCell({ t: 'n', v: 2424.7300000000002 }))).toBe('2424.73');
    expect(show(parseAmountCell({ t: 'n', v: 0.1 + 0.2 }))).toBe('0.3');
    expect(show(parseAmountCell({ t: 'n', v: 1797.1799999999998 }))).toBe('1797.18');
    expect(show(parseAmountCell({ t: 'n', v: 100.00000000000001 }, 0))).toBe('100');
  });

  it('keeps genuinely unrounded values so the rules can see them', () => {
    expect(show(parseAmountCell({ t: 'n', v: 2424.735 }))).toBe('2424.735');
    expect(show(parseAmountCell({ t: 'n', v: 1 / 3 }))).toBe('0.3333333333333333');
    expect(show(parseAmountCell({ t: 'n', v: 0.001 }))).toBe('0.001');
    // Large 元 figures keep a genuine third place too.
    expect(show(parseAmountCell({ t: 'n', v: 123456789.125 }))).toBe('123456789.125');
    expect(show(parseAmountCell({ t: 'n', v: 123456789.12000002 }))).toBe('123456789.12');
  });

  it('zero is a figure, not a blank; -0 is 0', () => {
    expect(parseAmountCell({ t: 'n', v: 0 })).toMatchObject({ ok: true, blank: false });
    expect(show(parseAmountCell({ t: 'n', v: -0 }))).toBe('0');
    expect((parseAmountCell({ t: 'n', v: -0 }) as { value: Decimal }).value.isNegative()).toBe(false);
  });

  it('refuses non-finite numbers', () => {
    expect(parseAmountCell({ t: 'n', v: Number.NaN }).ok).toBe(false);
    expect(parseAmountCell({ t: 'n', v: Number.POSITIVE_INFINITY }).ok).toBe(false);
  });
});

describe('text cells', () => {
  it.each([
    ['2,424.73', '2424.73'],
    [' 2424.73 ', '2424.73'],
    ['2424.73\n', '2424.73'],
    ['-1.00', '-1'],
    ['(1.00)', '-1'],
    ['（1.00）', '-1'],
    ['２，４２４．７３', '2424.73'],
    ['－２４．５', '-24.5'],
    ['¥1,000.50', '1000.5'],
    ['￥392.00', '392'],
    ['-¥3.00', '-3'],
    ['¥(3.00)', '-3'],
    ['(¥3.00)', '-3'],
    ['1,797.18', '1797.18'],
    ['1,234,567.89', '1234567.89'],
    ['0', '0'],
    ['392', '392'],
  ])('%j → %s', (text, value) => {
    expect(show(parseAmountCell({ t: 's', v: text }))).toBe(value);
    expect(show(parseAmountText(text))).toBe(value);
  });

  it.each(['', '   ', '-', '—', '--', '－', '——', '\u3000'])('%j is blank (0, blank)', (text) => {
    const p = parseAmountText(text);
    expect(p).toMatchObject({ ok: true, blank: true, raw: text });
    expect(p.ok && p.value.isZero()).toBe(true);
  });

  it.each(['约5万', 'N/A', '1.2.3', '1,23.4', '12,34', '5%', '1e3', 'abc', '(-1)', '--1', '1.00元', '二百', '¥¥1', '(1.00'])(
    '%j is not an amount (reason given, never a zero)',
    (text) => {
      const p = parseAmountText(text);
      expect(p.ok).toBe(false);
      if (!p.ok) {
        expect(p.raw).toBe(text);
        expect(p.reason).toContain(text);
      }
    },
  );
});

describe('other cells', () => {
  it('an absent cell or a stub is blank', () => {
    expect(parseAmountCell(undefined)).toMatchObject({ ok: true, blank: true });
    expect(parseAmountCell({ t: 'z' })).toMatchObject({ ok: true, blank: true });
  });
  it('booleans, dates and error values are refused', () => {
    expect(parseAmountCell({ t: 'b', v: true, w: 'TRUE' })).toMatchObject({ ok: false, raw: 'TRUE' });
    expect(parseAmountCell({ t: 'd', v: new Date(0) }).ok).toBe(false);
    expect(parseAmountCell({ t: 'e', v: 7, w: '#DIV/0!' })).toMatchObject({ ok: false, raw: '#DIV/0!' });
  });
});

// Amounts as integer cents so the generated values are exact decimals with 2 places.
const cents = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
const toDecimal = (c: bigint) => new Decimal(c.toString()).dividedBy(100);

function grouped(d: Decimal): string {
  const [int, frac] = d.abs().toFixed(2).split('.');
  return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}
const FULL_WIDTH: Record<string, string> = { ',': '，', '.': '．', '(': '（', ')': '）', '-': '－' };
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(/[,.()-]/g, (ch) => FULL_WIDTH[ch]!);

describe('properties', () => {
  it('any 2-place amount written with separators, parentheses or full-width digits parses back exactly', () => {
    fc.assert(
      fc.property(cents, fc.constantFrom('minus', 'parens'), fc.boolean(), fc.boolean(), (c, neg, wide, yen) => {
        const d = toDecimal(c);
        let s = grouped(d);
        if (d.isNegative()) s = neg === 'minus' ? `-${s}` : `(${s})`;
        if (yen) s = `¥${s}`;
        if (wide) s = fullWidth(s);
        const p = parseAmountText(s);
        expect(p.ok && !p.blank && p.value.eq(d)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a 2-place amount stored as a double reads back exactly, even after float arithmetic', () => {
    // Up to 10^8 万元 (1万亿元) — far beyond any department budget.
    const small = fc.bigInt({ min: -(10n ** 10n), max: 10n ** 10n });
    fc.assert(
      fc.property(small, small, (a, b) => {
        const da = toDecimal(a);
        const db = toDecimal(b);
        // What Excel stores for a typed value, and for a SUM of two typed values.
        const pa = parseAmountCell({ t: 'n', v: Number(da.toFixed()) });
        const pab = parseAmountCell({ t: 'n', v: Number(da.toFixed()) + Number(db.toFixed()) });
        expect(pa.ok && pa.value.eq(da)).toBe(true);
        expect(pab.ok && pab.value.eq(da.plus(db))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
