/**
 * The parts of an .xlsx package as SheetJS keeps them (bookFiles): checked
 * against their CRC-32s, and read for what SheetJS leaves out of the cells —
 * hidden rows and columns, formulas saved without a value, parts cut short.
 */
import zlib from 'node:zlib';
import * as XLSX from 'xlsx';
import { InputError } from '../errors.js';
import type { SheetCells } from './cells.js';

/**
 * A flipped byte inside a deflate stream can inflate to different but
 * plausible XML — silently different figures. Every part SheetJS inflated is
 * checked against the CRC-32 the zip stored for it (zlib.crc32: Node ≥ 20.15).
 */
export function checkCrcs(wb: XLSX.WorkBook, crcs: Map<string, number>, file: string): void {
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
export function sheetParts(wb: XLSX.WorkBook): (Buffer | undefined)[] {
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
export function partHoldsValues(part: Buffer): boolean {
  return /<(?:\w+:)?(?:v|is)>/.test(part.toString('latin1'));
}

/** Hidden columns (<col min max hidden="1">) and rows (<row r hidden="1">) from the sheet XML. */
export function hiddenFromXml(part: Buffer, sheet: SheetCells): void {
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
export function uncomputedFromXml(part: Buffer, sheet: SheetCells): void {
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
export function xmlComplete(bytes: Buffer): boolean {
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
export function checkSharedStrings(wb: XLSX.WorkBook, file: string): void {
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

