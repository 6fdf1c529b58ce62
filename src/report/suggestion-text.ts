/**
 * How a suggested correction reads, for text, SARIF, HTML and the annotated
 * workbook alike: "建议修改 03支出总表!F17：206.00 → 196.00（此一处修改可消除以下 5 个错误）".
 */
import type { SuggestedCell, Suggestion } from '../model/suggestion.js';

export type SuggestionLang = 'zh' | 'en';

function where(c: SuggestedCell, lang: SuggestionLang): string {
  // A PDF has no cells: the page, table, row and column name the figure.
  if (c.page !== undefined) {
    return lang === 'zh' ? `第${c.page}页 表${c.table} ${c.row} · ${c.column}` : `page ${c.page} table ${c.table} ${c.row} · ${c.column}`;
  }
  return lang === 'zh' ? `表${c.table}!${c.cell}` : `Table ${c.table}!${c.cell}`;
}

/** One cell's change: "F17：206.00 → 196.00", "在 G9 填入 12.00", "清空 G9（原为 12.00）". */
export function changeText(c: SuggestedCell, lang: SuggestionLang): string {
  if (lang === 'zh') {
    if (c.from === '') return `在 ${where(c, lang)} 填入 ${c.to}`;
    if (c.to === '') return `清空 ${where(c, lang)}（原为 ${c.from}）`;
    return `${where(c, lang)}：${c.from} → ${c.to}`;
  }
  if (c.from === '') return `fill ${where(c, lang)} with ${c.to}`;
  if (c.to === '') return `clear ${where(c, lang)} (was ${c.from})`;
  return `${where(c, lang)} ${c.from} → ${c.to}`;
}

function changesText(cells: readonly SuggestedCell[], lang: SuggestionLang): string {
  return cells.map((c) => changeText(c, lang)).join(lang === 'zh' ? '；' : '; ');
}

/** The suggestion as one line (ambiguous ones list their candidates, ranked). */
export function suggestionText(s: Suggestion, lang: SuggestionLang): string {
  const n = s.resolves.length;
  if (s.ambiguous) {
    const all = [s.cells, ...s.alternatives.map((a) => a.cells)];
    const list = all.map((cells, i) => `${i + 1}) ${changesText(cells, lang)}`).join(lang === 'zh' ? '；' : '; ');
    return lang === 'zh'
      ? `无法确定哪一处有误，以下任一修改均可消除这 ${n} 个错误（按可能性排序）：${list}`
      : `Ambiguous: any one of these resolves the ${n} errors (ranked): ${list}`;
  }
  const k = s.cells.length;
  if (lang === 'zh') {
    const what = k === 1 ? `建议修改 ${changesText(s.cells, lang)}` : `建议修改 ${k} 处：${changesText(s.cells, lang)}`;
    return `${what}（${k === 1 ? '此一处修改' : `这 ${k} 处修改`}可消除以下 ${n} 个错误）`;
  }
  const what = k === 1 ? `Suggested fix: ${changesText(s.cells, lang)}` : `Suggested fix, ${k} changes: ${changesText(s.cells, lang)}`;
  return `${what} (${k === 1 ? 'this one change resolves' : `these ${k} changes resolve`} ${n} error${n === 1 ? '' : 's'})`;
}

/** Distinct suggestions of a report's findings, in order of first appearance. */
export function suggestionsOf(findings: readonly { suggestion?: Suggestion }[]): Suggestion[] {
  const seen = new Map<string, Suggestion>();
  for (const f of findings) if (f.suggestion && !seen.has(f.suggestion.id)) seen.set(f.suggestion.id, f.suggestion);
  return [...seen.values()];
}
