/**
 * Row identities derived from the template's column paths: in every group of
 * columns, the total column (合计 / 小计 / 总计, or a name ending in one) equals
 * its siblings — a sibling group counts by its own total column, or by its
 * leaves when it has none. Sibling groups named 按…分 (表23 按收入性质分 /
 * 按支出性质分) are alternative breakdowns of the same total: each sums to it
 * separately.
 */
import { PATH_SEP, type TableId } from '../model/amount.js';
import { templateAmountKeys } from '../templates/amount-columns.js';
import { HUNAN_23 } from '../templates/hunan-23.js';
import type { TableTemplate } from '../templates/types.js';

export interface RowIdentity {
  total: string;
  parts: string[];
  /** The same columns as positions in `Row.cells`. */
  totalAt: number;
  partsAt: number[];
}

/** An identity as written (column keys); its positions are filled in by `rowIdentities`. */
type Written = Pick<RowIdentity, 'total' | 'parts'>;

interface Node {
  name: string;
  /** Column key when this node is a leaf column. */
  key?: string;
  children: Node[];
}

const TOTAL_RE = /(合计|小计|总计|资金总额)$/;
const VIEW_RE = /^按.+分$/;

function isTotal(n: Node): boolean {
  return n.key !== undefined && n.children.length === 0 && TOTAL_RE.test(n.name.replace(/\s+/g, ''));
}

function buildTree(tmpl: TableTemplate): Node {
  const root: Node = { name: '', children: [] };
  for (const c of tmpl.columns) {
    if (c.role !== 'amount') continue;
    let node = root;
    c.path.forEach((seg, i) => {
      const leaf = i === c.path.length - 1;
      let child = leaf ? undefined : node.children.find((n) => n.name === seg && n.key === undefined);
      if (!child) {
        child = { name: seg, children: [] };
        node.children.push(child);
      }
      if (leaf) child.key = c.path.join(PATH_SEP);
      node = child;
    });
  }
  return root;
}

/** What a child contributes to its parent's total. */
function contribution(n: Node): string[] {
  if (n.children.length === 0) return n.key ? [n.key] : [];
  const total = n.children.find(isTotal);
  if (total) return [total.key!];
  const views = n.children.filter((c) => c.children.length > 0 && VIEW_RE.test(c.name));
  // A group of alternative views without a total contributes one view (the first).
  if (views.length > 0 && views.length === n.children.length) return contribution(views[0]!);
  return n.children.flatMap(contribution);
}

function collect(n: Node, out: Written[]): void {
  if (n.children.length === 0) return;
  const total = n.children.find(isTotal);
  if (total) {
    const rest = n.children.filter((c) => c !== total);
    const views = rest.filter((c) => c.children.length > 0 && VIEW_RE.test(c.name));
    const others = rest.filter((c) => !views.includes(c));
    for (const v of views) out.push({ total: total.key!, parts: contribution(v) });
    if (others.length > 0 || views.length === 0) out.push({ total: total.key!, parts: others.flatMap(contribution) });
  }
  for (const c of n.children) collect(c, out);
}

/** Identities the column paths don't show, kept as data. */
const EXTRA: Partial<Record<TableId, Written[]>> = {
  // 表21: the 预算额度 总计 is also split by 预算编制方式.
  '21': [
    {
      total: ['预算额度', '总计'].join(PATH_SEP),
      parts: [['预算编制方式', '编入部门预算金额'].join(PATH_SEP), ['预算编制方式', '财政代编金额'].join(PATH_SEP)],
    },
  ],
};

const CACHE = new Map<TableId, RowIdentity[]>();

/** Every row identity of a grid table (empty for 01/06 and single-figure tables). */
export function rowIdentities(id: TableId): RowIdentity[] {
  let ids = CACHE.get(id);
  if (ids) return ids;
  ids = [];
  const tmpl = HUNAN_23.find((t) => t.id === id);
  if (tmpl && tmpl.layout === 'grid') {
    let written: Written[] = [];
    collect(buildTree(tmpl), written);
    written = written.filter((i) => i.parts.length > 0);
    written.push(...(EXTRA[id] ?? []));
    const keys = templateAmountKeys(tmpl);
    const at = (key: string): number => {
      const i = keys.indexOf(key);
      if (i < 0) throw new Error(`表${id}: "${key}" is not an amount column of the template`);
      return i;
    };
    ids = written.map((w) => ({ ...w, totalAt: at(w.total), partsAt: w.parts.map(at) }));
  }
  CACHE.set(id, ids);
  return ids;
}
