/**
 * Grid tables: typing one data row by meaning (合计, 部门/单位, 功能科目, 经济科目,
 * projects, indicators) from its codes, name and the rows above it.
 */
import type { CellRef } from '../model/amount.js';
import type { FunctionLevel } from '../model/codes.js';
import { cellsOf, type Row, type RowKind } from '../model/table.js';
import type { HeaderColumn, SheetView } from './header.js';
import type { BuildContext, TableState } from './row-context.js';
import { allAmounts, anyFigure } from './row-amounts.js';
import type { Layout } from './row-layout.js';
import { cellRef, cellText, codeDigits, compact, isEmptyCell, isTotalLabel, lineName, rowName, squeeze, tidy } from './normalize.js';

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

export function readGridRow(ctx: BuildContext, state: TableState, view: SheetView, r: number, layout: Layout): void {
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
