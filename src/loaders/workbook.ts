/**
 * File → WorkbookCells: the only module that touches the input file. We read
 * the bytes ourselves (SheetJS never sees the path, nothing is ever written),
 * check magic bytes before parsing so garbage can't make SheetJS slow, and turn
 * every way a file can be unreadable into one InputError line naming the file.
 * Its helpers: sniff.ts (what a file is), zip-check.ts / biff-check.ts /
 * sheet-check.ts (resource limits, issue 11), xlsx-parts.ts (what SheetJS
 * leaves out of the sheet XML).
 */
import { readFile, stat } from 'node:fs/promises';
import * as XLSX from 'xlsx';
import { InputError } from '../errors.js';
import type { MergeRange, RawCell, SheetCells, WorkbookCells } from './cells.js';
import { checkBiffStream } from './biff-check.js';
import { checkSheetCells } from './sheet-check.js';
import { describeNonSpreadsheet, sniff, type Container } from './sniff.js';
import { checkCrcs, checkSharedStrings, hiddenFromXml, partHoldsValues, sheetParts, uncomputedFromXml, xmlComplete } from './xlsx-parts.js';
import { checkZipPackage } from './zip-check.js';

export interface ReadOptions {
  /** Refuse files larger than this before reading them. Default 50 MB. */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** Reads a .xlsx / .xlsm / .xls file into plain cells; any unreadable input is an InputError. */
export async function readWorkbookCells(path: string, opts: ReadOptions = {}): Promise<WorkbookCells> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new InputError(`${path}: is a directory, not a workbook file`, path);
    if (!st.isFile()) throw new InputError(`${path}: is not a regular file`, path);
    size = st.size;
  } catch (err) {
    throw asInputError(err, path);
  }
  // Size is checked on stat, before a single byte is read or parsed.
  if (size > maxBytes) {
    throw new InputError(`${path}: file is ${formatSize(size)}, over the size limit of ${formatSize(maxBytes)}`, path);
  }
  let buf: Buffer;
  try {
    buf = await readFile(path, { flag: 'r' });
  } catch (err) {
    throw asInputError(err, path);
  }
  if (buf.length > maxBytes) {
    throw new InputError(`${path}: file is ${formatSize(buf.length)}, over the size limit of ${formatSize(maxBytes)}`, path);
  }
  if (sniff(buf) === 'cfb') await loadCodepages();
  return workbookCellsFromBuffer(buf, path);
}

let codepagesLoaded = false;

/**
 * Legacy .xls (BIFF) may store text in a code page (e.g. GBK 936); SheetJS
 * needs the code-page tables for that. They are large, so they are imported
 * only when a CFB file shows up. `readWorkbookCells` calls this itself; call it
 * before `workbookCellsFromBuffer` on an .xls buffer.
 */
export async function loadCodepages(): Promise<void> {
  if (codepagesLoaded) return;
  const cp = await import('xlsx/dist/cpexcel.full.mjs');
  XLSX.set_cptable(cp);
  codepagesLoaded = true;
}

/** Parses workbook bytes already in memory. `file` names the input in errors and in the result. */
export function workbookCellsFromBuffer(data: Uint8Array, file: string): WorkbookCells {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const kind = sniff(buf);
  if (kind === undefined) throw new InputError(`${file}: ${describeNonSpreadsheet(buf)}`, file);
  // Resource limits (issue 11) before SheetJS allocates anything; the CRC-32s for checkCrcs.
  const crcs = kind === 'zip' ? checkZipPackage(buf, file) : undefined;
  if (kind === 'cfb') checkCfb(buf, file);

  let wb: XLSX.WorkBook;
  try {
    wb = quietly(() => XLSX.read(buf, {
      type: 'buffer',
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellDates: false,
      cellNF: true, // RawCell.z (number format)
      // .xls keeps column widths/hidden flags only with cellStyles; .xlsx hidden
      // rows/columns are read from the sheet XML instead (see hiddenFromXml).
      cellStyles: kind === 'cfb',
      bookFiles: kind === 'zip',
      bookVBA: false,
    }));
  } catch (err) {
    throw new InputError(`${file}: ${describeParseError(err, kind)}`, file);
  }

  const bookType = kind === 'cfb' ? 'xls' : wb.bookType === 'xlsx' ? 'xlsx' : undefined;
  if (bookType === undefined) {
    // Only .xlsx/.xlsm/.xls are budget-system exports; others are refused, not half-supported.
    const what = wb.bookType === 'xlsb' ? 'an Excel binary workbook (.xlsb)' : wb.bookType === 'ods' ? 'an OpenDocument spreadsheet (.ods)' : `a ${wb.bookType ?? 'non-Excel'} file`;
    throw new InputError(`${file}: ${what} is not supported; save it as .xlsx or .xls`, file);
  }

  if (crcs) checkCrcs(wb, crcs, file);
  const parts = kind === 'zip' ? sheetParts(wb) : [];
  const sheets: SheetCells[] = [];
  let contentCells = 0;
  const tally = { area: 0, mergedCells: 0 };
  wb.SheetNames.forEach((name, i) => {
    const ws = wb.Sheets[name];
    const part = parts[i];
    if (!ws) {
      // SheetJS swallows a part it could not inflate/parse and leaves the sheet out.
      throw new InputError(`${file}: sheet "${name}" could not be read (the file is damaged)`, file);
    }
    const sheet = toSheetCells(name, ws);
    checkSheetCells(sheet, file, tally);
    const n = countContent(sheet);
    if (n === 0 && part && partHoldsValues(part)) {
      throw new InputError(`${file}: sheet "${name}" came back empty although the file holds data for it (the file is damaged)`, file);
    }
    if (part && !xmlComplete(part)) {
      throw new InputError(`${file}: sheet "${name}" is cut short (the file is damaged)`, file);
    }
    if (part) {
      hiddenFromXml(part, sheet);
      uncomputedFromXml(part, sheet);
    }
    contentCells += n;
    sheets.push(sheet);
  });
  if (kind === 'zip') checkSharedStrings(wb, file);

  if (sheets.length === 0 || contentCells === 0) throw new InputError(`${file}: the workbook is empty (no cells with content)`, file);
  return { file, bookType, sheets };
}

/**
 * SheetJS prints some warnings about damaged files to the console ("Missing
 * Info for XLS Record …"): they would be extra stderr lines around the one
 * error line, or noise in a report. Muted while it parses (synchronously).
 */
function quietly<T>(fn: () => T): T {
  const saved = { error: console.error, warn: console.warn, log: console.log, info: console.info };
  const mute = () => undefined;
  console.error = console.warn = console.log = console.info = mute;
  try {
    return fn();
  } finally {
    Object.assign(console, saved);
  }
}

/** An OLE/CFB container is either a legacy .xls or an encrypted (password-protected) OOXML workbook. */
function checkCfb(buf: Buffer, file: string): void {
  // XLSX.CFB is typed `any` by SheetJS.
  let cfb: unknown;
  try {
    cfb = quietly(() => XLSX.CFB.read(buf, { type: 'buffer' }));
  } catch {
    throw new InputError(`${file}: the file is truncated or damaged (unreadable OLE container)`, file);
  }
  if (XLSX.CFB.find(cfb, 'EncryptedPackage') || XLSX.CFB.find(cfb, 'EncryptionInfo')) {
    throw new InputError(`${file}: the workbook is password-protected (encrypted); save an unprotected copy and try again`, file);
  }
  const stream = XLSX.CFB.find(cfb, 'Workbook') ?? XLSX.CFB.find(cfb, 'Book');
  if (!stream) {
    const what = XLSX.CFB.find(cfb, 'WordDocument') ? 'a Word .doc document' : 'an OLE document without a workbook';
    throw new InputError(`${file}: ${what}, not an Excel workbook (.xlsx/.xls)`, file);
  }
  // Resource limits (issue 11) before SheetJS builds the sheets.
  if (stream.content) checkBiffStream(stream.content as Uint8Array, file);
}

function describeParseError(err: unknown, kind: Container): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/password|encrypt/i.test(msg)) return 'the workbook is password-protected (encrypted); save an unprotected copy and try again';
  if (/could not find workbook|unsupported zip file/i.test(msg)) {
    return 'a zip archive but not an Excel workbook (no workbook part)';
  }
  const short = msg.split('\n')[0]!.slice(0, 120);
  return `the file is damaged and cannot be read as ${kind === 'zip' ? '.xlsx' : '.xls'} (${short})`;
}

// ---------------------------------------------------------------- cells

function toSheetCells(name: string, ws: XLSX.WorkSheet): SheetCells {
  const data = (ws['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  const rows: (RawCell | undefined)[][] = [];
  for (let r = 0; r < data.length; r++) {
    const src = data[r];
    const row: (RawCell | undefined)[] = [];
    if (src) {
      for (let c = 0; c < src.length; c++) {
        const cell = src[c];
        // Stubs (styled but empty cells) carry nothing; leave them blank.
        if (!cell || cell.t === 'z' || cell.v === undefined) continue;
        const raw: RawCell = { t: cell.t, v: cell.v };
        if (cell.w !== undefined) raw.w = cell.w;
        if (typeof cell.z === 'string') raw.z = cell.z;
        row[c] = raw;
      }
    }
    rows[r] = row;
  }
  const merges: MergeRange[] = (ws['!merges'] ?? []).map((m) => ({ s: { r: m.s.r, c: m.s.c }, e: { r: m.e.r, c: m.e.c } }));
  const hiddenCols = new Set<number>();
  const hiddenRows = new Set<number>();
  (ws['!cols'] ?? []).forEach((col, i) => {
    if (col?.hidden) hiddenCols.add(i);
  });
  (ws['!rows'] ?? []).forEach((row, i) => {
    if (row?.hidden) hiddenRows.add(i);
  });
  return { name, rows, merges, hiddenCols, hiddenRows };
}

function countContent(sheet: SheetCells): number {
  let n = 0;
  for (const row of sheet.rows) {
    if (!row) continue;
    for (const cell of row) {
      if (cell && !(cell.t === 's' && String(cell.v).trim() === '')) n++;
    }
  }
  return n;
}

// ---------------------------------------------------------------- errors

function asInputError(err: unknown, path: string): InputError {
  if (err instanceof InputError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new InputError(`${path}: no such file`, path);
    case 'EACCES':
    case 'EPERM':
      return new InputError(`${path}: permission denied`, path);
    case 'EISDIR':
      return new InputError(`${path}: is a directory, not a workbook file`, path);
    case 'ENOTDIR':
      return new InputError(`${path}: no such file (a parent is not a directory)`, path);
    default:
      return new InputError(`${path}: cannot be read (${code ?? (err instanceof Error ? err.message : String(err))})`, path);
  }
}

/** Sizes for messages (not money): "87 KB", "1.5 MB", "50 MB". */
function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}
