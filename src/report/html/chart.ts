/** The summary's small chart: findings per table, stacked by severity, as inline SVG (no script, no font). */
import { TABLE_IDS, type TableId } from '../../model/amount.js';
import type { Severity } from '../../model/finding.js';
import { esc } from './format.js';
import type { Labels } from './i18n.js';

/** SVG coordinates (pixels, never money) to one decimal. */
const px = (n: number): string => n.toFixed(1);

export const STACK_ORDER: Severity[] = ['error', 'warning', 'rounding', 'info'];

export function findingsChart(
  perTable: Map<TableId, Record<Severity, number>>,
  titles: Partial<Record<TableId, string>>,
  labels: Labels,
): string {
  const barW = 18;
  const gap = 6;
  const plotH = 90;
  const top = 14;
  const bottom = 18;
  const left = 26;
  const width = left + TABLE_IDS.length * (barW + gap);
  const height = top + plotH + bottom;
  const totals = TABLE_IDS.map((id) => STACK_ORDER.reduce((n, s) => n + (perTable.get(id)?.[s] ?? 0), 0));
  const max = Math.max(1, ...totals);

  let bars = '';
  TABLE_IDS.forEach((id, i) => {
    const counts = perTable.get(id);
    const x = left + i * (barW + gap);
    let y = top + plotH;
    let rects = '';
    const parts: string[] = [];
    for (const sev of STACK_ORDER) {
      const n = counts?.[sev] ?? 0;
      if (!n) continue;
      const h = (n / max) * plotH;
      y -= h;
      rects += `<rect class="sev-${sev}" x="${x}" y="${px(y)}" width="${barW}" height="${px(h)}"/>`;
      parts.push(`${n} ${labels.severity[sev]}`);
    }
    const total = totals[i]!;
    const tip = `${labels.table(id)} ${titles[id] ?? ''}: ${parts.join(', ') || '0'}`;
    bars +=
      `<g class="bar${total ? '' : ' empty'}" data-table="${id}"><title>${esc(tip)}</title>` +
      `<rect class="hit" x="${x - gap / 2}" y="${top}" width="${barW + gap}" height="${plotH}"/>` +
      rects +
      (total ? `<text class="n" x="${x + barW / 2}" y="${px(y - 3)}">${total}</text>` : '') +
      `<text class="id" x="${x + barW / 2}" y="${top + plotH + 13}">${id}</text></g>`;
  });
  const axis =
    `<line class="axis" x1="${left - 4}" y1="${top + plotH}" x2="${width}" y2="${top + plotH}"/>` +
    `<text class="max" x="${left - 6}" y="${top + 4}">${max}</text>`;
  return (
    `<figure class="chart"><figcaption>${esc(labels.chartTitle)}</figcaption>` +
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(labels.chartTitle)}">` +
    axis +
    bars +
    `</svg></figure>`
  );
}
