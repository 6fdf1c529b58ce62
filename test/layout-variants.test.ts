/**
 * Layout variants built FROM the sample (its readable sources, via the
 * fixture writer) must load to exactly the same typed content: every amount
 * by table / row / column, every text, every note — wherever the cells sit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import {
  addTableSheet,
  buildWorkbook,
  loadSampleSpecs,
  SAMPLE_XLSX,
  writeWorkbookFile,
  type TableSheetSpec,
} from '../fixtures/lib/sheet-writer.js';
import { loadWorkbook } from '../src/loaders/index.js';
import { readWorkbookCells } from '../src/loaders/workbook.js';
import { TABLE_IDS } from '../src/model/amount.js';
import type { Budget } from '../src/model/budget.js';
import { amountAt, findRow, line, rowsOf, totalRow } from '../src/model/query.js';

let dir: string;
let specs: TableSheetSpec[];
let original: Budget;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budget-audit-variants-'));
  specs = loadSampleSpecs();
  original = await loadWorkbook(SAMPLE_XLSX);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Everything the loader typed, independent of where it sat: one line per
 * amount / text / note, rows identified by meaning (kind, code, unit,
 * section, owner, name and occurrence), never by cell address.
 */
function content(b: Budget): string[] {
  const out: string[] = [`department=${b.department} year=${b.year} unit=${b.unit}`];
  for (const id of TABLE_IDS) {
    const t = b.tables[id];
    out.push(`${id} found=${t.found} columns=${t.columns.map((c) => `${c.key}[${c.role}]`).join(',')}`);
    const seen = new Map<string, number>();
    for (const r of t.rows) {
      const base = `${id}|${r.kind}|${r.code ?? ''}|${r.level ?? ''}|${r.unitCode ?? ''}|${r.section ?? ''}|${r.owner ?? ''}|${r.name}|${r.label}|${r.indent ?? ''}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const rid = `${base}#${n}`;
      out.push(rid);
      for (const [k, a] of Object.entries(r.amounts)) {
        out.push(`${rid} › ${k} = ${a.blank ? 'blank' : a.value.toFixed()}${a.invalid ? ' invalid' : ''} [${a.rowLabel}|${a.column}|${a.table}]`);
      }
      for (const [k, v] of Object.entries(r.texts)) out.push(`${rid} T ${k} = ${v}`);
    }
    for (const n of t.notes) out.push(`${id} note ${n.text}`);
  }
  for (const p of b.problems) out.push(`problem ${p.kind} ${p.table ?? ''} ${p.column ?? ''}`);
  return out;
}

/** A few figures typed by hand from the reference, checked on every variant. */
function handFigures(b: Budget): void {
  const t03 = b.tables['03'];
  expect(amountAt(findRow(t03, { code: '2080199' })!, '项目支出')!.value.toFixed(2)).toBe('196.00');
  expect(amountAt(totalRow(t03)!, '合计')!.value.toFixed(2)).toBe('2424.73');
  expect(amountAt(totalRow(b.tables['08'])!, '本年一般公共预算基本支出 › 人员经费')!.value.toFixed(2)).toBe('1831.85');
  expect(amountAt(findRow(b.tables['07'], { code: '20805' })!, '基本支出 › 人员经费 › 工资福利支出')!.value.toFixed(2)).toBe('279.05');
  expect(line(b.tables['01'], 'income', '收入总计')!.amounts['收入 › 预算数']!.value.toFixed(2)).toBe('2424.73');
  expect(rowsOf(b.tables['21'], 'project')).toHaveLength(20);
  expect(rowsOf(b.tables['22'], 'project')).toHaveLength(20);
  expect(b.tables['16'].notes[0]?.text).toBe('说明：2025年度无政府性基金预算拨款支出。');
}

async function loadVariant(name: string, wb: XLSX.WorkBook, bookType: 'xlsx' | 'xls' = 'xlsx'): Promise<Budget> {
  const file = join(dir, `${name}.${bookType}`);
  writeWorkbookFile(wb, file, bookType);
  return loadWorkbook(file);
}

function expectSameContent(b: Budget): void {
  expect(b.problems).toEqual([]);
  expect(content(b)).toEqual(content(original));
  handFigures(b);
}

// ------------------------------------------------------------ sheet surgery

/** Inserts `nRows` empty rows before `rowAt` and `nCols` empty columns before `colAt`, moving cells and merges. */
function shift(ws: XLSX.WorkSheet, rowAt: number, nRows: number, colAt: number, nCols: number): void {
  const moved: Record<string, XLSX.CellObject> = {};
  for (const k of Object.keys(ws)) {
    if (k.startsWith('!')) continue;
    const { r, c } = XLSX.utils.decode_cell(k);
    moved[XLSX.utils.encode_cell({ r: r >= rowAt ? r + nRows : r, c: c >= colAt ? c + nCols : c })] = ws[k] as XLSX.CellObject;
    delete ws[k];
  }
  Object.assign(ws, moved);
  // A merge spanning the insertion point widens (as in Excel).
  const mv = (p: XLSX.CellAddress): XLSX.CellAddress => ({
    r: p.r >= rowAt ? p.r + nRows : p.r,
    c: p.c >= colAt ? p.c + nCols : p.c,
  });
  ws['!merges'] = (ws['!merges'] ?? []).map((m) => ({ s: mv(m.s), e: mv(m.e) }));
  const ref = XLSX.utils.decode_range(ws['!ref']!);
  ws['!ref'] = XLSX.utils.encode_range({ s: ref.s, e: { r: ref.e.r + nRows, c: ref.e.c + nCols } });
  if (ws['!cols'] && nCols > 0) {
    const cols = ws['!cols'];
    cols.splice(colAt, 0, ...Array.from({ length: nCols }, () => ({ wch: 8 })));
  }
}

function put(ws: XLSX.WorkSheet, r: number, c: number, v: string): void {
  ws[XLSX.utils.encode_cell({ r, c })] = { t: 's', v };
  const ref = XLSX.utils.decode_range(ws['!ref']!);
  ref.e.r = Math.max(ref.e.r, r);
  ws['!ref'] = XLSX.utils.encode_range(ref);
}

/** Deterministic shuffle (a fixed permutation, no randomness in tests). */
function shuffled<T>(xs: T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = (i * 7 + 3) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('layout variants load to the same figures', () => {
  it('the sample itself has no problems and the hand-written figures', () => {
    expect(original.problems).toEqual([]);
    handFigures(original);
  });

  it('sheets renamed and shuffled', async () => {
    const order = shuffled(specs.map((s, i) => ({ ...s, sheetName: `Sheet${i + 1}` })));
    expect(order.map((s) => s.id)).not.toEqual(specs.map((s) => s.id));
    const b = await loadVariant('shuffled', buildWorkbook(order));
    expectSameContent(b);
    expect(b.tables['03'].sheet).toMatch(/^Sheet\d+$/);
  });

  it('all 23 tables stacked in one sheet', async () => {
    const wb = XLSX.utils.book_new();
    const [first, ...rest] = specs;
    addTableSheet(wb, { ...first!, sheetName: '部门预算公开表' });
    const ws = wb.Sheets['部门预算公开表']!;
    for (const s of rest) addTableSheet(wb, s, { ws });
    const b = await loadVariant('stacked', wb);
    expectSameContent(b);
    const rows = TABLE_IDS.map((id) => XLSX.utils.decode_range(b.tables[id].range!).s.r);
    expect(rows).toEqual([...rows].sort((x, y) => x - y)); // one after another, top-down
    expect(new Set(TABLE_IDS.map((id) => b.tables[id].sheet))).toEqual(new Set(['部门预算公开表']));
  });

  it('amounts stored as text with thousands separators', async () => {
    const wb = buildWorkbook(specs, { amountsAsText: true });
    const ws = wb.Sheets[specs[2]!.sheetName]!; // 表03
    const texts = Object.keys(ws).filter((k) => !k.startsWith('!')).map((k) => (ws[k] as XLSX.CellObject).v);
    expect(texts).toContain('2,424.73');
    expectSameContent(await loadVariant('text-amounts', wb));
  });

  it('saved as legacy .xls', async () => {
    expectSameContent(await loadVariant('legacy', buildWorkbook(specs), 'xls'));
  });

  it('decorative rows, a footer and a hidden empty column', async () => {
    const wb = buildWorkbook(specs);
    for (const name of wb.SheetNames) {
      const ws = wb.Sheets[name]!;
      // Two rows above the marker, one between the title and the unit line, a hidden empty column D.
      shift(ws, 2, 1, 3, 1);
      put(ws, 2, 0, '数据来源：预算管理一体化系统');
      shift(ws, 0, 2, 0, 0);
      put(ws, 0, 0, '衡南县2025年部门预算公开');
      put(ws, 1, 0, '打印日期：2025-01-15');
      const last = XLSX.utils.decode_range(ws['!ref']!).e.r;
      put(ws, last + 2, 0, '制表人：张三    审核人：李四');
      ws['!cols'] ??= [];
      ws['!cols'][3] = { hidden: true, wch: 8 };
    }
    const b = await loadVariant('decorated', wb);
    expectSameContent(b);
    const cells = await readWorkbookCells(join(dir, 'decorated.xlsx'));
    expect(cells.sheets.every((s) => s.hiddenCols.has(3))).toBe(true);
    // Figures moved one column right of the hidden column, and down three rows.
    const a = amountAt(findRow(b.tables['03'], { code: '2080199' })!, '项目支出')!;
    const o = amountAt(findRow(original.tables['03'], { code: '2080199' })!, '项目支出')!;
    expect([a.ref.row, a.ref.col]).toEqual([o.ref.row + 3, o.ref.col + 1]);
  });

  it('a table continued over repeated header blocks (page breaks) is merged into one', async () => {
    const wb = XLSX.utils.book_new();
    for (const s of specs) {
      // Split at a row that starts a new owner (22 must not split a merged project).
      const cut = s.id === '03' ? 12 : s.id === '21' ? 14 : s.id === '22' ? s.rows.findIndex((r, i) => i > 40 && r[0] !== '^') : -1;
      if (cut <= 0) {
        addTableSheet(wb, s);
        continue;
      }
      const { notes, ...noNotes } = s;
      addTableSheet(wb, { ...noNotes, rows: s.rows.slice(0, cut) });
      addTableSheet(wb, { ...s, rows: s.rows.slice(cut), ...(notes ? { notes } : {}) }, { ws: wb.Sheets[s.sheetName]! });
    }
    const b = await loadVariant('page-breaks', wb);
    expectSameContent(b);
  });

  it('titles without markers, full-width vs half-width brackets and quotes', async () => {
    const swap = (t: string): string =>
      t.includes('（')
        ? t.replace(/（/g, '(').replace(/）/g, ')')
        : t.replace(/\(/g, '（').replace(/\)/g, '）');
    const variant = specs.map((s) => ({ ...s, marker: '', title: swap(s.title).replace(/[“”]/g, '"') }));
    expect(variant.find((s) => s.id === '04')!.title).toBe('支出预算分类汇总表(按政府预算经济分类)');
    const b = await loadVariant('brackets', buildWorkbook(variant));
    expectSameContent(b);
  });

  it('titles with the department and year in front, markers kept', async () => {
    const variant = specs.map((s) => ({ ...s, title: `衡南县人力资源和社会保障局2025年${s.title}` }));
    expectSameContent(await loadVariant('prefixed', buildWorkbook(variant)));
  });
});
