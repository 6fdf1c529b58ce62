/**
 * `budget-audit inspect FILE [--json] [--max-size MB]`: what the loader found
 * in a workbook — each of the 23 tables, where it is, how many data rows, its
 * grand total, its notes (说明 / 注) and any data problems with their cells.
 * No rules run here.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { InvalidArgumentError, type Command } from 'commander';
import stringWidth from 'string-width';
import type { Decimal } from 'decimal.js';
import { InputError } from '../errors.js';
import { loadWorkbook } from '../loaders/index.js';
import { DEFAULT_MAX_BYTES } from '../loaders/workbook.js';
import { PATH_SEP, TABLE_IDS, type Amount, type TableId } from '../model/amount.js';
import type { Budget, DataProblem, MoneyUnit } from '../model/budget.js';
import type { Row, Table } from '../model/table.js';

export interface InspectTotal {
  /** Decimal string at the table's precision, e.g. "2424.73". */
  value: string;
  /** The cell was empty (shown as 0). */
  blank: boolean;
  /** Row label the total was taken from, e.g. "合计", "收入总计". */
  row: string;
  column: string;
  sheet: string;
  cell: string;
}

export interface InspectProblem {
  kind: DataProblem['kind'];
  message: string;
  sheet?: string;
  cell?: string;
  column?: string;
}

export interface InspectTable {
  id: TableId;
  title: string;
  found: boolean;
  sheet?: string;
  range?: string;
  /** Typed rows other than the grand-total (合计) row: department, unit, 科目, project, indicator and 01/06 lines. */
  dataRows: number;
  total?: InspectTotal;
  notes: { text: string; sheet: string; cell: string }[];
  problems: InspectProblem[];
}

export interface InspectResult {
  file: string;
  department?: string;
  year?: number;
  unit?: MoneyUnit;
  precision: number;
  found: number;
  tables: InspectTable[];
  /** Data problems not tied to one table. */
  problems: InspectProblem[];
  /** A PDF: its pages, and the narrative (说明) pages before the first table. */
  pdf?: { pages: number; narrativePages: number[]; narrativeParagraphs: number };
}

/** Whitespace of every kind (01 publishes "收  入  总  计", "本　年　收　入　合　计"). */
const squeeze = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]+/g, '');

/** 01 / 06: the income side's grand total line, preferring 收入总计 over 本年收入合计. */
const SIDE_TOTALS = ['收入总计', '本年收入合计'];

function amountText(d: Decimal, precision: number): string {
  // Extra digits beyond the published precision are shown, never rounded away.
  return d.decimalPlaces() > precision ? d.toFixed() : d.toFixed(precision);
}

function firstAmount(row: Row, table: Table, preferKeyPrefix?: string): Amount | undefined {
  const keys = table.columns.filter((c) => c.role === 'amount').map((c) => c.key);
  const ordered = [...keys, ...Object.keys(row.amounts)];
  if (preferKeyPrefix) {
    const k = ordered.find((key) => key.startsWith(preferKeyPrefix) && row.amounts[key]);
    if (k) return row.amounts[k];
  }
  for (const k of ordered) if (row.amounts[k]) return row.amounts[k];
  return undefined;
}

/**
 * The table's grand total: 01 / 06 the income 收入总计 line; grid tables the
 * 合计 row's first amount column; a table without a 合计 row (22) the single
 * department or unit row's first amount (资金总额).
 */
function grandTotal(table: Table): { row: Row; amount: Amount } | undefined {
  const pick = (row: Row | undefined, prefix?: string) => {
    const amount = row ? firstAmount(row, table, prefix) : undefined;
    return row && amount ? { row, amount } : undefined;
  };
  const lines = table.rows.filter((r) => r.kind === 'line');
  if (lines.length > 0) {
    const income = lines.filter((r) => r.section === undefined || r.section === 'income');
    for (const name of SIDE_TOTALS) {
      const hit = pick(income.find((r) => squeeze(r.name) === name || squeeze(r.label) === name), `收入${PATH_SEP}`);
      if (hit) return hit;
    }
  }
  const total = table.rows.find((r) => r.kind === 'total');
  if (total) return pick(total, `收入${PATH_SEP}`);
  const depts = table.rows.filter((r) => r.kind === 'department');
  if (depts.length === 1) return pick(depts[0]);
  const units = table.rows.filter((r) => r.kind === 'unit');
  if (units.length === 1) return pick(units[0]);
  return undefined;
}

function problemOf(p: DataProblem): InspectProblem {
  const out: InspectProblem = { kind: p.kind, message: p.message };
  if (p.ref) {
    out.sheet = p.ref.sheet;
    out.cell = p.ref.cell;
  }
  if (p.column) out.column = p.column;
  return out;
}

/** What `inspect` reports, as plain data (amounts as decimal strings). */
export function inspectReport(budget: Budget): InspectResult {
  const tables: InspectTable[] = TABLE_IDS.map((id) => {
    const t = budget.tables[id];
    const found = Boolean(t?.found);
    const total = t && found ? grandTotal(t) : undefined;
    const item: InspectTable = {
      id,
      title: t?.title ?? '',
      found,
      sheet: found ? t?.sheet : undefined,
      range: found ? t?.range : undefined,
      dataRows: t && found ? t.rows.filter((r) => r.kind !== 'total').length : 0,
      total: total && {
        value: amountText(total.amount.value, budget.precision),
        blank: total.amount.blank,
        row: tidyLabel(total.amount.rowLabel || total.row.label),
        column: total.amount.column,
        sheet: total.amount.ref.sheet,
        cell: total.amount.ref.cell,
      },
      notes: [],
      problems: [],
    };
    if (!t || !found) return item;
    item.notes = t.notes.map((n) => ({ text: n.text, sheet: n.ref.sheet, cell: n.ref.cell }));
    return item;
  });
  const byId = new Map(tables.map((t) => [t.id, t]));
  const problems: InspectProblem[] = [];
  for (const p of budget.problems) {
    // A missing table already shows as "missing" in its line.
    if (p.kind === 'missing-table') continue;
    const t = p.table ? byId.get(p.table) : undefined;
    (t ? t.problems : problems).push(problemOf(p));
  }
  return {
    file: budget.file,
    department: budget.department,
    year: budget.year,
    unit: budget.unit,
    precision: budget.precision,
    found: tables.filter((t) => t.found).length,
    tables,
    problems,
    ...(budget.pdf
      ? {
          pdf: {
            pages: budget.pdf.pages,
            narrativePages: [...new Set(budget.pdf.narrative.map((p) => p.page))],
            narrativeParagraphs: budget.pdf.narrative.length,
          },
        }
      : {}),
  };
}

/** "2424.73" → "2,424.73" (grouping only; the digits are the decimal string's). */
export function groupThousands(value: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  if (!m) return value;
  return m[1]! + m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (m[3] ?? '');
}

function pad(s: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - stringWidth(s)));
  return right ? fill + s : s + fill;
}

/** "收  入  总  计" → "收入总计": spacing between Chinese characters is layout, not name. */
function tidyLabel(s: string): string {
  return s.replace(/(?<=[^\x00-\x7f])[\s\u3000]+(?=[^\x00-\x7f])/g, '').trim();
}

function where(sheet?: string, cell?: string): string {
  return sheet && cell ? `${sheet}!${cell}` : (sheet ?? cell ?? '');
}

/** The human-readable listing. `color` only when writing to a terminal. */
export function formatInspectText(r: InspectResult, color = false): string {
  const c: ChalkInstance = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [];
  const unit = r.unit ? `${r.unit} (${r.precision} decimal places)` : '(not stated)';
  out.push(`File:        ${r.file}`);
  out.push(`Department:  ${r.department ?? '(not found)'}`);
  out.push(`Year:        ${r.year ?? '(not found)'}`);
  out.push(`Unit:        ${unit}`);
  out.push(`Tables:      ${r.found}/${r.tables.length} found`);
  if (r.pdf) {
    const np = r.pdf.narrativePages;
    const pages = np.length === 0 ? 'none' : np.length === 1 ? `page ${np[0]}` : `pages ${np[0]}–${np[np.length - 1]}`;
    out.push(`PDF:         ${r.pdf.pages} pages; narrative (说明) ${pages}, ${r.pdf.narrativeParagraphs} paragraphs`);
  }
  out.push('');

  const cells = r.tables.map((t) => ({
    status: t.found ? 'found' : 'missing',
    rows: t.found ? String(t.dataRows) : '',
    total: t.total ? groupThousands(t.total.value) : '',
  }));
  const w = {
    status: Math.max(7, ...cells.map((x) => stringWidth(x.status))),
    rows: Math.max(4, ...cells.map((x) => stringWidth(x.rows))),
    total: Math.max(11, ...cells.map((x) => stringWidth(x.total))),
  };
  out.push(c.bold(['表', pad('Status', w.status), pad('Rows', w.rows, true), pad('Grand total', w.total, true), 'Title  [where; total taken from]'].join('  ')));
  r.tables.forEach((t, i) => {
    const x = cells[i]!;
    const status = t.found ? pad(x.status, w.status) : c.red(pad(x.status, w.status));
    const at = [where(t.sheet, t.range), t.total ? `total: ${t.total.row} ${t.total.cell}` : '']
      .filter(Boolean)
      .join('; ');
    out.push([t.id, status, pad(x.rows, w.rows, true), pad(x.total, w.total, true), t.title + (at ? c.gray(`  [${at}]`) : '')].join('  '));
    for (const n of t.notes) out.push(`    ${c.gray(`note ${n.cell}:`)} ${n.text}`);
    for (const p of t.problems) out.push(`    ${c.yellow(`problem ${where(p.sheet, p.cell) || p.kind}:`)} ${p.message}`);
  });
  if (r.problems.length > 0) {
    out.push('', 'Other data problems:');
    for (const p of r.problems) out.push(`  ${c.yellow(`${where(p.sheet, p.cell) || p.kind}:`)} ${p.message}`);
  }
  return out.join('\n') + '\n';
}

/** --max-size in MB (fractions allowed) → bytes. */
function parseMaxSize(value: string): number {
  const mb = Number(value);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(value) || !(mb > 0)) {
    throw new InvalidArgumentError('must be a positive number of megabytes');
  }
  return Math.max(1, Math.floor(mb * 1024 * 1024));
}

export function registerInspect(program: Command, setExit: (code: number) => void): void {
  program
    .command('inspect')
    .description('List the 23 tables found in a workbook: where, rows, grand totals, notes, data problems.')
    .argument('<FILE>', 'budget workbook (.xlsx / .xls)')
    .option('--json', 'print the listing as JSON (amounts as decimal strings)')
    .option('--max-size <MB>', `refuse files larger than this (default ${DEFAULT_MAX_BYTES / 1024 / 1024})`, parseMaxSize)
    .action(async (file: string, opts: { json?: boolean; maxSize?: number }) => {
      const budget = await loadWorkbook(file, { maxBytes: opts.maxSize ?? DEFAULT_MAX_BYTES });
      const result = inspectReport(budget);
      if (result.found === 0) throw new InputError(`${file}: no budget tables found (部门公开表01–23)`, file);
      process.stdout.write(opts.json ? JSON.stringify(result, null, 2) + '\n' : formatInspectText(result, Boolean(process.stdout.isTTY)));
      setExit(0);
    });
}
