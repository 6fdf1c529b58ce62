/**
 * Matching a header's column paths against the template's columns: exact,
 * with a year or money unit added, by prefix, by leaf word, and the spellings
 * other counties use for the code and name columns.
 */
import { PATH_SEP } from '../model/amount.js';
import type { ColumnRole } from '../model/table.js';
import type { ColumnSpec, TableTemplate } from '../templates/types.js';
import { norm } from './normalize.js';

/** A header column: its published path and, once matched, its template column. */
export interface HeaderColumn {
  col: number;
  /** Segments as published (whitespace removed), top-down. */
  path: string[];
  normPath: string[];
  spec?: ColumnSpec;
  /** Template path joined with PATH_SEP when matched, else the published path. */
  key: string;
  role: ColumnRole;
}

export const J = '\u0001';

export interface TemplatePaths {
  /** Every header word of the template, at any level. */
  segments: Set<string>;
  prefixes: Set<string>;
  full: Set<string>;
  top: Set<string>;
  specNorms: string[][];
}

const pathCache = new WeakMap<TableTemplate, TemplatePaths>();

export function templatePaths(t: TableTemplate): TemplatePaths {
  let p = pathCache.get(t);
  if (p) return p;
  const prefixes = new Set<string>();
  const full = new Set<string>();
  const top = new Set<string>();
  const segments = new Set<string>();
  const specNorms = t.columns.map((c) => c.path.map(norm));
  for (const n of specNorms.map((x) => x.map(loose))) {
    for (const seg of n) segments.add(seg);
    for (let i = 1; i <= n.length; i++) prefixes.add(n.slice(0, i).join(J));
    full.add(n.join(J));
    top.add(n[0]!);
  }
  p = { segments, prefixes, full, top, specNorms };
  pathCache.set(t, p);
  return p;
}

/** One column carrying the whole 功能科目 code: 科目编码, 功能科目编码, 功能分类科目代码, 功能科目 … */
const FUNCTION_CODE_COLUMN_RE = /^(?:功能(?:分类)?)?科目(?:编码|代码)?$/;

/**
 * 类 / 款 / 项 columns and one 科目编码 column are two spellings of the same
 * 功能科目 code. When the header has no 类 / 款 / 项 at all: with a 科目编码
 * template column present (03 / 07) they are not missing; otherwise (04, 05,
 * 09–14 …) a lone unknown "科目编码" / "功能科目编码" column takes the 类 column's
 * place and carries whole codes (joinClassCodes reads "2080101" in the 类 cell).
 */
export function functionCodeAlternatives(columns: HeaderColumn[], missing: ColumnSpec[], tmpl: TableTemplate): ColumnSpec[] {
  const classSpecs = tmpl.columns.filter((s) => s.role === 'classCode');
  if (classSpecs.length === 0 || !classSpecs.every((s) => missing.includes(s))) return missing;
  const rest = missing.filter((s) => s.role !== 'classCode');
  if (columns.some((hc) => hc.spec?.role === 'subjectCode')) return rest;
  const single = columns.filter((hc) => !hc.spec && FUNCTION_CODE_COLUMN_RE.test(hc.normPath.map(loose).join('')));
  if (single.length !== 1) return missing;
  const hc = single[0]!;
  hc.spec = classSpecs[0]!;
  hc.key = hc.spec.path.join(PATH_SEP);
  hc.role = 'classCode';
  return rest;
}

/** Is `group` (a path) a template group with `word` somewhere under it (基本支出 › … › 对个人和家庭的补助)? */
export function groupHolds(tp: TemplatePaths, group: string[], word: string): boolean {
  const g = group.map(loose);
  const w = loose(word);
  return tp.specNorms.some((n) => {
    if (n.length <= g.length) return false;
    const l = n.map(loose);
    return g.every((s, i) => l[i] === s) && l.slice(g.length).includes(w);
  });
}

/** Header words for code and name columns differ between tables and counties (单位代码 / 单位编码, 单位名称（功能科目） / 单位名称 / 科目名称). */
const ROLE_WORDS: Partial<Record<ColumnRole, RegExp>> = {
  unitCode: /^(?:部门|单位|预算单位|部门\(单位\)|单位\(部门\))(?:代码|编码|编号)$/,
  name: /^(?:部门|单位|预算单位|部门\(单位\)|单位\(部门\)|科目|项目|功能科目)名称(?:\(.*\))?$/,
};

/**
 * A code or name column the header spells in another county's words: the one
 * unmatched template column of that role takes the one unmatched header
 * column whose words say that role.
 */
export function roleSynonyms(columns: HeaderColumn[], missing: ColumnSpec[]): ColumnSpec[] {
  let rest = missing;
  for (const [role, re] of Object.entries(ROLE_WORDS) as [ColumnRole, RegExp][]) {
    const specs = rest.filter((s) => s.role === role);
    if (specs.length !== 1) continue;
    const hits = columns.filter((hc) => !hc.spec && re.test(hc.normPath.map(loose).join('')));
    if (hits.length !== 1) continue;
    const hc = hits[0]!;
    const spec = specs[0]!;
    hc.spec = spec;
    hc.key = spec.path.join(PATH_SEP);
    hc.role = spec.role;
    rest = rest.filter((s) => s !== spec);
  }
  return rest;
}

/** The year a header path names ("2025年预算数" → 2025). */
function yearOf(path: string[]): number | undefined {
  for (const seg of path) {
    const m = /^(\d{4})年/.exec(seg);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** A header word without a leading year or a trailing money unit. */
export function loose(n: string): string {
  return n.replace(/^(?:\d{4}年度?)/, '').replace(/\((?:万元|元)\)$/, '') || n;
}

function isSubsequence(short: string[], long: string[]): boolean {
  let i = 0;
  for (const s of long) if (i < short.length && short[i] === s) i++;
  return i === short.length;
}

/**
 * Assigns template columns to header columns; returns the template columns
 * (not optional) left unmatched.
 *  1. exact path, in order (01's three "支出 › 预算数" pair up left to right);
 *  2. k header columns sharing a path that is a proper prefix of exactly k
 *     template columns: by order (表03's 功能科目 over 类/款/项 with no sub-row);
 *  3. the same leaf word with one path a subsequence of the other, when unique.
 */
export function matchColumns(columns: HeaderColumn[], tmpl: TableTemplate, tp = templatePaths(tmpl)): ColumnSpec[] {
  const specs = tmpl.columns;
  const used = new Array<boolean>(specs.length).fill(false);
  const keys = tp.specNorms.map((n) => n.join(J));
  const assign = (hc: HeaderColumn, i: number) => {
    used[i] = true;
    hc.spec = specs[i]!;
    hc.key = specs[i]!.path.join(PATH_SEP);
    hc.role = specs[i]!.role;
  };

  for (const hc of columns) {
    const k = hc.normPath.join(J);
    const i = keys.findIndex((sk, j) => !used[j] && sk === k);
    if (i >= 0) assign(hc, i);
  }
  // "2025年预算数", "合计(万元)": the same column with a year or money unit added.
  // Beside "2024年预算数" (last year's, for comparison) only the latest year is this budget's column.
  const looseKeys = tp.specNorms.map((n) => n.map(loose).join(J));
  const latest = new Map<string, number>();
  for (const hc of columns) {
    const y = hc.spec ? undefined : yearOf(hc.normPath);
    const k = hc.normPath.map(loose).join(J);
    if (y !== undefined) latest.set(k, Math.max(latest.get(k) ?? y, y));
  }
  for (const hc of columns) {
    if (hc.spec) continue;
    const k = hc.normPath.map(loose).join(J);
    const y = yearOf(hc.normPath);
    if (y !== undefined && y < latest.get(k)!) continue;
    const i = looseKeys.findIndex((sk, j) => !used[j] && sk === k);
    if (i >= 0) assign(hc, i);
  }

  for (let a = 0; a < columns.length; ) {
    const hc = columns[a]!;
    if (hc.spec) {
      a++;
      continue;
    }
    let b = a + 1;
    const k = hc.normPath.join(J);
    while (b < columns.length && !columns[b]!.spec && columns[b]!.normPath.join(J) === k) b++;
    const P = hc.normPath;
    const cands: number[] = [];
    tp.specNorms.forEach((n, j) => {
      if (!used[j] && n.length > P.length && P.every((s, x) => n[x] === s)) cands.push(j);
    });
    if (cands.length === b - a) for (let x = a; x < b; x++) assign(columns[x]!, cands[x - a]!);
    a = b;
  }

  for (const hc of columns) {
    if (hc.spec) continue;
    const leaf = hc.normPath[hc.normPath.length - 1];
    const cands: number[] = [];
    tp.specNorms.forEach((n, j) => {
      if (used[j] || n[n.length - 1] !== leaf) return;
      if (isSubsequence(hc.normPath, n) || isSubsequence(n, hc.normPath)) cands.push(j);
    });
    if (cands.length === 1) assign(hc, cands[0]!);
  }

  return specs.filter((s, j) => !used[j] && !s.optional);
}
