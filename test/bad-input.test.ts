/**
 * Every unreadable input: exit code 2, exactly one line on stderr naming the
 * file, no stack trace, nothing on stdout, and the input file left exactly as
 * it was (bytes and mtime).
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir, type CliResult } from './support/cli.js';

const SAMPLE = path.join(ROOT, 'fixtures', 'hengnan-hrss-2025.xlsx');
const tmp = tempDir('budget-audit-bad-');

interface Case {
  name: string;
  /** Creates the input under `dir`; returns its path. */
  make: (dir: string, sample: Buffer) => string;
  args?: string[];
  /** What the one line must say (besides the file name). */
  says: RegExp;
}

const xlsx = (wb: XLSX.WorkBook) => XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
const put = (dir: string, name: string, data: string | Uint8Array) => {
  const f = path.join(dir, name);
  writeFileSync(f, data);
  return f;
};

/** The local-header offset of a zip entry's data. */
function entryData(zip: Buffer, part: string): { at: number; size: number } {
  const name = Buffer.from(part, 'latin1');
  for (let p = zip.indexOf('PK\x03\x04', 0, 'latin1'); p >= 0; p = zip.indexOf('PK\x03\x04', p + 4, 'latin1')) {
    const n = zip.readUInt16LE(p + 26);
    if (zip.subarray(p + 30, p + 30 + n).equals(name)) {
      return { at: p + 30 + n + zip.readUInt16LE(p + 28), size: zip.readUInt32LE(p + 18) };
    }
  }
  throw new Error(`no ${part}`);
}

const CASES: Case[] = [
  { name: 'missing path', make: (d) => path.join(d, 'no-such-file.xlsx'), says: /no such file/ },
  {
    name: 'a directory',
    make: (d) => {
      const p = path.join(d, 'folder.xlsx');
      mkdirSync(p);
      return p;
    },
    says: /is a directory/,
  },
  { name: 'a PDF renamed .xlsx', make: (d) => put(d, 'report.xlsx', '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n'), says: /PDF document, not an Excel workbook/ },
  { name: 'a text file renamed .xlsx', make: (d) => put(d, 'notes.xlsx', '部门公开表01 收支总表\n单位：万元\n合计 2,424.73\n'), says: /text file, not an Excel workbook/ },
  { name: 'a zero-byte file', make: (d) => put(d, 'zero.xlsx', ''), says: /empty \(0 bytes\)/ },
  { name: 'a truncated copy of the sample (cut in half)', make: (d, s) => put(d, 'half.xlsx', s.subarray(0, s.length >> 1)), says: /truncated or damaged/ },
  {
    name: 'a corrupt zip (bytes flipped in the middle of the sample)',
    make: (d, s) => {
      const b = Buffer.from(s);
      for (let i = 0; i < 16; i++) b[(b.length >> 1) + i]! ^= 0xa5;
      return put(d, 'flipped.xlsx', b);
    },
    says: /damaged/,
  },
  {
    name: 'a sheet whose deflate stream is corrupt',
    make: (d, s) => {
      const b = Buffer.from(s);
      const { at, size } = entryData(b, 'xl/worksheets/sheet1.xml');
      b[at + (size >> 1)]! ^= 0xff;
      return put(d, 'bad-sheet.xlsx', b);
    },
    says: /damaged/,
  },
  {
    name: 'a sheet that comes back empty although the file holds its data',
    make: (d, s) => {
      const z = XLSX.CFB.read(s, { type: 'buffer' });
      const i = (z.FullPaths as string[]).findIndex((p) => p.endsWith('/xl/worksheets/sheet1.xml'));
      const xml = Buffer.from(z.FileIndex[i].content).toString('utf8');
      // Cut inside <sheetData>, CRCs consistent: SheetJS returns the sheet without cells.
      z.FileIndex[i].content = Buffer.from(xml.slice(0, xml.indexOf('</sheetData>') - 30), 'utf8');
      return put(d, 'empty-sheet.xlsx', XLSX.CFB.write(z, { fileType: 'zip', type: 'buffer', compression: true }));
    },
    says: /came back empty .*damaged/,
  },
  {
    name: 'a password-protected workbook (encrypted OOXML in an OLE container)',
    make: (d) => {
      const cfb = XLSX.CFB.utils.cfb_new();
      // Agile encryption: version 4.4, then the XML descriptor; the package itself is opaque bytes.
      const info = Buffer.concat([
        Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]),
        Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"/>'),
      ]);
      XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', info);
      XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(8192, 0x5c));
      XLSX.CFB.utils.cfb_add(cfb, '/\x06DataSpaces/Version', Buffer.alloc(64));
      return put(d, 'locked.xlsx', XLSX.CFB.write(cfb, { type: 'buffer' }));
    },
    says: /password-protected/,
  },
  {
    name: 'an empty workbook (one empty sheet)',
    make: (d) => {
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), 'Sheet1');
      return put(d, 'empty.xlsx', xlsx(wb));
    },
    says: /workbook is empty/,
  },
  {
    name: 'a workbook with none of the 23 tables',
    make: (d) => {
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['员工通讯录'], ['姓名', '电话'], ['张三', 13800000000]]), '通讯录');
      return put(d, 'contacts.xlsx', xlsx(wb));
    },
    says: /no budget tables found \(部门公开表01–23\)/,
  },
  {
    name: 'a zip that is not a workbook',
    make: (d) => {
      const z = XLSX.CFB.utils.cfb_new();
      XLSX.CFB.utils.cfb_add(z, '/readme.txt', Buffer.from('hello'));
      return put(d, 'archive.xlsx', XLSX.CFB.write(z, { fileType: 'zip', type: 'buffer', compression: true }));
    },
    says: /not an Excel workbook/,
  },
  {
    name: 'a file over the size limit set with --max-size',
    make: (d, s) => put(d, 'big.xlsx', s),
    args: ['--max-size', '0.05'],
    says: /over the size limit of 51 KB/,
  },
];

const results = new Map<string, { file: string; res: CliResult; before?: { bytes: Buffer; mtimeMs: number } }>();

beforeAll(async () => {
  const sample = readFileSync(SAMPLE);
  const jobs = CASES.map((c, i) => {
    const dir = path.join(tmp.dir, String(i));
    mkdirSync(dir);
    const file = c.make(dir, sample);
    const st = existsSync(file) && statSync(file).isFile() ? statSync(file) : undefined;
    return { c, file, before: st ? { bytes: readFileSync(file), mtimeMs: st.mtimeMs } : undefined };
  });
  // Two at a time: the machine's cores are shared.
  for (let i = 0; i < jobs.length; i += 2) {
    await Promise.all(
      jobs.slice(i, i + 2).map(async (j) => {
        const res = await runCli(['inspect', j.file, ...(j.c.args ?? [])]);
        results.set(j.c.name, { file: j.file, res, before: j.before });
      }),
    );
  }
});
afterAll(() => tmp.cleanup());

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
  it('exit 2, one line naming the file and the problem, no stack trace, nothing on stdout', () => {
    const { file, res } = results.get(name)!;
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    const lines = res.stderr.split('\n').filter((l) => l !== '');
    expect(lines, res.stderr).toHaveLength(1);
    expect(res.stderr.endsWith('\n')).toBe(true);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(c.says);
    expect(lines[0]).not.toMatch(/internal error/);
    expect(res.stderr).not.toMatch(/^\s+at /m);
  });

  it('leaves the input exactly as it was', () => {
    const { file, before } = results.get(name)!;
    if (!before) return; // nothing to change: a missing path or a directory
    expect(readFileSync(file).equals(before.bytes)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
  });
});

describe('usage errors', () => {
  it.each([
    [['inspect'], /missing required argument/],
    [['inspect', SAMPLE, '--max-size', '-1'], /--max-size/],
    [['inspect', SAMPLE, '--max-size', 'lots'], /--max-size/],
  ])('%j → exit 2, one line', async (args, says) => {
    const res = await runCli(args);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(says);
  });
});
