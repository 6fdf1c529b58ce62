/**
 * The finding of a failed identity, built lazily: the sides are added up, the
 * message worded and the cells located only when a reader asks (see
 * IdentityFinding), so a failed check nobody reads costs no formatting.
 */
import { Decimal } from 'decimal.js';
import type { Amount } from '../model/amount.js';
import type { Budget } from '../model/budget.js';
import type { Finding, FindingLocation, Localized, Severity } from '../model/finding.js';
import { ExactZero } from './exact-zero.js';
import { isBlank, isMissing, start, valueOf, ZERO, type Term } from './term.js';
import { describe, describeEn, listEn, listZh, sameMessage, sumMessage } from './wording.js';

/** Decimal places a value was published with. */
export function places(d: Decimal): number {
  return d.decimalPlaces();
}

/** How figures are shown and absent rows located: the budget's precision and its tables. */
export interface Shown {
  budget: Budget;
  precision: number;
}

// Decimal#toFixed is exact decimal formatting (no binary float involved).
export function fmtAt(precision: number, d: Decimal): string {
  return d.toFixed(Math.max(precision, places(d)));
}

export function locateIn(shown: Shown, t: Term): FindingLocation {
  if (isMissing(t)) {
    const sheet = shown.budget.tables[t.table]?.sheet;
    return { table: t.table, ...(sheet ? { sheet } : {}), row: t.rowLabel, column: t.column, value: '' };
  }
  return {
    table: t.table,
    sheet: t.ref.sheet,
    cell: t.ref.cell,
    row: t.rowLabel,
    column: t.column,
    value: t.blank ? '' : fmtAt(shown.precision, t.value),
    ...(t.ref.page !== undefined ? { page: t.ref.page } : {}),
    ...(t.ref.box ? { box: t.ref.box } : {}),
  };
}

/** How a failed identity is worded. */
export interface Wording {
  /** 'sum': terms[0] = Σ the rest; 'same': Σ terms[0, left) = Σ terms[left, …). */
  form: 'sum' | 'same';
  left: number;
  /** The rule's own message, else the form's default. */
  msg?: Localized;
  /** 未分项 (info): the total is published, its parts are all blank. */
  info?: boolean;
  /** The difference is within rounding. */
  rounding?: boolean;
}

/**
 * What a failed identity's finding is built from when it is read: its terms
 * and the exact difference. The two sides are added up in Decimal only then.
 */
export interface Pending {
  shown: Shown;
  terms: Term[];
  wording: Wording;
  /** Σ of the right side ('sum': the parts; 'same': terms[left, …)), on first use. */
  expected?: Decimal;
  /** The left side ('sum': the total; 'same': Σ terms[0, left)), on first use. */
  actual?: Decimal;
  /** actual − expected. */
  diff?: Decimal;
  /** Decimal places the figures are shown with (computed on first use). */
  dp?: number;
}

const SIDE = new ExactZero();

/**
 * Σ of the published terms in [from, to), exactly: blank and absent terms are
 * exact zeros. (Decimal#plus would round a sum beyond 20 significant digits.)
 */
export function sumOf(terms: Term[], from: number, to: number): Decimal {
  let some = false;
  for (let i = from; i < to; i++) {
    const t = terms[i]!;
    if (isBlank(t)) continue;
    SIDE.add((t as Amount).value, 1);
    some = true;
  }
  if (!some) return ZERO;
  const exact = SIDE.take();
  if (exact !== undefined) return exact;
  // A term beyond the exact test (NaN, an extreme exponent): decimal.js adds up.
  let s: Decimal | undefined;
  for (let i = from; i < to; i++) {
    const t = terms[i]!;
    if (!isBlank(t)) s = s === undefined ? start((t as Amount).value) : s.plus((t as Amount).value);
  }
  return s ?? ZERO;
}

function expectedOf(p: Pending): Decimal {
  return (p.expected ??= sumOf(p.terms, p.wording.left, p.terms.length));
}

function actualOf(p: Pending): Decimal {
  const w = p.wording;
  return (p.actual ??= w.form === 'sum' ? valueOf(p.terms[0]!) : sumOf(p.terms, 0, w.left));
}

function messageOf(p: Pending): Localized {
  const { terms, wording: w } = p;
  const total = terms[0]!;
  const base =
    w.msg ?? (w.form === 'sum' ? sumMessage(total, terms.slice(1)) : sameMessage(terms.slice(0, w.left), terms.slice(w.left)));
  if (w.info) {
    const parts = terms.slice(1);
    const shown = fmtAt(p.shown.precision, actualOf(p));
    return {
      zh: `未分项：${describe(total)} 为 ${shown}，其明细（${listZh(parts, total)}）均为空。${base.zh}`,
      en: `Breakdown not given: ${describeEn(total)} is ${shown} while its parts (${listEn(parts, total)}) are all blank. ${base.en}`,
    };
  }
  if (w.rounding) {
    const shown = fmtAt(p.shown.precision, difference(p));
    return {
      zh: `${base.zh}（差额 ${shown} 在舍入误差范围内）`,
      en: `${base.en} (difference ${shown} is within rounding)`,
    };
  }
  return base;
}

/** actual − expected, exactly (from the terms, on first use). */
export function difference(p: Pending): Decimal {
  if (p.diff === undefined) {
    const { terms, wording: w } = p;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      if (!isBlank(t)) SIDE.add((t as Amount).value, i < w.left ? 1 : -1);
    }
    p.diff = SIDE.isZero() ? ZERO : (SIDE.take() ?? actualOf(p).minus(expectedOf(p)));
  }
  return p.diff;
}

/** The figures are shown to the published precision, or to the most decimals any term has. */
function figure(p: Pending, d: Decimal): string {
  if (p.dp === undefined) {
    let dp = p.shown.precision;
    for (const t of p.terms) if (!isMissing(t)) dp = Math.max(dp, places(t.value));
    p.dp = dp;
  }
  return d.toFixed(p.dp);
}

/** Turns a lazy property into a plain data property holding `value`. */
function settle(obj: object, key: string, value: unknown): void {
  // Reflect: a frozen finding keeps its accessor (and computes again) rather than throwing.
  Reflect.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * The finding of a failed identity. Its severity is decided at once; its
 * message, figures and locations (strings per term) are own enumerable
 * properties built on first read, then kept as plain data properties: JSON,
 * spread and structured clone (worker threads) see ordinary values, while
 * findings nobody reads cost no formatting. What they are built from sits in
 * a private field, which none of those copy.
 */
export class IdentityFinding implements Finding {
  declare ruleId: string;
  declare severity: Severity;
  declare message: Localized;
  declare expected: string;
  declare actual: string;
  declare difference: string;
  declare locations: FindingLocation[];
  readonly #pending: Pending;

  static #lazy(key: keyof Finding, make: (p: Pending) => unknown): PropertyDescriptor {
    return {
      enumerable: true,
      configurable: true,
      get(this: IdentityFinding): unknown {
        const value = make(this.#pending);
        settle(this, key, value);
        return value;
      },
      set(this: IdentityFinding, value: unknown): void {
        settle(this, key, value);
      },
    };
  }

  static readonly #message = IdentityFinding.#lazy('message', messageOf);
  static readonly #expected = IdentityFinding.#lazy('expected', (p) => figure(p, expectedOf(p)));
  static readonly #actual = IdentityFinding.#lazy('actual', (p) => figure(p, actualOf(p)));
  static readonly #difference = IdentityFinding.#lazy('difference', (p) => figure(p, difference(p)));
  static readonly #locations = IdentityFinding.#lazy('locations', (p) => p.terms.map((t) => locateIn(p.shown, t)));

  constructor(ruleId: string, severity: Severity, pending: Pending) {
    // Own properties in the order of every finding.
    this.ruleId = ruleId;
    this.severity = severity;
    Object.defineProperty(this, 'message', IdentityFinding.#message);
    Object.defineProperty(this, 'expected', IdentityFinding.#expected);
    Object.defineProperty(this, 'actual', IdentityFinding.#actual);
    Object.defineProperty(this, 'difference', IdentityFinding.#difference);
    Object.defineProperty(this, 'locations', IdentityFinding.#locations);
    this.#pending = pending;
  }
}
