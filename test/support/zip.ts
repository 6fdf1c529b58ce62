/**
 * A raw zip writer for hostile-input tests: unlike fflate's zipSync it can
 * write what a hostile package holds — duplicate or path-like names, sizes
 * in the headers that lie about the data.
 */
import zlib from 'node:zlib';
import { unzipSync } from 'fflate';

export interface RawEntry {
  name: string;
  data: Uint8Array;
  /** Default deflate. */
  store?: boolean;
  /** Sizes written into both headers instead of the real ones. */
  declaredSize?: number;
  /** Size written into the local header only. */
  localSize?: number;
}

export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.store ? Buffer.from(e.data) : zlib.deflateRawSync(e.data);
    const crc = zlib.crc32(e.data) >>> 0;
    const usz = e.declaredSize ?? e.data.length;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x800, 6);
    lh.writeUInt16LE(e.store ? 0 : 8, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(body.length, 18);
    lh.writeUInt32LE(e.localSize ?? usz, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x800, 8);
    ch.writeUInt16LE(e.store ? 0 : 8, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(body.length, 20);
    ch.writeUInt32LE(usz, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, body);
    centrals.push(ch, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A workbook's parts as raw entries, in package order, to edit and re-zip. */
export function partsOf(xlsx: Uint8Array): RawEntry[] {
  return Object.entries(unzipSync(xlsx)).map(([name, data]) => ({ name, data }));
}

export const text = (e: RawEntry | undefined): string => Buffer.from(e!.data).toString('utf8');
export const setText = (entries: RawEntry[], name: string, xml: string): RawEntry[] =>
  entries.map((e) => (e.name === name ? { ...e, data: Buffer.from(xml, 'utf8') } : e));
