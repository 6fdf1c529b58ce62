/**
 * Planting one change in a copy of a workbook (SheetJS), and finding the cell
 * to change by content — the table's 部门公开表NN marker, the row's code or
 * label, the column's header words — never by a fixed address.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as XLSX from 'xlsx';

const norm = (s: unknown): string => String(s ?? '').normalize('NFKC').replace(/[\s\u3000]+/g, '');

export function readBook(file: string): XLSX.WorkBook {
  return XLSX.read(fs.readFileSync(file), { type: 'buffer', cellStyles: false });
}

/** Writes `wb` to `dir/name` (xlsx or xls by extension) and returns the path. */
export function writeBook(wb: XLSX.WorkBook, dir: string, name: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  const bookType = name.endsWith('.xls') ? 'biff8' : 'xlsx';
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType }) as Buffer);
  return file;
}

/** Text of (r, c), looking through merges to their top-left cell. */
function textAt(ws: XLSX.WorkSheet, r: number, c: number): string {
  for (const m of ws['!merges'] ?? []) {
    if (r >= m.s.r && r <= m.e.r && c >= m.s.c && c <= m.e.c) {
      r = m.s.r;
      c = m.s.c;
      break;
    }
  }
  const cell = ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
  return cell?.v === undefined ? '' : String(cell.v);
}

function range(ws: XLSX.WorkSheet): XLSX.Range {
  return XLSX.utils.decode_range(ws['!ref'] ?? 'A1:A1');
}

export interface TableAt {
  sheet: string;
  ws: XLSX.WorkSheet;
  /** Row of the 部门公开表NN marker. */
  markerRow: number;
  /** Last row before the next table's marker (or the sheet's end). */
  endRow: number;
}

/** Finds table NN by its 部门公开表NN marker, in whichever sheet it is. */
export function findTable(wb: XLSX.WorkBook, id: string): TableAt {
  const marker = `部门公开表${id}`;
  for (const sheet of wb.SheetNames) {
    const ws = wb.Sheets[sheet]!;
    const rg = range(ws);
    for (let r = rg.s.r; r <= rg.e.r; r++) {
      for (let c = rg.s.c; c <= rg.e.c; c++) {
        if (norm(textAt(ws, r, c)) !== marker) continue;
        let endRow = rg.e.r;
        for (let rr = r + 1; rr <= rg.e.r && endRow === rg.e.r; rr++) {
          for (let cc = rg.s.c; cc <= rg.e.c; cc++) {
            if (/^部门公开表\d{2}$/.test(norm(textAt(ws, rr, cc)))) { endRow = rr - 1; break; }
          }
        }
        return { sheet, ws, markerRow: r, endRow };
      }
    }
  }
  throw new Error(`table ${id}: no "${marker}" in any sheet`);
}

export interface Located {
  table: string;
  sheet: string;
  /** A1 address. */
  cell: string;
  r: number;
  c: number;
  /** The cell's value as SheetJS holds it (number, text, or undefined for blank). */
  value: unknown;
}

/** First header row: the one after the 单位：… / 金额单位 line under the title. */
function headerStart(t: TableAt): number {
  const rg = range(t.ws);
  for (let r = t.markerRow + 1; r <= Math.min(t.endRow, t.markerRow + 6); r++) {
    for (let c = rg.s.c; c <= rg.e.c; c++) {
      const w = norm(textAt(t.ws, r, c));
      if (w.startsWith('单位：') || w.includes('金额单位')) return r + 1;
    }
  }
  return t.markerRow + 2;
}

/** Last header row: the one before the first row holding a number. */
function headerEnd(t: TableAt): number {
  const rg = range(t.ws);
  for (let r = headerStart(t); r <= t.endRow; r++) {
    for (let c = rg.s.c; c <= rg.e.c; c++) {
      const cell = t.ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
      if (cell?.t === 'n') return r - 1;
    }
  }
  return t.endRow;
}

/** The header words over column c (merged cells included). */
function columnWords(t: TableAt, c: number): string[] {
  const words: string[] = [];
  for (let r = headerStart(t); r <= headerEnd(t); r++) {
    const w = norm(textAt(t.ws, r, c));
    if (w && !words.includes(w)) words.push(w);
  }
  return words;
}

/**
 * The amount cell of table `id` in the row whose code or label is `row`
 * (e.g. "2080101", "30217", "201001", "合计", a project name) and the column
 * whose header words are `column` (e.g. ["基本支出", "合计"]). With several
 * rows of that code (one per unit), `nth` picks one (0-based).
 */
export function locate(wb: XLSX.WorkBook, id: string, row: string, column: string[], nth = 0): Located {
  const t = findTable(wb, id);
  const rg = range(t.ws);
  const want = norm(row);
  const rows: number[] = [];
  const textOf = (r: number, c: number): string => {
    const cell = t.ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
    return cell && cell.t === 's' ? norm(cell.v) : '';
  };
  for (let r = headerEnd(t) + 1; r <= t.endRow; r++) {
    for (let c = rg.s.c; c <= rg.e.c; c++) {
      // A code is one cell ("2080101") or split over 类 | 款 | 项 cells ("208" "01" "01").
      const joined = [0, 1, 2].map((k) => textOf(r, c + k));
      if (textOf(r, c) === want || (/^\d+$/.test(want) && joined.join('') === want && joined.every(Boolean))) {
        rows.push(r);
        break;
      }
    }
  }
  const r = rows[nth];
  if (r === undefined) throw new Error(`table ${id}: no row "${row}" (#${nth})`);
  const parts = column.map(norm);
  let best: number | undefined;
  for (let c = rg.s.c; c <= rg.e.c; c++) {
    const words = columnWords(t, c);
    if (!parts.every((p) => words.includes(p))) continue;
    // Prefer the column whose header is exactly these words (合计 vs 基本支出 › 合计).
    if (words.length === parts.length) { best = c; break; }
    best ??= c;
  }
  if (best === undefined) throw new Error(`table ${id}: no column "${column.join(' › ')}"`);
  return at(t, id, r, best);
}

/**
 * 01 / 06: the amount of a labelled line (the cell right of its label), e.g.
 * locateLine(wb, '01', '本年收入合计'); `nth` picks among equal labels
 * (01 has 本年支出合计 in three expenditure views).
 */
export function locateLine(wb: XLSX.WorkBook, id: string, label: string, nth = 0): Located {
  const t = findTable(wb, id);
  const rg = range(t.ws);
  const want = norm(label);
  let seen = 0;
  for (let r = t.markerRow + 1; r <= t.endRow; r++) {
    for (let c = rg.s.c; c <= rg.e.c; c++) {
      const w = norm(textAt(t.ws, r, c)).replace(/^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十]+[）)]/, '');
      if (w === want && seen++ === nth) return at(t, id, r, c + 1);
    }
  }
  throw new Error(`table ${id}: no line "${label}" (#${nth})`);
}

function at(t: TableAt, table: string, r: number, c: number): Located {
  const cell = t.ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
  return { table, sheet: t.sheet, cell: XLSX.utils.encode_cell({ r, c }), r, c, value: cell?.v };
}

/** Sets a cell: a number (an amount, formatted like the others), a text, or undefined to blank it. */
export function setCell(wb: XLSX.WorkBook, sheet: string, a1: string, value: number | string | undefined): void {
  const ws = wb.Sheets[sheet];
  if (!ws) throw new Error(`no sheet "${sheet}"`);
  if (value === undefined) {
    delete ws[a1];
    return;
  }
  ws[a1] = typeof value === 'number' ? { t: 'n', v: value, z: '#,##0.00' } : { t: 's', v: value };
  const rg = range(ws);
  const { r, c } = XLSX.utils.decode_cell(a1);
  rg.e.r = Math.max(rg.e.r, r);
  rg.e.c = Math.max(rg.e.c, c);
  ws['!ref'] = XLSX.utils.encode_range(rg);
}

/** Removes a table's whole sheet (a "deleted table"). */
export function deleteSheet(wb: XLSX.WorkBook, sheet: string): void {
  wb.SheetNames = wb.SheetNames.filter((n) => n !== sheet);
  delete wb.Sheets[sheet];
}

/** Numeric value of a located amount cell (0 for blank). */
export function amountOf(l: Located): number {
  if (l.value === undefined || l.value === '') return 0;
  if (typeof l.value === 'number') return l.value;
  return Number(String(l.value).replace(/,/g, ''));
}

/**
 * The first cell at or below `from` (a located cell) in the column with header
 * words `column` whose text is `text` — e.g. a project's 满意度指标 row in 表22.
 */
export function locateBelow(wb: XLSX.WorkBook, from: Located, column: string[], text: string): Located {
  const t = findTable(wb, from.table);
  const parts = column.map(norm);
  const rg = range(t.ws);
  let col: number | undefined;
  for (let c = rg.s.c; c <= rg.e.c && col === undefined; c++) {
    const words = columnWords(t, c);
    if (parts.every((p) => words.includes(p)) && words.length === parts.length) col = c;
  }
  if (col === undefined) throw new Error(`table ${from.table}: no column "${column.join(' › ')}"`);
  for (let r = from.r; r <= t.endRow; r++) {
    const cell = t.ws[XLSX.utils.encode_cell({ r, c: col })] as XLSX.CellObject | undefined;
    if (cell && norm(cell.v) === norm(text)) return at(t, from.table, r, col);
  }
  throw new Error(`table ${from.table}: no "${text}" below row ${from.r + 1} in "${column.join(' › ')}"`);
}

/** A copy of a cell object (to undo a planted change). */
export function saveCell(wb: XLSX.WorkBook, sheet: string, a1: string): XLSX.CellObject | undefined {
  const c = wb.Sheets[sheet]?.[a1] as XLSX.CellObject | undefined;
  return c ? { ...c } : undefined;
}

export function restoreCell(wb: XLSX.WorkBook, sheet: string, a1: string, saved: XLSX.CellObject | undefined): void {
  const ws = wb.Sheets[sheet]!;
  if (saved) ws[a1] = { ...saved };
  else delete ws[a1];
}

/** The cell of the same row as `l` in the column with header words `column`. */
export function sameRow(wb: XLSX.WorkBook, l: Located, column: string[]): Located {
  const t = findTable(wb, l.table);
  const parts = column.map(norm);
  const rg = range(t.ws);
  for (let c = rg.s.c; c <= rg.e.c; c++) {
    const words = columnWords(t, c);
    if (parts.every((p) => words.includes(p)) && words.length === parts.length) return at(t, l.table, l.r, c);
  }
  throw new Error(`table ${l.table}: no column "${column.join(' › ')}"`);
}
