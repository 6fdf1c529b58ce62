/**
 * The table locator, header reader and row typer on hand-built cells (no
 * file I/O): layouts the sample doesn't have — several units, numeric codes,
 * other departments, bad amounts, missing and unknown columns.
 */
import { describe, expect, it } from 'vitest';
import type { MergeRange, RawCell, SheetCells, WorkbookCells } from '../src/loaders/cells.js';
import { buildBudget } from '../src/loaders/index.js';
import { matchMarker, matchTitle, titleIndex } from '../src/loaders/locate.js';
import { lineName, norm } from '../src/loaders/normalize.js';
import { joinClassCodes } from '../src/loaders/rows.js';
import type { Budget } from '../src/model/budget.js';
import { amountAt, childrenOf, findRow, findRows, functionRows, indicatorsOf, line, rowsOf, totalRow } from '../src/model/query.js';
import { HUNAN_TEMPLATE } from '../src/templates/hunan-23.js';

type V = string | number | null | undefined;

function decodeA1(a: string): { r: number; c: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a)!;
  let c = 0;
  for (const ch of m[1]!) c = c * 26 + (ch.charCodeAt(0) - 64);
  return { r: Number(m[2]) - 1, c: c - 1 };
}

function sheet(name: string, grid: V[][], opts: { merges?: string[]; hidden?: number[] } = {}): SheetCells {
  const rows = grid.map((row) =>
    row.map((v): RawCell | undefined =>
      v === null || v === undefined ? undefined : typeof v === 'number' ? { t: 'n', v } : { t: 's', v },
    ),
  );
  const merges: MergeRange[] = (opts.merges ?? []).map((m) => {
    const [s, e] = m.split(':');
    return { s: decodeA1(s!), e: decodeA1(e!) };
  });
  return { name, rows, merges, hiddenCols: new Set(opts.hidden ?? []), hiddenRows: new Set() };
}

/** Problems other than the tables a small hand-built workbook leaves out. */
const problems = (b: Budget) => b.problems.filter((p) => p.kind !== 'missing-table');

function book(...sheets: SheetCells[]): WorkbookCells {
  return { file: 'test.xlsx', bookType: 'xlsx', sheets };
}

const fig = (b: Budget, id: '01' | '03' | '07' | '08' | '15' | '21' | '22', code: string, col: string, unit?: string): string => {
  const r = findRow(b.tables[id], { code, ...(unit ? { unit } : {}) });
  const a = r && amountAt(r, col);
  return a ? (a.blank ? 'blank' : a.value.toFixed(2)) : 'missing';
};

// 表07 of a department with two units; 类/款/项 as numbers in one unit, as one "205 02 01" cell in the other.
const T07: V[][] = [
  [null, null, null, null, null, null, null, null, null, null, '部门公开表07'],
  ['一般公共预算支出表'],
  ['单位：某某县教育局', null, null, null, null, null, null, null, null, null, '金额单位：万元'],
  ['功能科目', null, null, '科目编码', '科目名称', '合 计', '基本支出', null, null, null, '项目支出'],
  [null, null, null, null, null, null, '小  计', '人员经费', null, '公用\n经费', null],
  ['类', '款', '项', null, null, null, null, '工资福利\n支出', '对个人和家庭\n的补助', null, null],
  ['合计', null, null, null, null, 300, 200, 150, 10, 40, 100],
  [null, null, null, '201', '某某县教育局', 300, 200, 150, 10, 40, 100],
  [null, null, null, '201001', '  某某县教育局机关', 120, 120, 90, null, 30, null],
  [205, null, null, '205', '    教育支出', 120, 120, 90, null, 30, null],
  [205, 1, null, '20501', '      教育管理事务', 120, 120, 90, null, 30, null],
  [205, 1, 1, '2050101', '        行政运行', 120, 120, 90, null, 30, null],
  [null, null, null, '201002', '  某某县第一中学', 180, 80, 60, 10, 10, 100],
  ['205', null, null, null, '教育支出', 180, 80, 60, 10, 10, 100],
  ['205 02', null, null, null, '普通教育', 180, 80, 60, 10, 10, 100],
  ['205 02 01', null, null, null, '学前教育', 30, null, null, null, null, 30],
  ['205', '02', '02', null, '小学教育', 150, 80, 60, 10, 10, 70],
  ['注：本表金额为预算数。'],
];
const T07_MERGES = ['A2:K2', 'A4:C5', 'D4:D6', 'E4:E6', 'F4:F6', 'G4:J4', 'K4:K6', 'G5:G6', 'H5:I5', 'J5:J6', 'A7:E7'];

describe('header → column paths', () => {
  const b = buildBudget(book(sheet('任意', T07, { merges: T07_MERGES })));
  const t = b.tables['07'];

  it('reads a three-row merged header into template keys, whatever the spacing and line breaks', () => {
    expect(t.found).toBe(true);
    expect(t.columns.map((c) => c.key)).toEqual([
      '功能科目 › 类', '功能科目 › 款', '功能科目 › 项', '科目编码', '科目名称', '合计',
      '基本支出 › 小计', '基本支出 › 人员经费 › 工资福利支出', '基本支出 › 人员经费 › 对个人和家庭的补助',
      '基本支出 › 公用经费', '项目支出',
    ]);
    expect(t.columns.map((c) => c.role).slice(0, 6)).toEqual(['classCode', 'classCode', 'classCode', 'subjectCode', 'name', 'amount']);
    expect(problems(b)).toEqual([]);
  });

  it('03 with 功能科目 merged over three columns and no 类/款/项 row: assigned by order', () => {
    const grid: V[][] = [
      ['部门公开表03'],
      ['支出总表'],
      ['功能科目', null, null, '科目编码', '科目名称', '合计', '基本支出', '项目支出', '事业单位经营支出', '上缴上级支出', '对附属单位补助支出'],
      ['208', '01', '99', '2080199', '其他人力资源和社会保障管理事务支出', '196.00', null, '196.00', null, null, null],
    ];
    const b3 = buildBudget(book(sheet('s', grid, { merges: ['A3:C3'] })));
    expect(b3.tables['03'].columns.slice(0, 3).map((c) => c.key)).toEqual(['功能科目 › 类', '功能科目 › 款', '功能科目 › 项']);
    const r = findRow(b3.tables['03'], { code: '2080199' })!;
    expect(r.kind).toBe('function');
    expect(amountAt(r, '项目支出')!.value.toFixed(2)).toBe('196.00');
    expect(problems(b3)).toEqual([]);
  });

  it('a template column the header lacks, and an unknown column holding figures, are reported by name', () => {
    const grid = T07.map((row) => [...row]);
    grid[3]![10] = '专项支出'; // not 项目支出
    for (let r = 6; r < 17; r++) grid[r]![11] = r === 9 ? 5 : null;
    grid[3]![11] = '其他金额';
    const b2 = buildBudget(book(sheet('s', grid, { merges: T07_MERGES })));
    const unmatched = b2.problems.filter((p) => p.kind === 'unmatched-column');
    expect(unmatched.map((p) => [p.table, p.column])).toEqual([
      ['07', '项目支出'],
      ['07', '专项支出'],
      ['07', '其他金额'],
    ]);
    expect(unmatched[0]!.message).toContain('表07');
    expect(unmatched[0]!.message).toContain('项目支出');
    expect(unmatched[2]!.ref?.cell).toBe('L10');
  });

  it('skips hidden columns even when they hold stale figures', () => {
    const grid = T07.map((row) => [...row.slice(0, 6), 999, ...row.slice(6)]);
    const merges = ['A2:L2', 'A4:C5', 'D4:D6', 'E4:E6', 'F4:F6', 'H4:K4', 'L4:L6', 'H5:H6', 'I5:J5', 'K5:K6'];
    grid[3]![6] = '旧数';
    const b2 = buildBudget(book(sheet('s', grid, { merges, hidden: [6] })));
    expect(problems(b2)).toEqual([]);
    expect(fig(b2, '07', '2050101', '基本支出 › 公用经费')).toBe('30.00');
    expect(b2.tables['07'].columns.map((c) => c.col)).not.toContain(6);
  });
});

describe('row typing', () => {
  const b = buildBudget(book(sheet('任意', T07, { merges: T07_MERGES })));
  const t = b.tables['07'];

  it('合计, department and unit rows', () => {
    expect(totalRow(t)!.label).toBe('合计');
    expect(rowsOf(t, 'department').map((r) => [r.code, r.name])).toEqual([['201', '某某县教育局']]);
    expect(rowsOf(t, 'unit').map((r) => [r.code, r.name])).toEqual([
      ['201001', '某某县教育局机关'],
      ['201002', '某某县第一中学'],
    ]);
  });

  it('功能科目 codes from numeric 类/款/项 cells, from "205 02 01" in one cell, and per unit', () => {
    expect(functionRows(t).map((r) => [r.code, r.level, r.unitCode])).toEqual([
      ['205', 1, '201001'],
      ['20501', 2, '201001'],
      ['2050101', 3, '201001'],
      ['205', 1, '201002'],
      ['20502', 2, '201002'],
      ['2050201', 3, '201002'],
      ['2050202', 3, '201002'],
    ]);
    expect(fig(b, '07', '205', '项目支出', '201002')).toBe('100.00');
    expect(fig(b, '07', '205', '项目支出', '201001')).toBe('blank');
    expect(findRows(t, { code: '205' })).toHaveLength(2);
    const lei = findRow(t, { code: '205', unit: '201002' })!;
    expect(childrenOf(t, lei).map((r) => r.code)).toEqual(['20502']);
    expect(childrenOf(t, findRow(t, { code: '20502' })!).map((r) => r.code)).toEqual(['2050201', '2050202']);
  });

  it('every amount column on every row, blank cells included, with provenance', () => {
    const r = findRow(t, { code: '2050201' })!;
    expect(Object.keys(r.amounts)).toHaveLength(6);
    const blank = r.amounts['基本支出 › 小计']!;
    expect(blank.blank).toBe(true);
    expect(blank.value.isZero()).toBe(true);
    expect(blank.ref).toEqual({ sheet: '任意', cell: 'G16', row: 15, col: 6 });
    const a = r.amounts['项目支出']!;
    expect(a).toMatchObject({ blank: false, table: '07', rowLabel: '2050201 学前教育', column: '项目支出' });
    expect(a.ref.cell).toBe('K16');
    expect(t.notes.map((n) => [n.text, n.ref.cell])).toEqual([['注：本表金额为预算数。', 'A18']]);
  });

  it('joins 类/款/项 cells, cumulative or split', () => {
    expect(joinClassCodes(['208', '01', '01'])).toBe('2080101');
    expect(joinClassCodes(['208', '20801', '2080101'])).toBe('2080101');
    expect(joinClassCodes(['2080101', '', ''])).toBe('2080101');
    expect(joinClassCodes(['208', '', ''])).toBe('208');
    expect(joinClassCodes(['', '01', '01'])).toBeUndefined();
    expect(joinClassCodes(['208', '1', ''])).toBeUndefined();
  });

  it('a 3-digit 科目编码 is the 部门 when named like one, a 功能科目 类 when it is …支出', () => {
    const grid: V[][] = [
      ['部门公开表16'],
      ['政府性基金预算支出表'],
      ['单位：某某县住建局'],
      ['科目编码', '科目名称', '合计', '本年政府性基金预算支出', null, null, null, '项目支出'],
      [null, null, null, '小计', '人员经费', null, '公用经费', null],
      [null, null, null, null, '工资福利支出', '对个人和家庭的补助', null, null],
      ['合计', null, 50, null, null, null, null, 50],
      ['201', '某某县住建局', 50, null, null, null, null, 50],
      ['212', '城乡社区支出', 50, null, null, null, null, 50],
      ['21208', '国有土地使用权出让收入安排的支出', 50, null, null, null, null, 50],
    ];
    const merges = ['C4:C6', 'D4:G4', 'H4:H6', 'A4:A6', 'B4:B6', 'D5:D6', 'E5:F5', 'G5:G6'];
    const b2 = buildBudget(book(sheet('s', grid, { merges })));
    const t16 = b2.tables['16'];
    expect(t16.rows.map((r) => [r.kind, r.code ?? ''])).toEqual([
      ['total', ''],
      ['department', '201'],
      ['function', '212'],
      ['function', '21208'],
    ]);
    expect(b2.department).toBe('某某县住建局');
  });
});

describe('amount cells', () => {
  const grid: V[][] = [
    ['部门公开表15'],
    ['一般公共预算“三公”经费支出表'],
    ['单位：某某县教育局', null, null, null, null, null, null, '金额单位：万元'],
    ['单位编码', '单位名称', '“三公”经费合计', '因公出国（境）费', '公务用车购置及运行费', null, null, '公务接待费'],
    [null, null, null, null, '小计', '公务用车购置费', '公务用车运行费', null],
    ['合计', null, '1,234.50', '(1.00)', '—', '-', '', '约5万'],
    ['201', '某某县教育局', 1234.5000000000002, '（1.00）', null, null, null, '１，２３５．５０'],
  ];
  const merges = ['A4:A5', 'B4:B5', 'C4:C5', 'D4:D5', 'E4:G4', 'H4:H5', 'A6:B6'];
  const b = buildBudget(book(sheet('三公', grid, { merges })));
  const t = b.tables['15'];

  it('text amounts, parentheses, full-width digits, dashes and float noise', () => {
    const total = totalRow(t)!;
    expect(total.amounts['“三公”经费合计']!.value.toFixed(2)).toBe('1234.50');
    expect(total.amounts['因公出国（境）费']!.value.toFixed(2)).toBe('-1.00');
    expect(total.amounts['公务用车购置及运行费 › 小计']!.blank).toBe(true);
    expect(total.amounts['公务用车购置及运行费 › 公务用车购置费']!.blank).toBe(true);
    const dept = findRow(t, { code: '201' })!;
    expect(dept.kind).toBe('department');
    expect(dept.amounts['“三公”经费合计']!.value.toString()).toBe('1234.5');
    expect(dept.amounts['因公出国（境）费']!.value.toFixed(2)).toBe('-1.00');
    expect(dept.amounts['公务接待费']!.value.toFixed(2)).toBe('1235.50');
  });

  it('a cell that is not a number is a bad-amount problem at that cell, never a crash or a silent zero', () => {
    const bad = b.problems.filter((p) => p.kind === 'bad-amount');
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ table: '15', column: '公务接待费', ref: { sheet: '三公', cell: 'H6' } });
    expect(bad[0]!.message).toContain('约5万');
    const a = totalRow(t)!.amounts['公务接待费']!;
    expect(a.invalid).toBe(true);
    expect(a.raw).toBe('约5万');
  });
});

describe('finding tables by content', () => {
  const titles = titleIndex(HUNAN_TEMPLATE);

  it('matches whole normalized titles, full or half-width, never a prefix', () => {
    expect(matchTitle('一般公共预算基本支出表', titles)).toBe('08');
    expect(matchTitle('一般公共预算基本支出表—人员经费（工资福利支出）（按政府预算经济分类）', titles)).toBe('09');
    expect(matchTitle('一般公共预算基本支出表--人员经费(工资福利支出)(按部门预算经济分类)', titles)).toBe('10');
    expect(matchTitle('支出预算分类汇总表(按政府预算经济分类)', titles)).toBe('04');
    expect(matchTitle('支出预算分类汇总表（按部门预算经济分类）', titles)).toBe('05');
    expect(matchTitle('政府性基金预算支出分类汇总表 (按部门预算经济分类)', titles)).toBe('18');
    expect(matchTitle('一般公共预算"三公"经费支出表', titles)).toBe('15');
    expect(matchTitle('某某县教育局2025年部门预算收支总表', titles)).toBe('01');
    expect(matchTitle('收支总表说明', titles)).toBeUndefined();
    expect(matchTitle('支出预算分类汇总表', titles)).toBeUndefined();
  });

  it('reads markers, with or without the title in the same cell', () => {
    expect(matchMarker('部门公开表03', titles)).toEqual({ marker: '03' });
    expect(matchMarker('部门公开表 3', titles)).toEqual({ marker: '03' });
    expect(matchMarker('部门公开表08 一般公共预算基本支出表', titles)).toEqual({ marker: '08', title: '08' });
    expect(matchMarker('部门公开表24', titles)).toBeUndefined();
    expect(matchMarker('部门公开表03详见附件', titles)).toBeUndefined();
  });

  it('the marker wins over a title naming another table; tables stack in one sheet; a table of contents is ignored', () => {
    const t08: V[][] = [
      ['部门公开表08'],
      ['一般公共预算基本支出表--人员经费(工资福利支出)(按政府预算经济分类)'], // wrong title: the marker says 08
      ['单位：某某县教育局', null, null, null, '单位：万元'],
      ['部门预算支出经济分类科目', null, '本年一般公共预算基本支出', null, null],
      ['科目编码', '科目名称', '合计', '人员经费', '公用经费'],
      ['301', '工资福利支出', 90, 90, null],
      ['30101', '基本工资', 90, 90, null],
      ['302', '商品和服务支出', 30, null, 30],
      ['30201', '办公费', 30, null, 30],
      ['合计', null, 120, 90, 30],
    ];
    const t15: V[][] = [
      ['一般公共预算“三公”经费支出表'],
      ['单位编码', '单位名称', '“三公”经费合计', '因公出国（境）费', '公务用车购置及运行费', null, null, '公务接待费'],
      [null, null, null, null, '小计', '公务用车购置费', '公务用车运行费', null],
      ['合计', null, 3, null, null, null, null, 3],
    ];
    const toc = sheet('目录', [['目录'], ['部门公开表01', '收支总表'], ['部门公开表08', '一般公共预算基本支出表'], ['部门公开表15', '一般公共预算“三公”经费支出表']]);
    const stacked = sheet('全部', [...t08, [], ['填表人：王五'], [], ...t15], {
      merges: ['A4:B4', 'C4:E4', 'A15:A16', 'B15:B16', 'C15:C16', 'D15:D16', 'E15:G15', 'H15:H16', 'A17:B17'],
    });
    const b = buildBudget(book(toc, stacked));
    expect(b.tables['08'].found).toBe(true);
    expect(b.tables['09'].found).toBe(false);
    expect(b.tables['08'].sheet).toBe('全部');
    expect(b.tables['08'].range).toBe('A1:E10');
    expect(findRow(b.tables['08'], { code: '30201' })!.kind).toBe('economic');
    expect(amountAt(totalRow(b.tables['08'])!, '本年一般公共预算基本支出 › 公用经费')!.value.toFixed(2)).toBe('30.00');
    expect(b.tables['15'].found).toBe(true);
    expect(amountAt(totalRow(b.tables['15'])!, '公务接待费')!.ref.cell).toBe('H17');
    expect(b.tables['08'].notes).toEqual([]);
    // 表01 is only in the table of contents: missing, saying where its title was.
    expect(b.tables['01'].found).toBe(false);
    const p01 = b.problems.filter((p) => p.table === '01');
    expect(p01.map((p) => [p.kind, p.ref?.sheet])).toEqual([['missing-table', '目录']]);
    expect(p01[0]!.message).toContain('目录!A2');
    expect(b.problems.filter((p) => p.kind === 'missing-table')).toHaveLength(21);
    expect(b.unit).toBe('万元');
  });

  it('a second copy of a table elsewhere is reported, the first is used; page-break repeats are merged', () => {
    const t08 = (rows: V[][]): V[][] => [
      ['部门公开表08'],
      ['一般公共预算基本支出表'],
      ['部门预算支出经济分类科目', null, '本年一般公共预算基本支出', null, null],
      ['科目编码', '科目名称', '合计', '人员经费', '公用经费'],
      ...rows,
    ];
    const merges = (at: number) => [`A${at + 3}:B${at + 3}`, `C${at + 3}:E${at + 3}`];
    const pages = sheet('续表', [...t08([['301', '工资福利支出', 90, 90, null]]), ...t08([['302', '商品和服务支出', 30, null, 30], ['合计', null, 120, 90, 30]])], {
      merges: [...merges(0), ...merges(5)],
    });
    const b = buildBudget(book(pages));
    expect(b.tables['08'].rows.map((r) => r.code ?? r.kind)).toEqual(['301', '302', 'total']);
    expect(b.problems.filter((p) => p.kind === 'duplicate-table')).toEqual([]);

    const other = sheet('另一份', t08([['301', '工资福利支出', 1, 1, null]]), { merges: merges(0) });
    const t15 = sheet('三公', [
      ['部门公开表15'],
      ['单位编码', '单位名称', '“三公”经费合计', '因公出国（境）费', '公务用车购置及运行费', null, null, '公务接待费'],
      [null, null, null, null, '小计', '公务用车购置费', '公务用车运行费', null],
    ]);
    const b2 = buildBudget(book(pages, t15, other));
    expect(b2.problems.filter((p) => p.kind === 'duplicate-table').map((p) => [p.table, p.ref?.sheet])).toEqual([['08', '另一份']]);
    expect(b2.tables['08'].rows).toHaveLength(3);
  });
});

describe('表01 / 06 side-by-side lines', () => {
  const grid: V[][] = [
    ['财政拨款收支总表'],
    ['单位：某某县教育局', null, null, '金额单位：元'],
    ['收入', null, '支出', null],
    ['项目', '预算数', '项目', '预算数'],
    ['一、本年收入', '1,000.00', '一、本年支出', 1000],
    ['（一）一般公共预算拨款', 1000, '（一）一般公共服务支出', null],
    ['     经费拨款', null, '（五）教育支出', 1000],
    ['收　入　总　计', 1000, '支 出 总 计', 1000],
    ['第 1 页 共 1 页'],
    ['-2-'],
  ];
  const b = buildBudget(book(sheet('06', grid, { merges: ['A1:D1', 'A3:B3', 'C3:D3'] })));
  const t = b.tables['06'];

  it('one line per labelled cell, by section, with name, label and indentation', () => {
    expect(t.rows.filter((r) => r.section === 'income').map((r) => r.name)).toEqual(['本年收入', '一般公共预算拨款', '经费拨款', '收入总计']);
    const l = line(t, 'income', '经费拨款')!;
    expect(l).toMatchObject({ kind: 'line', label: '经费拨款', indent: 5 });
    expect(l.amounts['收入 › 预算数']!.blank).toBe(true);
    expect(line(t, 'function', '教育支出')!.amounts['支出 › 预算数']!.value.toFixed(2)).toBe('1000.00');
    expect(line(t, 'function', '支出总计')!.label).toBe('支 出 总 计');
    expect(line(t, 'income', '（一）一般公共预算拨款')!.amounts['收入 › 预算数']!.ref.cell).toBe('B6');
    expect(b.unit).toBe('元');
  });

  it('strips numbering from line names', () => {
    expect(lineName('一、一般公共预算拨款收入')).toBe('一般公共预算拨款收入');
    expect(lineName('（十一）节能环保支出')).toBe('节能环保支出');
    expect(lineName('(3) 其他')).toBe('其他');
    expect(lineName('本 年 收 入 合 计')).toBe('本年收入合计');
    expect(lineName('　　上年结转结余')).toBe('上年结转结余');
    expect(lineName('    其中：经费拨款')).toBe('经费拨款');
    expect(lineName('2025年结转')).toBe('2025年结转');
  });
});

describe('表21 / 22: units, projects, indicators', () => {
  const t02: V[][] = [
    ['部门公开表02'],
    ['收入总表'],
    ['部门（单位）代码', '部门（单位）名称', '合计', '本年收入', null, '上年结转结余'],
    [null, null, null, '小计', '一般公共预算', '小计'],
    ['201', '某某县教育局', 30, 30, 30, null],
    ['201001', '某某县教育局机关', 10, 10, 10, null],
    ['201002', '某某县第一中学', 20, 20, 20, null],
  ];
  const t22: V[][] = [
    ['部门公开表22'],
    ['项目支出绩效目标表'],
    ['单位代码', '单位（专项）名称', '资金总额', '实施期绩效目标', '绩效指标', null, null, null, null, null, null, null, null],
    [null, null, null, null, '一级指标', '二级指标', '三级指标', '指标值', '指标值内容', '评（扣分标准）', '度量单位', '指标值类型', '备注'],
    ['201001', '某某县教育局机关', 10, null, null, null, null, null, null, null, null, null, null],
    ['201001', '校舍维修', 10, '完成维修', '产出指标', '数量指标', '维修面积', 500, null, null, '平方米', '≥', null],
    [null, null, null, null, null, '质量指标', '验收合格率', '100', null, null, '%', '=', null],
    [null, null, null, null, '满意度指标', '服务对象满意度指标', '满意度', '90', null, null, '%', '≥', null],
    ['201002', '某某县第一中学', 20, null, null, null, null, null, null, null, null, null, null],
    // Not merged: the export repeats the project's code and name on each indicator row.
    ['201002', '营养餐', 20, '学生营养改善', '产出指标', '数量指标', '受益学生', '1200', null, null, '人', '≥', null],
    ['201002', '营养餐', null, null, null, '时效指标', '按时发放率', '100', null, null, '%', '=', null],
  ];
  const merges22 = ['E3:M3', 'A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'A6:A8', 'B6:B8', 'C6:C8', 'D6:D8', 'E6:E7'];
  const b = buildBudget(
    book(
      sheet('02', t02, { merges: ['D3:E3', 'A3:A4', 'B3:B4', 'C3:C4'] }),
      sheet('22', t22, { merges: merges22 }),
    ),
  );
  const t = b.tables['22'];

  it('tells unit rows from project rows by the unit names of other tables', () => {
    expect(t.rows.filter((r) => r.kind !== 'indicator').map((r) => [r.kind, r.code, r.name])).toEqual([
      ['unit', '201001', '某某县教育局机关'],
      ['project', '201001', '校舍维修'],
      ['unit', '201002', '某某县第一中学'],
      ['project', '201002', '营养餐'],
    ]);
  });

  it('indicator rows: merged 一级指标 filled down, owner set, amounts merged over rows counted once', () => {
    const rows = indicatorsOf(t, '校舍维修');
    expect(rows.map((r) => [r.texts['绩效指标 › 一级指标'], r.texts['绩效指标 › 三级指标'], r.unitCode])).toEqual([
      ['产出指标', '维修面积', '201001'],
      ['产出指标', '验收合格率', '201001'],
      ['满意度指标', '满意度', '201001'],
    ]);
    expect(rows[0]!.texts['绩效指标 › 指标值']).toBe('500');
    expect(rows.every((r) => Object.keys(r.amounts).length === 0)).toBe(true); // indicators hold no figures
    const meal = indicatorsOf(t, '营养餐');
    expect(meal.map((r) => r.texts['绩效指标 › 一级指标'])).toEqual(['产出指标', '产出指标']);
    expect(rowsOf(t, 'project').map((r) => amountAt(r, '资金总额')!.value.toFixed(2))).toEqual(['10.00', '20.00']);
  });
});

describe('workbook facts', () => {
  it('year from the workbook text, department from the 单位 line, problems for a table in another money unit', () => {
    const table = (unitLine: string, total: number): V[][] => [
      ['部门公开表08'],
      ['一般公共预算基本支出表'],
      ['编制单位：某某县卫生健康局', null, null, null, unitLine],
      ['部门预算支出经济分类科目', null, '本年一般公共预算基本支出', null, null],
      ['科目编码', '科目名称', '合计', '人员经费', '公用经费'],
      ['合计', null, total, total, null],
    ];
    const cover = sheet('封面', [['某某县卫生健康局2026年部门预算'], ['比2025年增加']]);
    const t08 = sheet('08', table('金额单位：元', 1000000), { merges: ['A4:B4', 'C4:E4'] });
    const b = buildBudget(book(cover, t08, sheet('15', [
      ['一般公共预算“三公”经费支出表'],
      ['单位：某某县卫生健康局', null, null, null, null, null, null, '金额单位：万元'],
      ['单位编码', '单位名称', '“三公”经费合计', '因公出国（境）费', '公务用车购置及运行费', null, null, '公务接待费'],
      [null, null, null, null, '小计', '公务用车购置费', '公务用车运行费', null],
      ['合计', null, 3, null, null, null, null, 3],
    ], { merges: ['E3:G3'] }), sheet('16', [
      ['政府性基金预算支出表'],
      ['单位：某某县卫生健康局', null, '金额单位：万元'],
      ['科目编码', '科目名称', '合计', '本年政府性基金预算支出', null, null, null, '项目支出'],
      [null, null, null, '小计', '人员经费', null, '公用经费', null],
      [null, null, null, null, '工资福利支出', '对个人和家庭的补助', null, null],
    ], { merges: ['D3:G3', 'E4:F4'] })));
    expect(b.year).toBe(2026);
    expect(b.department).toBe('某某县卫生健康局');
    expect(b.unit).toBe('万元');
    expect(b.problems.filter((p) => p.kind === 'unit-mismatch').map((p) => p.table)).toEqual(['08']);
  });

  it('normalizes for comparison only', () => {
    expect(norm('总  计')).toBe('总计');
    expect(norm('因公出国（境）费用')).toBe(norm('因公出国(境)费用'));
    expect(norm('“三公”经费合计')).toBe(norm('"三公"经费合计'));
    expect(norm('机关工资\n福利支出')).toBe('机关工资福利支出');
    expect(norm('本　年　支　出　合　计')).toBe('本年支出合计');
  });
});

describe('other header spellings and extra rows', () => {
  it('a year or money unit in header words, a 栏次 row, a signature footer', () => {
    const grid: V[][] = [
      ['部门公开表03'],
      ['支出总表'],
      ['单位：某某县教育局'],
      ['功能科目', null, null, '科目编码', '科目名称', '合计(万元)', '基本支出', '项目支出', '事业单位经营支出', '上缴上级支出', '对附属单位补助支出'],
      ['类', '款', '项', null, null, null, null, null, null, null, null],
      ['栏次', null, null, null, null, '1', '2', '3', '4', '5', '6'],
      ['205', '01', '01', '2050101', '行政运行', 10, 10, null, null, null, null],
      ['制表人：赵六', null, null, null, null, null, null, null, null, null, null],
    ];
    const b = buildBudget(book(sheet('s', grid, { merges: ['A4:C4'] })));
    expect(problems(b)).toEqual([]);
    const t = b.tables['03'];
    expect(t.columns.map((c) => c.key)).toContain('合计');
    expect(t.rows.map((r) => r.code)).toEqual(['2050101']);
    expect(amountAt(t.rows[0]!, '合计')!.value.toFixed(2)).toBe('10.00');
    expect(t.notes).toEqual([]);

    const six: V[][] = [
      ['财政拨款收支总表'],
      ['收入', null, '支出', null],
      ['项目', '2025年预算数', '项目', '2025年预算数'],
      ['一、本年收入', 5, '一、本年支出', 5],
    ];
    const b6 = buildBudget(book(sheet('s', six, { merges: ['A2:B2', 'C2:D2'] })));
    expect(problems(b6)).toEqual([]);
    expect(line(b6.tables['06'], 'function', '本年支出')!.amounts['支出 › 预算数']!.value.toFixed(2)).toBe('5.00');
  });
});

describe('query helpers', () => {
  const b = buildBudget(book(sheet('任意', T07, { merges: T07_MERGES })));
  const t = b.tables['07'];
  it('amountAt tolerates width, spacing and separator differences in the key', () => {
    const r = findRow(t, { code: '2050101' })!;
    expect(amountAt(r, '基本支出 › 人员经费 › 工资福利支出')!.value.toFixed(2)).toBe('90.00');
    expect(amountAt(r, '基本支出>人员经费>工资福利支出')!.value.toFixed(2)).toBe('90.00');
    expect(amountAt(r, '不存在')).toBeUndefined();
  });
  it('findRow by kind, code and unit; rowsOf is cached but follows a replaced rows array', () => {
    expect(findRow(t, { kind: 'unit', code: '201002' })!.name).toBe('某某县第一中学');
    expect(findRow(t, { code: '2050202', unit: '201001' })).toBeUndefined();
    expect(functionRows(t, { unit: '201002', level: 3 }).map((r) => r.code)).toEqual(['2050201', '2050202']);
    const copy = { ...t, rows: t.rows.filter((r) => r.kind !== 'unit') };
    expect(rowsOf(copy, 'unit')).toHaveLength(0);
    expect(rowsOf(t, 'unit')).toHaveLength(2);
  });
});

describe('a header published without its group row', () => {
  it('表08 with only 科目编码 | 科目名称 | 合计 | 人员经费 | 公用经费 matches the template by leaf', () => {
    const grid: V[][] = [
      ['一般公共预算基本支出表'],
      ['单位：某某县教育局', null, null, null, '单位：万元'],
      ['科目编码', '科目名称', '合计', '人员经费', '公用经费'],
      ['301', '工资福利支出', 90, 90, null],
      ['302', '商品和服务支出', 30, null, 30],
      ['合计', null, 120, 90, 30],
    ];
    const b = buildBudget(book(sheet('s', grid)));
    expect(problems(b)).toEqual([]);
    const t = b.tables['08'];
    expect(t.columns.map((c) => c.key)).toEqual([
      '部门预算支出经济分类科目 › 科目编码',
      '部门预算支出经济分类科目 › 科目名称',
      '本年一般公共预算基本支出 › 合计',
      '本年一般公共预算基本支出 › 人员经费',
      '本年一般公共预算基本支出 › 公用经费',
    ]);
    expect(amountAt(findRow(t, { code: '302' })!, '本年一般公共预算基本支出 › 公用经费')!.value.toFixed(2)).toBe('30.00');
    expect(totalRow(t)!.amounts['本年一般公共预算基本支出 › 合计']!.value.toFixed(2)).toBe('120.00');
  });
});

describe('a header repeated mid-table without its title (print titles)', () => {
  it('is skipped, and the rows after it belong to the same table', () => {
    const header: V[][] = [
      ['部门预算支出经济分类科目', null, '本年一般公共预算基本支出', null, null],
      ['科目编码', '科目名称', '合计', '人员经费', '公用经费'],
    ];
    const grid: V[][] = [
      ['部门公开表08'],
      ['一般公共预算基本支出表'],
      ...header,
      ['301', '工资福利支出', 90, 90, null],
      ...header,
      ['302', '商品和服务支出', 30, null, 30],
      ['合计', null, 120, 90, 30],
    ];
    const b = buildBudget(book(sheet('s', grid, { merges: ['A3:B3', 'C3:E3', 'A6:B6', 'C6:E6'] })));
    expect(problems(b)).toEqual([]);
    expect(b.tables['08'].rows.map((r) => r.code ?? r.kind)).toEqual(['301', '302', 'total']);
  });
});
