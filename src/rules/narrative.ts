/**
 * Family F — the narrative (部门预算公开说明) against the tables and against
 * itself. The rules run only when a narrative was read (--narrative, a
 * paired file, or a 说明 sheet in the workbook); the checks are in
 * src/narrative/checks.ts, the parsing in src/narrative/parse.ts.
 * A long file: one short rule per part of the template's narrative, kept together.
 */
import type { Figure, Statement } from '../model/narrative.js';
import {
  against, cellLocation, changeOf, inTableUnit, narrativeCheck, partsOf, quoteLocation, shareOf, subjectName, sum,
  type NarrativeCheck,
} from '../narrative/checks.js';
import { projectKey } from '../narrative/tables.js';
import type { RuleContext } from './engine.js';
import type { Rule } from './rule.js';
import type { RuleMeta } from './types.js';

function rule(meta: Omit<RuleMeta, 'family'>, check: (c: NarrativeCheck) => void): Rule {
  return {
    meta: { ...meta, family: 'F' },
    check(ctx: RuleContext) {
      const c = narrativeCheck(ctx);
      if (c) check(c);
    },
  };
}

const all = (c: NarrativeCheck, subject: string): Statement[] => c.n.statements.filter((s) => s.subject === subject && s.figure);
const first = (c: NarrativeCheck, subject: string): Statement | undefined => all(c, subject)[0];
const squeeze = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]+/g, '');

export const narrativeIdentity = rule(
  {
    id: 'narrative-identity', severity: 'warning', tables: [],
    title: { zh: '说明的部门或年度与预算表不一致', en: 'The narrative speaks of another department or year' },
    identity: '说明中出现预算表的部门名称；说明所述年度 = 预算表年度',
    description: {
      zh: '说明应当是本部门本年度的说明：说明中找不到预算表标题中的部门名称，或说明所述年度（各句最常提到的年份）与预算表年度不同，多半是配错了文件或沿用了旧稿。',
      en: 'The narrative should be this department’s for this year: the department named in the tables does not occur in it, or the year most of its sentences name differs from the tables’ — usually the wrong file, or last year’s draft.',
    },
    example: '预算表 2025 年，说明各句为“2024年本部门…” → 年度不一致',
  },
  (c) => {
    const b = c.ctx.budget;
    const s0 = c.n.sentences[0];
    if (!s0) return;
    if (b.year !== undefined && c.n.year !== undefined) {
      const y = c.n.sentences.find((s) => s.text.replace(/\s+/g, '').includes(`${c.n.year}年`)) ?? s0;
      c.ctx.condition(b.year === c.n.year, () => ({
        message: { zh: `说明所述年度为 ${c.n.year} 年，预算表为 ${b.year} 年`, en: `the narrative speaks of ${c.n.year}, the tables of ${b.year}` },
        locations: [quoteLocation(c.n, y)],
        expected: String(b.year),
        actual: String(c.n.year),
      }));
    }
    if (b.department) {
      c.ctx.condition(squeeze(c.n.text).includes(squeeze(b.department)), () => ({
        message: { zh: `说明中没有出现部门名称“${b.department}”`, en: `the narrative does not name the department “${b.department}”` },
        locations: [quoteLocation(c.n, s0)],
      }));
    }
  },
);

export const narrativeIncome = rule(
  {
    id: 'narrative-income', severity: 'error', tables: ['01', '02'],
    title: { zh: '说明的收入预算与收支总表不符', en: 'Narrative income differs from the tables' },
    identity: '说明 收入预算 = 表01 本年收入合计（列上年结转时 = 收入总计）；每项来源 = 表01 该收入行；Σ 来源 = 收入预算',
    description: {
      zh: '说明“收入预算”段的总额和每项收入来源（一般公共预算拨款、政府性基金、事业收入、上年结转……）应与表01 收入栏一致，各来源之和应等于总额。',
      en: 'The income total and every source the narrative names (一般公共预算拨款, 政府性基金, 事业收入, 上年结转…) should equal 表01’s income lines, and the sources should add up to the total.',
    },
    example: '说明“一般公共预算拨款 2424.73万元”，表01 一般公共预算拨款收入 2,414.73 → 不符',
  },
  (c) => {
    const sources = all(c, 'income.source');
    const carry = sources.some((s) => s.name === '上年结转结余');
    const total = first(c, 'income.total');
    if (total) {
      const t01 = c.tables.line('01', 'income', carry ? '收入总计' : '本年收入合计');
      against(c, total.figure!, c.tables.found('01') ? (t01 ? [t01] : []) : undefined, subjectName(total));
    }
    for (const s of sources) {
      const a = c.tables.line('01', 'income', s.name!);
      against(c, s.figure!, c.tables.found('01') ? (a ? [a] : []) : undefined, subjectName(s));
    }
    if (total && sources.length > 1) partsOf(c, total.figure!, sources.map((s) => s.figure!), subjectName(total));
  },
);

export const narrativeExpense = rule(
  {
    id: 'narrative-expense', severity: 'error', tables: ['01', '03'],
    title: { zh: '说明的支出预算与支出总表不符', en: 'Narrative expenditure differs from the tables' },
    identity: '说明 支出预算 = 表01 本年支出合计 = 表03 合计；每个“类” = 表03 该类 合计；基本/项目支出 = 表03 合计行；列出全部“类”时 Σ 类 = 支出预算',
    description: {
      zh: '说明“支出预算”段的总额、所列每个功能科目“类”及基本支出、项目支出，应与表01、表03 一致。',
      en: 'The expenditure total, every 功能科目 类 and the 基本 / 项目 figures of the narrative’s expenditure paragraph should equal 表01 and 表03.',
    },
    example: '说明“卫生健康支出 97.09万元”，表03 210 卫生健康支出 合计 98.09 → 不符',
  },
  (c) => {
    const total = first(c, 'expense.total');
    if (total) {
      const t01 = c.tables.line('01', 'function', '本年支出合计');
      against(c, total.figure!, c.tables.found('01') ? (t01 ? [t01] : []) : c.tables.total('03', '合计'), subjectName(total));
    }
    const classes = all(c, 'expense.class');
    for (const s of classes) against(c, s.figure!, c.tables.classCells('03', s.name!, '合计'), subjectName(s));
    if (total) classesAddUp(c, total, classes, '03');
    const basic = first(c, 'expense.basic');
    if (basic) against(c, basic.figure!, c.tables.total('03', '基本支出'), subjectName(basic));
    const project = first(c, 'expense.project');
    if (project) against(c, project.figure!, c.tables.total('03', '项目支出'), subjectName(project));
  },
);

export const narrativeGeneralBudget = rule(
  {
    id: 'narrative-general-budget', severity: 'error', tables: ['01', '07'],
    title: { zh: '说明的一般公共预算拨款支出与表07 不符', en: 'Narrative 一般公共预算拨款 expenditure differs from 表07' },
    identity: '说明 一般公共预算拨款支出 = 表07 合计 = 基本支出 + 项目支出（列出全部“类”时 = Σ 类）；每个“类” = 表07 该类；基本支出、人员经费、公用经费、项目支出 = 表07 合计行；含上级财政补助 = 表01 上级财政补助收入·一般公共预算补助',
    description: {
      zh: '说明“一般公共预算拨款支出”部分的总额、各“类”、基本支出（人员经费、公用经费）和项目支出，应与表07 一般公共预算支出表一致；所含上级财政补助应与表01 一致。',
      en: 'The 一般公共预算拨款 expenditure section — total, each 类, 基本支出 (人员经费, 公用经费) and 项目支出 — should equal 表07; the 上级财政补助 it includes should equal 表01.',
    },
    example: '说明“基本支出预算数 2032.73万元”，表07 合计行 基本支出 2,023.73 → 不符',
  },
  (c) => {
    const total = first(c, 'gpb.total');
    if (total) against(c, total.figure!, c.tables.total('07', '合计'), subjectName(total));
    const sup = first(c, 'gpb.superior');
    if (sup) {
      const a = c.tables.line('01', 'income', '一般公共预算补助');
      against(c, sup.figure!, c.tables.found('01') ? (a ? [a] : []) : undefined, subjectName(sup));
    }
    const classes = all(c, 'gpb.class');
    for (const s of classes) against(c, s.figure!, c.tables.classCells('07', s.name!, '合计'), subjectName(s));
    if (total) classesAddUp(c, total, classes, '07');
    const basicProject = [first(c, 'gpb.basic')?.figure, first(c, 'gpb.project')?.figure];
    if (total && basicProject.every((f) => f)) partsOf(c, total.figure!, basicProject as Figure[], `${subjectName(total)} = 基本支出 + 项目支出`);
    const cols: [string, string[]][] = [
      ['gpb.basic', ['基本支出 › 小计']],
      ['gpb.personnel', ['基本支出 › 人员经费 › 工资福利支出', '基本支出 › 人员经费 › 对个人和家庭的补助']],
      ['gpb.public', ['基本支出 › 公用经费']],
      ['gpb.project', ['项目支出']],
    ];
    for (const [subject, keys] of cols) {
      const s = first(c, subject);
      if (!s) continue;
      const cells = keys.map((k) => c.tables.total('07', k));
      against(c, s.figure!, cells.some((x) => x === undefined) ? undefined : cells.flat() as never, subjectName(s));
    }
  },
);

/** Σ the 类 named = the stated total, when the narrative names every 类 the table has a figure for. */
function classesAddUp(c: NarrativeCheck, total: Statement, classes: Statement[], table: '03' | '07'): void {
  if (classes.length === 0) return;
  const named = new Set(classes.map((s) => s.name));
  if (!c.tables.classNames(table, '合计').every((n) => named.has(n))) return;
  partsOf(c, total.figure!, classes.map((s) => s.figure!), `${subjectName(total)} = Σ 类`);
}

/** The total a share is a share of: the section's total stated before it. */
const SHARE_OF: Record<string, string> = {
  'gpb.class': 'gpb.total', 'expense.class': 'expense.total', 'income.source': 'income.total', 'fund.class': 'fund.total',
};

export const narrativeShare = rule(
  {
    id: 'narrative-share', severity: 'error', tables: [],
    title: { zh: '说明中的占比与金额不符', en: 'A share in the narrative does not match its amounts' },
    identity: '占 X% = 该项金额 ÷ 总额（按两者印出的精度取区间，X 取 0.01% 的区间）',
    description: {
      zh: '“占 X%”应等于该项金额除以所在段落的总额。金额和百分比都按其印出的精度取舍入区间比较，诚实的四舍五入不会报错，改动一位数字会。',
      en: '“占 X%” should be the amount divided by its section’s total. Both are compared over the intervals their printed precision allows, so honest rounding passes and a changed digit does not.',
    },
    example: '卫生健康支出 97.09万元 ÷ 2424.73万元 = 4.004%，说明写“占 4.10%” → 不符',
  },
  (c) => {
    c.n.statements.forEach((st, i) => {
      if (!st.share || !st.figure) return;
      const totalSubject = SHARE_OF[st.subject];
      const total = c.n.statements.slice(0, i).reverse().find((s) => s.subject === totalSubject && s.figure)?.figure;
      if (total) shareOf(c, st, total);
    });
  },
);

export const narrativeChange = rule(
  {
    id: 'narrative-change', severity: 'error', tables: [],
    title: { zh: '说明中的增减额、增减率与方向不一致', en: 'A change in the narrative does not match its rate or direction' },
    identity: '增减率 = 增减额 ÷ 上年数，上年数 = 本年数 ∓ 增减额；增加/上升 与 减少/下降 前后一致',
    description: {
      zh: '“较上年增加 A 万元，上升 R%”：R 应等于 A ÷（本年数 − A），减少时为 A ÷（本年数 + A），按印出精度取区间比较；金额和比率的方向词（增加/上升、减少/下降）应一致。',
      en: '“increase A, up R%”: R should be A ÷ (this year − A), or A ÷ (this year + A) for a decrease, compared over the printed precisions; the words for the amount and the rate must point the same way.',
    },
    example: '机关运行经费 200.88万元，减少 34.32万元，“下降 15.59%”（应为 14.59%）→ 不符',
  },
  (c) => {
    for (const st of c.n.statements) if (st.change && st.change.of === st) changeOf(c, st);
  },
);

function projectColumn(st: Statement): string[] {
  const sec = st.sentence.section;
  if (/政府性基金/.test(sec)) return ['预算额度 › 政府性基金'];
  if (/国有资本经营/.test(sec)) return ['预算额度 › 国有资本经营预算'];
  if (/一般公共预算/.test(sec)) return ['预算额度 › 一般公共预算 › 一般公共预算小计', '预算额度 › 总计'];
  return ['预算额度 › 总计'];
}

export const narrativeProject = rule(
  {
    id: 'narrative-project', severity: 'error', tables: ['21'],
    title: { zh: '说明中列出的项目与专项资金预算汇总表不符', en: 'A project named in the narrative differs from 表21' },
    identity: '每个点名的项目 = 表21 同名专项（名称忽略年份前缀、空格和标点）；全部列出时 Σ 点名项目 = 项目支出',
    description: {
      zh: '说明点名的每个项目应能在表21 找到（找不到为警告），金额应一致（不符为错误）。只有当说明列出了表21 的全部项目时，才核对各项目之和等于所述项目支出；未全部列出时给出提示，不作求和核对。',
      en: 'Every project the narrative names should be in 表21 (not found: a warning) with the same amount (differs: an error). Only when the narrative lists every project of 表21 is their sum checked against the stated 项目支出; otherwise an info says the list is partial and no sum is checked.',
    },
    example: '说明“2025年就业专项经费 35.00万元”，表21 2025年就业专项经费 25.00 → 不符',
  },
  (c) => {
    const named = all(c, 'project');
    if (named.length === 0) return;
    if (!c.tables.found('21')) {
      c.ctx.notRun('表21 未找到 / table 21 not found');
      return;
    }
    const rows = c.tables.projects();
    const byKey = new Map<string, typeof rows>();
    for (const r of rows) byKey.set(projectKey(r.name), [...(byKey.get(projectKey(r.name)) ?? []), r]);
    const matched = new Set<(typeof rows)[number]>();
    for (const st of named) {
      const hits = byKey.get(projectKey(st.name!)) ?? [];
      if (hits.length === 0) {
        st.figure!.checked = true;
        c.ctx.condition(false, {
          severity: 'warning',
          message: {
            zh: `说明第${st.sentence.paragraph}段点名的项目“${st.name}”在表21 中找不到`,
            en: `project “${st.name}” named in narrative paragraph ${st.sentence.paragraph} is not in 表21`,
          },
          locations: [quoteLocation(c.n, st.sentence, st.figure)],
        });
        continue;
      }
      hits.forEach((h) => matched.add(h));
      const cols = projectColumn(st);
      const cells = hits.map((h) => cols.map((k) => c.tables.at(h, k)).find((a) => a && !a.blank) ?? c.tables.at(h, cols[cols.length - 1]!));
      against(c, st.figure!, cells.every((a) => a) ? cells as never : [], subjectName(st));
    }
    // Σ named projects vs the stated 项目支出 of the same section, only when the list is complete.
    const sections = new Set(named.map((s) => s.sentence.section));
    for (const sec of sections) {
      const list = named.filter((s) => s.sentence.section === sec);
      const total = c.n.statements.find((s) => s.subject === 'gpb.project' && s.sentence.section === sec && s.figure);
      if (!total) continue;
      const col = projectColumn(list[0]!)[0]!;
      const inTable = rows.filter((r) => {
        const a = c.tables.at(r, col);
        return a !== undefined && !a.value.isZero();
      });
      const missing = inTable.filter((r) => !matched.has(r));
      if (missing.length === 0) {
        partsOf(c, total.figure!, list.map((s) => s.figure!), subjectName(total));
      } else {
        c.ctx.fail({
          severity: 'info',
          message: {
            zh: `说明列出 ${list.length} 个项目，表21 有 ${inTable.length} 个，未列出：${missing.slice(0, 5).map((r) => r.name).join('、')}${missing.length > 5 ? ' 等' : ''}；清单不完整，不核对各项目之和`,
            en: `the narrative names ${list.length} projects, 表21 has ${inTable.length}; not named: ${missing.slice(0, 5).map((r) => r.name).join(', ')}${missing.length > 5 ? ' …' : ''}; the list is partial, so its sum is not checked`,
          },
          locations: [quoteLocation(c.n, total.sentence, total.figure), ...missing.slice(0, 5).map((r) => c.tables.at(r, col)).filter((a) => a).map((a) => cellLocation(a!, c.precision))],
        });
      }
    }
  },
);

export const narrativeFunds = rule(
  {
    id: 'narrative-funds', severity: 'error', tables: ['16', '19'],
    title: { zh: '说明的政府性基金/国有资本经营预算支出与表16/表19 不符', en: 'Narrative 政府性基金 / 国有资本经营 expenditure differs from 表16 / 表19' },
    identity: '“无政府性基金安排的支出” ⇔ 表16 合计为零；所述金额 = 表16 合计；国有资本经营同理对表19',
    description: {
      zh: '说明写“无政府性基金（国有资本经营）预算安排的支出”时，表16（表19）合计应为零或空白；写了金额时应等于表16（表19）合计，所列“类”应等于表16 该类。',
      en: 'When the narrative says there is no 政府性基金 (国有资本经营) expenditure, 表16 (表19) should total zero; a stated amount should equal that total, and each 类 named the 表16 row.',
    },
    example: '说明“无政府性基金安排的支出”，表16 合计 120.00 → 不符',
  },
  (c) => {
    for (const [subject, id, what] of [['fund.total', '16', '政府性基金预算支出'], ['soe.total', '19', '国有资本经营预算支出']] as const) {
      for (const st of c.n.statements.filter((s) => s.subject === subject)) {
        const cells = c.tables.total(id, '合计');
        if (st.none) {
          if (!cells) {
            c.ctx.notRun(`表${id} 未找到 / table ${id} not found`);
            continue;
          }
          const total = sum(cells);
          c.ctx.condition(total.isZero(), () => ({
            message: {
              zh: `说明第${st.sentence.paragraph}段说本部门无${what}，表${id} 合计为 ${total.toFixed(c.precision)}`,
              en: `narrative paragraph ${st.sentence.paragraph} says there is no ${what}, 表${id} totals ${total.toFixed(c.precision)}`,
            },
            locations: [quoteLocation(c.n, st.sentence), ...cells.map((a) => cellLocation(a, c.precision))],
            expected: total.toFixed(c.precision),
            actual: '0',
          }));
        } else if (st.figure) {
          against(c, st.figure, cells, subjectName(st));
        }
      }
    }
    for (const s of all(c, 'fund.class')) against(c, s.figure!, c.tables.classCells('16', s.name!, '合计'), subjectName(s));
  },
);

const SANGONG: [string, string][] = [
  ['sangong.total', '“三公”经费合计'],
  ['sangong.abroad', '因公出国（境）费'],
  ['sangong.vehicle', '公务用车购置及运行费 › 小计'],
  ['sangong.vehiclePurchase', '公务用车购置及运行费 › 公务用车购置费'],
  ['sangong.vehicleRun', '公务用车购置及运行费 › 公务用车运行费'],
  ['sangong.reception', '公务接待费'],
];

export const narrativeSangong = rule(
  {
    id: 'narrative-sangong', severity: 'error', tables: ['15'],
    title: { zh: '说明的“三公”经费与表15 不符', en: 'Narrative “三公” figures differ from 表15' },
    identity: '说明 “三公”经费及各项 = 表15 合计行；总额 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费；公务用车购置及运行费 = 购置费 + 运行费',
    description: {
      zh: '说明“三公”经费段的总额和各项（因公出国（境）费、公务用车购置及运行费及其购置、运行两项、公务接待费）应等于表15 合计行，且各项之和等于总额。',
      en: 'The narrative’s “三公” total and parts (因公出国（境）费, 公务用车购置及运行费 with 购置 and 运行, 公务接待费) should equal 表15’s total row and add up to the total.',
    },
    example: '说明“公务接待费 6.00万元”，表15 公务接待费 5.00 → 不符',
  },
  (c) => {
    for (const [subject, col] of SANGONG) {
      for (const s of all(c, subject)) against(c, s.figure!, c.tables.total('15', col), subjectName(s));
    }
    const f = (s: string): Figure | undefined => first(c, s)?.figure;
    const total = f('sangong.total');
    const parts = [f('sangong.abroad'), f('sangong.vehicle'), f('sangong.reception')];
    if (total && parts.every((p) => p)) partsOf(c, total, parts as Figure[], '“三公”经费');
    const vehicle = f('sangong.vehicle');
    const vparts = [f('sangong.vehiclePurchase'), f('sangong.vehicleRun')];
    if (vehicle && vparts.every((p) => p)) partsOf(c, vehicle, vparts as Figure[], '公务用车购置及运行费');
  },
);

export const narrativeMeetingTraining = rule(
  {
    id: 'narrative-meeting-training', severity: 'error', tables: ['08'],
    title: { zh: '说明的会议费、培训费少于基本支出中的会议费、培训费', en: 'Narrative 会议费 / 培训费 below the basic-expenditure lines' },
    identity: '说明 会议费 ≥ 表08 30215 会议费；说明 培训费 ≥ 表08 30216 培训费',
    description: {
      zh: '说明的会议费、培训费是部门全部预算（基本支出和项目支出）中的数额，表08/表14 只列一般公共预算基本支出中的 30215 会议费、30216 培训费，所以说明的数额不应少于表中数额（多出的部分在项目支出中）。所述人数只保留，不核对。',
      en: 'The narrative’s 会议费 and 培训费 cover the whole budget (basic and project), 表08 / 表14 only the basic-expenditure lines 30215 and 30216: the narrative’s figure may be larger (the rest is in projects), never smaller. People counts are kept, not checked.',
    },
    example: '说明“会议费预算 4万元”，表08 30215 会议费 6.50 → 少于基本支出',
  },
  (c) => {
    for (const [subject, code, what] of [['meeting', '30215', '会议费'], ['training', '30216', '培训费']] as const) {
      const st = c.n.statements.find((s) => s.subject === subject && s.figure?.kind === 'money');
      if (!st) continue;
      if (!c.tables.found('08')) {
        c.ctx.notRun('表08 未找到 / table 08 not found');
        continue;
      }
      const cells = c.tables.economic(code, '本年一般公共预算基本支出 › 合计');
      st.figure!.checked = true;
      const f = inTableUnit(c, st.figure!);
      const basic = sum(cells);
      const slack = f.half.gt(c.half) ? f.half : c.half;
      c.ctx.condition(f.value.plus(slack).gte(basic), () => ({
        message: {
          zh: `说明第${f.sentence.paragraph}段：${what} ${f.printed}，少于表08 ${code} ${what}（基本支出）${basic.toFixed(c.precision)}`,
          en: `narrative paragraph ${f.sentence.paragraph}: ${what} ${f.printed} is less than 表08 ${code} ${what} (basic expenditure) ${basic.toFixed(c.precision)}`,
        },
        locations: [quoteLocation(c.n, f.sentence, f), ...cells.map((a) => cellLocation(a, c.precision))],
        expected: `≥ ${basic.toFixed(c.precision)}`,
        actual: f.value.toString(),
      }));
    }
  },
);

export const narrativeOperating = rule(
  {
    id: 'narrative-operating-cost', severity: 'warning', tables: ['07'],
    title: { zh: '说明的机关运行经费与基本支出公用经费不符', en: 'Narrative 机关运行经费 differs from basic 公用经费' },
    identity: '说明 机关运行经费 = 表07 合计行 基本支出·公用经费',
    description: {
      zh: '机关运行经费是行政单位（含参公事业单位）一般公共预算基本支出中的公用经费。部门只有行政单位时它等于表07 的公用经费合计；含其他事业单位时可以较少，所以不符只作警告。',
      en: '机关运行经费 is the 公用经费 of administrative units’ basic expenditure: it equals 表07’s 公用经费 total when the department has only such units, and may be less otherwise — so a difference is a warning.',
    },
    example: '说明“机关运行经费 210.88万元”，表07 公用经费 200.88 → 不符',
  },
  (c) => {
    for (const s of all(c, 'opex')) against(c, s.figure!, c.tables.total('07', '基本支出 › 公用经费'), subjectName(s));
  },
);

export const narrativeParts = rule(
  {
    id: 'narrative-parts', severity: 'error', tables: [],
    title: { zh: '说明中的分项之和不等于所述总额', en: 'Parts stated in the narrative do not add up to their total' },
    identity: '政府采购总额 = 货物 + 工程 + 服务；公务用车总数 = 各类用车之和（现有、拟新增分别核对）',
    description: {
      zh: '预算表中没有政府采购和资产数，说明与自身核对：政府采购预算总额应等于货物、工程、服务三类之和；公务用车总数应等于所列各类用车之和。设备台数只保留，不核对。',
      en: 'The tables carry no procurement or asset figures, so the narrative is checked against itself: the procurement total should be goods + works + services; the vehicle total the sum of the kinds listed. Equipment counts are kept, not checked.',
    },
    example: '政府采购预算总额 480万元，货物 280 + 工程 80 + 服务 130 = 490 → 不符',
  },
  (c) => {
    const total = first(c, 'procurement.total')?.figure;
    const parts = ['procurement.goods', 'procurement.works', 'procurement.services'].flatMap((s) => all(c, s).map((x) => x.figure!));
    if (total && parts.length) partsOf(c, total, parts, '政府采购预算总额');
    for (const t of all(c, 'vehicles.total')) {
      const kinds = c.n.statements.filter((s) => s.subject === 'vehicles.part' && s.name?.startsWith(`${t.figure!.id}|`)).map((s) => s.figure!);
      if (kinds.length) partsOf(c, t.figure!, kinds, `公务用车（${t.name}）`);
      else t.figure!.uncheckable ??= '未列出分类 / no kinds listed';
    }
  },
);

export const narrativePerformance = rule(
  {
    id: 'narrative-performance', severity: 'error', tables: ['23'],
    title: { zh: '说明的绩效目标金额与整体支出绩效目标表不符', en: 'Narrative performance-target amounts differ from 表23' },
    identity: '说明 纳入绩效目标管理的金额 = 表23 资金总额；基本支出、项目支出 = 表23 按支出性质分；金额 = 基本支出 + 项目支出',
    description: {
      zh: '说明“预算绩效目标”段的金额及其中基本支出、项目支出应等于表23 年度预算申请的资金总额和按支出性质分的两列（各单位之和）。',
      en: 'The performance-target amount and its 基本 / 项目 parts should equal 表23’s 资金总额 and 按支出性质分 columns (summed over units).',
    },
    example: '说明“纳入绩效目标的金额为 2424.73万元”，表23 资金总额 2,420.73 → 不符',
  },
  (c) => {
    for (const [subject, col] of [
      ['perf.total', '年度预算申请 › 资金总额'],
      ['perf.basic', '年度预算申请 › 按支出性质分 › 基本支出'],
      ['perf.project', '年度预算申请 › 按支出性质分 › 项目支出'],
    ] as const) {
      for (const s of all(c, subject)) against(c, s.figure!, c.tables.total('23', col), subjectName(s));
    }
    const total = first(c, 'perf.total')?.figure;
    const parts = [first(c, 'perf.basic')?.figure, first(c, 'perf.project')?.figure];
    if (total && parts.every((f) => f)) partsOf(c, total, parts as Figure[], '绩效目标管理金额 = 基本支出 + 项目支出');
  },
);

export const narrativeCoverage = rule(
  {
    id: 'narrative-coverage', severity: 'info', tables: [],
    title: { zh: '说明核对覆盖情况与未识别的数字', en: 'Narrative coverage and figures not understood' },
    identity: '说明中的每个数字：已核对、无表可核（附原因）或未识别（逐条列出）',
    description: {
      zh: '报告说明共写了多少个数字（金额、百分比、数目）、核对了多少；每个未能识别含义的数字单独列为提示并附原句，读者可据此知道哪些没有核对。',
      en: 'Reports how many figures (amounts, percentages, counts) the narrative states and how many were checked; every figure whose meaning was not understood is listed as an info with its sentence, so a reader sees what was not verified.',
    },
    example: '说明共 89 个数字，核对 73 个；无表可核 12 个；未识别 2 个',
  },
  (c) => {
    const figs = c.n.figures;
    const checked = figs.filter((f) => f.checked).length;
    const unknown = figs.filter((f) => !f.subject && !f.checked);
    const uncheckable = figs.filter((f) => f.subject && !f.checked);
    for (const f of unknown) {
      c.ctx.fail({
        severity: 'info',
        message: {
          zh: `说明第${f.sentence.paragraph}段的“${f.printed}”（${f.label || '—'}）未能识别其含义，未核对`,
          en: `“${f.printed}” (${f.label || '—'}) in narrative paragraph ${f.sentence.paragraph} was not understood and is not checked`,
        },
        locations: [quoteLocation(c.n, f.sentence, f)],
      });
    }
    const reasons = new Map<string, number>();
    for (const f of uncheckable) reasons.set(f.uncheckable ?? '未核对 / not compared', (reasons.get(f.uncheckable ?? '未核对 / not compared') ?? 0) + 1);
    // Reasons are written "中文 / English".
    const why = (lang: 0 | 1) => [...reasons].map(([r, n]) => `${n} × ${r.split(' / ')[lang] ?? r}`).join(lang ? '; ' : '；');
    const s0 = c.n.sentences[0];
    c.ctx.fail({
      severity: 'info',
      message: {
        zh: `说明共 ${figs.length} 个数字，已核对 ${checked} 个，无表可核 ${uncheckable.length} 个，未识别 ${unknown.length} 个${reasons.size ? `（${why(0)}）` : ''}`,
        en: `the narrative states ${figs.length} figures: ${checked} checked, ${uncheckable.length} with nothing to check against, ${unknown.length} not understood${reasons.size ? ` (${why(1)})` : ''}`,
      },
      locations: s0 ? [quoteLocation(c.n, s0)] : [],
    });
  },
);

export const NARRATIVE_RULES: Rule[] = [
  narrativeIdentity, narrativeIncome, narrativeExpense, narrativeGeneralBudget, narrativeShare, narrativeChange,
  narrativeProject, narrativeFunds, narrativeSangong, narrativeMeetingTraining, narrativeOperating, narrativeParts,
  narrativePerformance,
  // Last: it counts what the others checked.
  narrativeCoverage,
];
