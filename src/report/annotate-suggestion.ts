/**
 * What suggested corrections add to the annotated workbook (--annotate): the
 * suggested cell's 批注 starts with the suggestion, and the 审核结果 sheet has a
 * 建议修改 column. Kept apart from annotate.ts so the two evolve separately.
 */
import type { Finding } from '../model/finding.js';
import { suggestionText, suggestionsOf } from './suggestion-text.js';

export const FIX_HEADER = { zh: '建议修改', en: 'Suggested fix' } as const;

/** "sheet!cell" → the suggestion line(s) for the cells a suggestion changes. */
export function suggestionNotes(findings: readonly Finding[], lang: 'zh' | 'en'): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of suggestionsOf(findings)) {
    for (const c of s.cells) {
      const key = `${c.sheet}!${c.cell.replace(/\$/g, '').toUpperCase()}`;
      const line = suggestionText(s, lang);
      out.set(key, out.has(key) ? `${out.get(key)}\n${line}` : line);
    }
  }
  return out;
}

/** The 建议修改 cell of a finding's row in 审核结果. */
export function suggestionCell(f: Finding, lang: 'zh' | 'en'): string {
  return f.suggestion ? suggestionText(f.suggestion, lang) : '';
}
