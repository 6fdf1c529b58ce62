/**
 * Narrative text as it comes out of real documents → paragraphs, sentences
 * and figures, every piece keeping its character offset in the source text.
 *
 * PDF and some .txt exports break lines mid-sentence, even mid-figure
 * ("200.88\n\n万元", "2025\n年"), and put blank lines between every line; a
 * .docx gives one line per paragraph. Both are joined the same way: a line
 * starts a new paragraph only after a sentence end (。！？), after a heading,
 * or when it opens with a heading marker (一、 （一） 1、 1．).
 */
import { Decimal } from 'decimal.js';
import type { Figure, FigureKind, Paragraph, Sentence } from '../model/narrative.js';

/** A page of text (PDF): paragraphs starting on it carry its number. */
export interface NarrativePage {
  page: number;
  text: string;
}

const CN_NUM = '一二三四五六七八九十';
/** 一、 / （一） / (一) / 1、 / 1． / 1. (not a decimal) / 第一部分. */
const HEADING_MARK_RE = new RegExp(
  `^(?:第[${CN_NUM}]+部分|[${CN_NUM}]+、|[（(][${CN_NUM}]+[)）]|\\d{1,2}[、．](?!\\d)|\\d{1,2}\\.(?!\\d))`,
);
const SECTION_RE = new RegExp(`^(?:第[${CN_NUM}]+部分|[${CN_NUM}]+、)`);
const SUBSECTION_RE = new RegExp(`^[（(][${CN_NUM}]+[)）]`);
const SENTENCE_END = /[。！？!?]/;
const WS = /[\s\u00a0\u3000\ufeff]/;

/** Full-width digits, %, ． and ， inside figures → ASCII; everything else as is (one char for one). */
function asciiChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0xff10 && c <= 0xff19) return String.fromCharCode(c - 0xff10 + 48);
  if (ch === '％') return '%';
  if (ch === '．') return '.';
  return ch;
}

/** A piece of display text with, per character, its offset in the source. */
interface Mapped {
  text: string;
  map: number[];
}

interface Line {
  start: number;
  end: number;
  page?: number;
}

function linesOf(text: string, pageStarts: { offset: number; page: number }[]): Line[] {
  const lines: Line[] = [];
  let p = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (i === text.length || ch === '\n' || ch === '\r' || ch === '\f') {
      let s = start;
      let e = i;
      while (s < e && WS.test(text[s]!)) s++;
      while (e > s && WS.test(text[e - 1]!)) e--;
      if (e > s) {
        while (p + 1 < pageStarts.length && pageStarts[p + 1]!.offset <= s) p++;
        lines.push({ start: s, end: e, ...(pageStarts.length ? { page: pageStarts[p]!.page } : {}) });
      }
      start = i + 1;
    }
  }
  return lines;
}

/**
 * A heading: a marker, no sentence punctuation, and short — shorter than the
 * text's usual line when lines are wrapped (PDF), so that a wrapped line that
 * happens to start with "1、" and stop at the margin is not taken for one.
 */
function isHeading(text: string, lineWidth: number): boolean {
  const max = lineWidth < 40 ? Math.max(12, Math.floor(lineWidth * 0.8)) : 40;
  return HEADING_MARK_RE.test(text) && text.length <= max && !/[。；;，,：:]/.test(text);
}

/** The median length of the text's lines (of 8 characters or more): the wrap width of PDF text. */
function typicalWidth(source: string, lines: Line[]): number {
  const lengths = lines.map((l) => l.end - l.start).filter((n) => n >= 8).sort((a, b) => a - b);
  return lengths.length ? lengths[Math.floor(lengths.length / 2)]! : 40;
}

/** Joins lines into paragraphs (see module comment); line breaks and the spaces around them vanish. */
export function splitParagraphs(text: string, pages: NarrativePage[] = []): { paragraphs: Paragraph[]; mapped: Mapped[] } {
  let source = text;
  const pageStarts: { offset: number; page: number }[] = [];
  if (pages.length) {
    source = '';
    for (const pg of pages) {
      pageStarts.push({ offset: source.length, page: pg.page });
      source += pg.text + '\n\f\n';
    }
  }
  const lines = linesOf(source, pageStarts);
  const width = typicalWidth(source, lines);
  const groups: Line[][] = [];
  for (const line of lines) {
    const body = source.slice(line.start, line.end);
    const prev = groups[groups.length - 1];
    const prevText = prev ? source.slice(prev[prev.length - 1]!.start, prev[prev.length - 1]!.end) : '';
    // A heading is one line: only a paragraph of one line can be one (and this stays linear in the lines).
    const prevHeading = prev !== undefined && prev.length === 1 && isHeading(prevText, width);
    const newPara = !prev || HEADING_MARK_RE.test(body) || SENTENCE_END.test(prevText[prevText.length - 1] ?? '') || prevHeading;
    if (newPara) groups.push([line]);
    else prev.push(line);
  }
  const paragraphs: Paragraph[] = [];
  const mapped: Mapped[] = [];
  groups.forEach((g, i) => {
    let t = '';
    const map: number[] = [];
    for (const l of g) {
      for (let k = l.start; k < l.end; k++) {
        const ch = source[k]!;
        if (ch === '\r') continue;
        t += ch;
        map.push(k);
      }
    }
    paragraphs.push({ index: i + 1, text: t, offset: g[0]!.start, ...(g[0]!.page !== undefined ? { page: g[0]!.page } : {}) });
    mapped.push({ text: t, map });
  });
  return { paragraphs, mapped };
}

/** Sentences (split after 。！？), each under the section / subsection heading before it. */
export function splitSentences(paragraphs: Paragraph[], mapped: Mapped[]): { sentences: Sentence[]; maps: number[][] } {
  const sentences: Sentence[] = [];
  const maps: number[][] = [];
  let section = '';
  let subsection = '';
  paragraphs.forEach((p, pi) => {
    const m = mapped[pi]!;
    const head = headingText(p.text);
    if (SECTION_RE.test(p.text)) {
      section = head;
      subsection = '';
    } else if (SUBSECTION_RE.test(p.text)) {
      subsection = head;
    }
    let start = 0;
    let n = 0;
    for (let i = 0; i <= m.text.length; i++) {
      if (i < m.text.length && !SENTENCE_END.test(m.text[i]!)) continue;
      let s = start;
      let e = Math.min(i + 1, m.text.length);
      while (s < e && WS.test(m.text[s]!)) s++;
      while (e > s && WS.test(m.text[e - 1]!)) e--;
      start = i + 1;
      if (e <= s) continue;
      n++;
      const offset = m.map[s]!;
      sentences.push({
        paragraph: p.index,
        index: n,
        ...(p.page !== undefined ? { page: p.page } : {}),
        text: m.text.slice(s, e),
        offset,
        length: m.map[e - 1]! + 1 - offset,
        section,
        subsection,
      });
      maps.push(m.map.slice(s, e));
    }
  });
  return { sentences, maps };
}

/** "（一）收入预算：包括…" → "收入预算"; "三、部门收支总体情况" → "部门收支总体情况". */
function headingText(text: string): string {
  const m = HEADING_MARK_RE.exec(text);
  const rest = m ? text.slice(m[0].length) : text;
  return rest.split(/[：:。，,；;]/)[0]!.replace(/\s+/g, '');
}

// A number (thousands separators allowed) and its unit. Not a date (年/月/日 are no units) and
// not the middle of another number.
const FIGURE_RE = /(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(万元|亿元|元|%|人次|人|辆|台|个|项|家|名)/g;
const KIND: Record<string, FigureKind> = {
  万元: 'money', 亿元: 'money', 元: 'money', '%': 'percent', 人次: 'count', 人: 'count', 辆: 'count', 台: 'count',
  个: 'count', 项: 'count', 家: 'count', 名: 'count',
};
/** 万元 per printed unit. */
const TO_WAN: Record<string, Decimal> = { 万元: new Decimal(1), 元: new Decimal('0.0001'), 亿元: new Decimal(10000) };
/** "单位价值 50万元以上通用设备": a threshold, not a figure. */
const THRESHOLD_AFTER = /^(以上|以下|以内|及以上|及以下)/;
// 、 is not a clause mark: project names hold it (监察、仲裁办案经费).
const CLAUSE_END = /[，,；;：:。！？!?]/;

/**
 * The figures of one sentence. Whitespace inside a figure ("2 424.73", "240.38 万\n元" after joining)
 * is ignored; full-width digits read as digits.
 */
export function figuresOf(sentence: Sentence, map: number[], firstId: number): Figure[] {
  // Key text: no whitespace, ASCII digits; keyMap[i] = index in sentence.text.
  const text = sentence.text;
  let key = '';
  const keyMap: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (WS.test(ch)) {
      if (separatesNumbers(text, i)) {
        key += ' ';
        keyMap.push(i);
      }
      continue;
    }
    key += asciiChar(ch);
    keyMap.push(i);
  }
  const out: Figure[] = [];
  for (const m of key.matchAll(FIGURE_RE)) {
    const at = m.index!;
    const endKey = at + m[0].length;
    if (m[3] !== '%' && KIND[m[3]!] === 'money' && THRESHOLD_AFTER.test(key.slice(endKey))) continue;
    const intPart = m[1]!.replace(/,/g, '');
    const places = m[2]?.length ?? 0;
    const unit = m[3]!;
    const kind = KIND[unit]!;
    const printedValue = new Decimal(places ? `${intPart}.${m[2]}` : intPart);
    const halfPrinted = new Decimal(5).times(new Decimal(10).pow(-(places + 1)));
    const factor = kind === 'money' ? TO_WAN[unit]! : new Decimal(1);
    const start = keyMap[at]!;
    const end = keyMap[endKey - 1]! + 1;
    out.push({
      id: firstId + out.length,
      kind,
      value: printedValue.times(factor),
      half: halfPrinted.times(factor),
      places,
      unit,
      printed: m[0],
      sentence,
      start,
      end,
      offset: map[start]!,
      length: map[end - 1]! + 1 - map[start]!,
      label: labelBefore(key, at),
    });
  }
  return out;
}

const DIGIT = /[0-9０-９]/;

/**
 * A space between two digits parts two numbers ("救助3 123.45万元": a name
 * ending in a number, then the amount) — unless it is a thousands gap: a
 * free-standing 1–3 digit group, then exactly three digits ("预算 2 424.73万元").
 * Spaces next to a decimal point or a unit ("2424. 73", "240.38 万元") never part.
 */
function separatesNumbers(text: string, i: number): boolean {
  // Only the first space of a run stands for the run.
  if (i > 0 && WS.test(text[i - 1]!)) return false;
  const a = i;
  let b = i;
  while (b < text.length && WS.test(text[b]!)) b++;
  if (a === 0 || b >= text.length || !DIGIT.test(text[a - 1]!) || !DIGIT.test(text[b]!)) return false;
  let s = a;
  while (s > 0 && DIGIT.test(text[s - 1]!)) s--;
  const before = a - s;
  const freeStanding = s === 0 || WS.test(text[s - 1]!) || /[，,：:；;（(、]/.test(text[s - 1]!);
  let e = b;
  while (e < text.length && DIGIT.test(text[e]!)) e++;
  const thousands = freeStanding && before <= 3 && e - b === 3 && !DIGIT.test(text[e] ?? '');
  return !thousands;
}

/**
 * The clause a figure is stated for: back from the figure to the previous
 * clause mark (，；：。), skipping marks inside a closed bracket ("监督检查（含第三方
 * 审计等）45.00万元") and stopping at an unclosed one ("（其中，公务用车购置费").
 */
function labelBefore(key: string, at: number): string {
  let depth = 0;
  let i = at - 1;
  for (; i >= 0; i--) {
    const ch = key[i]!;
    if (ch === '）' || ch === ')') depth++;
    else if (ch === '（' || ch === '(') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && CLAUSE_END.test(ch)) break;
  }
  return key.slice(i + 1, at).trim();
}

/** The text right after a figure within its clause (for "人数 580人", "以上"). */
export function clauseAfter(f: Figure): string {
  const rest = f.sentence.text.slice(f.end).replace(/\s+/g, '');
  return rest.split(CLAUSE_END)[0] ?? '';
}
