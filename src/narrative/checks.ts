/**
 * The narrative checks themselves: each compares what the narrative states
 * with the tables (through NarrativeTables) or with itself (bounds.ts), and
 * reports through the rule context with the quote first — the narrative is
 * written from the tables, so that is where a fix usually goes — and the
 * table cells after it. Every figure a check compares is marked `checked`
 * for the coverage count.
 */
import { Decimal } from 'decimal.js';
import type { Amount } from '../model/amount.js';
import type { FindingLocation, Localized, Severity } from '../model/finding.js';
import type { Figure, Narrative, NarrativeQuote, Sentence, Statement } from '../model/narrative.js';
import type { RuleContext } from '../rules/index.js';
import { agreesWithCells, partsAgree, rateAgrees, shareAgrees, sumOf } from './bounds.js';
import { SUBJECTS, type Subject } from './parse.js';
import { NarrativeTables } from './tables.js';

export interface NarrativeCheck {
  ctx: RuleContext;
  n: Narrative;
  tables: NarrativeTables;
  /** Decimal places and half a unit of the tables' figures. */
  precision: number;
  half: Decimal;
  /** Table units per 万元: 1, or 10000 for a workbook published in 元. */
  scale: Decimal;
}

/** The narrative each audit (rule context) last saw: its `checked` marks start afresh per audit. */
const seen = new WeakMap<RuleContext, Narrative>();

export function narrativeCheck(ctx: RuleContext): NarrativeCheck | undefined {
  const n = ctx.budget.narrative;
  if (!n) return undefined;
  if (seen.get(ctx) !== n) {
    for (const f of n.figures) delete f.checked;
    seen.set(ctx, n);
  }
  const precision = Number.isInteger(ctx.budget.precision) && ctx.budget.precision >= 0 ? ctx.budget.precision : 2;
  return {
    ctx, n, tables: new NarrativeTables(ctx.budget), precision,
    half: new Decimal(5).times(new Decimal(10).pow(-(precision + 1))),
    scale: new Decimal(ctx.budget.unit === '元' ? 10000 : 1),
  };
}

/** A stated money figure (in 万元) in the tables' unit. */
export function inTableUnit(c: NarrativeCheck, f: Figure): Figure {
  return c.scale.eq(1) || f.kind !== 'money' ? f : { ...f, value: f.value.times(c.scale), half: f.half.times(c.scale) };
}

export function quote(n: Narrative, s: Sentence, f?: Figure): NarrativeQuote {
  return {
    file: n.source.file,
    paragraph: s.paragraph,
    sentence: s.index,
    ...(s.page !== undefined ? { page: s.page } : {}),
    text: s.text,
    offset: s.offset,
    length: s.length,
    ...(f ? { figureStart: f.start, figureEnd: f.end } : {}),
  };
}

/** A place in the narrative, not in a table: the location has no table (as workbook-wide problems have none). */
export function quoteLocation(n: Narrative, s: Sentence, f?: Figure): FindingLocation {
  return { quote: quote(n, s, f) } as FindingLocation;
}

export function cellLocation(a: Amount, precision: number): FindingLocation {
  return {
    table: a.table,
    sheet: a.ref.sheet,
    cell: a.ref.cell,
    row: a.rowLabel,
    column: a.column,
    value: a.blank ? '' : a.value.toFixed(precision),
  };
}

function where(s: Sentence): Localized {
  return { zh: `说明第${s.paragraph}段第${s.index}句`, en: `narrative paragraph ${s.paragraph}, sentence ${s.index}` };
}

function shown(f: Figure): string {
  return f.unit === '万元' || f.kind !== 'money' ? f.printed : `${f.printed}（=${f.value.toString()}万元）`;
}

function cellsText(cells: readonly Amount[], lang: 'zh' | 'en'): string {
  if (cells.length === 0) return lang === 'zh' ? '表中无此行' : 'no such row in the tables';
  const a = cells[0]!;
  const row = a.rowLabel.replace(/[\s\u3000]+/g, '');
  const one = lang === 'zh' ? `表${a.table} ${row}行 ${a.column}` : `table ${a.table} row ${row}, ${a.column}`;
  return cells.length > 1 ? (lang === 'zh' ? `${one} 等 ${cells.length} 格之和` : `${one} and ${cells.length - 1} more cells, summed`) : one;
}

export function subjectName(st: Statement): string {
  const base = SUBJECTS[st.subject as Subject] ?? st.subject;
  const name = st.name?.split('|').pop();
  return name ? `${base}「${name}」` : base;
}

/** A stated figure against table cells (their sum). `cells` undefined: the table is missing → not run. */
export function against(
  c: NarrativeCheck, f: Figure, cells: readonly Amount[] | undefined, what: string,
  opts: { severity?: Severity; tableNote?: Localized } = {},
): boolean {
  if (cells === undefined) {
    c.ctx.notRun('所需的表未找到 / a table it needs was not found');
    return true;
  }
  f.checked = true;
  const r = agreesWithCells(inTableUnit(c, f), cells, c.half);
  c.ctx.condition(r.ok, () => {
    const w = where(f.sentence);
    const exp = r.expected.toFixed(c.precision);
    return {
      message: {
        zh: `${w.zh}：${what} ${shown(f)}，与${cellsText(cells, 'zh')} ${exp} 不符${opts.tableNote ? `（${opts.tableNote.zh}）` : ''}`,
        en: `${w.en}: ${what} ${shown(f)} differs from ${cellsText(cells, 'en')} ${exp}${opts.tableNote ? ` (${opts.tableNote.en})` : ''}`,
      },
      locations: [quoteLocation(c.n, f.sentence, f), ...cells.map((a) => cellLocation(a, c.precision))],
      expected: exp,
      actual: inTableUnit(c, f).value.toString(),
      ...(opts.severity ? { severity: opts.severity } : {}),
    };
  });
  return r.ok;
}

/** Σ stated parts = stated total (the narrative against itself). */
export function partsOf(c: NarrativeCheck, total: Figure, parts: readonly Figure[], what: string): void {
  if (parts.length === 0) return;
  total.checked = true;
  for (const p of parts) p.checked = true;
  const r = partsAgree(total, parts);
  c.ctx.condition(r.ok, () => {
    const w = where(total.sentence);
    const list = parts.map((p) => p.printed).join(' + ');
    return {
      message: {
        zh: `${w.zh}：${what} ${total.printed}，而所列各项之和为 ${list} = ${r.sum.toString()}`,
        en: `${w.en}: ${what} ${total.printed}, but its parts add up to ${list} = ${r.sum.toString()}`,
      },
      locations: [quoteLocation(c.n, total.sentence, total), ...parts.filter((p) => p.sentence !== total.sentence).map((p) => quoteLocation(c.n, p.sentence, p))],
      expected: r.sum.toString(),
      actual: total.value.toString(),
    };
  });
}

/** "占 X%" against amount ÷ total. */
export function shareOf(c: NarrativeCheck, st: Statement, total: Figure): void {
  const share = st.share!;
  const f = st.figure!;
  share.checked = true;
  const r = shareAgrees(f, total, share);
  c.ctx.condition(r.ok, () => {
    const w = where(share.sentence);
    const computed = r.computed ? r.computed.toFixed(share.places + 2) : '?';
    return {
      message: {
        zh: `${w.zh}：${subjectName(st)} ${f.printed} 占 ${total.printed} 的 ${computed}%，说明写作 ${share.printed}`,
        en: `${w.en}: ${subjectName(st)} ${f.printed} is ${computed}% of ${total.printed}, the narrative says ${share.printed}`,
      },
      locations: [quoteLocation(c.n, share.sentence, share)],
      expected: computed,
      actual: share.value.toString(),
    };
  });
}

/** A change: its rate against its amount and this year's figure, and the two direction words against each other. */
export function changeOf(c: NarrativeCheck, st: Statement): void {
  const ch = st.change!;
  const current = st.figure;
  if (ch.amount && ch.rate && ch.amountWord && ch.rateWord) {
    const upA = /增|升|提高/.test(ch.amountWord);
    const upR = /增|升|提高/.test(ch.rateWord);
    ch.amount.checked = true;
    ch.rate.checked = true;
    c.ctx.condition(upA === upR, () => {
      const w = where(ch.rate!.sentence);
      return {
        message: {
          zh: `${w.zh}：${subjectName(st)} 的变动方向前后矛盾：“${ch.amountWord}${ch.amount!.printed}”与“${ch.rateWord}${ch.rate!.printed}”`,
          en: `${w.en}: ${subjectName(st)} changes both ways: “${ch.amountWord} ${ch.amount!.printed}” and “${ch.rateWord} ${ch.rate!.printed}”`,
        },
        locations: [quoteLocation(c.n, ch.rate!.sentence, ch.rate!)],
      };
    });
    if (upA !== upR || !current) return;
    current.checked = true;
    const r = rateAgrees(current, ch.amount, upA, ch.rate);
    c.ctx.condition(r.ok, () => {
      const w = where(ch.rate!.sentence);
      const last = upA ? current.value.minus(ch.amount!.value) : current.value.plus(ch.amount!.value);
      const computed = r.computed ? r.computed.toFixed(ch.rate!.places) : '?';
      return {
        message: {
          zh: `${w.zh}：${subjectName(st)} ${current.printed}，${ch.amountWord} ${ch.amount!.printed}（上年 ${last.toString()}），变动率应为 ${computed}%，说明写作 ${ch.rateWord} ${ch.rate!.printed}`,
          en: `${w.en}: ${subjectName(st)} ${current.printed}, change ${ch.amount!.printed} (last year ${last.toString()}): the rate is ${computed}%, the narrative says ${ch.rate!.printed}`,
        },
        locations: [quoteLocation(c.n, ch.rate!.sentence, ch.rate!), quoteLocation(c.n, current.sentence, current)],
        expected: computed,
        actual: ch.rate!.value.toString(),
      };
    });
  }
}

export function sum(cells: readonly Amount[]): Decimal {
  return sumOf(cells);
}
