/**
 * Narrative text → typed statements, following the provincial template's
 * sections (一、部门基本概况 … 七、其他重要事项的情况说明) by their headings'
 * words, not their numbers or the sample's sentences: each figure is read
 * as what its clause names under the heading it sits in.
 *
 * `parseNarrativeText(text, source)` is the one entry point every reader
 * (.txt, .docx, .doc, a workbook sheet, PDF pages) ends in.
 */
import type {
  Change, Direction, Figure, Narrative, NarrativeSource, Statement,
} from '../model/narrative.js';
import { FUNCTION_CLASSES } from '../rules/data/function-classes.js';
import { clauseAfter, figuresOf, splitParagraphs, splitSentences, type NarrativePage } from './text.js';

export type { NarrativePage };

/** Subjects a statement can have (`Statement.subject`). */
export const SUBJECTS = {
  'income.total': '收入预算总额',
  'income.source': '收入来源',
  'expense.total': '支出预算总额',
  'expense.class': '支出功能分类（类）',
  'expense.basic': '基本支出',
  'expense.project': '项目支出',
  'gpb.total': '一般公共预算拨款支出',
  'gpb.superior': '含上级财政补助',
  'gpb.class': '一般公共预算拨款支出（类）',
  'gpb.basic': '一般公共预算基本支出',
  'gpb.personnel': '基本支出 人员经费',
  'gpb.public': '基本支出 公用经费',
  'gpb.project': '一般公共预算项目支出',
  project: '项目',
  'fund.total': '政府性基金预算支出',
  'fund.class': '政府性基金预算支出（类）',
  'soe.total': '国有资本经营预算支出',
  opex: '机关运行经费',
  'sangong.total': '“三公”经费',
  'sangong.abroad': '因公出国（境）费',
  'sangong.vehicle': '公务用车购置及运行费',
  'sangong.vehiclePurchase': '公务用车购置费',
  'sangong.vehicleRun': '公务用车运行费',
  'sangong.reception': '公务接待费',
  meeting: '会议费',
  training: '培训费',
  'procurement.total': '政府采购预算总额',
  'procurement.goods': '货物类采购',
  'procurement.works': '工程类采购',
  'procurement.services': '服务类采购',
  'vehicles.total': '公务用车（合计）',
  'vehicles.part': '公务用车（分类）',
  equipment: '通用/专用设备',
  'perf.total': '绩效目标管理金额',
  'perf.basic': '绩效目标 基本支出',
  'perf.project': '绩效目标 项目支出',
  'intro.count': '部门概况中的数目',
} as const;

export type Subject = keyof typeof SUBJECTS;

/** Income sources: the label's ending → the 表01 income line it is (the line's name as the template spells it). */
export const INCOME_SOURCES: { re: RegExp; line: string }[] = [
  { re: /一般公共预算(拨款)?(收入)?$/, line: '一般公共预算拨款收入' },
  { re: /政府性基金(预算)?(拨款)?(收入)?$/, line: '政府性基金预算拨款收入' },
  { re: /国有资本经营(预算)?(拨款)?(收入)?$/, line: '国有资本经营预算拨款收入' },
  { re: /社会保[障险]基金(预算)?(资金)?(收入)?$/, line: '社会保障基金预算资金' },
  { re: /财政专户(管理)?(资金)?(收入)?$/, line: '财政专户管理资金收入' },
  { re: /上级财政补助(收入)?$/, line: '上级财政补助收入' },
  { re: /经营(服务)?收入$/, line: '事业单位经营收入' },
  { re: /事业收入$/, line: '事业收入' },
  { re: /上级(单位)?补助收入$/, line: '上级单位补助收入' },
  { re: /附属单位上缴(收入)?$/, line: '附属单位上缴收入' },
  { re: /其他收入$/, line: '其他收入' },
  { re: /上年结转(结余)?(收入|资金)?$/, line: '上年结转结余' },
];

const CLASS_NAMES = Object.values(FUNCTION_CLASSES).sort((a, b) => b.length - a.length);

/** The 类 a label ends with ("其中：社会保障和就业支出" → 社会保障和就业支出). */
function className(label: string): string | undefined {
  const l = label.replace(/[（(][^）)]*[)）]$/, '');
  return CLASS_NAMES.find((n) => l.endsWith(n));
}

type Topic =
  | 'intro' | 'glossary' | 'income' | 'expense' | 'overview' | 'gpb' | 'gpb.basic' | 'gpb.project' | 'fund' | 'soe'
  | 'opex' | 'sangong' | 'general' | 'procurement' | 'assets' | 'performance' | 'other' | '';

/** What a heading pair speaks of, by its words. */
function topicOf(section: string, subsection: string): Topic {
  const sub = subsection;
  if (/名词解释/.test(section)) return 'glossary';
  if (/基本概况|单位构成|职能|机构设置/.test(section)) return 'intro';
  const both = `${section}|${sub}`;
  if (/机关运行经费/.test(sub || section)) return 'opex';
  if (/三公/.test(sub || section)) return 'sangong';
  if (/一般性支出|会议费|培训费/.test(sub || section)) return 'general';
  if (/政府采购/.test(sub || section)) return 'procurement';
  if (/国有资产|资产占用|资产配置/.test(sub || section)) return 'assets';
  if (/绩效/.test(sub || section)) return 'performance';
  if (/其他重要事项/.test(section)) return 'other';
  if (/政府性基金/.test(section)) return 'fund';
  if (/国有资本经营/.test(section)) return 'soe';
  if (/一般公共预算/.test(section)) {
    if (/基本支出/.test(sub)) return 'gpb.basic';
    if (/项目支出/.test(sub)) return 'gpb.project';
    return 'gpb';
  }
  if (/收支/.test(section) || /收入预算|支出预算/.test(both)) {
    if (/收入/.test(sub) && !/支出/.test(sub)) return 'income';
    if (/支出/.test(sub) && !/收入/.test(sub)) return 'expense';
    return 'overview';
  }
  return '';
}

const UP_WORDS = /(增加|增长|上升|提高|增)(了)?$/;
const DOWN_WORDS = /(减少|下降|降低|减)(了)?$/;
const COMPARE_RE = /较|比|同比|上年|去年|上一年/;

function directionOf(label: string): { dir: Direction; word: string } | undefined {
  const l = label.replace(/(为|约|达)$/, '');
  let m = UP_WORDS.exec(l);
  if (m) return { dir: 'up', word: m[1]! };
  m = DOWN_WORDS.exec(l);
  if (m) return { dir: 'down', word: m[1]! };
  return undefined;
}

/** Statements a change can be the change of. */
const CHANGE_BASES = new Set<string>([
  'income.total', 'expense.total', 'gpb.total', 'opex', 'sangong.total', 'meeting', 'training', 'procurement.total',
  'gpb.basic', 'gpb.project', 'fund.total', 'soe.total',
]);

/** "其中：2025年干部培训中心教育经费" → "2025年干部培训中心教育经费". */
export function projectName(label: string): string {
  return label
    .replace(/^(其中|包括|主要有|主要是|分别是|分别为|含)[:：]?/, '')
    .replace(/(预算(数)?)?(为|共|计|安排)?$/, '');
}

/** Reads a narrative's text. Pass PDF text as pages so every paragraph carries its page. */
export function parseNarrativeText(input: string | readonly NarrativePage[], source: NarrativeSource | string): Narrative {
  const src: NarrativeSource = typeof source === 'string' ? { file: source, kind: 'text' } : source;
  const pages = typeof input === 'string' ? [] : [...input];
  const text = typeof input === 'string' ? input : pages.map((p) => p.text + '\n\f\n').join('');
  const { paragraphs, mapped } = splitParagraphs(typeof input === 'string' ? input : '', pages);
  const { sentences, maps } = splitSentences(paragraphs, mapped);
  const figures: Figure[] = [];
  const bySentence = new Map<number, Figure[]>();
  sentences.forEach((s, i) => {
    const fs = figuresOf(s, maps[i]!, figures.length + 1);
    if (fs.length) bySentence.set(i, fs);
    figures.push(...fs);
  });

  const statements: Statement[] = [];
  const changes: Change[] = [];

  let lastBase: Statement | undefined; // in the current paragraph
  let lastParagraph = -1;
  let vehicleTotal: Statement | undefined;
  sentences.forEach((s, si) => {
    if (s.paragraph !== lastParagraph) {
      lastParagraph = s.paragraph;
      lastBase = undefined;
    }
    const topic = topicOf(s.section, s.subsection);
    const add = (st: Statement): Statement => {
      statements.push(st);
      if (CHANGE_BASES.has(st.subject)) lastBase = st;
      return st;
    };
    // "无政府性基金安排的支出" / "国有资本经营预算支出为0".
    if (/(无|没有|未安排)[^，。；]*政府性基金/.test(s.text) || (topic === 'fund' && /(无|没有|未安排)/.test(s.text) && !bySentence.has(si))) {
      add({ subject: 'fund.total', none: true, sentence: s });
    }
    if (/(无|没有|未安排)[^，。；]*国有资本经营/.test(s.text) || (topic === 'soe' && /(无|没有|未安排)/.test(s.text) && !bySentence.has(si))) {
      add({ subject: 'soe.total', none: true, sentence: s });
    }
    let lastMoney: Statement | undefined;
    let lastChange: Change | undefined;
    for (const f of bySentence.get(si) ?? []) {
      const label = f.label;
      // 占 X%: the share of the figure before it.
      if (f.kind === 'percent' && /占(比)?(为)?$/.test(label) && lastMoney) {
        if (!lastMoney.share) {
          lastMoney.share = f;
          f.subject = `${lastMoney.subject}.share`;
          continue;
        }
      }
      // A change against last year: an amount or a rate after a direction word.
      const dir = f.kind !== 'count' ? directionOf(label) : undefined;
      if (dir && (COMPARE_RE.test(s.text) || lastChange)) {
        const base = lastChange?.of ?? lastBase;
        if (base) {
          let ch = lastChange && !(f.kind === 'percent' ? lastChange.rate : lastChange.amount) ? lastChange : undefined;
          if (!ch) {
            ch = { of: base, direction: dir.dir, sentence: s };
            changes.push(ch);
            base.change ??= ch;
            lastChange = ch;
          }
          if (f.kind === 'percent') {
            ch.rate = f;
            ch.rateWord = dir.word;
          } else {
            ch.amount = f;
            ch.amountWord = dir.word;
          }
          f.subject = `${base.subject}.change`;
          continue;
        }
      }
      const st = classify(f, topic, label);
      if (!st) continue;
      f.subject = st.subject;
      const stmt: Statement = { subject: st.subject, figure: f, sentence: s, ...(st.name !== undefined ? { name: st.name } : {}) };
      if (st.subject === 'vehicles.total') vehicleTotal = stmt;
      if (st.subject === 'vehicles.part' && vehicleTotal) stmt.name = `${vehicleTotal.figure!.id}|${st.name ?? ''}`;
      add(stmt);
      if (f.kind === 'money') lastMoney = stmt;
    }
  });

  // Understood figures that no table carries.
  for (const f of figures) {
    if (!f.subject) continue;
    if (f.kind === 'count' && !f.subject.startsWith('vehicles.')) f.uncheckable ??= uncheckableCount(f);
  }
  for (const c of changes) {
    if (c.amount && !c.rate) c.amount.uncheckable = '上年数未公开，仅有变动额无变动率 / last year’s figure is not published and no rate is given';
    if (c.rate && !c.amount) c.rate.uncheckable = '未给出变动额 / no change amount given';
  }

  return { source: src, text, paragraphs, sentences, figures, statements, changes, year: yearOf(sentences.map((s) => s.text).join('')) };
}

function uncheckableCount(f: Figure): string {
  if (/人数|人员|参会|培训/.test(f.label) || f.unit === '人' || f.unit === '人次') return '人数不在预算表中 / people counts are not in the tables';
  if (f.unit === '台') return '设备台数不在预算表中 / equipment counts are not in the tables';
  return '部门概况中的数目不在预算表中 / counts of the department’s overview are not in the tables';
}

interface Classified {
  subject: Subject;
  name?: string;
}

/** What one figure (not a share, not a change) states, by its label under its topic. */
function classify(f: Figure, topic: Topic, label: string): Classified | undefined {
  if (topic === 'intro' || topic === 'glossary') {
    // "下设 10个二级单位": the department's overview, in no table; money here is not understood.
    return f.kind === 'count' ? { subject: 'intro.count', name: label } : undefined;
  }
  if (f.kind === 'count') {
    if (topic === 'assets' || /用车|车辆/.test(label)) {
      if (f.unit === '辆') {
        if (/(共有|共|新增配置|新增|拟购置|拟配置|现有|实有|合计)[^其]*公务用车$|公务用车(总数|合计|共)$/.test(label) || /^.*(截至|拟新增|新增配置)/.test(label)) {
          return { subject: 'vehicles.total', name: /新增|拟/.test(label) ? '新增' : '现有' };
        }
        return { subject: 'vehicles.part', name: label.replace(/^其中/, '') };
      }
      if (f.unit === '台') return { subject: 'equipment', name: label };
    }
    if (topic === 'general') return { subject: /培训/.test(clauseContext(f)) ? 'training' : 'meeting', name: '人数' };
    return undefined;
  }
  if (f.kind !== 'money') return undefined;
  switch (topic) {
    case 'income':
    case 'expense':
    case 'overview': {
      const src = INCOME_SOURCES.find((x) => x.re.test(label));
      if (src && topic !== 'expense') return { subject: 'income.source', name: src.line };
      const cls = className(label);
      if (cls && topic !== 'income') return { subject: 'expense.class', name: cls };
      if (/基本支出/.test(label)) return { subject: 'expense.basic' };
      if (/项目支出/.test(label)) return { subject: 'expense.project' };
      // A total is named as one ("收入预算", "收入总额"…); another "…收入" is a source this reader doesn't know.
      if (/收入(预算|总额|总计|合计)|本年收入|总收入/.test(label)) return { subject: 'income.total' };
      if (/支出(预算|总额|总计|合计)|本年支出|总支出/.test(label)) return { subject: 'expense.total' };
      if (topic === 'income' && /预算(总额|数)?(为)?$/.test(label) && !/收入|支出/.test(label)) return { subject: 'income.total' };
      if (topic === 'expense' && /预算(总额|数)?(为)?$/.test(label) && !/收入|支出/.test(label)) return { subject: 'expense.total' };
      return undefined;
    }
    case 'gpb':
    case 'gpb.basic':
    case 'gpb.project': {
      if (/上级财政补助/.test(label)) return { subject: 'gpb.superior' };
      const cls = className(label);
      if (cls) return { subject: 'gpb.class', name: cls };
      if (/人员经费/.test(label)) return { subject: 'gpb.personnel' };
      if (/公用经费/.test(label)) return { subject: 'gpb.public' };
      if (/基本支出/.test(label)) return { subject: 'gpb.basic' };
      if (/项目支出/.test(label)) return { subject: 'gpb.project' };
      if (/一般公共预算(拨款)?(支出)?/.test(label)) return { subject: 'gpb.total' };
      if (topic === 'gpb.project') return { subject: 'project', name: projectName(label) };
      return undefined;
    }
    case 'fund':
    case 'soe': {
      const cls = className(label);
      if (cls && topic === 'fund') return { subject: 'fund.class', name: cls };
      if (topic === 'fund' && /政府性基金/.test(label)) return { subject: 'fund.total' };
      if (topic === 'soe' && /国有资本经营/.test(label)) return { subject: 'soe.total' };
      return { subject: 'project', name: projectName(label) };
    }
    case 'opex':
      return /机关运行经费/.test(label) || !/[增减降升]/.test(label) ? { subject: 'opex' } : undefined;
    case 'sangong':
      if (/因公出国/.test(label)) return { subject: 'sangong.abroad' };
      if (/购置及运行/.test(label)) return { subject: 'sangong.vehicle' };
      if (/用车购置/.test(label)) return { subject: 'sangong.vehiclePurchase' };
      if (/用车运行/.test(label)) return { subject: 'sangong.vehicleRun' };
      if (/公务接待/.test(label)) return { subject: 'sangong.reception' };
      if (/三公/.test(label)) return { subject: 'sangong.total' };
      return undefined;
    case 'general':
      if (/会议费/.test(label)) return { subject: 'meeting' };
      if (/培训费/.test(label)) return { subject: 'training' };
      return undefined;
    case 'procurement':
      if (/货物/.test(label)) return { subject: 'procurement.goods' };
      if (/工程/.test(label)) return { subject: 'procurement.works' };
      if (/服务/.test(label)) return { subject: 'procurement.services' };
      if (/政府采购|总额|合计|总计/.test(label)) return { subject: 'procurement.total' };
      return undefined;
    case 'performance':
      if (/基本支出/.test(label)) return { subject: 'perf.basic' };
      if (/项目支出/.test(label)) return { subject: 'perf.project' };
      if (/金额|绩效|总额|合计/.test(label)) return { subject: 'perf.total' };
      return undefined;
    default:
      return undefined;
  }
}

/** The text of a figure's sentence up to it (which expense a people count belongs to). */
function clauseContext(f: Figure): string {
  const before = f.sentence.text.slice(0, f.start);
  const cut = Math.max(before.lastIndexOf('；'), before.lastIndexOf(';'), before.lastIndexOf('。'));
  return before.slice(cut + 1) + clauseAfter(f);
}

/** The budget year: the year the sentences name most ("2025年本部门…"). */
function yearOf(text: string): number | undefined {
  const counts = new Map<number, number>();
  for (const m of text.replace(/\s+/g, '').matchAll(/(?<!\d)(20\d{2})年(?!\d{1,2}月)/g)) {
    const y = Number(m[1]);
    counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: number | undefined;
  let n = 0;
  for (const [y, c] of counts) if (c > n || (c === n && best !== undefined && y > best)) [best, n] = [y, c];
  return best;
}
