/** What `inspect` shows of a narrative: where it came from and every statement read from it. */
import type { Narrative } from '../model/narrative.js';
import { SUBJECTS, type Subject } from './parse.js';

export interface NarrativeInspect {
  file: string;
  kind: string;
  sheet?: string;
  encoding?: string;
  paired?: boolean;
  year?: number;
  paragraphs: number;
  sentences: number;
  figures: number;
  statements: {
    subject: string;
    title: string;
    name?: string;
    /** As printed, and its value (万元 for money) as a decimal string. */
    printed?: string;
    value?: string;
    share?: string;
    change?: { direction: string; amount?: string; rate?: string };
    none?: true;
    paragraph: number;
    sentence: number;
  }[];
  /** Figures whose meaning was not understood, with their words. */
  notUnderstood: { printed: string; label: string; paragraph: number; sentence: number }[];
}

export function inspectNarrative(n: Narrative): NarrativeInspect {
  const out: NarrativeInspect = {
    file: n.source.file,
    kind: n.source.kind,
    ...(n.source.sheet !== undefined ? { sheet: n.source.sheet } : {}),
    ...(n.source.encoding !== undefined ? { encoding: n.source.encoding } : {}),
    ...(n.source.paired ? { paired: true } : {}),
    ...(n.year !== undefined ? { year: n.year } : {}),
    paragraphs: n.paragraphs.length,
    sentences: n.sentences.length,
    figures: n.figures.length,
    statements: n.statements.map((s) => ({
      subject: s.subject,
      title: SUBJECTS[s.subject as Subject] ?? s.subject,
      // Vehicle kinds are named "<id of their total>|<kind>".
      ...(s.name !== undefined ? { name: s.name.split('|').pop()! } : {}),
      ...(s.figure ? { printed: s.figure.printed, value: s.figure.value.toString() } : {}),
      ...(s.share ? { share: s.share.printed } : {}),
      ...(s.change && s.change.of === s
        ? { change: { direction: s.change.direction, ...(s.change.amount ? { amount: s.change.amount.printed } : {}), ...(s.change.rate ? { rate: s.change.rate.printed } : {}) } }
        : {}),
      ...(s.none ? { none: true as const } : {}),
      paragraph: s.sentence.paragraph,
      sentence: s.sentence.index,
    })),
    notUnderstood: n.figures
      .filter((f) => !f.subject)
      .map((f) => ({ printed: f.printed, label: f.label, paragraph: f.sentence.paragraph, sentence: f.sentence.index })),
  };
  return out;
}

export function formatNarrativeInspect(ni: NarrativeInspect): string[] {
  const where = ni.sheet ? `${ni.file} [sheet ${ni.sheet}]` : ni.file;
  const out = [
    `Narrative:   ${where} (${ni.kind}${ni.encoding ? `, ${ni.encoding}` : ''}${ni.paired ? ', paired by file name' : ''})`,
    `             year ${ni.year ?? '(not found)'}; ${ni.paragraphs} paragraphs, ${ni.sentences} sentences, ${ni.figures} figures, ${ni.statements.length} statements`,
  ];
  for (const s of ni.statements) {
    const what = `${s.title}${s.name ? `「${s.name}」` : ''}`;
    const fig = s.none ? '无 (none)' : (s.printed ?? '');
    const extra = [s.share ? `占 ${s.share}` : '', s.change ? `${s.change.direction === 'up' ? '↑' : '↓'} ${[s.change.amount, s.change.rate].filter(Boolean).join(' ')}` : '']
      .filter(Boolean)
      .join('  ');
    out.push(`  ¶${s.paragraph}.${s.sentence}  ${what}  ${fig}${extra ? `  ${extra}` : ''}`);
  }
  for (const f of ni.notUnderstood) out.push(`  ¶${f.paragraph}.${f.sentence}  (not understood) ${f.printed}  ${f.label}`);
  return out;
}
