/**
 * The sample workbook loads to the reference's figures. Every expected value
 * below was typed by hand from /work/shared/reference/hengnan-hrss-2025-budget.txt
 * (part 2, 部门公开表01–23), not copied from the loader's output.
 */
import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { loadWorkbook } from '../src/loaders/index.js';
import { TABLE_IDS, type Amount, type TableId } from '../src/model/amount.js';
import type { Budget } from '../src/model/budget.js';
import {
  amountAt,
  findRow,
  functionRows,
  indicatorsOf,
  line,
  linesOf,
  rowsOf,
  totalRow,
} from '../src/model/query.js';
import type { Row } from '../src/model/table.js';

const SAMPLE = 'fixtures/hengnan-hrss-2025.xlsx';
let b: Budget;

beforeAll(async () => {
  b = await loadWorkbook(SAMPLE);
});

/** "2424.73" for a figure, "blank" for an empty cell, "missing" when the row has no such column. */
function fig(a: Amount | undefined): string {
  if (!a) return 'missing';
  if (a.invalid) return 'invalid';
  return a.blank ? 'blank' : a.value.toFixed(2);
}

function row(id: TableId, code: string, kind?: Row['kind']): Row {
  const r = findRow(b.tables[id], { code, ...(kind ? { kind } : {}) });
  if (!r) throw new Error(`表${id}: no row ${code}`);
  return r;
}

function total(id: TableId): Row {
  const r = totalRow(b.tables[id]);
  if (!r) throw new Error(`表${id}: no 合计 row`);
  return r;
}

/** Checks several columns of one row: [column key, expected]. */
function expectRow(r: Row, expected: [string, string][]): void {
  for (const [col, want] of expected) expect(fig(amountAt(r, col)), `${r.label} › ${col}`).toBe(want);
}

function lineFig(id: TableId, section: string, name: string): string {
  const l = line(b.tables[id], section, name);
  if (!l) return 'no line';
  return fig(Object.values(l.amounts)[0]);
}

describe('workbook facts', () => {
  it('reads department, year and money unit from the workbook', () => {
    expect(b.department).toBe('衡南县人力资源和社会保障局');
    expect(b.year).toBe(2025);
    expect(b.unit).toBe('万元');
    expect(b.precision).toBe(2);
  });

  it('finds all 23 tables with no data problems', () => {
    for (const id of TABLE_IDS) expect(b.tables[id].found, `表${id}`).toBe(true);
    expect(b.problems).toEqual([]);
  });

  it('every amount points at its cell, and the cell holds that figure', () => {
    const wb = XLSX.read(readFileSync(SAMPLE), { type: 'buffer', dense: true });
    let checked = 0;
    for (const id of TABLE_IDS) {
      const t = b.tables[id];
      for (const r of t.rows) {
        for (const [key, a] of Object.entries(r.amounts)) {
          expect(a.table).toBe(id);
          expect(a.column).toBe(key);
          expect(a.rowLabel).toBe(r.label);
          expect(a.ref.sheet).toBe(t.sheet);
          if (a.blank) continue;
          const ws = wb.Sheets[a.ref.sheet]!;
          const cell = (ws['!data'] as XLSX.CellObject[][])[a.ref.row]![a.ref.col]!;
          expect(XLSX.utils.encode_cell({ r: a.ref.row, c: a.ref.col })).toBe(a.ref.cell);
          expect(new Decimal(String(cell.v)).toFixed(2), `${id} ${a.rowLabel} ${key}`).toBe(a.value.toFixed(2));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('labels rows as code + name, or 合计', () => {
    const r = row('03', '2080199');
    expect(r.label).toBe('2080199 其他人力资源和社会保障管理事务支出');
    expect(amountAt(r, '项目支出')!.rowLabel).toBe('2080199 其他人力资源和社会保障管理事务支出');
    expect(total('03').label).toBe('合计');
  });
});

describe('表01 收支总表', () => {
  it('income lines', () => {
    expect(lineFig('01', 'income', '一般公共预算拨款收入')).toBe('2424.73');
    expect(lineFig('01', 'income', '经费拨款')).toBe('blank');
    expect(lineFig('01', 'income', '政府性基金预算拨款收入')).toBe('blank');
    expect(lineFig('01', 'income', '本年收入合计')).toBe('2424.73');
    expect(lineFig('01', 'income', '上年结转结余')).toBe('blank');
    expect(lineFig('01', 'income', '收入总计')).toBe('2424.73');
  });
  it('expenditure by 功能分类', () => {
    expect(lineFig('01', 'function', '一般公共服务支出')).toBe('blank');
    expect(lineFig('01', 'function', '社会保障和就业支出')).toBe('2261.37');
    expect(lineFig('01', 'function', '卫生健康支出')).toBe('97.09');
    expect(lineFig('01', 'function', '住房保障支出')).toBe('66.26');
    expect(lineFig('01', 'function', '本年支出合计')).toBe('2424.73');
    expect(lineFig('01', 'function', '支出总计')).toBe('2424.73');
    // （一）…（三十） plus 本年支出合计, 年终结转结余, 支出总计.
    expect(linesOf(b.tables['01'], 'function')).toHaveLength(33);
  });
  it('expenditure by 部门预算经济分类 and 政府预算经济分类', () => {
    expect(lineFig('01', 'deptEconomic', '基本支出')).toBe('2032.73');
    expect(lineFig('01', 'deptEconomic', '工资福利支出')).toBe('1797.18');
    expect(lineFig('01', 'deptEconomic', '商品和服务支出')).toBe('200.88');
    expect(lineFig('01', 'deptEconomic', '对个人和家庭的补助')).toBe('34.66');
    expect(lineFig('01', 'deptEconomic', '项目支出')).toBe('392.00');
    expect(lineFig('01', 'deptEconomic', '按项目管理的商品和服务支出')).toBe('392.00');
    expect(lineFig('01', 'deptEconomic', '本年支出合计')).toBe('2424.73');
    expect(lineFig('01', 'govEconomic', '机关工资福利支出')).toBe('1797.18');
    expect(lineFig('01', 'govEconomic', '机关商品和服务支出')).toBe('592.88');
    expect(lineFig('01', 'govEconomic', '对个人和家庭的补助')).toBe('34.66');
    expect(lineFig('01', 'govEconomic', '支出总计')).toBe('2424.73');
  });
  it('keeps the published label, numbering stripped from the name, and indentation', () => {
    const first = line(b.tables['01'], 'income', '一般公共预算拨款收入')!;
    expect(first.label).toBe('一、一般公共预算拨款收入');
    expect(first.indent).toBe(0);
    expect(line(b.tables['01'], 'income', '经费拨款')!.indent).toBeGreaterThan(0);
    expect(line(b.tables['01'], 'income', '本 年 收 入 合 计')!.name).toBe('本年收入合计');
    expect(first.amounts['收入 › 预算数']).toBeDefined();
    expect(line(b.tables['01'], 'function', '社会保障和就业支出')!.amounts['支出 › 预算数']).toBeDefined();
  });
});

describe('表02 收入总表', () => {
  it('total, department and unit rows', () => {
    const cols: [string, string][] = [
      ['合计', '2424.73'],
      ['本年收入 › 小计', '2424.73'],
      ['本年收入 › 一般公共预算', '2424.73'],
      ['本年收入 › 政府性基金预算', 'blank'],
      ['本年收入 › 事业收入', 'blank'],
      ['上年结转结余 › 小计', 'blank'],
    ];
    expectRow(total('02'), cols);
    const dept = row('02', '201', 'department');
    expect(dept.name).toBe('衡南县人力资源和社会保障局');
    expectRow(dept, cols);
    const unit = row('02', '201001', 'unit');
    expect(unit.name).toBe('衡南县人力资源和社会保障局');
    expectRow(unit, cols);
  });
});

describe('表03 支出总表', () => {
  it('grand total and rows by code', () => {
    expectRow(total('03'), [['合计', '2424.73'], ['基本支出', '2032.73'], ['项目支出', '392.00'], ['事业单位经营支出', 'blank']]);
    expectRow(row('03', '2080199'), [['合计', '196.00'], ['基本支出', 'blank'], ['项目支出', '196.00']]);
    expectRow(row('03', '2080101'), [['合计', '1555.66'], ['基本支出', '1555.66'], ['项目支出', 'blank']]);
    expectRow(row('03', '20801'), [['合计', '1947.66'], ['基本支出', '1555.66'], ['项目支出', '392.00']]);
    expectRow(row('03', '208'), [['合计', '2261.37'], ['基本支出', '1869.37'], ['项目支出', '392.00']]);
    expectRow(row('03', '20805'), [['合计', '312.65']]);
    expectRow(row('03', '2080802'), [['基本支出', '1.06']]);
    expectRow(row('03', '2210201'), [['合计', '66.26']]);
  });
  it('types department, unit and 功能科目 rows with code levels', () => {
    const t = b.tables['03'];
    expect(rowsOf(t, 'department').map((r) => r.code)).toEqual(['201']);
    expect(rowsOf(t, 'unit').map((r) => r.code)).toEqual(['201001']);
    // 208 / 20801 / 2080101 …: 3 类, 6 款, 13 项 as published.
    expect(functionRows(t, { level: 1 }).map((r) => r.code)).toEqual(['208', '210', '221']);
    expect(functionRows(t, { level: 2 }).map((r) => r.code)).toEqual(['20801', '20805', '20808', '21011', '22102']);
    expect(functionRows(t, { level: 3 })).toHaveLength(14);
    expect(row('03', '2080199').level).toBe(3);
    expect(row('03', '2080199').unitCode).toBe('201001');
    expect(row('03', '2080199').name).toBe('其他人力资源和社会保障管理事务支出');
  });
});

describe('表04 支出预算分类汇总表（按政府预算经济分类）', () => {
  it('figures', () => {
    expectRow(total('04'), [
      ['总计', '2424.73'],
      ['机关工资福利支出', '1797.18'],
      ['机关商品和服务支出', '592.88'],
      ['对个人和家庭的补助', '34.66'],
      ['机关资本性支出(一)', 'blank'],
    ]);
    expectRow(row('04', '2080101'), [['总计', '1555.66'], ['机关工资福利支出', '1354.78'], ['机关商品和服务支出', '200.88']]);
    expectRow(row('04', '2080199'), [['总计', '196.00'], ['机关商品和服务支出', '196.00']]);
    expectRow(row('04', '2080501'), [['对个人和家庭的补助', '33.60']]);
    expectRow(row('04', '2210201'), [['机关工资福利支出', '66.26']]);
    expect(row('04', '2080101').unitCode).toBe('201001');
    expect(functionRows(b.tables['04'], { unit: '201001', level: 3 })).toHaveLength(14);
  });
});

describe('表05 支出预算分类汇总表（按部门预算经济分类）', () => {
  it('figures, including the published 0.00 on the department and unit rows', () => {
    expectRow(total('05'), [
      ['总计', '2424.73'],
      ['基本支出 › 合计', '2032.73'],
      ['基本支出 › 工资福利支出', '1797.18'],
      ['基本支出 › 一般商品和服务支出', '200.88'],
      ['基本支出 › 对个人和家庭的补助', '34.66'],
      ['项目支出 › 合计', '392.00'],
      ['项目支出 › 按项目管理的工资福利支出', 'blank'],
      ['项目支出 › 按项目管理的商品和服务支出', '392.00'],
    ]);
    expectRow(row('05', '201', 'department'), [['项目支出 › 按项目管理的工资福利支出', '0.00'], ['项目支出 › 合计', '392.00']]);
    expectRow(row('05', '201001', 'unit'), [['项目支出 › 按项目管理的工资福利支出', '0.00']]);
    expectRow(row('05', '2080104'), [['总计', '15.00'], ['项目支出 › 合计', '15.00'], ['项目支出 › 按项目管理的商品和服务支出', '15.00']]);
    expectRow(row('05', '2080101'), [['基本支出 › 工资福利支出', '1354.78'], ['基本支出 › 一般商品和服务支出', '200.88']]);
  });
});

describe('表06 财政拨款收支总表', () => {
  it('figures', () => {
    expect(lineFig('06', 'income', '本年收入')).toBe('2424.73');
    expect(lineFig('06', 'income', '一般公共预算拨款')).toBe('2424.73');
    expect(lineFig('06', 'income', '经费拨款')).toBe('blank');
    expect(lineFig('06', 'income', '上年结转')).toBe('blank');
    expect(lineFig('06', 'income', '收入总计')).toBe('2424.73');
    expect(lineFig('06', 'function', '本年支出')).toBe('2424.73');
    expect(lineFig('06', 'function', '社会保障和就业支出')).toBe('2261.37');
    expect(lineFig('06', 'function', '卫生健康支出')).toBe('97.09');
    expect(lineFig('06', 'function', '住房保障支出')).toBe('66.26');
    expect(lineFig('06', 'function', '年终结转结余')).toBe('blank');
    expect(lineFig('06', 'function', '支出总计')).toBe('2424.73');
  });
});

describe('表07 一般公共预算支出表', () => {
  it('figures', () => {
    expectRow(total('07'), [
      ['合计', '2424.73'],
      ['基本支出 › 小计', '2032.73'],
      ['基本支出 › 人员经费 › 工资福利支出', '1797.18'],
      ['基本支出 › 人员经费 › 对个人和家庭的补助', '34.66'],
      ['基本支出 › 公用经费', '200.88'],
      ['项目支出', '392.00'],
    ]);
    expectRow(row('07', '20805'), [
      ['合计', '312.65'],
      ['基本支出 › 人员经费 › 工资福利支出', '279.05'],
      ['基本支出 › 人员经费 › 对个人和家庭的补助', '33.60'],
      ['基本支出 › 公用经费', 'blank'],
    ]);
    expectRow(row('07', '2080101'), [['基本支出 › 人员经费 › 工资福利支出', '1354.78'], ['基本支出 › 公用经费', '200.88']]);
    expectRow(row('07', '2080802'), [['基本支出 › 人员经费 › 对个人和家庭的补助', '1.06']]);
    expectRow(row('07', '20801'), [['项目支出', '392.00']]);
  });
});

describe('表08 一般公共预算基本支出表', () => {
  const C = '本年一般公共预算基本支出';
  it('经济科目 rows and the 合计 row', () => {
    expectRow(row('08', '30217', 'economic'), [[`${C} › 合计`, '5.00'], [`${C} › 人员经费`, 'blank'], [`${C} › 公用经费`, '5.00']]);
    expectRow(total('08'), [[`${C} › 合计`, '2032.73'], [`${C} › 人员经费`, '1831.85'], [`${C} › 公用经费`, '200.88']]);
    expectRow(row('08', '301'), [[`${C} › 合计`, '1797.18'], [`${C} › 人员经费`, '1797.18']]);
    expectRow(row('08', '30101'), [[`${C} › 人员经费`, '760.94']]);
    expectRow(row('08', '30112'), [[`${C} › 人员经费`, '8.37']]);
    expectRow(row('08', '30228'), [[`${C} › 公用经费`, '26.92']]);
    expectRow(row('08', '30201'), [[`${C} › 公用经费`, '168.96']]);
    expectRow(row('08', '30399'), [[`${C} › 人员经费`, '1.06']]);
    expect(row('08', '301').level).toBe(1);
    expect(row('08', '30101').level).toBe(2);
    expect(rowsOf(b.tables['08'], 'economic')).toHaveLength(16);
  });
});

describe('表09–14 一般公共预算基本支出 detail tables', () => {
  it('09 工资福利支出 (政府预算经济分类)', () => {
    expectRow(total('09'), [
      ['总计', '1797.18'],
      ['机关工资福利支出 › 合计', '1797.18'],
      ['机关工资福利支出 › 工资奖金津补贴', '1346.41'],
      ['机关工资福利支出 › 社会保障缴费', '384.50'],
      ['机关工资福利支出 › 住房公积金', '66.26'],
      ['对事业单位经常性补助 › 合计', 'blank'],
    ]);
    expectRow(row('09', '2080101'), [['总计', '1354.78'], ['机关工资福利支出 › 工资奖金津补贴', '1346.41'], ['机关工资福利支出 › 社会保障缴费', '8.37']]);
    expectRow(row('09', '2101101'), [['机关工资福利支出 › 社会保障缴费', '97.09']]);
  });
  it('10 工资福利支出 (部门预算经济分类)', () => {
    expectRow(total('10'), [
      ['总计', '1797.18'],
      ['工资津补贴 › 合计', '1346.41'],
      ['工资津补贴 › 基本工资', '760.94'],
      ['工资津补贴 › 津贴补贴', '393.24'],
      ['工资津补贴 › 奖金', '192.23'],
      ['工资津补贴 › 绩效工资', 'blank'],
      ['社会保障缴费 › 合计', '384.50'],
      ['社会保障缴费 › 机关事业单位基本养老保险缴费', '186.03'],
      ['社会保障缴费 › 职业年金缴费', '93.02'],
      ['社会保障缴费 › 职工基本医疗保险缴费', '97.09'],
      ['社会保障缴费 › 其他社会保障缴费', '8.37'],
      ['住房公积金', '66.26'],
      ['其他工资福利支出 › 其他工资福利支出', 'blank'],
    ]);
    expectRow(row('10', '2080101'), [['总计', '1354.78'], ['社会保障缴费 › 其他社会保障缴费', '8.37']]);
    expectRow(row('10', '2210201'), [['总计', '66.26'], ['住房公积金', '66.26']]);
  });
  it('11 / 12 对个人和家庭的补助', () => {
    expectRow(total('11'), [['总计', '34.66'], ['离退休费', '33.60'], ['其他对个人和家庭的补助', '1.06'], ['助学金', 'blank']]);
    expectRow(row('11', '2080501'), [['离退休费', '33.60']]);
    expectRow(total('12'), [['总计', '34.66'], ['退休费', '33.60'], ['其他对个人和家庭的补助', '1.06'], ['离休费', 'blank']]);
    expectRow(row('12', '2080802'), [['总计', '1.06'], ['其他对个人和家庭的补助', '1.06']]);
  });
  it('13 / 14 商品和服务支出', () => {
    expectRow(total('13'), [
      ['总计', '200.88'],
      ['机关商品和服务支出 › 合计', '200.88'],
      ['机关商品和服务支出 › 办公经费', '195.88'],
      ['机关商品和服务支出 › 公务接待费', '5.00'],
    ]);
    expectRow(total('14'), [['总计', '200.88'], ['办公费', '168.96'], ['公务接待费', '5.00'], ['工会经费', '26.92'], ['差旅费', 'blank']]);
    expectRow(row('14', '2080101'), [['办公费', '168.96'], ['工会经费', '26.92']]);
  });
});

describe('表15 “三公”经费', () => {
  it('figures and note', () => {
    const cols: [string, string][] = [
      ['“三公”经费合计', '5.00'],
      ['因公出国（境）费', 'blank'],
      ['公务用车购置及运行费 › 小计', 'blank'],
      ['公务接待费', '5.00'],
    ];
    expectRow(total('15'), cols);
    expectRow(row('15', '201001', 'unit'), cols);
    expect(b.tables['15'].notes.map((n) => n.text)).toEqual([
      '注：本表反映2025年度一般公共预算“三公”经费支出情况，表格中单元格空白表示数据为零。',
    ]);
  });
});

describe('表16–20 (no such funds): 合计 0.00 and the 说明', () => {
  const cases: [TableId, string, string][] = [
    ['16', '合计', '说明：2025年度无政府性基金预算拨款支出。'],
    ['17', '总计', '说明：2025年度无政府性基金预算拨款支出。'],
    ['18', '总计', '说明：2025年度无政府性基金预算拨款支出。'],
    ['19', '合计', '说明：2025年无国有资本经营预算拨款支出。'],
    ['20', '合计', '说明：2025年度无财政专户管理资金预算支出。'],
  ];
  for (const [id, col, note] of cases) {
    it(`表${id}`, () => {
      expect(fig(amountAt(total(id), col))).toBe('0.00');
      expect(b.tables[id].rows.filter((r) => r.kind !== 'total')).toHaveLength(0);
      expect(b.tables[id].notes.map((n) => n.text)).toEqual([note]);
    });
  }
});

describe('表21 专项资金预算汇总表', () => {
  const PROJECTS: [string, string][] = [
    ['2025年干部培训中心教育经费', '5.00'],
    ['2025年考试指导服务', '5.00'],
    ['2025年人才交流服务', '5.00'],
    ['2025年监察、仲裁办案经费', '30.00'],
    ['2025年农民工薪金维权专项经费', '10.00'],
    ['2025年就业专项经费', '25.00'],
    ['2025年网络信息建设', '10.00'],
    ['2025年社保宣传经费', '30.00'],
    ['2025年生存调查及举报奖励', '55.00'],
    ['2025年兼职仲裁员及基层调解组织经费', '6.00'],
    ['2025年劳动仲裁经费', '15.00'],
    ['2025年安荣健身馆', '15.00'],
    ['2025年工伤保险业务专项经费', '30.00'],
    ['2025年金保二期一体化信息系统运维管理', '10.00'],
    ['2025年劳动能力鉴定费', '5.00'],
    ['2025年企业薪酬调查及信息发布专项经费', '5.00'],
    ['2025年人膜验证及特殊认证费', '65.00'],
    ['2025年社保经办事务', '9.00'],
    ['2025年社保系统维修维护费', '12.00'],
    ['2025年社会保障监督检查（含第三方审计等）', '45.00'],
  ];
  it('total and department row', () => {
    const cols: [string, string][] = [
      ['预算额度 › 总计', '392.00'],
      ['预算额度 › 一般公共预算 › 一般公共预算小计', '392.00'],
      ['预算额度 › 一般公共预算 › 经费拨款', 'blank'],
      ['预算编制方式 › 编入部门预算金额', '392.00'],
      ['预算编制方式 › 财政代编金额', 'blank'],
    ];
    expectRow(total('21'), cols);
    expectRow(row('21', '201', 'department'), cols);
  });
  it('every project, in published order, under unit 201001', () => {
    const projects = rowsOf(b.tables['21'], 'project');
    expect(projects.map((p) => [p.name, fig(amountAt(p, '预算额度 › 总计'))])).toEqual(PROJECTS);
    for (const p of projects) {
      expect(p.unitCode).toBe('201001');
      expect(fig(amountAt(p, '预算编制方式 › 编入部门预算金额'))).toBe(fig(amountAt(p, '预算额度 › 总计')));
    }
  });
});

describe('表22 项目支出绩效目标表', () => {
  it('unit row and 20 projects with their 资金总额', () => {
    const t = b.tables['22'];
    expectRow(row('22', '201001', 'unit'), [['资金总额', '392.00']]);
    const projects = rowsOf(t, 'project');
    expect(projects).toHaveLength(20);
    expect(projects[0]!.name).toBe('2025年安荣健身馆');
    const arbitration = projects.find((p) => p.name === '2025年劳动仲裁经费')!;
    expectRow(arbitration, [['资金总额', '15.00']]);
    expect(arbitration.texts['实施期绩效目标']).toBe('2025年劳动仲裁经费');
  });
  it('indicator rows with owner and texts (merged cells filled down)', () => {
    const t = b.tables['22'];
    for (const p of rowsOf(t, 'project')) expect(indicatorsOf(t, p.name), p.name).toHaveLength(11);
    const arb = indicatorsOf(t, '2025年劳动仲裁经费');
    const sustain = arb.find((r) => r.texts['绩效指标 › 三级指标'] === '可持续')!;
    expect(sustain.texts['绩效指标 › 一级指标']).toBe('效益指标');
    expect(sustain.texts['绩效指标 › 二级指标']).toBe('可持续影响指标');
    expect(sustain.texts['绩效指标 › 指标值']).toBe('100');
    expect(sustain.texts['绩效指标 › 度量单位']).toBe('100'); // the reference's own oddity
    expect(sustain.texts['绩效指标 › 指标值类型']).toBe('≥');
    const gym = indicatorsOf(t, '2025年安荣健身馆');
    expect(gym[0]!.texts).toMatchObject({
      '绩效指标 › 一级指标': '成本指标',
      '绩效指标 › 二级指标': '经济成本指标',
      '绩效指标 › 三级指标': '控制经济成本',
      '绩效指标 › 指标值': '有所提升',
      '绩效指标 › 指标值类型': '定性',
    });
    // 一级指标 merged over its group: the second row still says 成本指标.
    expect(gym[1]!.texts['绩效指标 › 一级指标']).toBe('成本指标');
    expect(gym.find((r) => r.name === '可持续')!.texts['绩效指标 › 度量单位']).toBe('%');
    // The 资金总额 merged over a project's rows counts once: on the project row (15.00), never on its indicators.
    const gymProject = rowsOf(t, 'project').filter((r) => r.name === '2025年安荣健身馆');
    expect(gymProject.map((r) => r.amounts['资金总额']!.value.toFixed(2))).toEqual(['15.00']);
    for (const r of gym) expect(r.amounts).toEqual({});
  });
});

describe('表23 整体支出绩效目标表', () => {
  it('unit row figures and its 11 indicators', () => {
    const t = b.tables['23'];
    const unit = row('23', '201001', 'unit');
    expectRow(unit, [
      ['年度预算申请 › 资金总额', '2424.73'],
      ['年度预算申请 › 按收入性质分 › 一般公共预算', '2424.73'],
      ['年度预算申请 › 按收入性质分 › 政府性基金拨款', 'blank'],
      ['年度预算申请 › 按支出性质分 › 基本支出', '2032.73'],
      ['年度预算申请 › 按支出性质分 › 项目支出', '392.00'],
    ]);
    const ind = indicatorsOf(t, unit.name);
    expect(ind).toHaveLength(11);
    const G = '部门整体支出年度绩效目标';
    expect(ind[0]!.texts).toMatchObject({
      [`${G} › 一级指标`]: '成本指标',
      [`${G} › 二级指标`]: '经济成本指标',
      [`${G} › 三级指标`]: '预算完成率',
      [`${G} › 指标值类型`]: '定量',
      [`${G} › 指标值`]: '99%',
      [`${G} › 计量单位`]: '%',
    });
    expect(ind[10]!.texts[`${G} › 指标值`]).toBe('97%');
    expect(ind.map((r) => r.texts[`${G} › 一级指标`])).toEqual([
      '成本指标', '成本指标', '成本指标', '产出指标', '产出指标', '产出指标', '效益指标', '效益指标', '效益指标', '效益指标', '满意度指标',
    ]);
  });
});
