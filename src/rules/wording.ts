/**
 * How findings name figures: "表03 合计 › 基本支出" in the table's own words,
 * and the default messages of `total = Σ parts` and `Σ left = Σ right` (zh / en).
 */
import type { TableId } from '../model/amount.js';
import type { Localized } from '../model/finding.js';
import { HUNAN_23 } from '../templates/hunan-23.js';
import type { Term } from './term.js';

/** Per-table column labels for messages: 01/06 lines are named by their row, not their column. */
export const SIDE_BY_SIDE = new Set<TableId>(HUNAN_23.filter((t) => t.layout === 'sideBySide').map((t) => t.id));

function rowOf(t: Term): string {
  return t.rowLabel;
}

/** 01/06 labels are published spaced out ("本　年　支　出　合　计"): messages use them compacted. */
function lineLabel(t: Term): string {
  return t.rowLabel.replace(/[\s\u3000]+/g, '');
}

/** "表03 合计 › 基本支出": the table's own words for one figure. */
export function describe(t: Term, rel?: Term): string {
  const line = SIDE_BY_SIDE.has(t.table);
  if (rel && rel.table === t.table) {
    if (line) return lineLabel(t);
    if (rowOf(rel) === rowOf(t)) return t.column;
    if (rel.column === t.column) return `${t.rowLabel}行`;
    return `${t.rowLabel}行 ${t.column}`;
  }
  return line ? `表${t.table} ${lineLabel(t)}` : `表${t.table} ${t.rowLabel}行 ${t.column}`;
}

export function describeEn(t: Term, rel?: Term): string {
  const line = SIDE_BY_SIDE.has(t.table);
  if (rel && rel.table === t.table) {
    if (line) return lineLabel(t);
    if (rowOf(rel) === rowOf(t)) return t.column;
    if (rel.column === t.column) return `row ${t.rowLabel}`;
    return `row ${t.rowLabel}, ${t.column}`;
  }
  return line ? `table ${t.table} ${lineLabel(t)}` : `table ${t.table} row ${t.rowLabel}, ${t.column}`;
}

const MAX_LISTED = 6;

/** All terms on one row of another table: name the row once ("表14 2080101 行政运行行 办公费 + 印刷费"). */
function sharedRow(terms: Term[], rel: Term | undefined): Term | undefined {
  const first = terms[0];
  if (!first || terms.length < 2 || SIDE_BY_SIDE.has(first.table) || (rel && rel.table === first.table)) return undefined;
  return terms.every((t) => t.table === first.table && t.rowLabel === first.rowLabel) ? first : undefined;
}

export function listZh(terms: Term[], rel: Term | undefined): string {
  if (terms.length === 0) return '0（无明细行）';
  const shared = sharedRow(terms, rel);
  if (shared) return `表${shared.table} ${shared.rowLabel}行 ${listZh(terms, shared)}`;
  const shown = terms.length > MAX_LISTED ? terms.slice(0, 3) : terms;
  const s = shown.map((t) => describe(t, rel)).join(' + ');
  return terms.length > MAX_LISTED ? `${s} + …（共 ${terms.length} 项）` : s;
}

export function listEn(terms: Term[], rel: Term | undefined): string {
  if (terms.length === 0) return '0 (no detail rows)';
  const shared = sharedRow(terms, rel);
  if (shared) return `table ${shared.table} row ${shared.rowLabel}: ${listEn(terms, shared)}`;
  const shown = terms.length > MAX_LISTED ? terms.slice(0, 3) : terms;
  const s = shown.map((t) => describeEn(t, rel)).join(' + ');
  return terms.length > MAX_LISTED ? `${s} + … (${terms.length} terms)` : s;
}

/** The default message of `total = Σ parts`. */
export function sumMessage(total: Term, parts: Term[]): Localized {
  return {
    zh: `${describe(total)} 应等于 ${listZh(parts, total)}`,
    en: `${describeEn(total)} should equal ${listEn(parts, total)}`,
  };
}

export function sameMessage(left: Term[], right: Term[]): Localized {
  const rel = left[0];
  return {
    zh: `${left.length === 1 ? describe(left[0]) : listZh(left, undefined)} 应等于 ${listZh(right, rel && left.length === 1 ? rel : undefined)}`,
    en: `${left.length === 1 ? describeEn(left[0]) : listEn(left, undefined)} should equal ${listEn(right, rel && left.length === 1 ? rel : undefined)}`,
  };
}

