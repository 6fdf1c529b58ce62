/** A narrative's plain summary for reports: where it came from and how much of it was checked. */
import type { Narrative, NarrativeQuote, NarrativeSummary } from '../model/narrative.js';

export function narrativeSummary(n: Narrative): NarrativeSummary {
  const figs = n.figures;
  return {
    file: n.source.file,
    kind: n.source.kind,
    ...(n.source.sheet !== undefined ? { sheet: n.source.sheet } : {}),
    ...(n.source.paired ? { paired: true } : {}),
    paragraphs: n.paragraphs.length,
    statements: n.statements.length,
    figures: figs.length,
    checked: figs.filter((f) => f.checked).length,
    uncheckable: figs.filter((f) => f.subject && !f.checked).length,
    notUnderstood: figs.filter((f) => !f.subject && !f.checked).length,
  };
}

/** A quote copied field by field (plain data for threads and JSON). */
export function plainQuote(q: NarrativeQuote): NarrativeQuote {
  const out: NarrativeQuote = {
    file: String(q.file),
    paragraph: Number(q.paragraph),
    sentence: Number(q.sentence),
    text: String(q.text),
    offset: Number(q.offset),
    length: Number(q.length),
  };
  if (q.page !== undefined) out.page = Number(q.page);
  if (q.figureStart !== undefined && q.figureEnd !== undefined) {
    out.figureStart = Number(q.figureStart);
    out.figureEnd = Number(q.figureEnd);
  }
  return out;
}
