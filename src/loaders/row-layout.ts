/** A grid table's header columns sorted by role (codes, name, amounts, texts, indicators). */
import type { HeaderColumn, HeaderResult } from './header.js';
import { norm } from './normalize.js';

/** A column numbering the rows (序号 1, 2, 3 …). */
const ROW_NUMBER_RE = /^(?:序号|行次|行号|编号|No\.?)$/i;

/** Columns of one header by role. */
export interface Layout {
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

export function layoutOf(header: HeaderResult): Layout {
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
