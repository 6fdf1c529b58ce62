/**
 * The one message catalog (zh, en) every user-facing word of the reports goes
 * through: text, JSON, JUnit, SARIF, HTML and `inspect`. Rule messages come
 * localized from the rules (Finding.message); workbook text (titles, labels)
 * is shown as published. One language at a time: a report never mixes them.
 */
import type { LocationRole, Severity } from '../model/finding.js';

export type Lang = 'zh' | 'en';

export interface Counts {
  error: number;
  warning: number;
  rounding: number;
  info: number;
}

export interface Messages {
  severity: Record<Severity, string>;
  expected: string;
  actual: string;
  difference: string;
  blank: string;
  /** "表15" / "Table 15". */
  table: (id: string) => string;
  sheet: string;
  pass: string;
  fail: string;
  unreadable: string;
  /** "错误 0，警告 2，尾差 34，提示 3". */
  counts: (c: Counts) => string;
  /** Suggested corrections (src/corrections), once findings carry them. */
  fixes: (n: number) => string;
  /** The heading of one suggested correction's cluster in text. */
  fixCluster: string;
  /** Why a run fails: the severities that reach --fail-on. */
  failedBy: (severities: Severity[], failOn: string) => string;
  tooManyWarnings: (n: number, max: number) => string;
  /** Blank addends of a breakdown, counted in the default view. */
  blanks: (n: number) => string;
  /** Heading of the summarised severities. */
  summarised: (severities: Severity[]) => string;
  /** "3 处，最大差额 0.01". */
  summaryCount: (n: number, largest: string | undefined) => string;
  /** 未分项 (info): the total is published, all its parts blank. */
  breakdownNotGiven: string;
  /** A finding's formula, once (the info finding's own wording). */
  formula: string;
  config: (path: string) => string;
  other: string;
  notRun: string;
  noFindings: string;
  file: string;
  department: string;
  year: string;
  yearSuffix: string;
  unit: string;
  tablesFound: string;
  /** The per-run summary line on stderr and in text. */
  checks: (n: number, passed: number) => string;
  files: string;
  status: string;
  total: string;
  batchTotal: (n: number, failed: number, unreadable: number) => string;
  /** --quiet: the findings not shown. */
  hidden: (n: number) => string;
  /** The stderr line of `-o FILE`. */
  written: (file: string) => string;
  fileCount: (n: number) => string;
  /** A figure read from a PDF: "第12页 表05" / "page 12, Table 05". */
  page: (page: number, table: string) => string;
  /** SARIF rule help. */
  identity: string;
  example: string;
  /** HTML batch: the button that renders a file's section. */
  openSection: string;
  inspect: InspectMessages;
  html: HtmlLabels;
}

/** The HTML report's (and the annotated copy's) own words; the shared ones come from the catalog above. */
export interface HtmlLabels {
  title: string;
  generatedBy: (version: string) => string;
  file: string;
  department: string;
  year: string;
  unit: string;
  tablesFound: string;
  missingTables: string;
  checks: string;
  passed: string;
  notRun: string;
  findings: string;
  noFindings: string;
  /** Suggested corrections (src/corrections): the cluster list. */
  fixes: string;
  fixResolves: (n: number) => string;
  clear: string;
  loadError: string;
  chartTitle: string;
  filters: string;
  severityFilter: string;
  tableFilter: string;
  allTables: string;
  table: (id: string) => string;
  sheet: string;
  expected: string;
  actual: string;
  difference: string;
  rule: string;
  cells: string;
  notShown: string;
  tables: string;
  notes: string;
  unknown: string;
  files: string;
  severity: Record<Severity, string>;
  /** What a highlighted cell is to its findings (legend, 审核结果 column). */
  role: Record<LocationRole, string>;
  blankCell: string;
  legend: string;
}

/** `budget-audit inspect`'s listing. */
export interface InspectMessages {
  file: string;
  department: string;
  year: string;
  unit: string;
  tables: string;
  notFound: string;
  notStated: string;
  places: (n: number) => string;
  found: (n: number, of: number) => string;
  status: string;
  rows: string;
  grandTotal: string;
  titleWhere: string;
  statusFound: string;
  statusMissing: string;
  totalFrom: string;
  note: string;
  problem: string;
  otherProblems: string;
  pdf: string;
  /** A PDF's pages and its narrative (说明) pages before the first table. */
  pdfPages: (pages: number, narrativePages: number[], paragraphs: number) => string;
}

const SEV_ZH: Record<Severity, string> = { error: '错误', warning: '警告', rounding: '尾差', info: '提示' };
const SEV_EN: Record<Severity, string> = { error: 'Error', warning: 'Warning', rounding: 'Rounding', info: 'Info' };

const ZH: Omit<Messages, 'html'> = {
  severity: SEV_ZH,
  expected: '应为',
  actual: '实际',
  difference: '差额',
  blank: '空白',
  table: (id) => `表${id}`,
  sheet: '工作表',
  pass: '通过',
  fail: '未通过',
  unreadable: '无法读取',
  counts: (c) => `错误 ${c.error}，警告 ${c.warning}，尾差 ${c.rounding}，提示 ${c.info}`,
  fixes: (n) => `${n} 处建议修改`,
  fixCluster: '建议修改',
  failedBy: (sevs, failOn) => `${sevs.map((s) => SEV_ZH[s]).join('、')}达到 --fail-on ${failOn}`,
  tooManyWarnings: (n, max) => `警告 ${n} 处超过 --max-warnings ${max}`,
  blanks: (n) => `另有 ${n} 个空白单元格`,
  summarised: (sevs) => `${sevs.map((s) => SEV_ZH[s]).join('与')}（摘要，--verbose 显示全部）`,
  summaryCount: (n, largest) => (largest !== undefined ? `${n} 处，最大差额 ${largest}` : `${n} 处`),
  breakdownNotGiven: '未分项',
  formula: '公式',
  config: (p) => `已应用配置文件 ${p}`,
  other: '其他',
  notRun: '未运行的规则',
  noFindings: '未发现问题。',
  file: '文件',
  department: '部门',
  year: '年度',
  yearSuffix: '年',
  unit: '金额单位',
  tablesFound: '已识别表格',
  checks: (n, passed) => `检查 ${n} 项，通过 ${passed}`,
  files: '文件',
  status: '结果',
  total: '合计',
  batchTotal: (n, failed, bad) => `共 ${n} 个文件：未通过 ${failed}，无法读取 ${bad}`,
  hidden: (n) => `（--quiet：另有 ${n} 条非错误发现未显示）`,
  written: (f) => `报告已写入 ${f}`,
  fileCount: (n) => `${n} 个文件，`,
  page: (p, t) => `第${p}页 表${t}`,
  identity: '恒等式',
  example: '示例',
  openSection: '显示此文件的审核结果',
  inspect: {
    file: '文件：',
    department: '部门：',
    year: '年度：',
    unit: '金额单位：',
    tables: '表格：',
    notFound: '（未找到）',
    notStated: '（未注明）',
    places: (n) => `（${n} 位小数）`,
    found: (n, of) => `找到 ${n}/${of}`,
    status: '状态',
    rows: '行数',
    grandTotal: '合计',
    titleWhere: '表名  [位置；合计取自]',
    statusFound: '已找到',
    statusMissing: '缺失',
    totalFrom: '合计取自',
    note: '说明',
    problem: '问题',
    otherProblems: '其他数据问题：',
    pdf: 'PDF：',
    pdfPages: (n, np, paras) =>
      `共 ${n} 页；说明 ${np.length === 0 ? '无' : np.length === 1 ? `第 ${np[0]} 页` : `第 ${np[0]}–${np[np.length - 1]} 页`}，${paras} 段`,
  },
};

const EN: Omit<Messages, 'html'> = {
  severity: SEV_EN,
  expected: 'expected',
  actual: 'actual',
  difference: 'difference',
  blank: 'blank',
  table: (id) => `Table ${id}`,
  sheet: 'sheet',
  pass: 'PASS',
  fail: 'FAIL',
  unreadable: 'could not be read',
  counts: (c) =>
    `${c.error} error${c.error === 1 ? '' : 's'}, ${c.warning} warning${c.warning === 1 ? '' : 's'}, ${c.rounding} rounding, ${c.info} info`,
  fixes: (n) => `${n} suggested fix${n === 1 ? '' : 'es'}`,
  fixCluster: 'Suggested fix',
  failedBy: (sevs, failOn) =>
    `${sevs.length > 1 ? `${sevs.slice(0, -1).join(', ')} and ${sevs.at(-1)}` : sevs.join('')} reach${sevs.length === 1 ? 'es' : ''} --fail-on ${failOn}`,
  tooManyWarnings: (n, max) => `${n} warnings exceed --max-warnings ${max}`,
  blanks: (n) => `and ${n} blank cell${n === 1 ? '' : 's'}`,
  summarised: (sevs) => `${sevs.join(' and ')} (summary; --verbose shows them all)`,
  summaryCount: (n, largest) => (largest !== undefined ? `${n}×, largest difference ${largest}` : `${n}×`),
  breakdownNotGiven: 'Breakdown not given',
  formula: 'formula',
  config: (p) => `configuration applied from ${p}`,
  other: 'Other',
  notRun: 'Rules not run',
  noFindings: 'No findings.',
  file: 'File',
  department: 'Department',
  year: 'Year',
  yearSuffix: '',
  unit: 'Unit',
  tablesFound: 'Tables found',
  checks: (n, passed) => `${n} checks, ${passed} passed`,
  files: 'File',
  status: 'Result',
  total: 'Total',
  batchTotal: (n, failed, bad) => `${n} files: ${failed} failed, ${bad} could not be read`,
  hidden: (n) => `(--quiet: ${n} findings below error not shown)`,
  written: (f) => `report written to ${f}`,
  fileCount: (n) => `${n} files, `,
  page: (p, t) => `page ${p}, Table ${t}`,
  identity: 'Identity',
  example: 'Example',
  openSection: 'Show this file’s findings',
  inspect: {
    file: 'File:',
    department: 'Department:',
    year: 'Year:',
    unit: 'Unit:',
    tables: 'Tables:',
    notFound: '(not found)',
    notStated: '(not stated)',
    places: (n) => `(${n} decimal places)`,
    found: (n, of) => `${n}/${of} found`,
    status: 'Status',
    rows: 'Rows',
    grandTotal: 'Grand total',
    titleWhere: 'Title  [where; total taken from]',
    statusFound: 'found',
    statusMissing: 'missing',
    totalFrom: 'total',
    note: 'note',
    problem: 'problem',
    otherProblems: 'Other data problems:',
    pdf: 'PDF:',
    pdfPages: (n, np, paras) =>
      `${n} pages; narrative (说明) ${np.length === 0 ? 'none' : np.length === 1 ? `page ${np[0]}` : `pages ${np[0]}–${np[np.length - 1]}`}, ${paras} paragraphs`,
  },
};

/** English labels stand at the start of their line in HTML: "Expected 8.00". */
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const MESSAGES: Record<Lang, Messages> = {
  zh: {
    ...ZH,
    html: {
      title: '部门预算公开审核报告',
      generatedBy: (v) => `由 budget-audit ${v} 生成`,
      file: ZH.file,
      department: ZH.department,
      year: ZH.year,
      unit: ZH.unit,
      tablesFound: ZH.tablesFound,
      missingTables: '未找到',
      checks: '检查项',
      passed: '通过',
      notRun: ZH.notRun,
      findings: '审核发现',
      noFindings: ZH.noFindings,
      fixes: '建议修改',
      fixResolves: (n: number) => `消除 ${n} 个错误：`,
      clear: '（清空）',
      loadError: ZH.unreadable,
      chartTitle: '各表发现数',
      filters: '筛选',
      severityFilter: '严重程度',
      tableFilter: '表格',
      allTables: '全部表格',
      table: ZH.table,
      sheet: ZH.sheet,
      expected: ZH.expected,
      actual: ZH.actual,
      difference: ZH.difference,
      rule: '规则',
      cells: '单元格',
      notShown: '（不在已识别的表格中）',
      tables: '表格',
      notes: '说明',
      unknown: '未知',
      files: '文件数',
      severity: ZH.severity,
      role: { culprit: '建议修改处', disagrees: '不符的数', term: '相关项' },
      blankCell: '空白单元格',
      legend: '图例',
    },
  },
  en: {
    ...EN,
    html: {
      title: 'Budget disclosure audit report',
      generatedBy: (v) => `Generated by budget-audit ${v}`,
      file: EN.file,
      department: EN.department,
      year: EN.year,
      unit: 'Money unit',
      tablesFound: EN.tablesFound,
      missingTables: 'missing',
      checks: 'Checks',
      passed: 'passed',
      notRun: EN.notRun,
      findings: 'Findings',
      noFindings: EN.noFindings,
      fixes: 'Suggested fixes',
      fixResolves: (n: number) => `resolves ${n} error${n === 1 ? '' : 's'}:`,
      clear: '(clear)',
      loadError: 'Could not read',
      chartTitle: 'Findings per table',
      filters: 'Filters',
      severityFilter: 'Severity',
      tableFilter: 'Table',
      allTables: 'All tables',
      table: EN.table,
      sheet: EN.sheet,
      expected: cap(EN.expected),
      actual: cap(EN.actual),
      difference: cap(EN.difference),
      rule: 'Rule',
      cells: 'Cells',
      notShown: '(not in a recognised table)',
      tables: 'Tables',
      notes: 'Notes',
      unknown: 'unknown',
      files: 'Files',
      severity: EN.severity,
      role: { culprit: 'Suggested fix', disagrees: 'Disagreeing figure', term: 'Other term' },
      blankCell: 'Blank cell',
      legend: 'Legend',
    },
  },
};

export function messages(lang: Lang): Messages {
  return MESSAGES[lang === 'en' ? 'en' : 'zh'];
}

/**
 * The engine words a rule that could not run in both languages at once,
 * "表16 未找到 / table 16 not found": the report shows the side of its language.
 */
export function oneLanguage(text: string, lang: Lang): string {
  const m = /^(.*[\u3400-\u9fff].*?) \/ ([\x20-\x7e]+)$/.exec(text);
  return m ? (lang === 'zh' ? m[1]! : m[2]!) : text;
}

/** "应为 8.00，实际 5.00，差额 -3.00": a finding's figures, in one language ('' when it has none, e.g. 未分项). */
export function figuresText(f: { expected?: string; actual?: string; difference?: string }, lang: Lang): string {
  const M = messages(lang);
  const parts = [
    f.expected !== undefined ? `${M.expected} ${f.expected}` : '',
    f.actual !== undefined ? `${M.actual} ${f.actual}` : '',
    f.difference !== undefined ? `${M.difference} ${f.difference}` : '',
  ].filter(Boolean);
  return parts.join(lang === 'zh' ? '，' : ', ');
}
