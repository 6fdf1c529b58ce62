/**
 * Pre-check of an .xlsx package before SheetJS sees it (issue 11): the zip
 * directory (entry count, names, declared sizes, compression ratio) and every
 * entry inflated here under a hard output cap — a zip bomb stops at the cap,
 * whatever its headers claim — then each XML part scanned once, as bytes
 * (scan-xml.ts), for DTDs, nesting, sheet extent, cell/merge/string counts.
 *
 * SheetJS inflates from the *local* header and allocates the size it declares,
 * reading until the deflate stream ends: so the local header must agree with
 * the directory, and the stream must end inside its entry, or the file is
 * refused as damaged.
 */
import zlib from 'node:zlib';
import { InputError } from '../errors.js';
import type { WorkbookLimits } from './limits.js';
import { formatBytes, limitError, WORKBOOK_LIMITS } from './limits.js';
import { newWorkbookTally, scanXmlPart } from './scan-xml.js';

interface Entry {
  name: string;
  /** The name's raw bytes as latin1: how SheetJS keys its parts. */
  key: string;
  crc: number;
  flags: number;
  method: number;
  csz: number;
  usz: number;
  local: number;
}

/**
 * Checks the package; throws an InputError naming the file and the limit or
 * damage found. Returns each part's stored CRC-32, keyed as SheetJS keys the
 * parts (SheetJS doesn't verify them: xlsx-parts.ts checkCrcs does).
 */
export function checkZipPackage(buf: Buffer, file: string, limits: WorkbookLimits = WORKBOOK_LIMITS): Map<string, number> {
  const entries = readDirectory(buf, file, limits);
  const tally = newWorkbookTally();
  let total = 0;
  for (const e of entries) {
    const remaining = limits.maxInflatedBytes - total;
    const ratioCap = Math.max(limits.ratioFloorBytes, e.csz * limits.maxCompressionRatio);
    const data = inflateEntry(buf, e, file, Math.min(remaining, ratioCap), ratioCap < remaining ? 'ratio' : 'total', limits, total);
    total += data.length;
    const xml = asUtf8Xml(data);
    if (xml) scanXmlPart(xml, e.name, file, limits, tally);
  }
  return new Map(entries.map((e) => [e.key, e.crc]));
}

function readDirectory(buf: Buffer, file: string, limits: WorkbookLimits): Entry[] {
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
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    // Zip64: only needed past 65,535 entries or 4 GB, never by a budget workbook.
    throw new InputError(`${file}: refused: a zip64 archive (over 65,535 parts or 4 GB), not a budget workbook`, file);
  }
  if (count > limits.maxEntries) throw limitError(file, 'number of parts in the zip package', count, limits.maxEntries);
  if (cdOffset + cdSize > eocd) throw damaged('zip directory out of bounds');

  const out: Entry[] = [];
  const seen = new Set<string>();
  let p = cdOffset;
  let declared = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== 0x02014b50) throw damaged('bad zip directory entry');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let csz = buf.readUInt32LE(p + 20);
    let usz = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const next = p + 46 + nameLen + extraLen + buf.readUInt16LE(p + 32);
    if (next > eocd) throw damaged('bad zip directory entry');
    const local = buf.readUInt32LE(p + 42);
    const rawName = buf.subarray(p + 46, p + 46 + nameLen);
    const name = rawName.toString('utf8');
    checkName(name, rawName, file, seen);
    const z64 = zip64Sizes(buf.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
    if (z64.usz !== undefined) usz = z64.usz;
    if (z64.csz !== undefined) csz = z64.csz;
    if (flags & 0x41) {
      throw new InputError(`${file}: the workbook is password-protected (encrypted); save an unprotected copy and try again`, file);
    }
    if (method !== 0 && method !== 8) throw damaged(`unsupported zip compression method ${method} in ${name}`);
    if (local + 30 > cdOffset || buf.readUInt32LE(local) !== 0x04034b50) throw damaged('zip entry out of bounds');
    checkLocalHeader(buf, local, rawName, flags, csz, usz, file, name, limits, damaged);
    if (usz > limits.maxInflatedBytes) {
      throw limitError(file, `inflated size of ${name} (declared)`, formatBytes(usz), formatBytes(limits.maxInflatedBytes));
    }
    if (usz > limits.ratioFloorBytes && usz > csz * limits.maxCompressionRatio) {
      throw limitError(file, `compression ratio of ${name} (declared, a zip bomb?)`, `${Math.round(usz / Math.max(1, csz))}:1`, `${limits.maxCompressionRatio}:1`);
    }
    declared += usz;
    if (declared > limits.maxInflatedBytes) {
      throw limitError(file, 'total inflated size of the package (declared)', formatBytes(declared), formatBytes(limits.maxInflatedBytes));
    }
    out.push({ name, key: rawName.toString('latin1'), crc: buf.readUInt32LE(p + 16), flags, method, csz, usz, local });
    p = next;
  }
  return out;
}

/** Duplicate (case-insensitive, as OOXML part names are) and path-like names are refused. */
function checkName(name: string, raw: Buffer, file: string, seen: Set<string>): void {
  const bad = (why: string) => new InputError(`${file}: refused: zip entry "${printable(name)}" ${why}`, file);
  if (raw.includes(0)) throw bad('has a NUL byte in its name');
  if (name.startsWith('/') || name.includes('\\') || /^[a-z]:/i.test(name)) throw bad('is an absolute or Windows path');
  if (name.split('/').some((s) => s === '..' || s === '.')) throw bad('climbs out of the package (path traversal)');
  const key = name.toLowerCase();
  if (seen.has(key)) throw bad('occurs twice in the package (duplicate entry)');
  seen.add(key);
}

function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  const t = s.replace(/[\x00-\x1f\x7f]/g, '?');
  return t.length > 80 ? `${t.slice(0, 77)}...` : t;
}

/** Zip64 extended information (0x0001): the sizes that replace 0xffffffff in the header. */
function zip64Sizes(extra: Buffer): { usz?: number; csz?: number } {
  for (let q = 0; q + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(q);
    const len = extra.readUInt16LE(q + 2);
    if (id === 0x0001 && q + 4 + len <= extra.length) {
      const out: { usz?: number; csz?: number } = {};
      // As SheetJS reads it: uncompressed then compressed size, 8 bytes each when present.
      if (len >= 8) out.usz = Number(extra.readBigUInt64LE(q + 4));
      if (len >= 16) out.csz = Number(extra.readBigUInt64LE(q + 12));
      return out;
    }
    q += 4 + len;
  }
  return {};
}

function checkLocalHeader(
  buf: Buffer,
  local: number,
  rawName: Buffer,
  flags: number,
  csz: number,
  usz: number,
  file: string,
  name: string,
  limits: WorkbookLimits,
  damaged: (why: string) => InputError,
): void {
  const nameLen = buf.readUInt16LE(local + 26);
  const extraLen = buf.readUInt16LE(local + 28);
  if (local + 30 + nameLen + extraLen > buf.length) throw damaged('zip entry out of bounds');
  if (!buf.subarray(local + 30, local + 30 + nameLen).equals(rawName)) throw damaged(`zip headers disagree on the name of ${name}`);
  let lcsz = buf.readUInt32LE(local + 18);
  let lusz = buf.readUInt32LE(local + 22);
  const z64 = zip64Sizes(buf.subarray(local + 30 + nameLen, local + 30 + nameLen + extraLen));
  if (z64.usz !== undefined) lusz = z64.usz;
  if (z64.csz !== undefined) lcsz = z64.csz;
  // With a data descriptor (bit 3) the local sizes may be 0; otherwise they must be the directory's.
  const deferred = (flags & 8) !== 0 && lcsz === 0 && lusz === 0;
  if (!deferred && (lcsz !== csz || lusz !== usz)) throw damaged(`zip headers disagree on the size of ${name}`);
  if (lusz > limits.maxInflatedBytes) {
    throw limitError(file, `inflated size of ${name} (declared)`, formatBytes(lusz), formatBytes(limits.maxInflatedBytes));
  }
}

function dataOffset(buf: Buffer, local: number): number {
  return local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
}

/**
 * Inflates one entry with a hard cap on the output (zlib stops at it, so a
 * bomb never gets to allocate more) and checks the result is exactly the
 * declared size.
 */
function inflateEntry(
  buf: Buffer,
  e: Entry,
  file: string,
  cap: number,
  capKind: 'ratio' | 'total',
  limits: WorkbookLimits,
  before: number,
): Buffer {
  const start = dataOffset(buf, e.local);
  if (start + e.csz > buf.length) throw new InputError(`${file}: the file is truncated or damaged (zip entry ${e.name} runs past the end)`, file);
  const slice = buf.subarray(start, start + e.csz);
  let data: Buffer;
  if (e.method === 0) {
    data = slice;
  } else {
    try {
      data = zlib.inflateRawSync(slice, { maxOutputLength: Math.max(1, cap) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        if (capKind === 'ratio') {
          throw limitError(file, `compression ratio of ${e.name} (while inflating, a zip bomb?)`, `over ${limits.maxCompressionRatio}:1`, `${limits.maxCompressionRatio}:1`);
        }
        throw limitError(file, 'total inflated size of the package (while inflating, a zip bomb?)', `over ${formatBytes(limits.maxInflatedBytes)}`, formatBytes(limits.maxInflatedBytes));
      }
      throw new InputError(`${file}: the file is truncated or damaged (zip entry ${e.name} cannot be inflated)`, file);
    }
  }
  if (data.length !== e.usz) {
    throw new InputError(`${file}: the file is truncated or damaged (zip entry ${e.name} inflates to ${data.length} bytes, not the ${e.usz} declared)`, file);
  }
  if (before + data.length > limits.maxInflatedBytes) {
    throw limitError(file, 'total inflated size of the package', formatBytes(before + data.length), formatBytes(limits.maxInflatedBytes));
  }
  return data;
}

/**
 * The part as UTF-8 XML to scan, or undefined when it isn't XML (images and
 * binaries are only counted). SheetJS reads UTF-16 parts too, so they are
 * scanned as well, transcoded.
 */
function asUtf8Xml(data: Buffer): Buffer | undefined {
  const le = (data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0x3c && data[1] === 0x00);
  const be = (data[0] === 0xfe && data[1] === 0xff) || (data[0] === 0x00 && data[1] === 0x3c);
  if (le || be) {
    const units = Buffer.from(data.subarray(0, data.length & ~1));
    if (be) units.swap16();
    return Buffer.from(units.toString('utf16le'), 'utf8');
  }
  return looksLikeXml(data) ? data : undefined;
}

/** XML parts start with '<' (after a BOM and blanks). */
function looksLikeXml(data: Buffer): boolean {
  let i = 0;
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) i = 3;
  while (i < data.length && (data[i] === 0x20 || data[i] === 0x0a || data[i] === 0x0d || data[i] === 0x09)) i++;
  return data[i] === 0x3c;
}
