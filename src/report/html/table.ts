/**
 * One table of the workbook rendered as the workbook shows it: its header
 * (from the columns' paths, with colspans / rowspans), its rows at their sheet
 * positions, sheet column letters and row numbers, amounts as #,##0.00, and
 * every cell a finding points at highlighted by severity.
 */
import { Decimal } from 'decimal.js';
import type { Amount } from '../../model/amount.js';
import { PATH_SEP } from '../../model/amount.js';
import type { Severity } from '../../model/finding.js';
import { SEVERITY_ORDER } from '../../model/finding.js';
import type { Column, Row, Table } from '../../model/table.js';
import { a1, cellKey, colLetters, esc, formatMoney } from './format.js';
import type { Labels } from './i18n.js';
import { markToken, strongestMark, type Mark } from '../roles.js';

/** What the findings say about one cell. */
export interface CellFlag {
  /** Highest severity among its findings. */
  severity: Severity;
  severities: Set<Severity>;
  /** Indices into the file's (sorted) findings. */
  findings: number[];
  /** Tooltip text: one line per finding. */
  tip: string[];
  /** Each finding's severity and this cell's role in it: the colour comes from the strongest. */
  marks: Mark[];
  /** Every finding saw it blank: outlined, never filled as an error. */
  blank: boolean;
  /** The suggested value of this cell (a suggested correction), shown beside the published one ("" = clear it). */
  fix?: string;
}

interface GridCell {
  text: string;
  numeric: boolean;
}

/** The columns to draw: the table's own, plus any column an amount sits in that the header didn't name. */
function drawnColumns(table: Table): Column[] {
  const byCol = new Map<number, Column>();
  for (const c of [...table.columns].sort((x, y) => x.col - y.col)) {
    if (!byCol.has(c.col)) byCol.set(c.col, c);
  }
  for (const row of table.rows) {
    for (const [key, amount] of Object.entries(row.amounts)) {
      const col = amount.ref.col;
      if (!byCol.has(col)) byCol.set(col, { key, parts: key.split(PATH_SEP), col, role: 'amount' });
    }
  }
  return [...byCol.values()].sort((x, y) => x.col - y.col);
}

function amountText(amount: Amount, precision: number): string {
  if (amount.blank) return amount.raw ?? '';
  return formatMoney(amount.value, precision);
}

/** Places every value of the table at its sheet position. */
function buildGrid(table: Table, columns: Column[], precision: number): Map<number, Map<number, GridCell>> {
  const grid = new Map<number, Map<number, GridCell>>();
  const put = (r: number, c: number, cell: GridCell, overwrite: boolean) => {
    let line = grid.get(r);
    if (!line) grid.set(r, (line = new Map()));
    if (overwrite || !line.has(c) || line.get(c)!.text === '') line.set(c, cell);
  };
  const nameCols = columns.filter((c) => c.role === 'name').map((c) => c.col);

  for (const row of table.rows) {
    // Amounts first, exactly where they were read.
    for (const amount of Object.values(row.amounts)) {
      put(amount.ref.row, amount.ref.col, { text: amountText(amount, precision), numeric: true }, true);
    }
    if (!grid.has(row.sheetRow)) grid.set(row.sheetRow, new Map());
    for (const [key, text] of Object.entries(row.texts)) {
      const candidates = columns.filter((c) => c.key === key);
      if (candidates.length === 0) continue;
      const target =
        candidates.length === 1 || !row.labelRef
          ? candidates[0]!
          : candidates.reduce((best, c) =>
              Math.abs(c.col - row.labelRef!.col) < Math.abs(best.col - row.labelRef!.col) ? c : best,
            );
      put(row.sheetRow, target.col, { text, numeric: false }, false);
    }
    placeLabel(row, nameCols, put);
  }
  return grid;
}

/** The row's own label, where it stands (labelRef) or in the name column nearest left of its amounts. */
function placeLabel(
  row: Row,
  nameCols: number[],
  put: (r: number, c: number, cell: GridCell, overwrite: boolean) => void,
): void {
  const text = row.name || row.label;
  if (!text) return;
  if (row.labelRef) {
    put(row.labelRef.row, row.labelRef.col, { text, numeric: false }, false);
    return;
  }
  if (Object.keys(row.texts).length > 0 || nameCols.length === 0) return;
  const firstAmount = Math.min(...Object.values(row.amounts).map((a) => a.ref.col), Infinity);
  const left = nameCols.filter((c) => c < firstAmount);
  put(row.sheetRow, left.length ? left[left.length - 1]! : nameCols[0]!, { text, numeric: false }, false);
}

/** Header rows from the columns' paths: shared prefixes become colspans, short paths rowspan down. */
function headerRows(columns: Column[]): string[] {
  const depth = Math.max(1, ...columns.map((c) => c.parts.length));
  const rows: string[] = [];
  for (let level = 0; level < depth; level++) {
    let html = '';
    let i = 0;
    while (i < columns.length) {
      const col = columns[i]!;
      if (col.parts.length <= level) {
        i++;
        continue; // covered by a rowspan from above
      }
      const isLeaf = col.parts.length === level + 1;
      const prefix = col.parts.slice(0, level + 1).join(PATH_SEP);
      let span = 1;
      if (!isLeaf) {
        while (
          i + span < columns.length &&
          columns[i + span]!.parts.length > level + 1 &&
          columns[i + span]!.parts.slice(0, level + 1).join(PATH_SEP) === prefix
        ) {
          span++;
        }
      }
      const rowspan = isLeaf ? depth - level : 1;
      html += `<th${span > 1 ? ` colspan="${span}"` : ''}${rowspan > 1 ? ` rowspan="${rowspan}"` : ''}>${esc(col.parts[level])}</th>`;
      i += span;
    }
    rows.push(html);
  }
  return rows;
}

export function renderTable(
  table: Table,
  flags: Map<string, CellFlag>,
  labels: Labels,
  precision: number,
  anchor: string,
): string {
  const sheet = table.sheet ?? '';
  const columns = drawnColumns(table);
  const grid = buildGrid(table, columns, precision);
  const kindByRow = new Map<number, Row>();
  for (const row of table.rows) if (!kindByRow.has(row.sheetRow)) kindByRow.set(row.sheetRow, row);

  const head = headerRows(columns);
  const letters = columns.map((c) => `<th class="colname">${colLetters(c.col)}</th>`).join('');
  let thead = `<tr class="letters"><th class="corner"></th>${letters}</tr>`;
  head.forEach((h, i) => {
    thead += `<tr>${i === 0 ? `<th class="corner" rowspan="${head.length}"></th>` : ''}${h}</tr>`;
  });

  let tbody = '';
  for (const r of [...grid.keys()].sort((x, y) => x - y)) {
    const line = grid.get(r)!;
    const row = kindByRow.get(r);
    const rowClass = row ? ` class="k-${esc(row.kind)}${row.level ? ` lv-${row.level}` : ''}"` : '';
    let tds = `<th class="rownum">${r + 1}</th>`;
    for (const c of columns) {
      const cell = line.get(c.col);
      const address = a1(r, c.col);
      const key = cellKey(sheet, address);
      const flag = flags.get(key);
      const classes = [cell?.numeric || c.role === 'amount' ? 'num' : c.role === 'name' ? 'txt name' : 'txt'];
      let extra = '';
      if (flag) {
        const top = strongestMark(flag.marks);
        classes.push('flag', `sev-${top?.severity ?? flag.severity}`, `role-${top?.role ?? 'term'}`);
        if (flag.blank || !cell?.text) classes.push('blank');
        extra =
          ` data-f="${flag.findings.join(' ')}"` +
          ` data-sevs="${[...flag.severities].join(' ')}"` +
          ` data-marks="${[...new Set(flag.marks.map(markToken))].join(' ')}"` +
          ` title="${esc(`${address} · ` + flag.tip.join('\n'))}" tabindex="-1"`;
      }
      if (flag?.fix !== undefined) classes.push('fix');
      const fix = flag?.fix !== undefined ? `<span class="fix-to">→ ${esc(flag.fix === '' ? labels.clear : formatFix(flag.fix, precision))}</span>` : '';
      tds += `<td class="${classes.join(' ')}" data-cell="${esc(key)}"${extra}>${esc(cell?.text ?? '')}${fix}</td>`;
    }
    tbody += `<tr${rowClass}>${tds}</tr>`;
  }

  const where = [sheet ? `${labels.sheet} ${sheet}` : '', table.range ?? ''].filter(Boolean).join(' · ');
  const notes = table.notes.length
    ? `<div class="notes"><strong>${esc(labels.notes)}</strong>${table.notes.map((n) => `<p>${esc(n.text)}</p>`).join('')}</div>`
    : '';
  return (
    `<section class="tbl" id="${esc(anchor)}" data-table="${esc(table.id)}">` +
    `<h4><span class="tid">${esc(labels.table(table.id))}</span> ${esc(table.title)} <small>${esc(where)}</small></h4>` +
    `<div class="scroll"><table class="sheet"><thead>${thead}</thead><tbody>${tbody}</tbody></table></div>` +
    notes +
    `</section>`
  );
}

/** A suggested value as the table shows money (#,##0.00), from its decimal string. */
function formatFix(value: string, precision: number): string {
  return formatMoney(new Decimal(value), precision);
}

/** What the cell colours mean, above the tables. */
export function roleLegend(labels: Labels, withCulprit: boolean): string {
  const item = (cls: string, text: string) => `<span><i class="${cls}"></i>${esc(text)}</span>`;
  return (
    `<div class="legend"><strong>${esc(labels.legend)}</strong>` +
    (withCulprit ? item('flag role-culprit sev-error', labels.role.culprit) : '') +
    item('flag role-disagrees sev-error', `${labels.role.disagrees} · ${labels.severity.error}`) +
    item('flag role-disagrees sev-warning', `${labels.role.disagrees} · ${labels.severity.warning}`) +
    item('flag role-disagrees sev-rounding', `${labels.role.disagrees} · ${labels.severity.rounding}`) +
    item('flag role-term', labels.role.term) +
    item('flag blank', labels.blankCell) +
    `</div>`
  );
}

/** Highest of a set of severities. */
export function topSeverity(sevs: Iterable<Severity>): Severity {
  let top: Severity = 'info';
  for (const s of sevs) if (SEVERITY_ORDER[s] > SEVERITY_ORDER[top]) top = s;
  return top;
}
