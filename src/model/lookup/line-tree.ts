/**
 * The line trees of the side-by-side tables 01 / 06: each section's lines
 * (收入 / 支出 …) as nodes with a level, a parent and children, placed by their
 * numbering (一、 above （一）) or, unnumbered, by name (../lines.ts).
 */
import type { Amount, TableId } from '../amount.js';
import type { Row, Table } from '../table.js';
import { normName } from '../../text/normalize.js';
import { lineLevel, type LineSectionKind, sectionKind } from '../lines.js';

export interface LineNode {
  row: Row;
  amount: Amount | undefined;
  level: number;
  /** 'subtotal' 本年收入合计 / 本年支出合计; 'grand' 收入总计 / 支出总计. */
  role: 'item' | 'subtotal' | 'grand';
  name: string;
  parent?: LineNode;
  children: LineNode[];
}

export interface LineSection {
  table: TableId;
  key: string;
  kind: LineSectionKind;
  nodes: LineNode[];
  /** By normalized name; a name can repeat under different parents (06 一般公共预算拨款). */
  byName: Map<string, LineNode[]>;
}

const TOTAL_SUBTOTAL = new Set(['本年收入合计', '本年支出合计']);
const TOTAL_GRAND = new Set(['收入总计', '支出总计']);

/** numbering() results: the same labels in every workbook (bounded: cleared when large). */
const NUMBERING = new Map<string, 0 | 1 | 2>();

/** "一、" style (1), "（一）" style (2), unnumbered (0). */
function numbering(label: string): 0 | 1 | 2 {
  let n = NUMBERING.get(label);
  if (n === undefined) {
    const s = label.normalize('NFKC').replace(/[\s\u3000]+/g, '');
    n = /^(?:[一二三四五六七八九十百]+|\d+)[、.](?!\d)/.test(s) ? 1 : /^\([一二三四五六七八九十百\d]+\)/.test(s) ? 2 : 0;
    if (NUMBERING.size >= 10_000) NUMBERING.clear();
    NUMBERING.set(label, n);
  }
  return n;
}

/** The line sections of a table (none when absent or without lines). */
export function buildLineSections(table: Table | undefined, id: TableId): LineSection[] {
  if (!table) return [];
  const bySection = new Map<string, Row[]>();
  for (const r of table.rows) {
    if (r.kind !== 'line' || !r.section) continue;
    const list = bySection.get(r.section);
    if (list) list.push(r);
    else bySection.set(r.section, [r]);
  }
  const out: LineSection[] = [];
  for (const [key, rows] of bySection) {
    const kind = sectionKind(id, key);
    const hasTopNumbering = rows.some((r) => numbering(r.label) === 1);
    const nodes: LineNode[] = [];
    const byName = new Map<string, LineNode[]>();
    const stack: LineNode[] = [];
    let lastNumbered = 0;
    for (const row of rows) {
      const name = normName(row.name);
      if (!name) continue;
      let amount: Amount | undefined;
      for (const k in row.amounts) {
        amount = row.amounts[k];
        break;
      }
      let role: LineNode['role'] = 'item';
      let level: number;
      if (TOTAL_SUBTOTAL.has(name)) {
        role = 'subtotal';
        level = 1;
      } else if (TOTAL_GRAND.has(name)) {
        role = 'grand';
        level = 1;
      } else {
        const n = numbering(row.label);
        if (n === 1) level = 1;
        else if (n === 2) level = hasTopNumbering ? 2 : 1;
        else level = lineLevel(id, key, name) ?? (lastNumbered > 0 ? lastNumbered + 1 : 1);
        if (n !== 0) lastNumbered = level;
      }
      const node: LineNode = { row, amount, level, role, name, children: [] };
      if (role === 'item') {
        while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) {
          node.parent = parent;
          parent.children.push(node);
        }
        stack.push(node);
      } else {
        stack.length = 0;
        lastNumbered = 0;
      }
      nodes.push(node);
      const list = byName.get(name);
      if (list) list.push(node);
      else byName.set(name, [node]);
    }
    out.push({ table: id, key, kind, nodes, byName });
  }
  return out;
}

