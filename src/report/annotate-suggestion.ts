/**
 * What suggested corrections give the annotated workbook (--annotate): the
 * text of a finding's suggestion, for annotate's `suggestion` hook — the
 * suggested cell's 批注 starts with it and 审核结果 gets a 建议修改 column.
 */
import type { Finding } from '../model/finding.js';
import { suggestionText } from './suggestion-text.js';

export function annotateSuggestion(f: Finding, lang: 'zh' | 'en'): string | undefined {
  return f.suggestion ? suggestionText(f.suggestion, lang) : undefined;
}
