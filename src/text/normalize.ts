/**
 * Text normalisation of published labels, shared by the loaders (locating
 * tables, reading headers, typing rows) and the model's lookups. `norm` builds
 * COMPARISON keys only (published spellings are kept for display and column
 * keys come from the template). Pure string functions: no cell or file format.
 */

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

/** normName results: names repeat in every unit and table (bounded: cleared when large). */
const NAME_KEYS = new Map<string, string>();

/** Comparison key of a published name: NFKC, no whitespace, no quotes (the rules' key for names). */
export function normName(s: string): string {
  let k = NAME_KEYS.get(s);
  if (k === undefined) {
    k = s
      .normalize('NFKC')
      .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '')
      .replace(/["'“”‘’「」]/g, '');
    if (NAME_KEYS.size >= 50_000) NAME_KEYS.clear();
    NAME_KEYS.set(s, k);
  }
  return k;
}
