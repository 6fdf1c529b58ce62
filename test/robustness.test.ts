/**
 * Red-team: workbooks we have never seen. Budgets of other departments (the
 * generator: several units, 政府性基金 income, many 功能科目 and projects) and
 * the sample, laid out the ways other counties' exports differ — each variant
 * is a transformation of the readable table specs (or of the written
 * workbook), and each must:
 *  - load with all 23 tables found and no data problems;
 *  - type the same content as the plain layout (rows by meaning, every amount);
 *  - audit with 0 errors;
 *  - with one planted change (±1.00) give an error whose locations include
 *    the changed cell — wherever the variant put that cell.
 */
import { Decimal } from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { addTableSheet, buildWorkbook, loadSampleSpecs, type TableSheetSpec } from '../fixtures/lib/sheet-writer.js';
import { buildBudget } from '../src/loaders/index.js';
import { matchMarker, matchTitle, titleIndex } from '../src/loaders/locate.js';
import { HUNAN_TEMPLATE } from '../src/templates/hunan-23.js';
import type { RawCell, WorkbookCells } from '../src/loaders/cells.js';
import { loadCodepages, workbookCellsFromBuffer } from '../src/loaders/workbook.js';
import { TABLE_IDS, type TableId } from '../src/model/amount.js';
import type { Budget } from '../src/model/budget.js';
import type { FileReport } from '../src/model/report.js';
import { audit } from '../src/rules/index.js';
import { generateBudget, lineKey, yuanToWan, type GeneratedBudget } from './support/generator.js';

type Specs = TableSheetSpec[];

beforeAll(async () => {
  await loadCodepages(); // .xls variants
});

// ───────────────────────────── bases ─────────────────────────────

const GEN: GeneratedBudget = generateBudget(424242, { units: 3, functionRows: 6, projectsPerItem: 1, governmentFunds: true });
const SAMPLE: Specs = loadSampleSpecs();

// ───────────────────────────── loading and comparing ─────────────────────────────

interface Variant {
  name: string;
  /** Pure transformation of the specs (applied to the planted copy too). */
  specs?: (s: Specs) => Specs;
  /** Builds the workbook (default: one sheet per table, in order). */
  build?: (s: Specs) => XLSX.WorkBook;
  /** Surgery on the written workbook (cell types, hidden columns). */
  post?: (wb: XLSX.WorkBook, s: Specs) => void;
  bookType?: 'xlsx' | 'xls';
  /** The variant changes figures or lines on purpose: don't compare with the plain layout. */
  ownContent?: boolean;
  /** Data problems the variant must produce (each message matched by one pattern); default none. */
  problems?: RegExp[];
  /** Checks that the variant really is what it says (on the cells as read back) and what the loader made of it. */
  verify?: (cells: WorkbookCells, b: Budget) => void;
}

function loadCells(specs: Specs, v: Variant, name: string): { cells: WorkbookCells; b: Budget } {
  const s = v.specs ? v.specs(specs) : specs;
  const wb = v.build ? v.build(s) : buildWorkbook(s);
  v.post?.(wb, s);
  const bookType = v.bookType ?? 'xlsx';
  const buf = XLSX.write(wb, { type: 'buffer', bookType }) as Buffer;
  const cells = workbookCellsFromBuffer(buf, `${name}.${bookType}`);
  return { cells, b: buildBudget(cells) };
}

const load = (specs: Specs, v: Variant, name: string): Budget => loadCells(specs, v, name).b;

/** The sheet holding table `id` as the loader found it, and its cell at `a1`. */
function cellOf(cells: WorkbookCells, b: Budget, id: TableId, a1: string): RawCell | undefined {
  const sheet = cells.sheets.find((s) => s.name === b.tables[id].sheet)!;
  const { r, c } = XLSX.utils.decode_cell(a1);
  return sheet.rows[r]?.[c];
}

/** What the loader typed, independent of cell positions and spellings: rows by meaning, every amount. */
function content(b: Budget): string[] {
  const out: string[] = [`department=${b.department} year=${b.year}`];
  for (const id of TABLE_IDS) {
    const t = b.tables[id];
    for (const r of t.rows) {
      const name = r.kind === 'total' ? '' : r.name; // 合计 / 总计
      const rid = `${id}|${r.kind}|${r.code ?? ''}|${r.level ?? ''}|${r.unitCode ?? ''}|${r.section ?? ''}|${r.owner ?? ''}|${name}`;
      const amounts = Object.entries(r.amounts)
        .map(([k, a]) => `${k}=${a.blank ? '' : a.value.toFixed(2)}`)
        .sort();
      out.push(`${rid} ${amounts.join(' ')}`);
    }
    for (const n of t.notes) out.push(`${id} note ${n.text.replace(/\s+/g, '')}`);
  }
  return out;
}

/** Every amount by table and cell. */
function amountsByCell(b: Budget): Map<string, string> {
  const m = new Map<string, string>();
  for (const id of TABLE_IDS) {
    for (const r of b.tables[id].rows) {
      for (const a of Object.values(r.amounts)) m.set(`${id} ${a.ref.sheet}!${a.ref.cell}`, a.blank ? '' : a.value.toFixed());
    }
  }
  return m;
}

const errors = (r: FileReport) => r.findings.filter((f) => f.severity === 'error');
const brief = (f: FileReport['findings'][number]) =>
  `${f.ruleId}: ${f.message.zh} [${f.locations.map((l) => `${l.table} ${l.sheet ?? ''}!${l.cell ?? ''}`).join(', ')}]`;

/** A planted change: the `pick`-th non-blank amount cell of table `table` (negative: from the end), shifted by `delta` hundredths. */
interface Plant {
  table: string;
  pick: number;
  delta: number;
}

/** Published amount text ± `hundredths`, exactly, at the text's own number of decimals (at least 2). */
function shifted(value: string, hundredths: number): string {
  const v = new Decimal(value.replace(/[,\s]/g, ''));
  return v.plus(new Decimal(hundredths).div(100)).toFixed(Math.max(2, v.decimalPlaces()));
}

function planted(specs: Specs, p: Plant): { specs: Specs; from: string; to: string } {
  const spec = specs.find((s) => s.id === p.table)!;
  const cells: [number, number][] = [];
  spec.rows.forEach((r, i) =>
    spec.amountCols.forEach((c) => {
      const v = r[c] ?? '';
      if (v !== '' && v !== '^' && v !== '<' && /\d/.test(v)) cells.push([i, c]);
    }),
  );
  const [ri, ci] = cells[p.pick >= 0 ? p.pick : cells.length + p.pick]!;
  const from = spec.rows[ri]![ci]!;
  const to = shifted(from, p.delta);
  const rows = spec.rows.map((r, i) => (i === ri ? r.map((v, c) => (c === ci ? to : v)) : r));
  return { specs: specs.map((s) => (s === spec ? { ...spec, rows } : s)), from, to };
}

/** Loads the variant plain and planted and checks everything the file header promises. */
function checkVariant(base: Specs, v: Variant, plants: Plant[], plain?: Budget): void {
  const { cells, b } = loadCells(base, v, v.name);
  const want = v.problems ?? [];
  expect(b.problems.map((p) => p.message).filter((m) => !want.some((re) => re.test(m)))).toEqual([]);
  for (const re of want) expect(b.problems.some((p) => re.test(p.message)), String(re)).toBe(true);
  expect(TABLE_IDS.filter((id) => !b.tables[id].found)).toEqual([]);
  v.verify?.(cells, b);
  if (plain && !v.ownContent) expect(content(b).sort()).toEqual(content(plain).sort());
  const report = audit(b);
  expect(errors(report).map(brief)).toEqual([]);
  expect(report.notRun).toEqual([]);

  const before = amountsByCell(b);
  for (const p of plants) {
    const pl = planted(base, p);
    const bp = load(pl.specs, v, `${v.name}-planted`);
    const after = amountsByCell(bp);
    const changed = [...after].filter(([k, val]) => before.get(k) !== val).map(([k]) => k);
    expect(changed, `表${p.table} #${p.pick}: ${pl.from} → ${pl.to}`).toHaveLength(1);
    const [table, where] = changed[0]!.split(' ') as [string, string];
    expect(table).toBe(p.table);
    const [sheet, cell] = where.split('!') as [string, string];
    const errs = errors(audit(bp));
    const hit = errs.some((f) => f.locations.some((l) => l.sheet === sheet && l.cell === cell));
    expect(hit, `表${p.table} ${where} ${pl.from} → ${pl.to}: ${errs.map(brief).join('\n') || 'no error'}`).toBe(true);
  }
}

/** Every cell text of the sheet holding table `id`. */
function sheetTexts(cells: WorkbookCells, b: Budget, id: TableId): string[] {
  const sheet = cells.sheets.find((s) => s.name === b.tables[id].sheet)!;
  return sheet.rows.flatMap((r) => (r ?? []).map((c) => (c?.v === undefined ? '' : String(c.v))));
}

const colOf = (b: Budget, id: TableId, key: string) => b.tables[id].columns.find((c) => c.key === key);
const rowsOf = (b: Budget, id: TableId, pred: (r: Budget['tables']['01']['rows'][number]) => boolean) => b.tables[id].rows.filter(pred);

// ───────────────────────────── spec surgery ─────────────────────────────

const onTables = (ids: string[] | ((s: TableSheetSpec) => boolean), fn: (s: TableSheetSpec) => TableSheetSpec) => (specs: Specs): Specs =>
  specs.map((s) => ((typeof ids === 'function' ? ids(s) : ids.includes(s.id)) ? fn(s) : s));

const compose = (...fns: ((s: Specs) => Specs)[]) => (specs: Specs): Specs => fns.reduce((acc, f) => f(acc), specs);

const isMerge = (v: string | undefined) => v === '^' || v === '<';

/** Column (0-based) whose header text (any header row) is `word`, spaces and line breaks ignored. */
function headerCol(s: TableSheetSpec, word: string): number {
  for (const row of s.header) {
    const c = row.findIndex((v) => v.replace(/\s+/g, '') === word);
    if (c >= 0) return c;
  }
  return -1;
}

/** Inserts a column before `at`: header cells (top row `head`, merged down), data cells from `cell`. */
function insertCol(s: TableSheetSpec, at: number, head: string, cell: (row: string[], i: number) => string, amount = false): TableSheetSpec {
  const ins = <T>(xs: T[], v: T) => [...xs.slice(0, at), v, ...xs.slice(at)];
  const header = s.header.map((r, i) => ins(r, i === 0 ? head : head === '' ? '' : '^'));
  const rows = s.rows.map((r, i) => ins(r, cell(r, i)));
  const amountCols = [...s.amountCols.map((c) => (c >= at ? c + 1 : c)), ...(amount ? [at] : [])].sort((a, b) => a - b);
  return { ...s, header, rows, amountCols };
}

/** Removes columns (their header cells must not anchor merges reaching other columns). */
function removeCols(s: TableSheetSpec, cols: number[]): TableSheetSpec {
  const keep = (_: string, c: number) => !cols.includes(c);
  const shift = (c: number) => c - cols.filter((x) => x < c).length;
  return {
    ...s,
    header: s.header.map((r) => r.filter(keep)),
    rows: s.rows.map((r) => r.filter(keep)),
    amountCols: s.amountCols.filter((c) => !cols.includes(c)).map(shift),
  };
}

/** Header rows that are nothing but merges from above are dropped. */
function dropEmptyHeaderRows(s: TableSheetSpec): TableSheetSpec {
  return { ...s, header: s.header.filter((r, i) => i === 0 || !r.every((v) => v === '^')) };
}

/** Rows at which a table can be cut without splitting merged cells (the next row starts no '^'). */
function safeCuts(s: TableSheetSpec): number[] {
  const out: number[] = [];
  for (let i = 1; i < s.rows.length; i++) if (!s.rows[i]!.some((v) => v === '^')) out.push(i);
  return out;
}

function insertRows(s: TableSheetSpec, at: number[], make: (width: number, k: number) => string[][]): TableSheetSpec {
  const width = s.header[0]!.length;
  const set = new Set(at);
  const rows: string[][] = [];
  let k = 0;
  s.rows.forEach((r, i) => {
    if (set.has(i)) rows.push(...make(width, k++));
    rows.push(r);
  });
  return { ...s, rows };
}

const blankRow = (w: number): string[] => Array.from({ length: w }, () => '');
function textRow(w: number, at: number, text: string): string[] {
  const r = blankRow(w);
  r[Math.min(at, w - 1)] = text;
  return r;
}

/** Columns of the 功能科目 类 / 款 / 项 group: the column under "功能科目" and the two after it. */
function classCols(s: TableSheetSpec): number[] {
  const c = headerCol(s, '功能科目');
  return c < 0 ? [] : [c, c + 1, c + 2];
}

// ───────────────────────────── the variants ─────────────────────────────

/** 1. 类 / 款 / 项 sub-header written out on 03; 07 and the unit tables without it (功能科目 one merged cell). */
const subHeaders: Variant = {
  name: 'class-subheaders',
  specs: compose(
    onTables(['03'], (s) => ({ ...s, header: [s.header[0]!, s.header[0]!.map((_, c) => (c < 3 ? ['类', '款', '项'][c]! : '^'))] })),
    onTables(
      (s) => s.id !== '03' && classCols(s).length > 0,
      (s) =>
        dropEmptyHeaderRows({
          ...s,
          header: s.header.map((r) => (r[0] === '类' ? r.map((v, c) => (c < 3 ? '^' : v)) : r)),
        }),
    ),
  ),
  verify: (cells, b) => {
    expect(sheetTexts(cells, b, '03')).toContain('款');
    expect(sheetTexts(cells, b, '04')).not.toContain('款');
    expect(sheetTexts(cells, b, '07')).not.toContain('款');
    for (const id of ['03', '04', '07'] as TableId[]) expect(colOf(b, id, '功能科目 › 项')?.role).toBe('classCode');
  },
};

/** 2a. Every code written as a number (款 01 → 1, unit 201001 → 201001, 指标值 500 → 500). */
const numericCodes: Variant = {
  name: 'numeric-codes',
  post: (wb) => {
    for (const name of wb.SheetNames) {
      const ws = wb.Sheets[name]!;
      for (const k of Object.keys(ws)) {
        if (k.startsWith('!')) continue;
        const cell = ws[k] as XLSX.CellObject;
        if (cell.t === 's' && /^\d+$/.test(String(cell.v))) ws[k] = { t: 'n', v: Number(cell.v) };
      }
    }
  },
  verify: (cells, b) => {
    const row = rowsOf(b, '03', (r) => r.kind === 'function' && r.level === 3)[0]!;
    const kuan = colOf(b, '03', '功能科目 › 款')!;
    const cell = cells.sheets.find((s) => s.name === b.tables['03'].sheet)!.rows[row.sheetRow]![kuan.col]!;
    expect(cell.t).toBe('n');
    expect(row.texts['功能科目 › 款']).toBe(row.code!.slice(3, 5)); // 1 → "01"
    expect(rowsOf(b, '04', (r) => r.kind === 'unit').length).toBeGreaterThan(0);
  },
};

/** 2b. "208 01 01" in 科目编码; the whole code in the 类 cell (款 / 项 blank) in the unit tables. */
const joinedCodes: Variant = {
  name: 'joined-codes',
  specs: onTables(
    (s) => classCols(s).length > 0,
    (s) => {
      const [c0, c1, c2] = classCols(s) as [number, number, number];
      const subject = headerCol(s, '科目编码');
      return {
        ...s,
        rows: s.rows.map((r) => {
          if (!/^\d{3}$/.test(r[c0] ?? '')) return r;
          const out = [...r];
          if (subject >= 0) out[subject] = [r[c0], r[c1], r[c2]].filter(Boolean).join(' ');
          else {
            out[c0] = `${r[c0]}${r[c1]}${r[c2]}`;
            out[c1] = '';
            out[c2] = '';
          }
          return out;
        }),
      };
    },
  ),
  verify: (cells, b) => {
    expect(sheetTexts(cells, b, '03').some((t) => /^\d{3} \d{2} \d{2}$/.test(t))).toBe(true);
    expect(sheetTexts(cells, b, '04').some((t) => /^\d{7}$/.test(t))).toBe(true);
    expect(rowsOf(b, '04', (r) => r.kind === 'function').every((r) => r.code!.length === 7)).toBe(true);
  },
};

/** 2c. 科目编码 only: 03 / 07 / 16 without 类 / 款 / 项 columns; the unit tables with one 功能科目编码 column. */
const subjectOnly: Variant = {
  name: 'subject-code-only',
  specs: onTables(
    (s) => classCols(s).length > 0,
    (s) => {
      const [c0, c1, c2] = classCols(s) as [number, number, number];
      if (headerCol(s, '科目编码') >= 0) return removeCols(s, [c0, c1, c2]);
      const joined = insertCol(s, c0, '功能科目编码', (r) => `${r[c0] ?? ''}${r[c1] ?? ''}${r[c2] ?? ''}`.replace(/[<^]/g, ''));
      return removeCols(joined, [c0 + 1, c1 + 1, c2 + 1]);
    },
  ),
  verify: (cells, b) => {
    expect(b.tables['03'].columns.some((c) => c.role === 'classCode')).toBe(false);
    expect(sheetTexts(cells, b, '05')).toContain('功能科目编码');
    expect(sheetTexts(cells, b, '05')).not.toContain('功能科目');
    expect(rowsOf(b, '05', (r) => r.kind === 'function').every((r) => r.level === 3)).toBe(true);
  },
};

/** 3. Header words with spaces, line breaks and the other bracket width; "合 计" / "总  计" rows; a 栏次 row. */
function respell(v: string): string {
  if (isMerge(v) || v === '') return v;
  let s = v.replace(/（/g, '\u0001').replace(/）/g, '\u0002').replace(/\(/g, '（').replace(/\)/g, '）');
  s = s.replace(/\u0001/g, '(').replace(/\u0002/g, ')');
  if (s.replace(/\s+/g, '') === '合计') return '合  计';
  if (s.replace(/\s+/g, '') === '总计') return '总 计';
  const chars = Array.from(s.replace(/\n/g, ''));
  // A line break after the 2nd character and a space after the 1st, as narrow export columns show them.
  return chars.length >= 4 ? `${chars[0]} ${chars[1]}\n${chars.slice(2).join('')} ` : ` ${s}`;
}
const spelling: Variant = {
  name: 'header-spelling',
  specs: onTables(
    () => true,
    (s) => {
      const header = s.header.map((r) => r.map(respell));
      const rows = s.rows.map((r) => r.map((v, c) => (!s.amountCols.includes(c) && /^\s*合\s*计\s*$/.test(v) ? '合 计' : v)));
      if (s.id === '01' || s.id === '06' || s.rows.length === 0) return { ...s, header, rows };
      // 栏次 row: the name column says 栏次, amount columns are numbered 1, 2, 3 …
      const name = s.header[0]!.findIndex((v) => /名称|项目/.test(v));
      const lanci = blankRow(s.header[0]!.length).map((_, c) => {
        const k = s.amountCols.indexOf(c);
        return k >= 0 ? String(k + 1) : c === Math.max(0, name) ? '栏次' : '';
      });
      return { ...s, header, rows: [lanci, ...rows] };
    },
  ),
  verify: (cells, b) => {
    const texts = sheetTexts(cells, b, '05');
    expect(texts).toContain('栏次');
    expect(texts).toContain('总 计');
    expect(texts.some((t) => /^机关 ?.\n/.test(t) || /\n/.test(t))).toBe(true);
    expect(sheetTexts(cells, b, '03')).toContain('合 计');
  },
};

/** 4. Amounts in 元 (金额单位：元): exact sums, no rounding differences at all. */
function inYuan(g: GeneratedBudget): Specs {
  return g.specs.map((s, ti) => {
    const t = g.tables[ti]!;
    if (t.id !== s.id) throw new Error('tables and specs out of step');
    const side = s.id === '01' || s.id === '06';
    const sections = (t as unknown as { sections?: Map<string, number>[] }).sections;
    const keyOf = new Map(g.cells.filter((c) => c.table === s.id).map((c) => [`${c.specRow}:${c.c}`, c.column]));
    const rows = s.rows.map((r, i) =>
      r.map((v, c) => {
        if (!s.amountCols.includes(c) || v === '' || isMerge(v)) return v;
        let yuan: number | undefined;
        if (side) yuan = sections![s.amountCols.indexOf(c)]!.get(lineKey(r[c - 1] ?? ''));
        else {
          const gr = t.rows[i]!;
          yuan = gr.yuan.get(keyOf.get(`${i}:${c}`)!) ?? (c === s.amountCols[0] ? gr.yuan.get('*first') : undefined);
        }
        if (yuan === undefined || yuanToWan(yuan) !== v) throw new Error(`表${s.id} row ${i} col ${c}: ${v} vs ${yuan}`);
        return `${yuan}.00`;
      }),
    );
    return { ...s, rows, unitLine: [s.unitLine[0], '金额单位：元'] as [string, string] };
  });
}

/** 5. Blank rows between data rows, page-number rows, a signature footer, a decorative empty first column. */
const decorations: Variant = {
  name: 'decorations',
  specs: onTables(
    () => true,
    (s) => {
      const cuts = safeCuts(s).filter((_, k) => k % 3 === 1);
      let out = insertRows(s, cuts, (w, k) => (k % 2 === 0 ? [blankRow(w)] : [textRow(w, Math.floor(w / 2), `第 ${k} 页`), blankRow(w)]));
      const w = out.header[0]!.length;
      out = { ...out, rows: [...out.rows, blankRow(w), textRow(w, 0, '单位负责人：王五    制表人：张三'), textRow(w, w - 1, '- 1 -')] };
      return insertCol(out, 0, '', () => '');
    },
  ),
  verify: (cells, b) => {
    expect(sheetTexts(cells, b, '22')).toContain('第 1 页');
    const sheet = cells.sheets.find((s) => s.name === b.tables['03'].sheet)!;
    const first = b.tables['03'].rows[0]!.sheetRow;
    expect(sheet.rows.slice(first).every((r) => r?.[0]?.v === undefined)).toBe(true); // column A empty under the header
    expect(b.tables['03'].columns[0]!.col).toBe(1);
  },
};

/** 5b. A hidden column the template knows (its figures count) and a hidden unknown column of numbers (ignored). */
function hiddenTargets(s: TableSheetSpec): number[] {
  if (s.id === '03') return [headerCol(s, '项目支出')];
  if (s.id === '05') return [headerCol(s, '对个人和家庭的补助')]; // first of the two: 基本支出 › 对个人和家庭的补助
  return [];
}
const hidden: Variant = {
  name: 'hidden-columns',
  specs: onTables(
    () => true,
    (s) => {
      const w = s.header[0]!.length;
      // An internal row id and a check column, both hidden, at the right edge.
      const withId = insertCol(s, w, '行号', (_, i) => String(1000 + i));
      return insertCol(withId, w + 1, '', (r) => (r.some((v) => /\d\.\d\d/.test(v)) ? '12345.67' : ''));
    },
  ),
  post: (wb, specs) => {
    for (const s of specs) {
      const ws = wb.Sheets[s.sheetName]!;
      const w = s.header[0]!.length;
      ws['!cols'] ??= [];
      for (const c of [...hiddenTargets(s), w - 2, w - 1]) ws['!cols'][c] = { hidden: true, wch: 8 };
    }
  },
  verify: (cells, b) => {
    const sheet = cells.sheets.find((s) => s.name === b.tables['03'].sheet)!;
    const project = colOf(b, '03', '项目支出')!;
    expect(sheet.hiddenCols.has(project.col)).toBe(true); // hidden, and still read
    expect(sheetTexts(cells, b, '03')).toContain('行号');
    expect(b.tables['03'].columns.some((c) => c.key === '行号')).toBe(false); // hidden unknown column: ignored
    expect(sheet.hiddenCols.has(b.tables['03'].columns.at(-1)!.col + 1)).toBe(true);
  },
};

/** 6. Sheets named Sheet1…Sheet23 in a scrambled order. */
const sheetNames: Variant = {
  name: 'sheet-names',
  specs: (specs) => {
    const order = specs.map((_, i) => (i * 10 + 7) % specs.length);
    return order.map((i, k) => ({ ...specs[i]!, sheetName: `Sheet${k + 1}` }));
  },
};

/** 7. 表01 without the （三十） line and with extra blank lines; 表06's 功能 lines in another order. */
const lines: Variant = {
  name: 'line-lists',
  ownContent: true,
  specs: compose(
    onTables(['01'], (s) => {
      const rows = s.rows.map((r) => (/抗疫/.test(r[2] ?? '') ? r.map((v, c) => (c === 2 || c === 3 ? '' : v)) : r));
      const at = rows.findIndex((r) => /十一、其他收入/.test(r[0] ?? ''));
      const extra = blankRow(8);
      extra[0] = '十二、用事业基金弥补收支差额';
      extra[6] = '十五、预备费及预留';
      return { ...s, rows: [...rows.slice(0, at + 1), extra, ...rows.slice(at + 1)] };
    }),
    onTables(['06'], (s) => {
      const fn = s.rows.map((r, i) => ({ i, l: r[2] ?? '', a: r[3] ?? '' })).filter((x) => /^（[一二三四五六七八九十]+）/.test(x.l));
      const sorted = [...fn].sort((x, y) => (y.a === '' ? 0 : 1) - (x.a === '' ? 0 : 1) || y.i - x.i);
      const rows = s.rows.map((r) => [...r]);
      fn.forEach((x, k) => {
        rows[x.i]![2] = sorted[k]!.l;
        rows[x.i]![3] = sorted[k]!.a;
      });
      return { ...s, rows };
    }),
  ),
};

/** 7b. 01 / 06 listing only the 功能 classes that have figures (blank lines left out, the list packed up). */
const packedLines: Variant = {
  name: 'packed-function-lines',
  ownContent: true,
  specs: onTables(['01', '06'], (s) => {
    const first = s.rows.findIndex((r) => /^（一）/.test(r[2]!.trim()));
    const last = s.rows.findIndex((r, i) => i > first && !/^（[一二三四五六七八九十]+）/.test(r[2]!.trim()));
    const kept = s.rows.slice(first, last).filter((r) => r[3] !== '').map((r) => [r[2]!, r[3]!]);
    const rows = s.rows.map((r, i) => {
      if (i < first || i >= last) return r;
      const k = kept[i - first];
      return r.map((v, c) => (c === 2 ? (k?.[0] ?? '') : c === 3 ? (k?.[1] ?? '') : v));
    });
    return { ...s, rows };
  }),
  verify: (_, b) => {
    const fn = b.tables['01'].rows.filter((r) => r.section === 'function' && /支出$/.test(r.name) && !/合计/.test(r.name));
    expect(fn.every((r) => !r.amounts['支出 › 预算数']!.blank)).toBe(true);
  },
};

/** 8. Page breaks: the marker, title, unit line and header repeated inside the table, several times. */
const pages: Variant = {
  name: 'page-breaks',
  specs: onTables(
    () => true,
    (s) => {
      const cuts = safeCuts(s).filter((_, k) => k % 4 === 3);
      return insertRows(s, cuts, (w) => {
        const title = blankRow(w).map((_, c) => (c === 0 ? s.title : '<'));
        const unit = blankRow(w);
        unit[0] = s.unitLine[0];
        unit[w - 1] = s.unitLine[1];
        return [blankRow(w), textRow(w, w - 1, s.marker), title, unit, ...s.header.map((r) => [...r])];
      });
    },
  ),
  verify: (cells, b) => {
    expect(sheetTexts(cells, b, '03').filter((t) => t === '部门公开表03').length).toBeGreaterThanOrEqual(2);
    expect(sheetTexts(cells, b, '22').filter((t) => t === '部门公开表22').length).toBeGreaterThanOrEqual(2);
  },
};

/** 8b. Page breaks without marker or title: a page-number row, then the header block again. */
const barePages: Variant = {
  name: 'bare-page-breaks',
  specs: onTables(
    () => true,
    (s) =>
      insertRows(s, safeCuts(s).filter((_, k) => k % 5 === 4), (w, k) => [
        textRow(w, Math.floor(w / 2), `第${k + 1}页，共9页`),
        ...s.header.map((r) => [...r]),
      ]),
  ),
};

/** 10. Titles as other counties write them (no 部门公开表NN markers); unit lines in other words. */
const TITLE_FORMS = [
  (t: string, d: string) => `${d}2025年部门预算${t}`,
  (t: string, d: string) => `2025年${d}${t}`,
  (t: string) => `2025年度${t}`,
  (t: string) => `${t}（2025年）`,
  (t: string) => ` ${t.replace(/（/g, '(').replace(/）/g, ')')} `,
];
const titles: Variant = {
  name: 'titles-and-unit-lines',
  specs: (specs) =>
    specs.map((s, i) => {
      const dept = s.unitLine[0].replace(/^单位[:：]\s*/, '');
      const unitLine: [string, string] =
        i % 3 === 0 ? [`编制单位：${dept}`, '单位：万元'] : i % 3 === 1 ? [`部门名称：${dept}`, '金额单位:万元'] : [`单位：${dept}      金额单位：万元`, ''];
      return { ...s, marker: i % 2 === 0 ? '' : `部门预算公开表${s.id}`, title: TITLE_FORMS[i % TITLE_FORMS.length]!(s.title, dept), unitLine };
    }),
  verify: (cells, b) => {
    expect(b.unit).toBe('万元');
    expect(sheetTexts(cells, b, '09').some((t) => t.endsWith('（2025年）') && t.includes('工资福利支出'))).toBe(true);
    expect(sheetTexts(cells, b, '02').some((t) => /^2025年.+局收入总表$/.test(t))).toBe(true);
    expect(sheetTexts(cells, b, '02')).toContain('部门预算公开表02');
  },
};

/** 11. 表22 / 23 unmerged: every indicator row repeats the owner's code, name and goal; the amount only on the owner's first row. */
const unmerged: Variant = {
  name: 'unmerged-indicator-rows',
  specs: onTables(['22', '23'], (s) => {
    const rows: string[][] = [];
    for (const r of s.rows) rows.push(r.map((v, c) => (v !== '^' ? v : s.amountCols.includes(c) ? '' : rows[rows.length - 1]![c]!)));
    return { ...s, rows };
  }),
  verify: (cells, b) => {
    expect(b.tables['22'].rows.filter((r) => r.kind === 'indicator').length).toBeGreaterThan(10);
    const sheet = cells.sheets.find((x) => x.name === b.tables['22'].sheet)!;
    expect(sheet.merges.filter((m) => m.s.r > b.tables['22'].rows[0]!.sheetRow && m.s.c < 3)).toEqual([]);
  },
};

/** 12. Amounts stored as text ("1,234.56"), the way some exports write every cell. */
const textAmounts: Variant = {
  name: 'text-amounts',
  build: (specs) => buildWorkbook(specs, { amountsAsText: true }),
  verify: (cells, b) => {
    const a = b.tables['03'].rows.find((r) => r.kind === 'total')!.amounts['合计']!;
    expect(cellOf(cells, b, '03', a.ref.cell)?.t).toBe('s');
  },
};

/** 13. 类 / 款 / 项 cumulative ("208", "20801", "2080101") in 03 / 07 / 04 … */
const cumulativeCodes: Variant = {
  name: 'cumulative-codes',
  specs: onTables(
    (s) => classCols(s).length > 0,
    (s) => {
      const [c0, c1, c2] = classCols(s) as [number, number, number];
      return {
        ...s,
        rows: s.rows.map((r) => {
          if (!/^\d{3}$/.test(r[c0] ?? '')) return r;
          const out = [...r];
          if (r[c1]) out[c1] = `${r[c0]}${r[c1]}`;
          if (r[c2]) out[c2] = `${r[c0]}${r[c1]}${r[c2]}`;
          return out;
        }),
      };
    },
  ),
  verify: (cells, b) => expect(sheetTexts(cells, b, '03').some((t) => /^\d{7}$/.test(t))).toBe(true),
};

/** 14. All 23 tables stacked in one sheet, each with page breaks. */
const stacked: Variant = {
  name: 'stacked-one-sheet',
  build: (specs) => {
    const wb = XLSX.utils.book_new();
    const [first, ...rest] = pages.specs!(specs);
    addTableSheet(wb, { ...first!, sheetName: '预算公开' });
    for (const s of rest) addTableSheet(wb, s, { ws: wb.Sheets['预算公开']! });
    return wb;
  },
  verify: (cells) => expect(cells.sheets).toHaveLength(1),
};

/** 6b. Tables side by side: two (or three) tables next to each other in one sheet, a blank column between. */
function sideBySideBook(specs: Specs, perSheet: number): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  for (let i = 0; i < specs.length; i += perSheet) {
    const ws: XLSX.WorkSheet = {};
    const merges: XLSX.Range[] = [];
    let off = 0;
    let last = { r: 0, c: 0 };
    for (const spec of specs.slice(i, i + perSheet)) {
      const one = buildWorkbook([spec]);
      const src = one.Sheets[one.SheetNames[0]!]!;
      for (const k of Object.keys(src)) {
        if (k.startsWith('!')) continue;
        const { r, c } = XLSX.utils.decode_cell(k);
        ws[XLSX.utils.encode_cell({ r, c: c + off })] = src[k] as XLSX.CellObject;
      }
      merges.push(...(src['!merges'] ?? []).map((m) => ({ s: { r: m.s.r, c: m.s.c + off }, e: { r: m.e.r, c: m.e.c + off } })));
      const rg = XLSX.utils.decode_range(src['!ref']!);
      last = { r: Math.max(last.r, rg.e.r), c: rg.e.c + off };
      off += rg.e.c + 2;
    }
    ws['!merges'] = merges;
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: last });
    XLSX.utils.book_append_sheet(wb, ws, `第${i / perSheet + 1}页`);
  }
  return wb;
}
const sideBySideTables: Variant = {
  name: 'side-by-side-tables',
  build: (specs) => sideBySideBook(specs, 2),
  verify: (cells, b) => {
    expect(cells.sheets).toHaveLength(12);
    expect(b.tables['03'].sheet).toBe(b.tables['04'].sheet);
    expect(b.tables['04'].columns[0]!.col).toBeGreaterThan(b.tables['03'].columns.at(-1)!.col);
  },
};

/** 15. Other words for the row-header columns: 单位名称 / 科目名称 for 单位名称（功能科目）, 单位编码 for 单位代码 … */
const rowHeaderWords: Variant = {
  name: 'row-header-synonyms',
  specs: onTables(
    () => true,
    (s) => ({
      ...s,
      header: s.header.map((r, i) =>
        r.map((v) => {
          const w = v.replace(/\s+/g, '');
          if (w === '单位名称（功能科目）') return i % 2 === 0 ? '单位名称' : '科目名称';
          if (w === '单位代码') return '单位编码';
          if (w === '单位编码') return '单位代码';
          if (w === '部门（单位）代码') return '单位代码';
          if (w === '部门（单位）名称') return '单位名称';
          return v;
        }),
      ),
    }),
  ),
};

/** 16. Merged header cells written out (the text repeated in every cell) or left blank after the first. */
function unmergeHeader(header: string[][], fill: boolean): string[][] {
  const out = header.map((r) => [...r]);
  for (let r = 0; r < out.length; r++) {
    for (let c = 0; c < out[r]!.length; c++) {
      const v = out[r]![c]!;
      if (v === '<') out[r]![c] = fill ? out[r]![c - 1]! : '';
      else if (v === '^') out[r]![c] = fill ? out[r - 1]![c]! : '';
    }
  }
  return out;
}
const headerFilled: Variant = {
  name: 'header-unmerged-filled',
  specs: onTables(() => true, (s) => ({ ...s, header: unmergeHeader(s.header, true) })),
};
const headerBlank: Variant = {
  name: 'header-unmerged-blank',
  specs: onTables(() => true, (s) => ({ ...s, header: unmergeHeader(s.header, false) })),
};

/** 17. Lines of 01 / 06 numbered another way: "一." for "一、", "(1)" for "（一）", no indentation. */
const numbering: Variant = {
  name: 'line-numbering',
  specs: onTables(['01', '06'], (s) => {
    const cn = '一二三四五六七八九十';
    const num = (t: string) => (t.length === 1 ? cn.indexOf(t) + 1 : t === '十' ? 10 : t.startsWith('十') ? 10 + cn.indexOf(t[1]!) + 1 : t.endsWith('十') ? (cn.indexOf(t[0]!) + 1) * 10 : (cn.indexOf(t[0]!) + 1) * 10 + cn.indexOf(t[2]!) + 1);
    const renumber = (v: string) =>
      v
        .trim()
        .replace(/^([一二三四五六七八九十]+)、/, '$1.')
        .replace(/^（([一二三四五六七八九十]+)）/, (_, n: string) => `(${num(n)})`);
    return { ...s, rows: s.rows.map((r) => r.map((v, c) => (s.amountCols.includes(c) ? v : renumber(v)))) };
  }),
  verify: (cells, b) => {
    expect(sheetTexts(cells, b, '01')).toContain('(30)抗疫特别国债安排的支出');
    expect(sheetTexts(cells, b, '01')).toContain('一.一般公共预算拨款收入');
  },
};

/** 18. The 合计 row last instead of first (as 08 has it). */
const totalsLast: Variant = {
  name: 'totals-last',
  specs: onTables(
    (s) => !['01', '06', '22', '23'].includes(s.id),
    (s) => {
      const i = s.rows.findIndex((r) => r.some((v, c) => !s.amountCols.includes(c) && /^合\s*计$/.test(v.trim())));
      if (i !== 0 || s.rows.length < 2) return s;
      const total = s.rows[0]!.map((v) => (/^合\s*计$/.test(v.trim()) ? '总  计' : v));
      return { ...s, rows: [...s.rows.slice(1), total] };
    },
  ),
};

/** 19. No 部门 rows: the units straight under 合计. */
const noDepartmentRows: Variant = {
  name: 'no-department-rows',
  ownContent: true,
  specs: onTables(
    () => true,
    (s) => {
      const dept = s.unitLine[0].replace(/^单位[:：]\s*/, '');
      return { ...s, rows: s.rows.filter((r) => !(r.some((v) => v.trim() === dept) && r.some((v) => v.trim() === '201'))) };
    },
  ),
  verify: (_, b) => {
    expect(b.tables['03'].rows.some((r) => r.kind === 'department')).toBe(false);
    expect(b.tables['03'].rows.some((r) => r.kind === 'unit')).toBe(true);
  },
};

/** 20. Tables with no amounts (16–20) published with their header and 说明 only, no 合计 row. */
const emptyWithoutTotal: Variant = {
  name: 'empty-tables-without-total',
  ownContent: true,
  specs: onTables(
    (s) => (s.notes ?? []).some((n) => /无/.test(n)) && s.rows.every((r) => s.amountCols.every((c) => !r[c] || /^0(\.0+)?$/.test(r[c]!))),
    (s) => ({ ...s, rows: [] }),
  ),
  verify: (_, b) => expect(b.tables['19'].rows).toEqual([]),
};

/** 21. A cover, a table of contents listing every title, and a narrative sheet mentioning tables, before the tables. */
const frontMatter: Variant = {
  name: 'cover-contents-narrative',
  build: (specs) => {
    const wb = XLSX.utils.book_new();
    const dept = specs[0]!.unitLine[0].replace(/^单位[:：]\s*/, '');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([[`${dept}`], ['2025年部门预算公开'], [''], ['二〇二五年一月']]), '封面');
    const toc = [['目录'], ...specs.map((s, i) => [`部门公开表${s.id}`, s.title, `第${i + 3}页`])];
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(toc), '目录');
    const text = [
      ['第一部分 部门概况'],
      ['一、部门职责：负责全县人力资源和社会保障工作。'],
      ['第二部分 2025年部门预算表'],
      ['详见部门公开表01收支总表、部门公开表02收入总表。'],
      ['收支总表'],
      ['一般公共预算“三公”经费支出表：2025年“三公”经费预算数比上年减少。'],
    ];
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(text), '部门预算说明');
    const tables = buildWorkbook(specs);
    for (const n of tables.SheetNames) XLSX.utils.book_append_sheet(wb, tables.Sheets[n]!, n);
    return wb;
  },
  verify: (cells, b) => {
    expect(cells.sheets[1]!.name).toBe('目录');
    expect(b.tables['01'].sheet).not.toBe('部门预算说明');
  },
};

/** 22. 表21 with a unit row over each unit's projects (as 22 has them). */
function sumCells(rows: string[][], c: number): string {
  let h = 0;
  let any = false;
  for (const r of rows) {
    const v = (r[c] ?? '').replace(/,/g, '');
    if (!v) continue;
    any = true;
    const [i = '0', d = '00'] = v.split('.');
    h += Number(i) * 100 + Number(d.padEnd(2, '0').slice(0, 2));
  }
  return any ? yuanToWan(h * 100) : '';
}
function unitsIn21(base: Specs, unitNames: Map<string, string>): Variant {
  // The unit rows' figures come from the unplanted budget (a planted change must not move them too).
  const sums = new Map<string, string>();
  const b21 = base.find((x) => x.id === '21')!;
  for (const code of unitNames.keys()) {
    const group = b21.rows.filter((r) => r[0]!.trim() === code);
    for (const c of b21.amountCols) sums.set(`${code}:${c}`, sumCells(group, c));
  }
  return {
    name: 'unit-rows-in-21',
    ownContent: true,
    specs: onTables(['21'], (s) => {
      const rows: string[][] = [];
      let i = 0;
      while (i < s.rows.length) {
        const r = s.rows[i]!;
        const code = r[0]!.trim();
        if (!/^\d{6}$/.test(code)) {
          rows.push(r);
          i++;
          continue;
        }
        let j = i;
        while (j < s.rows.length && s.rows[j]![0]!.trim() === code) j++;
        const group = s.rows.slice(i, j);
        rows.push(r.map((_, c) => (c === 0 ? code : c === 1 ? `  ${unitNames.get(code)!}` : s.amountCols.includes(c) ? sums.get(`${code}:${c}`)! : '')));
        rows.push(...group.map((g) => g.map((v, c) => (c === 1 ? `    ${v.trim()}` : v))));
        i = j;
      }
      return { ...s, rows };
    }),
    verify: (_, b) => {
      const units = b.tables['21'].rows.filter((r) => r.kind === 'unit');
      expect(units.length).toBe(unitNames.size);
      expect(b.tables['21'].rows.filter((r) => r.kind === 'project').length).toBeGreaterThan(units.length);
    },
  };
}

/** 23. A unit line without the department ("单位：万元" alone): the department comes from the 部门 rows. */
const noDepartmentLine: Variant = {
  name: 'unit-line-without-department',
  specs: (specs) => specs.map((s) => ({ ...s, unitLine: ['', '单位：万元'] as [string, string] })),
  verify: (cells, b) => expect(sheetTexts(cells, b, '03').some((t) => t.includes('单位：') && t.length > 5)).toBe(false),
};

/** 24. A 序号 column numbering the rows (numeric cells), left of the table. */
const rowNumbers: Variant = {
  name: 'row-number-column',
  specs: onTables(
    (s) => s.id !== '01' && s.id !== '06',
    (s) => {
      let n = 0;
      return insertCol(s, 0, '序号', (r) => (r[0] === '^' ? '^' : String(++n)));
    },
  ),
  post: numericCodes.post!,
  verify: (_, b) => expect(b.tables['03'].columns[0]!.key).toBe('序号'),
};

/** 25. Last year's figures beside this year's ("2024年合计" before "2025年合计"): read the 2025 column, report the other. */
const priorYear: Variant = {
  name: 'prior-year-columns',
  problems: [/表03 支出总表: column "2024年合计" holds figures/, /表05 .*: column "2024年总计" holds figures/],
  specs: onTables(['03', '05'], (s) => {
    const word = s.id === '03' ? '合计' : '总计';
    const at = headerCol(s, word);
    const out = insertCol(s, at, `2024年${word}`, (r) => (r[at] && !isMerge(r[at]) ? '1.00' : ''), true);
    return { ...out, header: out.header.map((r) => r.map((v, c) => (c === at + 1 && v.replace(/\s+/g, '') === word ? `2025年${word}` : v))) };
  }),
  verify: (_, b) => {
    const c = colOf(b, '03', '合计')!;
    expect(b.tables['03'].columns.find((x) => x.col === c.col - 1)!.key).toBe('2024年合计');
  },
};

/** 26. Longer codes: the 部门 430201 over units 430201001 … (other systems prefix the region). */
const longCodes: Variant = {
  name: 'long-department-codes',
  ownContent: true,
  specs: onTables(
    () => true,
    (s) => {
      const dept = s.unitLine[0].replace(/^单位[:：]\s*/, '');
      const recode = (v: string, r: string[]) =>
        v.trim() === '201' && r.some((x) => x.trim() === dept) ? '430201' : /^201\d{3}$/.test(v.trim()) ? `430${v.trim()}` : v;
      return { ...s, rows: s.rows.map((r) => r.map((v) => recode(v, r))) };
    },
  ),
  verify: (_, b) => {
    for (const id of ['02', '03', '15', '21'] as TableId[]) {
      expect(b.tables[id].rows.filter((r) => r.kind === 'department').map((r) => r.code), `表${id}`).toEqual(['430201']);
    }
    expect(b.tables['04'].rows.filter((r) => r.kind === 'unit').every((r) => /^430201\d{3}$/.test(r.code!))).toBe(true);
  },
};

/** 9. Legacy .xls. */
const legacy: Variant = { name: 'legacy-xls', bookType: 'xls', verify: (cells) => expect(cells.bookType).toBe('xls') };

/** Many of the above at once, saved as .xls. */
const combined: Variant = {
  name: 'combined',
  specs: compose(
    subHeaders.specs!,
    joinedCodes.specs!,
    rowHeaderWords.specs!,
    spelling.specs!,
    totalsLast.specs!,
    decorations.specs!,
    pages.specs!,
    sheetNames.specs!,
  ),
  post: numericCodes.post!,
  bookType: 'xls',
};

// ───────────────────────────── tests ─────────────────────────────

const GEN_PLANTS: Plant[] = [
  { table: '03', pick: -1, delta: 100 },
  { table: '05', pick: 7, delta: -100 },
];

describe('unseen layouts of a generated multi-unit budget', () => {
  const plain = load(GEN.specs, { name: 'plain' }, 'plain');

  it('the plain layout is clean (baseline)', () => {
    expect(plain.problems).toEqual([]);
    expect(errors(audit(plain))).toEqual([]);
  });

  it.each(([
    [subHeaders, [{ table: '05', pick: 7, delta: -100 }]],
    [numericCodes, [{ table: '10', pick: 3, delta: 100 }]],
    [joinedCodes, [{ table: '12', pick: -1, delta: -100 }]],
    [subjectOnly, [{ table: '04', pick: -1, delta: 100 }]],
    [spelling, [{ table: '01', pick: 2, delta: 100 }]],
    [decorations, [{ table: '03', pick: -1, delta: -100 }]],
    [hidden, [{ table: '03', pick: 4, delta: 100 }, { table: '05', pick: 1, delta: 100 }]],
    [sheetNames, [{ table: '08', pick: 4, delta: 100 }]],
    [lines, [{ table: '06', pick: 3, delta: -100 }]],
    [pages, [{ table: '21', pick: -1, delta: 100 }]],
    [legacy, [{ table: '14', pick: 1, delta: 100 }]],
    [combined, [{ table: '05', pick: 7, delta: -100 }, { table: '22', pick: -1, delta: 100 }]],
    [barePages, [{ table: '10', pick: -1, delta: 100 }]],
    [titles, [{ table: '11', pick: 0, delta: 100 }]],
    [unmerged, [{ table: '22', pick: 2, delta: 100 }]],
    [textAmounts, [{ table: '03', pick: -1, delta: 100 }]],
    [cumulativeCodes, [{ table: '07', pick: -3, delta: 100 }]],
    [stacked, [{ table: '18', pick: 1, delta: 100 }]],
    [{ ...hidden, name: 'hidden-columns-xls', bookType: 'xls' }, [{ table: '03', pick: 4, delta: -100 }]],
    [rowHeaderWords, [{ table: '15', pick: -1, delta: 100 }]],
    [headerFilled, [{ table: '02', pick: 2, delta: 100 }]],
    [headerBlank, [{ table: '16', pick: 0, delta: 100 }]],
    [numbering, [{ table: '06', pick: -2, delta: 100 }]],
    [packedLines, [{ table: '01', pick: 3, delta: 100 }]],
    [totalsLast, [{ table: '02', pick: -1, delta: 100 }]],
    [noDepartmentRows, [{ table: '15', pick: 0, delta: 100 }]],
    [emptyWithoutTotal, [{ table: '03', pick: 0, delta: 100 }]],
    [frontMatter, [{ table: '01', pick: 0, delta: 100 }]],
    [unitsIn21(GEN.specs, new Map(GEN.model.units.map((u) => [u.code, u.name]))), [{ table: '21', pick: -1, delta: 100 }]],
    [noDepartmentLine, [{ table: '13', pick: 0, delta: 100 }]],
    [rowNumbers, [{ table: '03', pick: -1, delta: 100 }]],
    [priorYear, [{ table: '03', pick: 0, delta: 100 }]],
    [longCodes, [{ table: '04', pick: -1, delta: 100 }]],
    [sideBySideTables, [{ table: '04', pick: 3, delta: 100 }, { table: '22', pick: 0, delta: -100 }]],
    [{ name: 'three-side-by-side-with-page-breaks', specs: pages.specs!, build: (s: Specs) => sideBySideBook(s, 3) }, [{ table: '06', pick: 1, delta: 100 }]],
  ] as [Variant, Plant[]][]).map(([v, p]) => [v.name, v, p] as const))('%s', (_, v, plants) => {
    checkVariant(GEN.specs, v, plants, plain);
  });

  it('amounts in 元 (金额单位：元): exact, read as 元, planted ±1.00 元 caught', () => {
    const yuan = inYuan(GEN);
    const v: Variant = { name: 'yuan', ownContent: true };
    checkVariant(yuan, v, GEN_PLANTS);
    const b = load(yuan, v, 'yuan');
    expect(b.unit).toBe('元');
    // The same figures as the 万元 layout, scaled: 合计 of 表03 in 元 is 10 000 × the 万元 figure up to rounding.
    const total = (x: Budget) => x.tables['03'].rows.find((r) => r.kind === 'total')!.amounts['合计']!.value;
    expect(total(b).div(10000).minus(total(plain)).abs().lte(0.005)).toBe(true);
    expect(audit(b).summary.rounding).toBe(0);
  });
});

describe('figures to 4 decimals of 万元 (to the 元)', () => {
  it('exact, no rounding differences, planted ±1.00 caught', () => {
    const four = inYuan(GEN).map((s) => ({
      ...s,
      unitLine: [s.unitLine[0], '金额单位：万元'] as [string, string],
      rows: s.rows.map((r) =>
        r.map((v, c) => {
          if (!s.amountCols.includes(c) || !/^\d+\.00$/.test(v)) return v;
          const y = v.slice(0, -3).padStart(5, '0');
          return `${y.slice(0, -4)}.${y.slice(-4)}`;
        }),
      ),
    }));
    const v: Variant = { name: 'four-decimals', ownContent: true };
    checkVariant(four, v, [{ table: '05', pick: 7, delta: 100 }]);
    const b = load(four, v, 'four-decimals');
    expect(b.unit).toBe('万元');
    expect(audit(b).summary.rounding).toBe(0);
  });
});

describe('unseen layouts of the sample', () => {
  const plain = load(SAMPLE, { name: 'sample' }, 'sample');
  it.each(
    (
      [
        [subjectOnly, [{ table: '03', pick: 10, delta: 100 }]],
        [spelling, [{ table: '09', pick: -1, delta: -100 }]],
        [hidden, [{ table: '03', pick: 10, delta: 100 }]],
        [titles, [{ table: '13', pick: 1, delta: 100 }]],
        [headerBlank, [{ table: '02', pick: 0, delta: 100 }]],
        [combined, [{ table: '07', pick: 3, delta: 100 }]],
        [unitsIn21(SAMPLE, new Map([['201001', '衡南县人力资源和社会保障局']])), [{ table: '21', pick: 4, delta: 100 }]],
      ] as [Variant, Plant[]][]
    ).map(([v, p]) => [v.name, v, p] as const),
  )('%s', (_, v, plants) => {
    checkVariant(SAMPLE, v, plants, plain);
  });
});

describe('what is and is not a table title (no marker to help)', () => {
  const titles = titleIndex(HUNAN_TEMPLATE);
  it.each([
    ['2025年衡南县人力资源和社会保障局收支总表', '01'],
    ['示例县民政局2025年部门预算财政拨款收支总表', '06'],
    ['衡南县人力资源和社会保障局一般公共预算基本支出表--人员经费(工资福利支出)(按政府预算经济分类)', '09'],
    ['衡南县人力资源和社会保障局一般公共预算基本支出表', '08'],
    ['收支总表（2025年）', '01'],
    ['表1 收支总表', '01'],
    ['附表二十一：专项资金预算汇总表', '21'],
    ['说明：本单位无政府性基金预算支出表', undefined],
    ['详见收支总表', undefined],
    ['本部门收支总表', undefined],
    ['以下为2025年衡南县人力资源和社会保障局收支总表，请审阅。', undefined],
  ])('%s → %s', (text, id) => {
    expect(matchTitle(text, titles)).toBe(id);
  });
  it('部门预算公开表NN / 预算公开表NN are markers too', () => {
    expect(matchMarker('部门预算公开表03', titles)?.marker).toBe('03');
    expect(matchMarker('预算公开表 7', titles)?.marker).toBe('07');
  });
});

describe('01 / 06 lines numbered with Arabic numerals at the top level', () => {
  // "1.本年收入" / "2、上年结转" over "（一）一般公共预算拨款": the same hierarchy as "一、" — the （一）
  // lines are children, not siblings, so 收入总计 is not summed twice.
  const arabic: Variant = {
    name: 'arabic-numbering',
    ownContent: true,
    specs: onTables(['06'], (s) => ({
      ...s,
      rows: s.rows.map((r) => r.map((v, c) => (c === 0 || c === 2 ? v.replace(/^一、/, '1.').replace(/^二、/, '2、') : v))),
    })),
    verify: (_cells, b) => {
      const labels = b.tables['06'].rows.map((r) => r.label.replace(/\s/g, ''));
      expect(labels).toContain('1.本年收入');
      expect(labels).toContain('2、上年结转');
    },
  };
  it('loads and audits with 0 errors; a planted change is still caught', () => {
    checkVariant(SAMPLE, arabic, [{ table: '06', pick: 0, delta: 100 }]);
  });
});
