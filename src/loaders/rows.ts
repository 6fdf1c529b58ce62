/**
 * Typing a table's data rows by meaning (Row.kind): 合计, 部门/单位, 功能科目,
 * 经济科目, projects, indicators, and the labelled lines of the side-by-side
 * tables 01/06. Every amount column gets an Amount on every row (blank cells
 * included) with its provenance.
 */
import { Decimal } from 'decimal.js';
import type { Amount, CellRef, TableId } from '../model/amount.js';
import type { DataProblem } from '../model/budget.js';
import type { FunctionLevel } from '../model/codes.js';
import { cellsOf, type NoteLine, type Row, type RowKind } from '../model/table.js';
import type { TableTemplate } from '../templates/types.js';
import { parseAmountCell } from './amount.js';
import type { HeaderColumn, HeaderResult, SheetView } from './header.js';
import { repeatsHeader } from './header.js';
import {
  cellRef,
  cellText,
  codeDigits,
  compact,
  isDataLike,
  isEmptyCell,
  isTotalLabel,
  leadingSpaces,
  lineName,
  norm,
  rowName,
  squeeze,
  tidy,
  where,
} from './normalize.js';

export interface BuildContext {
  id: TableId;
  tmpl: TableTemplate;
  /** The template's amount-column keys: the order of each row's `cells`. */
  amountKeys: readonly string[];
  precision: number;
  department?: string;
  /** Unit code → names seen on unit rows of earlier tables (tells 21/22 unit rows from projects). */
  unitNames: Map<string, Set<string>>;
  /** 部门 codes seen in earlier tables (a long 部门 code in 21 / 22 is not a unit). */
  departmentCodes?: Set<string>;
  problems: DataProblem[];
}

/** What reading a table accumulates over its blocks (page-break repeats continue the same state). */
export interface TableState {
  rows: Row[];
  notes: NoteLine[];
  lastUnit?: string;
  hasUnitRows: boolean;
  owner?: Row;
  /** Indicator hierarchy (一级/二级/三级指标) of the last indicator row, for blank cells below it. */
  lastLevels: string[];
  /** Header columns the template doesn't know that hold figures: reported once. */
  unknownWithFigures: Map<string, CellRef>;
  lastRow: number;
  minCol: number;
  maxCol: number;
}

export function newTableState(): TableState {
  return {
    rows: [],
    notes: [],
    hasUnitRows: false,
    lastLevels: [],
    unknownWithFigures: new Map(),
    lastRow: -1,
    minCol: Number.MAX_SAFE_INTEGER,
    maxCol: -1,
  };
}

const NOTE_RE = /^(?:说明|注释|附注|备注|注)\s*[\d一二三四五六七八九十]*\s*[:：.．、]/;

/** Signature and page lines under a table (制表人：… 审核人：…, 第1页 共3页, -1-): neither data nor notes. */
const FOOTER_RE =
  /^(?:(?:制表人|制表|填表人|填报人|编制人|经办人|审核人|审核|复核人|负责人|单位负责人|财务负责人|分管领导|主管领导|联系人|联系电话|电话|填报日期|制表日期|打印日期|报送日期|日期)[:：]|第\d+页|共\d+页|-\d+-$)/;

const ZERO = new Decimal(0);

/** A column numbering the rows (序号 1, 2, 3 …). */
const ROW_NUMBER_RE = /^(?:序号|行次|行号|编号|No\.?)$/i;

/** Columns of one header by role. */
interface Layout {
  classCodes: HeaderColumn[];
  subject?: HeaderColumn;
  unit?: HeaderColumn;
  name?: HeaderColumn;
  amounts: HeaderColumn[];
  /** Text columns of the owner (实施期绩效目标, 整体绩效目标): one header level. */
  ownerTexts: HeaderColumn[];
  /** Indicator fields: text columns under a group (绩效指标 › 一级指标 …). */
  indicatorTexts: HeaderColumn[];
  /** Indicator hierarchy columns (一级/二级/三级指标) among indicatorTexts. */
  levels: HeaderColumn[];
  unknown: HeaderColumn[];
  economicSubject: boolean;
  projectTable: boolean;
  codeCols: HeaderColumn[];
  /** Code and name columns: where an owner (unit / project) row of 22 / 23 shows. */
  ownerCols: HeaderColumn[];
  /** Texts kept on typed rows: code, name, owner texts and unknown columns. */
  keptTexts: HeaderColumn[];
}

function layoutOf(header: HeaderResult): Layout {
  const l: Layout = {
    classCodes: [],
    amounts: [],
    ownerTexts: [],
    indicatorTexts: [],
    levels: [],
    unknown: [],
    economicSubject: false,
    projectTable: false,
    codeCols: [],
    ownerCols: [],
    keptTexts: [],
  };
  for (const hc of header.columns) {
    if (!hc.spec) {
      // 序号 / 行次: the rows' own numbering, never figures of the table.
      if (!ROW_NUMBER_RE.test(norm(hc.key))) l.unknown.push(hc);
      continue;
    }
    switch (hc.role) {
      case 'classCode':
        l.classCodes.push(hc);
        break;
      case 'subjectCode':
        l.subject ??= hc;
        break;
      case 'unitCode':
        l.unit ??= hc;
        break;
      case 'name':
        l.name ??= hc;
        break;
      case 'amount':
        l.amounts.push(hc);
        break;
      default:
        if (hc.spec.path.length > 1) {
          l.indicatorTexts.push(hc);
          if (/[一二三四]级指标$/.test(norm(hc.spec.path[hc.spec.path.length - 1]!))) l.levels.push(hc);
        } else {
          l.ownerTexts.push(hc);
        }
    }
  }
  // 经济科目 tables say so in the code column's path (部门预算支出经济分类科目 › 科目编码).
  l.economicSubject = l.subject !== undefined && l.subject.spec!.path.some((p) => p.includes('经济'));
  // 21 / 22: the name column is 单位名称（专项名称） / 单位（专项）名称.
  l.projectTable = l.name !== undefined && l.name.spec!.path.some((p) => p.includes('专项'));
  // Two header columns can't share a key in a grid table's row: the first one wins.
  const seen = new Set<string>();
  l.amounts = l.amounts.filter((hc) => !seen.has(hc.key) && seen.add(hc.key));
  l.codeCols = [...l.classCodes, ...(l.subject ? [l.subject] : []), ...(l.unit ? [l.unit] : [])];
  l.ownerCols = [...l.codeCols, ...(l.name ? [l.name] : [])];
  l.keptTexts = [...l.ownerCols, ...l.ownerTexts, ...l.unknown];
  return l;
}

/** Reads rows [from, end) of one block of a table into `state`. */
export function readRows(
  ctx: BuildContext,
  state: TableState,
  view: SheetView,
  header: HeaderResult,
  end: number,
  skipRows: ReadonlySet<number>,
): void {
  const layout = layoutOf(header);
  const headerHeight = header.dataRow - header.firstRow;
  for (const hc of header.columns) {
    state.minCol = Math.min(state.minCol, hc.col);
    state.maxCol = Math.max(state.maxCol, hc.col);
  }
  state.lastRow = Math.max(state.lastRow, header.lastRow);
  const sideBySide = ctx.tmpl.layout === 'sideBySide' && ctx.tmpl.sections !== undefined;
  const sections = sideBySide ? pairSections(ctx, header) : [];
  let inNotes = false;

  for (let r = header.dataRow; r < end; r++) {
    if (skipRows.has(r)) continue;
    const first = firstText(view, r);
    if (first === undefined) continue; // empty row
    const rowHasData = hasDataLike(view, r);

    // A page-break repeat of the header inside the block: skip it.
    if (!rowHasData && repeatsHeader(view, r, header)) {
      r += headerHeight - 1;
      continue;
    }
    if (!rowHasData && FOOTER_RE.test(compact(first.text.normalize('NFKC')))) continue;
    if (NOTE_RE.test(first.text.normalize('NFKC').trim()) || (inNotes && !rowHasData)) {
      inNotes = true;
      state.notes.push({ text: noteText(view, r), ref: first.ref });
      state.lastRow = Math.max(state.lastRow, r);
      continue;
    }
    if (isColumnNumberRow(view, r, header)) continue;

    const before = state.rows.length;
    if (sideBySide) readLines(ctx, state, view, r, sections);
    else readGridRow(ctx, state, view, r, layout);
    if (state.rows.length > before) {
      state.lastRow = Math.max(state.lastRow, r);
      for (const hc of layout.unknown) noteUnknown(state, view, r, hc);
      if (view.hiddenRow(r)) noteHiddenRow(ctx, state.rows.slice(before));
    }
  }
}

/**
 * 部门 codes are 3 digits in Hunan (201 over units 201001); other systems give
 * the 部门 a longer code (430201 over 430201001). In a table with no 部门 row,
 * a unit row whose code is the prefix of the unit codes of the rows after it
 * (units and their 功能 / 经济 rows; not projects, whose codes may extend
 * their unit's) is the 部门.
 */
export function promoteDepartments(rows: Row[]): void {
  if (rows.some((r) => r.kind === 'department')) return;
  // Proper prefixes of the unit codes seen below (a Set: linear in rows, whatever the table's size).
  const prefixes = new Set<string>();
  const seen = new Set<string>();
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i]!;
    if (r.kind === 'unit' && r.code && prefixes.has(r.code)) {
      r.kind = 'department';
      delete r.unitCode;
      continue;
    }
    const u = r.kind === 'project' || r.kind === 'indicator' ? undefined : r.unitCode;
    if (u && !seen.has(u)) {
      seen.add(u);
      for (let n = 3; n < u.length; n++) prefixes.add(u.slice(0, n));
    }
  }
}

function firstText(view: SheetView, r: number): { text: string; ref: CellRef } | undefined {
  const n = view.rowLength(r);
  for (let c = 0; c < n; c++) {
    if (view.hidden(c)) continue;
    const cell = view.cell(r, c);
    if (isEmptyCell(cell)) continue;
    return { text: cellText(cell), ref: cellRef(view.name, r, c) };
  }
  // A row whose only content comes from merges above (22/23 continuation rows).
  for (let c = 0; c < view.width; c++) {
    if (view.hidden(c) || !view.mergeOver(r, c)) continue;
    const cell = view.filled(r, c);
    if (!isEmptyCell(cell)) return { text: '', ref: cellRef(view.name, r, c) };
  }
  return undefined;
}

function hasDataLike(view: SheetView, r: number): boolean {
  const n = view.rowLength(r);
  for (let c = 0; c < n; c++) if (!view.hidden(c) && isDataLike(view.cell(r, c))) return true;
  return false;
}

function noteText(view: SheetView, r: number): string {
  const parts: string[] = [];
  const n = view.rowLength(r);
  for (let c = 0; c < n; c++) {
    if (view.hidden(c)) continue;
    const t = tidy(cellText(view.cell(r, c)));
    if (t) parts.push(t);
  }
  return parts.join(' ');
}

/**
 * A "栏次" row under the header numbering the columns 1, 2, 3 …: not data.
 * Three numbers in sequence are enough; fewer (表22 numbers its one amount
 * column) only when the row says 栏次 / 栏号 itself.
 */
function isColumnNumberRow(view: SheetView, r: number, header: HeaderResult): boolean {
  let expect = -1;
  let count = 0;
  let labelled = false;
  for (const hc of header.columns) {
    const cell = view.cell(r, hc.col);
    if (isEmptyCell(cell)) continue;
    const t = compact(cellText(cell));
    if (t === '栏次' || t === '栏号') {
      labelled = true;
      continue;
    }
    if (!/^\d{1,2}$/.test(t)) return false;
    const v = Number(t); // a column number (栏次), not an amount
    if (expect >= 0 && v !== expect) return false;
    expect = v + 1;
    count++;
  }
  return count >= 3 || (labelled && count >= 1);
}

/**
 * A hidden row with figures is still read (the workbook's totals include it),
 * but the published table won't show it: its totals won't add up to the rows
 * a reader sees. (A hidden row of zeros changes no total.)
 */
function noteHiddenRow(ctx: BuildContext, rows: Row[]): void {
  for (const row of rows) {
    if (!row.cells.some((a) => a !== undefined && !a.blank && !a.value.isZero()) || !row.labelRef) continue;
    ctx.problems.push({
      kind: 'hidden-row',
      table: ctx.id,
      ref: row.labelRef,
      message: `表${ctx.id} ${row.label}: sheet row ${row.sheetRow + 1} is hidden but holds figures (${where(row.labelRef)})`,
    });
  }
}

function noteUnknown(state: TableState, view: SheetView, r: number, hc: HeaderColumn): void {
  if (state.unknownWithFigures.has(hc.key)) return;
  const cell = view.cell(r, hc.col);
  if (cell && cell.t === 'n') state.unknownWithFigures.set(hc.key, cellRef(view.name, r, hc.col));
  else if (isDataLike(cell) && /[.,]/.test(cellText(cell))) state.unknownWithFigures.set(hc.key, cellRef(view.name, r, hc.col));
}

// ---------------------------------------------------------------- amounts

function amountAt(
  ctx: BuildContext,
  view: SheetView,
  r: number,
  hc: HeaderColumn,
  rowLabel: string,
): Amount {
  const ref = cellRef(view.name, r, hc.col);
  // An amount merged over several rows counts once, at its top-left cell.
  if (view.mergeOver(r, hc.col)) return { value: ZERO, blank: true, ref, table: ctx.id, rowLabel, column: hc.key };
  const p = parseAmountCell(view.cell(r, hc.col), ctx.precision);
  if (p.ok) {
    const a: Amount = { value: p.value, blank: p.blank, ref, table: ctx.id, rowLabel, column: hc.key };
    if (p.raw !== '') a.raw = p.raw;
    return a;
  }
  ctx.problems.push({
    kind: 'bad-amount',
    table: ctx.id,
    ref,
    column: hc.key,
    message: `表${ctx.id} ${rowLabel} › ${hc.key}: ${p.reason} at ${where(ref)}`,
  });
  return { value: ZERO, blank: true, invalid: true, raw: p.raw, ref, table: ctx.id, rowLabel, column: hc.key };
}

function allAmounts(
  ctx: BuildContext,
  view: SheetView,
  r: number,
  layout: Layout,
  rowLabel: string,
): Record<string, Amount> {
  const out: Record<string, Amount> = {};
  for (const hc of layout.amounts) out[hc.key] = amountAt(ctx, view, r, hc, rowLabel);
  return out;
}

function anyFigure(amounts: Record<string, Amount>): boolean {
  for (const k in amounts) {
    const a = amounts[k]!;
    if (!a.blank || a.invalid) return true;
  }
  return false;
}

// ---------------------------------------------------------------- 01 / 06

interface SectionCols {
  key: string;
  label: HeaderColumn;
  amount: HeaderColumn;
}

/** Pairs each template section's label column with the amount column right after it. */
function pairSections(ctx: BuildContext, header: HeaderResult): SectionCols[] {
  const out: SectionCols[] = [];
  for (const s of ctx.tmpl.sections ?? []) {
    const labelKey = s.label.map(norm).join('\u0001');
    const amountKey = s.amount.map(norm).join('\u0001');
    const label = header.columns.find((hc) => hc.spec && hc.spec.path.map(norm).join('\u0001') === labelKey);
    if (!label) continue;
    const amount = header.columns.find(
      (hc) => hc.col > label.col && hc.spec && hc.spec.path.map(norm).join('\u0001') === amountKey,
    );
    if (!amount) continue;
    out.push({ key: s.key, label, amount });
  }
  return out;
}

function readLines(ctx: BuildContext, state: TableState, view: SheetView, r: number, sections: SectionCols[]): void {
  for (const s of sections) {
    const labelCell = view.cell(r, s.label.col);
    const rawLabel = view.mergeOver(r, s.label.col) ? '' : cellText(labelCell);
    const label = tidy(rawLabel);
    const amountCell = view.cell(r, s.amount.col);
    if (!label && isEmptyCell(amountCell)) continue;
    const name = lineName(label);
    const amount = amountAt(ctx, view, r, s.amount, label);
    const labelRef = cellRef(view.name, r, s.label.col);
    const amounts = { [s.amount.key]: amount };
    state.rows.push({
      kind: 'line',
      section: s.key,
      name,
      label,
      indent: leadingSpaces(rawLabel),
      sheetRow: r,
      amounts,
      cells: cellsOf(amounts, ctx.amountKeys),
      texts: label ? { [s.label.key]: label } : {},
      labelRef,
    });
  }
}

// ---------------------------------------------------------------- grid tables

function textOf(view: SheetView, r: number, hc: HeaderColumn | undefined): string {
  if (!hc) return '';
  return tidy(cellText(view.filled(r, hc.col)));
}

const FUNCTION_CLASS_NAME_RE = /(支出|预备费)$/;

interface RowCodes {
  total: boolean;
  fn?: string;
  subject?: string;
  unit?: string;
}

function readCodes(view: SheetView, r: number, layout: Layout): RowCodes {
  let total = false;
  for (const hc of layout.codeCols) {
    const t = textOf(view, r, hc);
    if (t && isTotalLabel(t)) total = true;
  }
  const name = textOf(view, r, layout.name);
  if (name && isTotalLabel(name)) total = true;
  const out: RowCodes = { total };
  if (layout.classCodes.length > 0) {
    const parts = layout.classCodes.map((hc, i) => codeDigits(view.filled(r, hc.col), i === 0 ? 3 : 2) ?? '');
    const fn = joinClassCodes(parts);
    if (fn) out.fn = fn;
  }
  if (layout.subject) out.subject = codeDigits(view.filled(r, layout.subject.col));
  if (layout.unit) {
    const cell = view.filled(r, layout.unit.col);
    // "201001-001" / "[201001]" / "201001 衡南县…": the unit code is the leading digits.
    out.unit = codeDigits(cell) ?? /^[[(（【]?(\d{3,})(?!\d)/.exec(squeeze(cellText(cell)))?.[1];
  }
  return out;
}

/**
 * 类 / 款 / 项 cells → one code: "208","01","01" → "2080101"; also cumulative
 * cells ("208","20801","2080101") and a whole code in the 类 cell ("2080101").
 */
export function joinClassCodes(parts: string[]): string | undefined {
  const [lei = '', kuan = '', xiang = ''] = parts;
  if (!lei) return undefined;
  let code: string;
  const cumulative = (kuan.length === 5 && kuan.startsWith(lei)) || (xiang.length === 7 && (kuan === '' || xiang.startsWith(kuan)));
  if (cumulative) code = xiang || kuan;
  else code = lei + kuan + xiang;
  return /^\d+$/.test(code) && (code.length === 3 || code.length === 5 || code.length === 7) ? code : undefined;
}

/**
 * The 类 / 款 / 项 cells as canonical code segments, so that whoever compares
 * them with 科目编码 sees one spelling: 款 written as the number 1 is "01",
 * cumulative cells ("208", "20801", "2080101") are "208", "01", "01". A whole
 * code written in one cell stays whole ("2080101").
 */
function classCodeTexts(view: SheetView, r: number, layout: Layout, fn: string): Record<string, string> {
  const out: Record<string, string> = {};
  const parts = layout.classCodes.map((hc, i) => codeDigits(view.filled(r, hc.col), i === 0 ? 3 : 2) ?? '');
  const filled = parts.filter(Boolean).length;
  const segments = [fn.slice(0, 3), fn.slice(3, 5), fn.slice(5, 7)];
  layout.classCodes.forEach((hc, i) => {
    const t = filled === 1 ? parts[i] : segments[i];
    if (parts[i] && t) out[hc.key] = t;
  });
  return out;
}

/** 类 3 digits → 1, 款 5 → 2, 项 7 → 3 (经济科目: 301 → 1, 30101 → 2). */
function levelOf(code: string): FunctionLevel | undefined {
  return code.length === 3 ? 1 : code.length === 5 ? 2 : code.length === 7 ? 3 : undefined;
}

/**
 * A 3-digit code in a 科目编码 column without 类/款/项 columns: the 部门 (201
 * 衡南县…) rather than a 功能科目 类 (201 一般公共服务支出) — 类 names end in 支出.
 */
function isDepartmentName(ctx: BuildContext, name: string): boolean {
  if (ctx.department && compact(name) === ctx.department) return true;
  return name !== '' && !FUNCTION_CLASS_NAME_RE.test(name);
}

function isKnownUnit(ctx: BuildContext, code: string, name: string): boolean {
  if (ctx.department && compact(name) === ctx.department) return true;
  return ctx.unitNames.get(code)?.has(compact(name)) ?? false;
}

interface Typed {
  kind: RowKind;
  code?: string;
  level?: FunctionLevel;
  unitCode?: string;
}

function typeRow(ctx: BuildContext, state: TableState, layout: Layout, codes: RowCodes, name: string): Typed | undefined {
  if (codes.total) return { kind: 'total' };
  const unitCol = codes.unit && codes.unit.length >= 6 ? codes.unit : undefined;
  if (codes.fn) {
    if (codes.fn.length === 3 && !unitCol && ctx.department !== undefined && compact(name) === ctx.department) {
      return { kind: 'department', code: codes.fn };
    }
    return { kind: 'function', code: codes.fn, level: levelOf(codes.fn), unitCode: unitCol ?? state.lastUnit };
  }
  if (codes.subject) {
    const s = codes.subject;
    const economic = layout.economicSubject || (layout.classCodes.length === 0 && /^[35]/.test(s) && (s.length === 3 || s.length === 5));
    if (economic && (s.length === 3 || s.length === 5 || s.length === 7)) {
      return { kind: 'economic', code: s, level: levelOf(s), unitCode: unitCol ?? state.lastUnit };
    }
    if (s.length === 6 || s.length >= 8) return { kind: 'unit', code: s, unitCode: s };
    // 201 衡南县… is the 部门; 201 一般公共服务支出 a 功能科目 类.
    if (s.length === 3 && isDepartmentName(ctx, name)) return { kind: 'department', code: s };
    if (s.length === 3 || s.length === 5 || s.length === 7) {
      return { kind: 'function', code: s, level: levelOf(s), unitCode: unitCol ?? state.lastUnit };
    }
    return undefined;
  }
  if (codes.unit) {
    const u = codes.unit;
    if (u.length <= 3 || ctx.departmentCodes?.has(u)) return { kind: 'department', code: u };
    if (layout.projectTable && !isKnownUnit(ctx, u, name)) return { kind: 'project', code: u, unitCode: u };
    return { kind: 'unit', code: u, unitCode: u };
  }
  // 21 / 22: a project whose code cell isn't a plain unit code ("201001-001", blank): it belongs to the unit above.
  if (layout.projectTable && name && !(layout.unit && isTotalLabel(name))) {
    return { kind: 'project', ...(state.lastUnit ? { code: state.lastUnit, unitCode: state.lastUnit } : {}) };
  }
  return undefined;
}

function labelOf(kind: RowKind, code: string | undefined, name: string, totalText: string): string {
  if (kind === 'total') return totalText || '合计';
  return code && kind !== 'project' ? `${code} ${name}`.trim() : name || code || '';
}

function rememberUnit(ctx: BuildContext, state: TableState, row: Row): void {
  if (row.kind === 'unit' && row.code) {
    state.lastUnit = row.code;
    state.hasUnitRows = true;
    const names = ctx.unitNames.get(row.code) ?? ctx.unitNames.set(row.code, new Set()).get(row.code)!;
    names.add(compact(row.name));
  }
}

function readGridRow(ctx: BuildContext, state: TableState, view: SheetView, r: number, layout: Layout): void {
  const withIndicators = layout.indicatorTexts.length > 0;
  // 22 / 23: is this row where an owner (unit / project) starts, or a continuation of its merged cells?
  const ownerCols = layout.ownerCols;
  let startsOwner = true;
  if (withIndicators) {
    let own = false;
    for (const hc of ownerCols) {
      const m = view.mergeOver(r, hc.col);
      if (m && m.s.r < r) continue;
      if (!isEmptyCell(view.cell(r, hc.col))) own = true;
    }
    // Exports that repeat the project's code and name on every indicator row instead of merging them.
    if (own && state.owner && ownerCols.every((hc) => textOf(view, r, hc) === (state.owner!.texts[hc.key] ?? ''))) own = false;
    startsOwner = own;
  }

  const codes = readCodes(view, r, layout);
  const name = rowName(textOf(view, r, layout.name));
  let ownerRow: Row | undefined;

  if (startsOwner) {
    const typed = typeRow(ctx, state, layout, codes, name);
    const totalText = codes.total ? totalTextOf(view, r, layout) : '';
    if (typed) {
      const label = labelOf(typed.kind, typed.code, name, totalText);
      const amounts = allAmounts(ctx, view, r, layout, label);
      const texts: Record<string, string> = {};
      for (const hc of layout.keptTexts) {
        const t = textOf(view, r, hc);
        if (t) texts[hc.key] = t;
      }
      if (codes.fn) Object.assign(texts, classCodeTexts(view, r, layout, codes.fn));
      const row: Row = {
        kind: typed.kind,
        ...(typed.code !== undefined ? { code: typed.code } : {}),
        ...(typed.level !== undefined ? { level: typed.level } : {}),
        ...(typed.unitCode !== undefined ? { unitCode: typed.unitCode } : {}),
        name: typed.kind === 'total' ? totalText || '合计' : name,
        label,
        sheetRow: r,
        amounts,
        cells: cellsOf(amounts, ctx.amountKeys),
        texts,
        labelRef: labelRefOf(view, r, layout),
      };
      state.rows.push(row);
      rememberUnit(ctx, state, row);
      ownerRow = row;
      if (withIndicators) {
        state.owner = row;
        state.lastLevels = [];
      }
    } else if (!withIndicators) {
      // No code and not 合计: a labelled line with figures is kept (never dropped silently); bare text is decoration.
      const label = name || firstCodeText(view, r, layout);
      const amounts = allAmounts(ctx, view, r, layout, label);
      if (label && anyFigure(amounts)) {
        state.rows.push({
          kind: 'line',
          name: lineName(label),
          label,
          sheetRow: r,
          amounts,
          cells: cellsOf(amounts, ctx.amountKeys),
          texts: {},
          labelRef: labelRefOf(view, r, layout),
        });
      }
      return;
    }
  }

  if (!withIndicators) return;
  // Indicator fields on this row (merged 一级指标 filled down).
  const texts: Record<string, string> = {};
  let anyIndicator = false;
  for (const hc of layout.indicatorTexts) {
    const t = textOf(view, r, hc);
    if (t) {
      texts[hc.key] = t;
      anyIndicator = true;
    }
  }
  if (!anyIndicator) return;
  // Unmerged blanks in the hierarchy mean "same as above" within one owner.
  const levels = layout.levels.map((hc) => texts[hc.key] ?? '');
  const deepest = levels.reduce((d, t, i) => (t ? i : d), -1);
  levels.forEach((t, i) => {
    if (!t && i < deepest && state.lastLevels[i]) {
      levels[i] = state.lastLevels[i]!;
      texts[layout.levels[i]!.key] = levels[i]!;
    }
  });
  state.lastLevels = levels;
  const owner = ownerRow ?? state.owner;
  const name3 = levels[deepest] ?? Object.values(texts)[0] ?? '';
  const label = [owner?.name, ...levels.filter(Boolean)].filter(Boolean).join(' › ') || name3;
  state.rows.push({
    kind: 'indicator',
    ...(owner ? { unitCode: owner.unitCode ?? owner.code } : {}),
    name: name3,
    label,
    sheetRow: r,
    // Indicators hold no figures; their row may be the owner's own sheet row, whose amounts belong to the owner.
    amounts: {},
    cells: cellsOf({}, ctx.amountKeys),
    texts,
    labelRef: cellRef(view.name, r, (layout.levels[0] ?? layout.indicatorTexts[0]!).col),
    ...(owner ? { owner: owner.name } : {}),
  });
}

function totalTextOf(view: SheetView, r: number, layout: Layout): string {
  for (const hc of layout.ownerCols) {
    const t = textOf(view, r, hc);
    if (t && isTotalLabel(t)) return compact(t);
  }
  return '合计';
}

function firstCodeText(view: SheetView, r: number, layout: Layout): string {
  for (const hc of layout.codeCols) {
    const t = textOf(view, r, hc);
    if (t) return t;
  }
  return '';
}

function labelRefOf(view: SheetView, r: number, layout: Layout): CellRef {
  for (const hc of [...(layout.name ? [layout.name] : []), ...layout.codeCols]) {
    if (!isEmptyCell(view.filled(r, hc.col))) return cellRef(view.name, r, hc.col);
  }
  return cellRef(view.name, r, layout.name?.col ?? layout.codeCols[0]?.col ?? 0);
}

