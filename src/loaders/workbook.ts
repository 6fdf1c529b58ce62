/**
 * File → WorkbookCells: the only module that touches the input file. We read
 * the bytes ourselves (SheetJS never sees the path, nothing is ever written),
 * check magic bytes before parsing so garbage can't make SheetJS slow, and turn
 * every way a file can be unreadable into one InputError line naming the file.
 *
 * Over 400 lines on purpose for now: issue 11 (zip / XML limits) is rewriting
 * its reading code on another branch; its sniffing and xlsx-part sections
 * move to their own modules once that has merged, not under it.
 */
import { readFile, stat } from 'node:fs/promises';
import zlib from 'node:zlib';
import * as XLSX from 'xlsx';
import { InputError } from '../errors.js';
import type { MergeRange, RawCell, SheetCells, WorkbookCells } from './cells.js';

export interface ReadOptions {
  /** Refuse files larger than this before reading them. Default 50 MB. */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

type Container = 'zip' | 'cfb';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

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
  const crcs = kind === 'zip' ? zipDirectory(buf, file) : undefined;
  if (kind === 'cfb') checkCfb(buf, file);

  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(buf, {
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
    });
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
  wb.SheetNames.forEach((name, i) => {
    const ws = wb.Sheets[name];
    const part = parts[i];
    if (!ws) {
      // SheetJS swallows a part it could not inflate/parse and leaves the sheet out.
      throw new InputError(`${file}: sheet "${name}" could not be read (the file is damaged)`, file);
    }
    const sheet = toSheetCells(name, ws);
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

// ---------------------------------------------------------------- sniffing

function startsWith(buf: Uint8Array, magic: number[]): boolean {
  return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

function sniff(buf: Uint8Array): Container | undefined {
  if (startsWith(buf, ZIP_MAGIC)) return 'zip';
  if (startsWith(buf, CFB_MAGIC)) return 'cfb';
  return undefined;
}

/** Names what the file is when it isn't a spreadsheet, for the one-line error. */
function describeNonSpreadsheet(buf: Buffer): string {
  if (buf.length === 0) return 'the file is empty (0 bytes), not an Excel workbook';
  const head = buf.subarray(0, 512);
  const ascii = head.toString('latin1');
  if (ascii.startsWith('%PDF')) return 'a PDF document, not an Excel workbook (.xlsx/.xls)';
  if (startsWith(buf, [0x50, 0x4b, 0x05, 0x06])) return 'an empty zip archive, not an Excel workbook (.xlsx/.xls)';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47])) return 'a PNG image, not an Excel workbook (.xlsx/.xls)';
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'a JPEG image, not an Excel workbook (.xlsx/.xls)';
  if (/^\s*</.test(ascii.replace(/^\ufeff|^\xef\xbb\xbf/, ''))) return 'an XML/HTML text file, not an Excel workbook (.xlsx/.xls)';
  if (looksLikeText(head)) return 'a text file, not an Excel workbook (.xlsx/.xls)';
  return 'not an Excel workbook (.xlsx/.xls): unrecognised file format';
}

function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4)));
    return true;
  } catch {
    return false;
  }
}

/**
 * A zip must end with its end-of-central-directory record, and the central
 * directory must lie inside the file: a truncated download fails here in
 * microseconds instead of being half-parsed. Returns each entry's stored
 * CRC-32 (SheetJS doesn't verify them; see checkCrcs).
 */
function zipDirectory(buf: Buffer, file: string): Map<string, number> {
  const damaged = (why: string) => new InputError(`${file}: the file is truncated or damaged (${why})`, file);
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf[i] === 0x50 && buf[i + 1] === 0x4b && buf[i + 2] === 0x05 && buf[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('zip end record missing');
  const entries = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  const crcs = new Map<string, number>();
  // 0xffffffff / 0xffff: zip64, the real bounds are in another record; leave those to SheetJS.
  if (cdOffset === 0xffffffff || entries === 0xffff) return crcs;
  if (cdOffset + cdSize > eocd) throw damaged('zip directory out of bounds');
  let p = cdOffset;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== 0x02014b50) throw damaged('bad zip directory entry');
    const nameLen = buf.readUInt16LE(p + 28);
    const next = p + 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    if (next > eocd) throw damaged('bad zip directory entry');
    const local = buf.readUInt32LE(p + 42);
    if (local + 30 > cdOffset || buf.readUInt32LE(local) !== 0x04034b50) throw damaged('zip entry out of bounds');
    // latin1: SheetJS keys its parts by the raw name bytes too.
    crcs.set(buf.toString('latin1', p + 46, p + 46 + nameLen), buf.readUInt32LE(p + 16));
    p = next;
  }
  return crcs;
}

/**
 * A flipped byte inside a deflate stream can inflate to different but
 * plausible XML — silently different figures. Every part SheetJS inflated is
 * checked against the CRC-32 the zip stored for it (zlib.crc32: Node ≥ 20.15).
 */
function checkCrcs(wb: XLSX.WorkBook, crcs: Map<string, number>, file: string): void {
  const files = (wb as unknown as { files?: ZipFiles }).files;
  if (!files || typeof zlib.crc32 !== 'function') return;
  for (const [name, crc] of crcs) {
    if (name.endsWith('/')) continue;
    const bytes = fileBytes(files, name);
    if (bytes && zlib.crc32(bytes) >>> 0 !== crc >>> 0) {
      throw new InputError(`${file}: the file is damaged (checksum mismatch in ${name})`, file);
    }
  }
}

/** An OLE/CFB container is either a legacy .xls or an encrypted (password-protected) OOXML workbook. */
function checkCfb(buf: Buffer, file: string): void {
  // XLSX.CFB is typed `any` by SheetJS.
  let cfb: unknown;
  try {
    cfb = XLSX.CFB.read(buf, { type: 'buffer' });
  } catch {
    throw new InputError(`${file}: the file is truncated or damaged (unreadable OLE container)`, file);
  }
  if (XLSX.CFB.find(cfb, 'EncryptedPackage') || XLSX.CFB.find(cfb, 'EncryptionInfo')) {
    throw new InputError(`${file}: the workbook is password-protected (encrypted); save an unprotected copy and try again`, file);
  }
  if (!XLSX.CFB.find(cfb, 'Workbook') && !XLSX.CFB.find(cfb, 'Book')) {
    const what = XLSX.CFB.find(cfb, 'WordDocument') ? 'a Word .doc document' : 'an OLE document without a workbook';
    throw new InputError(`${file}: ${what}, not an Excel workbook (.xlsx/.xls)`, file);
  }
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

// ---------------------------------------------------------------- xlsx parts

type ZipFiles = Record<string, { content?: Uint8Array | number[] | string } | undefined>;

function fileBytes(files: ZipFiles, path: string): Buffer | undefined {
  const e = files[path] ?? files[path.replace(/^\//, '')];
  const c = e?.content;
  if (c === undefined || c === null) return undefined;
  if (typeof c === 'string') return Buffer.from(c, 'latin1');
  return Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array);
}

/** XML attribute values are escaped; only the five predefined entities and numeric ones occur in rels/targets. */
function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const map: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return map[e.toLowerCase()] ?? _;
  });
}

function attr(tag: string, name: RegExp): string | undefined {
  const m = new RegExp(`\\s${name.source}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? unescapeXml(m[1] ?? m[2] ?? '') : undefined;
}

/**
 * The raw bytes of each sheet's part, in SheetNames order (workbook.xml lists
 * sheets in that order; its r:id points into workbook.xml.rels). Used to tell
 * a damaged part from a genuinely empty sheet, and to read hidden rows/columns
 * without parsing styles.
 */
function sheetParts(wb: XLSX.WorkBook): (Buffer | undefined)[] {
  const files = (wb as unknown as { files?: ZipFiles }).files;
  if (!files) return [];
  const dir = (wb as unknown as { Directory?: { workbooks?: string[] } }).Directory;
  const wbPath = (dir?.workbooks?.[0] ?? 'xl/workbook.xml').replace(/^\//, '');
  const wbXml = fileBytes(files, wbPath)?.toString('utf8');
  if (!wbXml || !wbPath.endsWith('.xml')) return [];
  const base = wbPath.slice(0, wbPath.lastIndexOf('/') + 1);
  const relsXml = fileBytes(files, `${base}_rels/${wbPath.slice(base.length)}.rels`)?.toString('utf8') ?? '';
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], /Id/);
    const target = attr(m[0], /Target/);
    if (id && target) targets.set(id, target);
  }
  const out: (Buffer | undefined)[] = [];
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const id = attr(m[0], /\w+:id/);
    const target = id ? targets.get(id) : undefined;
    out.push(target ? fileBytes(files, resolvePart(base, target)) : undefined);
  }
  return out;
}

function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = (base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** Does the sheet XML hold any cell value (<v> or an inline string)? */
function partHoldsValues(part: Buffer): boolean {
  return /<(?:\w+:)?(?:v|is)>/.test(part.toString('latin1'));
}

/** Hidden columns (<col min max hidden="1">) and rows (<row r hidden="1">) from the sheet XML. */
function hiddenFromXml(part: Buffer, sheet: SheetCells): void {
  // Fast path: most sheets hide nothing.
  if (part.indexOf('hidden=', 0, 'latin1') < 0) return;
  const xml = part.toString('latin1');
  const isTrue = (v: string | undefined) => v === '1' || v === 'true';
  const colsEnd = xml.indexOf('<sheetData');
  const head = colsEnd < 0 ? xml : xml.slice(0, colsEnd);
  for (const m of head.matchAll(/<(?:\w+:)?col\b[^>]*>/g)) {
    if (!isTrue(attr(m[0], /hidden/))) continue;
    const min = Number(attr(m[0], /min/));
    const max = Number(attr(m[0], /max/) ?? min);
    // Cap: a hidden range to the sheet's last column (16384) would be wasteful.
    for (let c = min; c <= Math.min(max, min + 1024); c++) if (c >= 1) sheet.hiddenCols.add(c - 1);
  }
  for (const m of xml.matchAll(/<(?:\w+:)?row\b[^>]*>/g)) {
    if (!isTrue(attr(m[0], /hidden/))) continue;
    const r = Number(attr(m[0], /r/));
    if (Number.isInteger(r) && r >= 1) sheet.hiddenRows.add(r - 1);
  }
}

/**
 * Formula cells saved without a value (<c r="D7"><f>SUM(D8:D9)</f></c>, as
 * programs write them): SheetJS leaves them out, which would read as a blank,
 * i.e. zero. They become cells whose figure is unknown, reported where an
 * amount is expected.
 */
function uncomputedFromXml(part: Buffer, sheet: SheetCells): void {
  // Fast path: most sheets hold no formulas.
  if (part.indexOf('<f', 0, 'latin1') < 0 && part.indexOf(':f', 0, 'latin1') < 0) return;
  const xml = part.toString('latin1');
  const re = /<((?:\w+:)?)c\b([^>]*)>\s*<\1f\b[^>]*(?:\/>|>[^<]*<\/\1f>)\s*<\/\1c>/g;
  for (const m of xml.matchAll(re)) {
    const ref = attr(m[2]!, /r/);
    const pos = ref ? XLSX.utils.decode_cell(ref) : undefined;
    if (!pos || pos.r < 0 || pos.c < 0) continue;
    const row = (sheet.rows[pos.r] ??= []);
    if (row[pos.c] === undefined) row[pos.c] = { t: 'e', v: '', w: '', uncomputed: true };
  }
}

/**
 * An XML part whose root element isn't closed at the end was cut short:
 * SheetJS would silently keep the rows (or shared strings) before the cut.
 */
function xmlComplete(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 1024).toString('latin1').replace(/^\ufeff|^\xef\xbb\xbf/, '');
  const root = /^\s*(?:<\?[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<([\w:.-]+)[\s/>]/.exec(head)?.[1];
  if (!root) return false;
  const esc = root.replace(/[.]/g, '\\.');
  const tail = bytes.subarray(Math.max(0, bytes.length - 256)).toString('latin1');
  if (new RegExp(`</${esc}\\s*>\\s*$`).test(tail)) return true;
  // An empty root written self-closed: <sst count="0"/>.
  return bytes.length <= 1024 && new RegExp(`<${esc}\\b[^<>]*/>\\s*$`).test(head);
}

/** Shared strings that failed to parse, or were cut short, lose text cells: damage, not data. */
function checkSharedStrings(wb: XLSX.WorkBook, file: string): void {
  const files = (wb as unknown as { files?: ZipFiles }).files;
  if (!files) return;
  for (const path of Object.keys(files)) {
    if (!/sharedStrings\.xml$/i.test(path)) continue;
    const bytes = fileBytes(files, path);
    if (bytes && bytes.length > 0 && !xmlComplete(bytes)) {
      throw new InputError(`${file}: the shared strings could not be read (the file is damaged)`, file);
    }
  }
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
