/**
 * The narrative (部门预算公开说明) as read: paragraphs, sentences, the figures
 * they state and the statements those figures make, each with its quote
 * (paragraph, sentence, character offset in the source text). No file format
 * and no rule here: src/narrative reads and parses, src/rules/narrative.ts checks.
 */
import type { Decimal } from 'decimal.js';

export type NarrativeKind = 'txt' | 'docx' | 'doc' | 'sheet' | 'pdf' | 'text';

export interface NarrativeSource {
  /** The file it was read from (for a workbook sheet: the workbook). */
  file: string;
  kind: NarrativeKind;
  /** The sheet's name, for a narrative inside the workbook. */
  sheet?: string;
  /** Detected text encoding of a .txt file (utf-8, gb18030). */
  encoding?: string;
  /** Found beside the workbook by file name (batch pairing), not named with --narrative. */
  paired?: boolean;
}

export interface Paragraph {
  /** 1-based. */
  index: number;
  /** 1-based page, when the text came with pages (PDF). */
  page?: number;
  /** The paragraph's text with the line breaks of the source removed. */
  text: string;
  /** Character offset of its first character in the source text. */
  offset: number;
}

export interface Sentence {
  /** 1-based paragraph number. */
  paragraph: number;
  /** 1-based, within the paragraph. */
  index: number;
  page?: number;
  /** The exact sentence (line breaks removed). */
  text: string;
  /** Character offset of its first character in the source text, and its length there. */
  offset: number;
  length: number;
  /** Heading of the section (一、…) and subsection (（一）…) it sits under. */
  section: string;
  subsection: string;
}

export type FigureKind = 'money' | 'percent' | 'count';

export interface Figure {
  /** 1-based, in reading order. */
  id: number;
  kind: FigureKind;
  /** Money in 万元 (converted exactly from 元 / 亿元), a percentage as a number of %, or a count. */
  value: Decimal;
  /** Half a unit of its printed last digit, in the same unit as `value` (0.005 for "2424.73万元"). */
  half: Decimal;
  /** Decimal places as printed, in the printed unit. */
  places: number;
  /** The unit as printed: 万元, 元, 亿元, %, 人, 辆, 台, 个… */
  unit: string;
  /** As printed, whitespace and line breaks removed ("2424.73万元"). */
  printed: string;
  sentence: Sentence;
  /** Where it stands within `sentence.text` (for highlighting). */
  start: number;
  end: number;
  /** Character offset and length in the source text. */
  offset: number;
  length: number;
  /** The words it is stated for: the clause before it, whitespace removed ("社会保障和就业支出"). */
  label: string;
  /** What the parser understood it to be (absent: not understood). */
  subject?: string;
  /** Why an understood figure is not compared with anything (people counts, last year's figures…). */
  uncheckable?: string;
  /** Set by the narrative rules when a check compared it. */
  checked?: boolean;
}

export type Direction = 'up' | 'down';

/** A change against last year: "较去年增加 240.38 万元，上升 11.00%". */
export interface Change {
  /** The statement it is the change of (its current-year figure). */
  of: Statement;
  direction: Direction;
  /** The direction word as printed of each part, e.g. 增加 / 上升. */
  amountWord?: string;
  rateWord?: string;
  amount?: Figure;
  rate?: Figure;
  sentence: Sentence;
}

/**
 * One thing the narrative states. `subject` names what (see SUBJECTS in
 * src/narrative/parse.ts), `name` which one (a 类, a source, a project…).
 */
export interface Statement {
  subject: string;
  name?: string;
  figure?: Figure;
  /** "占 93.26%": its share of the section's total. */
  share?: Figure;
  change?: Change;
  /** A "there is none" statement (无政府性基金安排的支出). */
  none?: boolean;
  sentence: Sentence;
}

export interface Narrative {
  source: NarrativeSource;
  /** The source text the offsets refer to. */
  text: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  figures: Figure[];
  statements: Statement[];
  changes: Change[];
  /** The budget year it speaks of (the year most of its sentences name). */
  year?: number;
}

/** Where a narrative finding points: the quote (kept plain, so it crosses threads and goes into JSON). */
export interface NarrativeQuote {
  file: string;
  paragraph: number;
  sentence: number;
  page?: number;
  /** The sentence. */
  text: string;
  /** The sentence's character offset and length in the source text. */
  offset: number;
  length: number;
  /** The figure within `text` (absent when the finding is about the whole sentence). */
  figureStart?: number;
  figureEnd?: number;
}

/** What the report shows about a narrative: where it came from and how much of it was checked. */
export interface NarrativeSummary {
  file: string;
  kind: NarrativeKind;
  /** The workbook sheet it was read from (kind "sheet"). */
  sheet?: string;
  /** Paired with the workbook by file name (batch), rather than given with --narrative. */
  paired?: boolean;
  paragraphs: number;
  statements: number;
  /** Figures stated (money, percentages, counts). */
  figures: number;
  checked: number;
  /** Understood but not comparable with anything, with the reason. */
  uncheckable: number;
  /** Not understood (each is an info finding with its quote). */
  notUnderstood: number;
}
