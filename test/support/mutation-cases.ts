/**
 * The planted-error cases of test/mutation.test.ts: each plants ONE change in a
 * copy of the sample (SheetJS), after checking the cell holds the published
 * value. Shared with bench/identical.ts, which reports on the same copies.
 */
import type * as XLSX from 'xlsx';
import { expect } from 'vitest';
import type { Severity } from '../../src/model/finding.js';
import type { RuleFamily } from '../../src/rules/types.js';
import {
  amountOf,
  deleteSheet,
  findTable,
  locate,
  locateBelow,
  locateLine,
  restoreCell,
  sameRow,
  saveCell,
  setCell,
  type Located,
} from './mutate.js';

/** What a case changed: a cell (sheet + A1), or only a table (a deleted sheet). */
export interface Planted {
  table: string;
  sheet?: string;
  cell?: string;
  /** Undo the change in the same workbook (absent: the undone file is the original). */
  undo?: () => void;
}

export interface Case {
  name: string;
  family: RuleFamily;
  /** Other families that may rightly report it (a missing table is both C "all 23 present" and D "reading"). */
  alsoFamily?: RuleFamily;
  severity?: Severity;
  plant: (wb: XLSX.WorkBook) => Planted;
}

/** Asserts the cell holds the published amount, then sets it to `to` (a number or a text). */
function amount(l: Located, published: number, to: number | string): Planted {
  expect(amountOf(l), `${l.sheet}!${l.cell} should hold the published ${published}`).toBeCloseTo(published, 2);
  return change(l, to);
}

/** Asserts the cell holds the published text, then sets it. */
function text(l: Located, published: string, to: string | undefined): Planted {
  expect(String(l.value ?? '').trim(), `${l.sheet}!${l.cell}`).toBe(published);
  return change(l, to);
}

let current: XLSX.WorkBook;
function change(l: Located, to: number | string | undefined): Planted {
  const wb = current;
  const saved = saveCell(wb, l.sheet, l.cell);
  setCell(wb, l.sheet, l.cell, to);
  return { table: l.table, sheet: l.sheet, cell: l.cell, undo: () => restoreCell(wb, l.sheet, l.cell, saved) };
}

const PLANTS: Case[] = [
  // ── A: inside a table — row totals, column totals, unit / department rows, 类/款/项 and 经济科目 rollups, 01/06 lines
  { name: '01 收入总计 2,424.73 → 2,434.73', family: 'A', plant: (wb) => amount(locateLine(wb, '01', '收入总计'), 2424.73, 2434.73) },
  { name: '03 2080101 行政运行 合计 1,555.66 → 1,565.66 (合计 = 基本 + 项目)', family: 'A',
    plant: (wb) => amount(locate(wb, '03', '2080101', ['合计']), 1555.66, 1565.66) },
  { name: '07 20805 人员经费 › 工资福利支出 279.05 → 289.05 (款 = Σ 项)', family: 'A',
    plant: (wb) => amount(locate(wb, '07', '20805', ['基本支出', '人员经费', '工资福利支出']), 279.05, 289.05) },
  { name: '08 30201 办公费 合计 168.96 → 178.96 (302 = Σ 302xx)', family: 'A',
    plant: (wb) => amount(locate(wb, '08', '30201', ['本年一般公共预算基本支出', '合计']), 168.96, 178.96) },
  { name: '09 合计 社会保障缴费 384.50 → 394.50 (合计 row = Σ department rows)', family: 'A',
    plant: (wb) => amount(locate(wb, '09', '合计', ['机关工资福利支出', '社会保障缴费']), 384.5, 394.5) },
  { name: '10 201001 基本工资 760.94 → 770.94 (unit = Σ its rows)', family: 'A',
    plant: (wb) => amount(locate(wb, '10', '201001', ['工资津补贴', '基本工资']), 760.94, 770.94) },
  { name: '11 2080501 离退休费 33.60 → 43.60 (总计 = Σ columns)', family: 'A',
    plant: (wb) => amount(locate(wb, '11', '2080501', ['离退休费']), 33.6, 43.6) },
  { name: '12 合计 退休费 33.60 → 34.60', family: 'A', plant: (wb) => amount(locate(wb, '12', '合计', ['退休费']), 33.6, 34.6) },
  { name: '14 2080101 工会经费 26.92 → 36.92', family: 'A', plant: (wb) => amount(locate(wb, '14', '2080101', ['工会经费']), 26.92, 36.92) },
  { name: '15 合计 公务接待费 5.00 → 6.00 (三公合计 = Σ)', family: 'A', plant: (wb) => amount(locate(wb, '15', '合计', ['公务接待费']), 5, 6) },
  { name: '21 2025年安荣健身馆 总计 15.00 → 25.00', family: 'A',
    plant: (wb) => amount(locate(wb, '21', '2025年安荣健身馆', ['预算额度', '总计']), 15, 25) },
  { name: '23 资金总额 2,424.73 → 2,434.73 (= 基本 + 项目)', family: 'A',
    plant: (wb) => amount(locate(wb, '23', '201001', ['年度预算申请', '资金总额']), 2424.73, 2434.73) },

  // ── B: between tables — the same figure wherever it is published
  { name: '02 合计 一般公共预算 2,424.73 → 2,434.73 (= 表01 / 06 / 23)', family: 'B',
    plant: (wb) => amount(locate(wb, '02', '合计', ['本年收入', '一般公共预算']), 2424.73, 2434.73) },
  { name: '04 2080101 总计 1,555.66 → 1,565.66 (by unit × code = 03 / 05 / 07)', family: 'B',
    plant: (wb) => amount(locate(wb, '04', '2080101', ['总计']), 1555.66, 1565.66) },
  { name: '05 2080505 基本支出 合计 186.03 → 196.03 (by code = 03 / 07)', family: 'B',
    plant: (wb) => amount(locate(wb, '05', '2080505', ['基本支出', '合计']), 186.03, 196.03) },
  { name: '06 （一）一般公共预算拨款 2,424.73 → 2,430.00 (= 表01 / 02)', family: 'B',
    plant: (wb) => amount(locateLine(wb, '06', '一般公共预算拨款'), 2424.73, 2430) },
  { name: '08 30217 公务接待费 5.00 → 7.00 (= 表15 / 13 / 14)', family: 'B',
    plant: (wb) => amount(locate(wb, '08', '30217', ['本年一般公共预算基本支出', '合计']), 5, 7) },
  { name: '13 2080101 公务接待费 5.00 → 6.00 (= 表14 / 15)', family: 'B',
    plant: (wb) => amount(locate(wb, '13', '2080101', ['机关商品和服务支出', '公务接待费']), 5, 6) },
  { name: '16 合计 0.00 → 5.00 (no 政府性基金 income in 表01)', family: 'B', plant: (wb) => amount(locate(wb, '16', '合计', ['合计']), 0, 5) },
  { name: '17 合计 0.00 → 3.00', family: 'B', plant: (wb) => amount(locate(wb, '17', '合计', ['总计']), 0, 3) },
  { name: '18 合计 0.00 → 3.00', family: 'B', plant: (wb) => amount(locate(wb, '18', '合计', ['总计']), 0, 3) },
  { name: '19 合计 0.00 → 2.00 (no 国有资本经营 income)', family: 'B', plant: (wb) => amount(locate(wb, '19', '合计', ['合计']), 0, 2) },
  { name: '20 合计 0.00 → 2.00 (no 财政专户 income)', family: 'B', plant: (wb) => amount(locate(wb, '20', '合计', ['合计']), 0, 2) },
  { name: '22 2025年安荣健身馆 资金总额 15.00 → 16.00 (= 表21)', family: 'B',
    plant: (wb) => amount(locate(wb, '22', '2025年安荣健身馆', ['资金总额']), 15, 16) },

  // ── C: completeness (warnings)
  { name: '03 2080105 科目名称 劳动保障监察 → 劳动监察 (same code, same name everywhere)', family: 'C', severity: 'warning',
    plant: (wb) => text(locate(wb, '03', '2080105', ['科目名称']), '劳动保障监察', '劳动监察') },
  { name: '22 2025年安荣健身馆 可持续 度量单位 % → 100 (a unit, not a number)', family: 'C', severity: 'warning',
    plant: (wb) => {
      const project = locate(wb, '22', '2025年安荣健身馆', ['资金总额']);
      return text(locateBelow(wb, project, ['绩效指标', '度量单位'], '%'), '%', '100');
    } },
  { name: '22 2025年考试指导服务 满意度 指标值 100 → 很高 (quantitative needs a number)', family: 'C', severity: 'warning',
    plant: (wb) => {
      const project = locate(wb, '22', '2025年考试指导服务', ['资金总额']);
      const satisfaction = locateBelow(wb, project, ['绩效指标', '三级指标'], '满意度');
      return text(sameRow(wb, satisfaction, ['绩效指标', '指标值']), '100', '很高');
    } },

  // ── D: reading problems
  { name: '03 2080104 合计 15.00 → "约5万"', family: 'D', plant: (wb) => amount(locate(wb, '03', '2080104', ['合计']), 15, '约5万') },
  { name: '10 2080101 总计 1,354.78 → "1,354.78元"', family: 'D',
    plant: (wb) => amount(locate(wb, '10', '2080101', ['总计']), 1354.78, '1,354.78元') },
  { name: '12 deleted (its sheet removed)', family: 'D', alsoFamily: 'C',
    plant: (wb) => {
      const t = findTable(wb, '12');
      deleteSheet(wb, t.sheet);
      return { table: '12' };
    } },

  // ── E: codes
  { name: '03 科目编码 2080105 → 2090105 (a 209 项 under 20801; disagrees with 类/款/项)', family: 'E',
    plant: (wb) => text(locate(wb, '03', '2080105', ['科目编码']), '2080105', '2090105') },
  { name: '07 2080106 类 208 → 209 (科目编码 disagrees with 类/款/项)', family: 'E',
    plant: (wb) => text(locate(wb, '07', '2080106', ['功能科目', '类']), '208', '209') },
  { name: '08 30201 办公费 coded 30301 under 302 (economic code outside its class)', family: 'E',
    plant: (wb) => text(locate(wb, '08', '30201', ['部门预算支出经济分类科目', '科目编码']), '30201', '30301') },
];

/** The cases; each `plant` changes the workbook it is given (`change` above edits that one). */
export const CASES: Case[] = PLANTS.map((c) => ({
  ...c,
  plant: (wb: XLSX.WorkBook) => {
    current = wb;
    return c.plant(wb);
  },
}));
