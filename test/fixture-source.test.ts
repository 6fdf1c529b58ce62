/**
 * The sample workbook and its readable sources: every source parses, its
 * header reads as the template's column paths, the committed .xlsx is what
 * `npm run fixture` builds, and facts written by hand from the reference
 * (../shared/reference/hengnan-hrss-2025-budget.txt) hold in the workbook.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import {
  addTableSheet,
  AMOUNT_FORMAT,
  buildWorkbook,
  legalSheetName,
  loadSampleSpecs,
  parseTableSource,
  SAMPLE_XLSX,
  tableToAoa,
  writeWorkbookFile,
  type TableSheetSpec,
} from '../fixtures/lib/sheet-writer.js';
import { HUNAN_23 } from '../src/templates/hunan-23.js';
import { sharedDir } from './report-support.js';

const specs = loadSampleSpecs();
const byId = new Map(specs.map((s) => [s.id, s]));
const sample = XLSX.read(fs.readFileSync(SAMPLE_XLSX), { cellNF: true });

/** Whitespace, line breaks and bracket width do not change a header word. */
const norm = (s: string): string => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

/** Column paths of a header grid, read top-down through "<" / "^" merges. */
function headerPaths(header: string[][]): string[][] {
  const width = header[0]!.length;
  const anchor = (r: number, c: number): [number, number] => {
    for (;;) {
      const v = header[r]![c];
      if (v === '<') c--;
      else if (v === '^') r--;
      else return [r, c];
    }
  };
  return Array.from({ length: width }, (_, c) => {
    const seen = new Set<string>();
    const p: string[] = [];
    for (let r = 0; r < header.length; r++) {
      const [ar, ac] = anchor(r, c);
      const key = `${ar},${ac}`;
      if (!seen.has(key)) {
        seen.add(key);
        p.push(header[ar]![ac]!);
      }
    }
    return p;
  });
}

const cellAt = (ws: XLSX.WorkSheet, r: number, c: number): XLSX.CellObject | undefined =>
  ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
const text = (cell: XLSX.CellObject | undefined): string => (cell?.v === undefined ? '' : String(cell.v));

/** The sheet holding table `id`, found by its marker text (not by name). */
function sheetOf(id: string): XLSX.WorkSheet {
  for (const name of sample.SheetNames) {
    const ws = sample.Sheets[name]!;
    for (const [addr, cell] of Object.entries(ws)) {
      if (!addr.startsWith('!') && text(cell as XLSX.CellObject).trim() === `部门公开表${id}`) return ws;
    }
  }
  throw new Error(`no sheet with 部门公开表${id}`);
}

/** Data row (0-based) of table `id` whose trimmed cells include all of `labels`. */
function findRow(id: string, ...labels: string[]): number {
  const ws = sheetOf(id);
  const { dataRows } = tableToAoa(byId.get(id)!);
  const width = XLSX.utils.decode_range(ws['!ref']!).e.c + 1;
  for (let r = dataRows[0]; r <= dataRows[1]; r++) {
    const texts = new Set<string>();
    for (let c = 0; c < width; c++) texts.add(text(cellAt(ws, r, c)).trim());
    if (labels.every((l) => texts.has(l))) return r;
  }
  throw new Error(`表${id}: no row with ${labels.join(', ')}`);
}

/** Column (0-based) of table `id` whose lowest header cell reading `label` (line breaks and spaces ignored) sits on. */
function findCol(id: string, label: string): number {
  const ws = sheetOf(id);
  const { headerRows, width } = tableToAoa(byId.get(id)!);
  for (let r = headerRows[1]; r >= headerRows[0]; r--) {
    for (let c = 0; c < width; c++) if (norm(text(cellAt(ws, r, c))) === norm(label)) return c;
  }
  throw new Error(`表${id}: no header ${label}`);
}

/** Numeric amount at (row with labels, column header), formatted as published ("1,234.56"). */
function amountAt(id: string, rowLabels: string[], column: string): string | undefined {
  const cell = cellAt(sheetOf(id), findRow(id, ...rowLabels), findCol(id, column));
  if (!cell) return undefined;
  expect(cell.t).toBe('n');
  expect(cell.z).toBe(AMOUNT_FORMAT);
  return XLSX.SSF.format(AMOUNT_FORMAT, cell.v as number);
}

describe('sources', () => {
  it('has one source per table, 01 … 23, in order', () => {
    expect(specs.map((s) => s.id)).toEqual(HUNAN_23.map((t) => t.id));
  });

  it.each(specs.map((s) => [s.id, s] as const))('表%s header reads as the template columns', (id, spec) => {
    const template = HUNAN_23.find((t) => t.id === id)!;
    expect(norm(spec.title)).toBe(norm(template.title));
    expect(spec.marker).toBe(`部门公开表${id}`);
    const got = headerPaths(spec.header).map((p) => p.map(norm));
    const want = template.columns.map((c) => c.path.map(norm));
    if (id === '03') {
      // 表03 publishes 功能科目 as one merged cell over 类/款/项, without the sub-header row.
      expect(got.slice(0, 3)).toEqual([['功能科目'], ['功能科目'], ['功能科目']]);
      expect(got.slice(3)).toEqual(want.slice(3));
    } else {
      expect(got).toEqual(want);
    }
    const amountCols = template.columns.flatMap((c, i) => (c.role === 'amount' ? [i] : []));
    expect(spec.amountCols).toEqual(amountCols);
  });

  it('keeps the unit lines as published (表08 says 单位：万元)', () => {
    for (const s of specs) {
      expect(s.unitLine[0]).toBe('单位：衡南县人力资源和社会保障局');
      expect(s.unitLine[1]).toBe(s.id === '08' ? '单位：万元' : '金额单位：万元');
    }
  });
});

describe('sources against the reference text', () => {
  const referenceFile = path.join(sharedDir(), 'reference', 'hengnan-hrss-2025-budget.txt');
  const haveReference = fs.existsSync(referenceFile);

  /** Each table's text in part 2 of the reference (all its pages), keyed by id. */
  function referenceChunks(): Map<string, string> {
    const ref = fs.readFileSync(referenceFile, 'utf8');
    const part = ref.slice(ref.indexOf('第二部分'));
    const marks = [...part.matchAll(/部门公开表(\d\d)/g)].map((m) => [m[1]!, m.index] as const);
    const chunks = new Map<string, string>();
    marks.forEach(([id, at], i) => {
      const end = i + 1 < marks.length ? marks[i + 1]![1] : part.length;
      chunks.set(id, (chunks.get(id) ?? '') + '\n' + part.slice(at, end));
    });
    return chunks;
  }

  // The PDF drops blank cells, so reading a table's amounts row by row gives
  // the same sequence as the source's non-blank amount cells, row by row.
  // (表22 repeats each project's amount on every page it spans: checked below.)
  it.skipIf(!haveReference)('every table has the reference amounts, in reading order', () => {
    const chunks = referenceChunks();
    for (const spec of specs.filter((s) => s.id !== '22')) {
      const chunk = chunks.get(spec.id)!.replace(/(\d\.)\s*\n\s*(\d\d)/g, '$1$2'); // "2,424.\n\n73"
      const published = [...chunk.matchAll(/(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d\d(?!\d)/g)].map((m) => m[0]);
      const amountCols = new Set(spec.amountCols);
      const ours = spec.rows.flatMap((r) => r.filter((v, c) => amountCols.has(c) && v !== '' && v !== '^'));
      expect(ours, `表${spec.id}`).toEqual(published);
    }
  });

  it('表22 has the projects and amounts of 表21', () => {
    const projects = (id: string, nameCol: number, amountCol: number) =>
      byId
        .get(id)!
        .rows.filter((r) => r[0] === '201001' && r[1]!.trim().startsWith('2025年'))
        .map((r) => `${r[nameCol]!.trim()} ${r[amountCol]}`)
        .sort();
    expect(projects('22', 1, 2)).toEqual(projects('21', 1, 2));
    expect(projects('21', 1, 2)).toHaveLength(20);
  });
});

// Column placement: every row's 合计 equals its parts, within the reference's
// own rounding (one cent: e.g. 表10 社会保障缴费 合计 384.50 vs parts 384.51).
describe('row identities of the sources (placement check)', () => {
  const cents = (v: string | undefined): number => (v && v !== '^' ? Math.round(Number(v.replace(/,/g, '')) * 100) : 0);
  const span = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  // [table, total column, part columns] — 1-based columns as in the sources' "amounts:" lines.
  const identities: [string, number, number[]][] = [
    ['03', 6, [7, 8, 9, 10, 11]],
    ['04', 6, span(7, 20)],
    ['05', 6, [7, 11]], ['05', 7, [8, 9, 10]], ['05', 11, span(12, 21)],
    ['07', 6, [7, 11]], ['07', 7, [8, 9, 10]],
    ['08', 3, [4, 5]],
    ['09', 6, [7, 12]], ['09', 7, span(8, 11)], ['09', 12, [13, 14]],
    ['10', 6, [7, 12, 18, 19]], ['10', 7, span(8, 11)], ['10', 12, span(13, 17)], ['10', 19, span(20, 22)],
    ['11', 6, span(7, 11)], ['12', 6, span(7, 18)],
    ['13', 6, [7, 18]], ['13', 7, span(8, 17)], ['13', 18, [19, 20]],
    ['14', 6, span(7, 33)],
    ['15', 3, [4, 5, 8]], ['15', 5, [6, 7]],
    ['21', 3, [4, 10, 11, 12]], ['21', 3, [13, 14]],
    ['23', 3, span(4, 7)], ['23', 3, [8, 9]],
  ];
  it.each(identities)('表%s: column %i = sum of %j', (id, total, parts) => {
    for (const row of byId.get(id)!.rows) {
      const diff = cents(row[total - 1]) - parts.reduce((t, c) => t + cents(row[c - 1]), 0);
      expect(Math.abs(diff), row.join(' | ')).toBeLessThanOrEqual(1);
    }
  });

  it('the 合计 rows of 03–14 equal the sum of their 项 rows, column by column', () => {
    for (const id of ['03', '04', '05', '07', '09', '10', '11', '12', '13', '14']) {
      const spec = byId.get(id)!;
      const items = spec.rows.filter((r) => /^\d\d$/.test(r[2]!)); // 类 | 款 | 项 all present
      for (const c of spec.amountCols) {
        const diff = cents(spec.rows[0]![c]) - items.reduce((t, r) => t + cents(r[c]), 0);
        expect(Math.abs(diff), `表${id} column ${c + 1}`).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('committed workbook', () => {
  it('is exactly what fixtures/build.ts builds from the sources (cells, formats, merges)', () => {
    const built = XLSX.read(XLSX.write(buildWorkbook(specs), { type: 'buffer', bookType: 'xlsx' }), { cellNF: true });
    expect(sample.SheetNames).toEqual(built.SheetNames);
    expect(sample.Props?.Title).toBe('衡南县人力资源和社会保障局');
    for (const name of built.SheetNames) {
      const a = sample.Sheets[name]!;
      const b = built.Sheets[name]!;
      expect(a['!ref'], name).toBe(b['!ref']);
      const sortMerges = (m: XLSX.Range[] = []) => m.map((x) => XLSX.utils.encode_range(x)).sort();
      expect(sortMerges(a['!merges']), name).toEqual(sortMerges(b['!merges']));
      const cells = (ws: XLSX.WorkSheet) =>
        Object.entries(ws)
          .filter(([k]) => !k.startsWith('!'))
          .map(([k, c]) => [k, (c as XLSX.CellObject).t, (c as XLSX.CellObject).v, (c as XLSX.CellObject).z])
          .sort();
      expect(cells(a), name).toEqual(cells(b));
    }
  });

  it('has 23 sheets named NN + title, legal for Excel', () => {
    expect(sample.SheetNames).toHaveLength(23);
    sample.SheetNames.forEach((name, i) => {
      expect(name.startsWith(String(i + 1).padStart(2, '0'))).toBe(true);
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    });
    expect(sample.SheetNames[0]).toBe('01收支总表');
    expect(sample.SheetNames[2]).toBe('03支出总表');
  });

  it.each(specs.map((s) => [s.id, s] as const))(
    '表%s: row 1 the title merged across, then the marker right-most, then the unit line',
    (id, spec) => {
      const ws = sheetOf(id);
      const width = XLSX.utils.decode_range(ws['!ref']!).e.c + 1;
      expect(text(cellAt(ws, 0, 0))).toBe(spec.title);
      expect(ws['!merges']).toContainEqual({ s: { r: 0, c: 0 }, e: { r: 0, c: width - 1 } });
      expect(text(cellAt(ws, 1, width - 1))).toBe(`部门公开表${id}`);
      expect(text(cellAt(ws, 2, 0))).toBe('单位：衡南县人力资源和社会保障局');
      expect(text(cellAt(ws, 2, width - 1))).toMatch(/单位：万元$/);
    },
  );

  it('writes amounts as numeric #,##0.00 cells and codes as text', () => {
    let amounts = 0;
    for (const spec of specs) {
      const ws = sheetOf(spec.id);
      const { dataRows } = tableToAoa(spec);
      for (let r = dataRows[0]; r <= dataRows[1]; r++) {
        for (const c of spec.amountCols) {
          const cell = cellAt(ws, r, c);
          if (!cell) continue;
          expect(cell.t, `${spec.id} ${XLSX.utils.encode_cell({ r, c })}`).toBe('n');
          expect(cell.z).toBe(AMOUNT_FORMAT);
          amounts++;
        }
      }
    }
    expect(amounts).toBeGreaterThan(500);
    const t03 = sheetOf('03');
    const r = findRow('03', '2080199');
    for (const [c, code] of [[0, '208'], [1, '01'], [2, '99'], [3, '2080199']] as const) {
      expect(cellAt(t03, r, c)).toMatchObject({ t: 's', v: code });
    }
    const t08 = sheetOf('08');
    expect(cellAt(t08, findRow('08', '30101'), 0)).toMatchObject({ t: 's', v: '30101' });
    const t21 = sheetOf('21');
    expect(cellAt(t21, findRow('21', '201'), 0)).toMatchObject({ t: 's', v: '201' });
  });
});

// Facts written by hand from the reference text.
describe('figures from the reference', () => {
  it('表01 totals and lines in their column groups', () => {
    expect(amountAt('01', ['一、一般公共预算拨款收入'], '预算数')).toBe('2,424.73');
    const ws = sheetOf('01');
    const r = findRow('01', '（八）社会保障和就业支出');
    expect(text(cellAt(ws, r, 2))).toBe('（八）社会保障和就业支出');
    expect(cellAt(ws, r, 3)?.v).toBe(2261.37);
    const sub = findRow('01', '经费拨款');
    expect(text(cellAt(ws, sub, 0))).toBe('      经费拨款'); // published indentation
    expect(cellAt(ws, sub, 1)).toBeUndefined(); // blank as published
    const dept = findRow('01', '按项目管理的商品和服务支出');
    expect(cellAt(ws, dept, 5)?.v).toBe(392);
    const total = findRow('01', '收  入  总  计');
    expect([1, 3, 5, 7].map((c) => cellAt(ws, total, c)?.v)).toEqual([2424.73, 2424.73, 2424.73, 2424.73]);
    expect(text(cellAt(ws, findRow('01', '上年结转结余'), 2))).toBe('年终结转结余');
  });

  it('表03 2080199 has 196.00 under 项目支出 and none under 基本支出', () => {
    expect(amountAt('03', ['2080199'], '项目支出')).toBe('196.00');
    expect(amountAt('03', ['2080199'], '基本支出')).toBeUndefined();
    expect(amountAt('03', ['合计'], '合计')).toBe('2,424.73');
  });

  it('表05 keeps the published 0.00 under 按项目管理的工资福利支出 (blank on 合计)', () => {
    expect(amountAt('05', ['201'], '按项目管理的工资福利支出')).toBe('0.00');
    expect(amountAt('05', ['201001'], '按项目管理的工资福利支出')).toBe('0.00');
    expect(amountAt('05', ['合计'], '按项目管理的工资福利支出')).toBeUndefined();
    expect(amountAt('05', ['合计'], '按项目管理的商品和服务支出')).toBe('392.00');
  });

  it('表07 行政事业单位养老支出 splits 279.05 工资福利支出 / 33.60 对个人和家庭的补助', () => {
    expect(amountAt('07', ['20805'], '工资福利支出')).toBe('279.05');
    expect(amountAt('07', ['20805'], '对个人和家庭的补助')).toBe('33.60');
    expect(amountAt('07', ['20805'], '公用经费')).toBeUndefined();
  });

  it('表08 keeps the published 人员经费 合计 1,831.85 (parts sum to 1,831.84)', () => {
    expect(amountAt('08', ['合计'], '人员经费')).toBe('1,831.85');
    expect(amountAt('08', ['30217'], '公用经费')).toBe('5.00');
    expect(amountAt('08', ['30399'], '人员经费')).toBe('1.06');
  });

  it('表09 行政运行 8.37 is 社会保障缴费; 表10 社会保障缴费 合计 384.50 as published', () => {
    expect(amountAt('09', ['行政运行'], '社会保障缴费')).toBe('8.37');
    expect(amountAt('09', ['行政运行'], '工资奖金津补贴')).toBe('1,346.41');
    // 社会保障缴费's first column is its 合计: 384.50 as published (parts sum to 384.51)
    expect(amountAt('10', ['合计'], '社会保障缴费')).toBe('384.50');
    expect(amountAt('10', ['行政运行'], '其他社会保障缴费')).toBe('8.37');
    expect(amountAt('10', ['住房公积金'], '住房公积金')).toBe('66.26');
  });

  it('表12–14 place the 公用经费 / 补助 figures in their columns', () => {
    expect(amountAt('12', ['伤残抚恤'], '其他对个人和家庭的补助')).toBe('1.06');
    expect(amountAt('13', ['行政运行'], '办公经费')).toBe('195.88');
    expect(amountAt('13', ['行政运行'], '公务接待费')).toBe('5.00');
    expect(amountAt('14', ['行政运行'], '办公费')).toBe('168.96');
    expect(amountAt('14', ['行政运行'], '工会经费')).toBe('26.92');
  });

  it('表15–20 notes under their tables; 16–20 have a 0.00 合计', () => {
    const notes: Record<string, string> = {
      '15': '注：本表反映2025年度一般公共预算“三公”经费支出情况，表格中单元格空白表示数据为零。',
      '16': '说明：2025年度无政府性基金预算拨款支出。',
      '19': '说明：2025年无国有资本经营预算拨款支出。',
      '20': '说明：2025年度无财政专户管理资金预算支出。',
    };
    for (const [id, note] of Object.entries(notes)) {
      const ws = sheetOf(id);
      expect(text(cellAt(ws, XLSX.utils.decode_range(ws['!ref']!).e.r, 0))).toBe(note);
    }
    for (const id of ['16', '17', '18', '19', '20']) {
      const column = id === '17' || id === '18' ? '总  计' : '合计';
      expect(amountAt(id, ['合计'], column)).toBe('0.00');
    }
    expect(amountAt('15', ['201001'], '公务接待费')).toBe('5.00');
  });

  it('表21 lists 20 projects; 经费拨款 blank, 编入部门预算金额 392.00', () => {
    const spec = byId.get('21')!;
    expect(spec.rows.filter((r) => r[0] === '201001')).toHaveLength(20);
    expect(amountAt('21', ['合计'], '编入部门预算金额')).toBe('392.00');
    expect(amountAt('21', ['合计'], '经费拨款')).toBeUndefined();
    expect(amountAt('21', ['2025年人膜验证及特殊认证费'], '一般公共预算小计')).toBe('65.00');
  });

  it('表22: unit row first, 20 projects × 11 indicators, merged blocks, oddities kept', () => {
    const spec = byId.get('22')!;
    expect(spec.rows[0]!.slice(0, 3)).toEqual(['201001', '衡南县人力资源和社会保障局', '392.00']);
    const starts = spec.rows.flatMap((r, i) => (r[0] === '201001' && i > 0 ? [i] : []));
    expect(starts).toHaveLength(20);
    expect(spec.rows.length).toBe(1 + 20 * 11);
    expect(spec.rows[starts[0]!]![3]).toBe('2025年安荣健身馆');
    expect(spec.rows[starts[19]!]![3]).toBe('2025年网络信息建设');
    const ws = sheetOf('22');
    const first = findRow('22', '2025年安荣健身馆');
    // code, name, 资金总额, 实施期绩效目标 merged over the 11 indicator rows; 一级指标 over its 3 rows
    for (const c of [0, 1, 2, 3]) expect(ws['!merges']).toContainEqual({ s: { r: first, c }, e: { r: first + 10, c } });
    expect(ws['!merges']).toContainEqual({ s: { r: first, c: 4 }, e: { r: first + 2, c: 4 } });
    expect(cellAt(ws, first, 2)).toMatchObject({ t: 'n', v: 15 });
    const sustain = findRow('22', '可持续');
    expect([6, 7, 10, 11].map((c) => text(cellAt(ws, sustain, c)))).toEqual(['可持续', '100', '%', '≥']);
    const arb = findRow('22', '2025年劳动仲裁经费');
    expect([7, 10, 11].map((c) => text(cellAt(ws, arb + 9, c)))).toEqual(['100', '100', '≥']); // 度量单位 "100" as published
    expect([6, 7, 11].map((c) => text(cellAt(ws, arb, c)))).toEqual(['控制经济成本', '有所提升', '定性']);
  });

  it('表23: unit 201001 merged over 11 indicators; 资金总额 2,424.73 = 2,032.73 + 392.00', () => {
    expect(amountAt('23', ['201001'], '资金总额')).toBe('2,424.73');
    expect(amountAt('23', ['201001'], '一般公共预算')).toBe('2,424.73');
    expect(amountAt('23', ['201001'], '基本支出')).toBe('2,032.73');
    expect(amountAt('23', ['201001'], '项目支出')).toBe('392.00');
    expect(amountAt('23', ['201001'], '政府性基金拨款')).toBeUndefined();
    const ws = sheetOf('23');
    const r = findRow('23', '201001');
    expect(ws['!merges']).toContainEqual({ s: { r, c: 0 }, e: { r: r + 10, c: 0 } });
    expect([10, 11, 12, 13, 14, 15].map((c) => text(cellAt(ws, r, c)))).toEqual([
      '成本指标', '经济成本指标', '预算完成率', '定量', '99%', '%',
    ]);
    expect(text(cellAt(ws, r + 2, 14))).toBe('-5%');
    expect(text(cellAt(ws, r + 10, 12))).toBe('人大代表及服务群众对象满意度');
  });
});

describe('sheet writer', () => {
  const src = [
    '# a small table',
    'marker: 部门公开表08',
    'title: 一般公共预算基本支出表',
    'unit: 单位：测试单位 | 单位：万元',
    'amounts: 3-5',
    'header:',
    '部门预算支出经济分类科目 | < | 本年一般公共预算\\n基本支出 | < | <',
    '科目编码 | 科目名称 | 合计 | 人员经费 | 公用经费',
    'rows:',
    '301 | 工资福利支出 | 1,797.18 | 1,797.18 |',
    '30101 | "  基本工资" | -1.00 | 约5万 |',
    ' | 合计 | 2,032.73 | 1,831.85 | 200.88',
    'notes:',
    '说明：测试。',
  ].join('\n');

  it('parses the source format', () => {
    const spec = parseTableSource(src);
    expect(spec).toMatchObject({
      id: '08',
      sheetName: '08一般公共预算基本支出表',
      unitLine: ['单位：测试单位', '单位：万元'],
      amountCols: [2, 3, 4],
      notes: ['说明：测试。'],
    });
    expect(spec.header[0]![2]).toBe('本年一般公共预算\n基本支出');
    expect(spec.rows[1]).toEqual(['30101', '  基本工资', '-1.00', '约5万', '']);
  });

  it('rejects ragged rows and non-rectangular merges with the line', () => {
    expect(() => parseTableSource(src.replace('| 200.88', ''), 'x.txt')).toThrow(/x\.txt: data row 3 has 4 cells/);
    const bad = src.replace('科目编码 | 科目名称', '^ | 科目名称');
    expect(() => parseTableSource(bad)).toThrow(/not a rectangle/);
    expect(() => parseTableSource(src.replace('title: ', 'titel: '))).toThrow(/missing "title:"/);
  });

  it('lays out title, marker, unit, merged header, typed cells and notes', () => {
    const layout = tableToAoa(parseTableSource(src));
    expect(layout.width).toBe(5);
    expect(layout.headerRows).toEqual([3, 4]);
    expect(layout.dataRows).toEqual([5, 7]);
    expect(layout.merges).toEqual([
      { s: { r: 0, c: 0 }, e: { r: 0, c: 4 } },
      { s: { r: 3, c: 0 }, e: { r: 3, c: 1 } },
      { s: { r: 3, c: 2 }, e: { r: 3, c: 4 } },
      { s: { r: 8, c: 0 }, e: { r: 8, c: 4 } },
    ]);
    expect(layout.aoa[5]![2]).toEqual({ t: 'n', v: 1797.18, z: AMOUNT_FORMAT });
    expect(layout.aoa[6]![2]).toEqual({ t: 'n', v: -1, z: AMOUNT_FORMAT });
    expect(layout.aoa[6]![3]).toEqual({ t: 's', v: '约5万' }); // not a number: stays text for bad-input tests
    expect(layout.aoa[5]![0]).toEqual({ t: 's', v: '301' });
    expect(layout.aoa[5]![4]).toBeNull();
    const asText = tableToAoa(parseTableSource(src), { amountsAsText: true });
    expect(asText.aoa[5]![2]).toEqual({ t: 's', v: '1,797.18' });
  });

  it('stacks several tables in one sheet', () => {
    const wb = XLSX.utils.book_new();
    const ws: XLSX.WorkSheet = {};
    XLSX.utils.book_append_sheet(wb, ws, 'all');
    const a = addTableSheet(wb, byId.get('15')!, { ws });
    const b = addTableSheet(wb, byId.get('03')!, { ws });
    const c = addTableSheet(wb, byId.get('16')!, { ws, startRow: 200 });
    expect(a.firstRow).toBe(0);
    expect(b.firstRow).toBe(a.lastRow + 3);
    expect(c).toEqual({ firstRow: 200, lastRow: 200 + tableToAoa(byId.get('16')!).aoa.length - 1 });
    expect(wb.SheetNames).toEqual(['all']);
    expect(ws[XLSX.utils.encode_cell({ r: b.firstRow + 1, c: 10 })]).toMatchObject({ v: '部门公开表03' });
    expect(ws['!merges']).toContainEqual({ s: { r: b.firstRow, c: 0 }, e: { r: b.firstRow, c: 10 } });
    expect(XLSX.utils.decode_range(ws['!ref']!).e).toEqual({ r: c.lastRow, c: 10 });
  });

  describe('files', () => {
    let dir = '';
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-writer-'));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it.each(['xlsx', 'xls'] as const)('writes %s atomically, reproducibly, readable back', (bookType) => {
      const some: TableSheetSpec[] = ['03', '22'].map((id) => byId.get(id)!);
      const file = path.join(dir, `t.${bookType}`);
      fs.writeFileSync(file, 'old');
      writeWorkbookFile(buildWorkbook(some), file, bookType);
      expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      const bytes = fs.readFileSync(file);
      writeWorkbookFile(buildWorkbook(some), file, bookType);
      if (bookType === 'xlsx') expect(fs.readFileSync(file).equals(bytes)).toBe(true);
      const wb = XLSX.read(bytes, { cellNF: true });
      expect(wb.SheetNames).toEqual(['03支出总表', '22项目支出绩效目标表']);
      const ws = wb.Sheets['03支出总表']!;
      expect(ws['!merges']?.length).toBeGreaterThan(0);
      const r = Array.from({ length: 60 }, (_, i) => i).find((i) => text(cellAt(ws, i, 3)) === '2080199')!;
      expect(r).toBe(tableToAoa(byId.get('03')!).dataRows[0] + 12); // 合计, 201, 201001, 208, 20801, then the 项 rows
      expect(cellAt(ws, r, 7)).toMatchObject({ t: 'n', v: 196 });
      expect(cellAt(ws, r, 3)).toMatchObject({ t: 's', v: '2080199' });
    });
  });

  it('makes legal sheet names', () => {
    expect(legalSheetName('09一般公共预算基本支出表--人员经费(工资福利支出)(按政府预算经济分类)')).toHaveLength(31);
    expect(legalSheetName('a/b:c*d?e[f]g\\h')).toBe('abcdefgh');
  });
});
