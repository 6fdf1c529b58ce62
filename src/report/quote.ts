/**
 * How every format shows a narrative (说明) location: the file, paragraph,
 * sentence (and page) and the sentence with the figure marked.
 */
import type { NarrativeQuote, NarrativeSummary } from '../model/narrative.js';
import type { Lang } from './shared.js';

/** "说明 第22段第1句（第3页）" / "narrative ¶22 sentence 1 (page 3)". */
export function quotePlace(q: NarrativeQuote, lang: Lang): string {
  return lang === 'zh'
    ? `说明 第${q.paragraph}段第${q.sentence}句${q.page !== undefined ? `（第${q.page}页）` : ''}`
    : `narrative ¶${q.paragraph} sentence ${q.sentence}${q.page !== undefined ? ` (page ${q.page})` : ''}`;
}

/** The sentence split around its figure: [before, figure, after] (figure '' when none). */
export function quoteParts(q: NarrativeQuote): [string, string, string] {
  if (q.figureStart === undefined || q.figureEnd === undefined) return [q.text, '', ''];
  return [q.text.slice(0, q.figureStart), q.text.slice(q.figureStart, q.figureEnd), q.text.slice(q.figureEnd)];
}

/** Long sentences are cut around the figure for one-line output. */
export function quoteSnippet(q: NarrativeQuote, mark: (s: string) => string, max = 60): string {
  let [before, fig, after] = quoteParts(q);
  if (before.length + fig.length + after.length > max) {
    const room = Math.max(10, Math.floor((max - fig.length) / 2));
    if (before.length > room) before = '…' + before.slice(before.length - room);
    if (after.length > room) after = after.slice(0, room) + '…';
  }
  return `「${before}${fig ? mark(fig) : ''}${after}」`;
}

/** The header line of a checked narrative. */
export function narrativeHeader(n: NarrativeSummary, lang: Lang): string {
  // As given, like the workbook's path.
  const where = n.sheet ? `${n.file} [${n.sheet}]` : n.file;
  return lang === 'zh'
    ? `说明: ${where}${n.paired ? '（按文件名配对）' : ''}  ${n.paragraphs} 段，${n.figures} 个数字，已核对 ${n.checked}，无表可核 ${n.uncheckable}，未识别 ${n.notUnderstood}`
    : `Narrative: ${where}${n.paired ? ' (paired by file name)' : ''}  ${n.paragraphs} paragraphs, ${n.figures} figures, ${n.checked} checked, ${n.uncheckable} with nothing to check against, ${n.notUnderstood} not understood`;
}
