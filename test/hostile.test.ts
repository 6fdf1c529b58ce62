/**
 * Files built to hurt a reader (issue 11), each made here from the sample
 * with a raw zip writer: zip bombs, lying zip headers, huge sheet extents,
 * 5,000 sheets, shared-string floods, DTDs (billion laughs, external
 * entities), deep nesting, duplicate and path-traversal entry names. Each must
 * end as one stderr line naming the file and the limit hit, exit 2, nothing
 * on stdout, peak RSS under 400 MB, the input unchanged. (Times are printed,
 * not asserted: speed belongs to the bench; the spawn is killed after 30 s.)
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { ROOT, runCliMeasured, tempDir } from './support/cli.js';
import { partsOf, rawZip, setText, text, type RawEntry } from './support/zip.js';

const SAMPLE = readFileSync(path.join(ROOT, 'fixtures', 'hengnan-hrss-2025.xlsx'));
const tmp = tempDir('budget-audit-hostile-');
afterAll(() => tmp.cleanup());

const SHEET1 = 'xl/worksheets/sheet1.xml';
const parts = (): RawEntry[] => partsOf(SAMPLE);
const sheet1 = (): string => text(parts().find((e) => e.name === SHEET1));
/** The sample with sheet1's <sheetData> content replaced (or extended). */
const withSheetData = (rows: string, keep = false): Buffer => {
  const xml = sheet1();
  const a = xml.indexOf('<sheetData>') + '<sheetData>'.length;
  const b = xml.indexOf('</sheetData>');
  return rawZip(setText(parts(), SHEET1, xml.slice(0, a) + (keep ? xml.slice(a, b) : '') + rows + xml.slice(b)));
};
const MB = 1024 * 1024;

interface Case {
  name: string;
  make: () => Buffer;
  says: RegExp;
  ext?: 'xls';
}

/** The sample as a BIFF8 .xls, its Workbook stream edited record by record. */
let xlsSample: Buffer | undefined;
interface BiffRecord {
  at: number;
  type: number;
  len: number;
}
const records = (s: Buffer): BiffRecord[] => {
  const out: BiffRecord[] = [];
  for (let p = 0; p + 4 <= s.length; p += 4 + s.readUInt16LE(p + 2)) out.push({ at: p, type: s.readUInt16LE(p), len: s.readUInt16LE(p + 2) });
  return out;
};
function xlsVariant(edit: (stream: Buffer) => Buffer): Buffer {
  xlsSample ??= XLSX.write(XLSX.read(SAMPLE), { type: 'buffer', bookType: 'xls' }) as Buffer;
  const cfb = XLSX.CFB.read(xlsSample, { type: 'buffer' });
  const entry = XLSX.CFB.find(cfb, 'Workbook')!;
  entry.content = edit(Buffer.from(entry.content as Uint8Array));
  entry.size = entry.content.length;
  return XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer;
}

const CASES: Case[] = [
  {
    name: 'zip bomb, honest headers: a 64 MB part of blanks deflated ~1000:1',
    make: () => rawZip([...parts(), { name: 'xl/media/blank.bin', data: Buffer.alloc(64 * MB, 0x20) }]),
    says: /compression ratio of xl\/media\/blank\.bin \(declared, a zip bomb\?\).*over the limit of 250:1/,
  },
  {
    name: 'zip bomb, lying headers: declares 1 KB, inflates to 64 MB',
    make: () => rawZip([...parts(), { name: 'xl/media/blank.bin', data: Buffer.alloc(64 * MB, 0x20), declaredSize: 1024 }]),
    says: /compression ratio of xl\/media\/blank\.bin \(while inflating, a zip bomb\?\)/,
  },
  {
    name: 'a part declaring 1.5 GB (SheetJS would allocate it)',
    make: () => rawZip(parts().map((e) => (e.name === SHEET1 ? { ...e, declaredSize: 1536 * MB } : e))),
    says: /inflated size of xl\/worksheets\/sheet1\.xml \(declared\) \(1536 MB\) is over the limit of 128 MB/,
  },
  {
    name: 'local header size disagreeing with the directory',
    make: () => rawZip(parts().map((e) => (e.name === SHEET1 ? { ...e, localSize: 0x7fffffff } : e))),
    says: /truncated or damaged \(zip headers disagree on the size of xl\/worksheets\/sheet1\.xml\)/,
  },
  {
    name: '<dimension ref="A1:XFD1048576"> with a value at the far corner',
    make: () => {
      const xml = sheet1().replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>');
      return rawZip(setText(parts(), SHEET1, xml.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')));
    },
    says: /extent of xl\/worksheets\/sheet1\.xml \(a value in cell XFD1048576\).*over the limit of 100,000 rows × 1,024 columns/,
  },
  {
    name: 'a 200,000-row sheet',
    make: () => withSheetData(Array.from({ length: 200_000 }, (_, i) => `<row r="${i + 39}"><c r="A${i + 39}"><v>${i}</v></c></row>`).join(''), true),
    says: /extent of xl\/worksheets\/sheet1\.xml \(a value in cell A100001\)/,
  },
  {
    name: '5,000 sheets',
    make: () => {
      const wb = text(parts().find((e) => e.name === 'xl/workbook.xml'));
      const sheets = Array.from({ length: 5000 }, (_, i) => `<sheet name="S${i}" sheetId="${i + 100}" r:id="rId1"/>`).join('');
      return rawZip(setText(parts(), 'xl/workbook.xml', wb.replace('</sheets>', `${sheets}</sheets>`)));
    },
    says: /number of sheets in the workbook \(over 256\) is over the limit of 256/,
  },
  {
    name: '2,001 zip entries',
    make: () => rawZip([...parts(), ...Array.from({ length: 2001 }, (_, i) => ({ name: `xl/media/x${i}.bin`, data: Buffer.from([i & 255]) }))]),
    says: /number of parts in the zip package \(2,033\) is over the limit of 2,000/,
  },
  {
    name: '1,000,001 shared strings',
    make: () => {
      const sst = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${Array.from({ length: 1_000_001 }, (_, i) => `<si><t>${(i * 7919) % 1_000_003}</t></si>`).join('')}</sst>`;
      return rawZip([...parts(), { name: 'xl/sharedStrings.xml', data: Buffer.from(sst) }]);
    },
    says: /number of shared strings \(over 1,000,000\)/,
  },
  {
    name: 'a 40,000-character cell text',
    make: () => withSheetData(`<row r="40"><c r="A40" t="inlineStr"><is><t>${'预'.repeat(40_000)}</t></is></c></row>`, true),
    says: /length of one text in xl\/worksheets\/sheet1\.xml \(40,000\) is over the limit of 32,767/,
  },
  {
    name: 'billion laughs (nested entity declarations)',
    make: () => {
      const ents = ['<!ENTITY l0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`)].join('');
      const xml = sheet1().replace('<worksheet', `<!DOCTYPE worksheet [${ents}]><worksheet`);
      return rawZip(setText(parts(), SHEET1, xml.replace('</sheetData>', '<row r="40"><c r="A40" t="inlineStr"><is><t>&l9;</t></is></c></row></sheetData>')));
    },
    says: /sheet1\.xml declares a DTD or entities \(<!DOCTYPE…>\), which OOXML never uses/,
  },
  {
    name: 'an external entity pointing at a local file',
    make: () => {
      const xml = sheet1().replace('<worksheet', '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet');
      return rawZip(setText(parts(), SHEET1, xml.replace('</sheetData>', '<row r="40"><c r="A40" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData>')));
    },
    says: /declares a DTD or entities/,
  },
  {
    name: 'XML nested 100,000 deep',
    // Stored, not deflated: so the nesting, not the compression ratio, is what is refused.
    make: () =>
      rawZip(
        setText(parts(), SHEET1, sheet1().replace('</sheetData>', `</sheetData><extLst>${'<ext>'.repeat(100_000)}${'</ext>'.repeat(100_000)}</extLst>`)).map((e) =>
          e.name === SHEET1 ? { ...e, store: true } : e,
        ),
      ),
    says: /element nesting in xl\/worksheets\/sheet1\.xml \(over 128\)/,
  },
  {
    name: 'a duplicate zip entry (same sheet twice, second one different)',
    make: () => rawZip([...parts(), { name: SHEET1, data: Buffer.from(sheet1().replace('收支总表', '假表')) }]),
    says: /zip entry "xl\/worksheets\/sheet1\.xml" occurs twice in the package/,
  },
  {
    name: 'a duplicate zip entry differing only in case',
    make: () => rawZip([...parts(), { name: 'XL/Worksheets/Sheet1.xml', data: Buffer.from(sheet1()) }]),
    says: /occurs twice in the package/,
  },
  {
    name: 'a path-traversal entry name (../../)',
    make: () => rawZip([...parts(), { name: '../../evil.sh', data: Buffer.from('#!/bin/sh\n') }]),
    says: /zip entry "\.\.\/\.\.\/evil\.sh" climbs out of the package/,
  },
  {
    name: 'an absolute entry name',
    make: () => rawZip([...parts(), { name: '/etc/cron.d/x', data: Buffer.from('x') }]),
    says: /zip entry "\/etc\/cron\.d\/x" is an absolute or Windows path/,
  },
  {
    name: 'a Windows path entry name',
    make: () => rawZip([...parts(), { name: '..\\..\\evil.bat', data: Buffer.from('x') }]),
    says: /is an absolute or Windows path/,
  },
  {
    name: '25,000 overlapping merges over the whole sheet',
    make: () => {
      const xml = sheet1();
      const merges = `<mergeCells count="25000">${'<mergeCell ref="A1:XFD1048576"/>'.repeat(25_000)}</mergeCells>`;
      return rawZip(setText(parts(), SHEET1, xml.replace('</sheetData>', `</sheetData>${merges}`)));
    },
    says: /cells covered by merged ranges in the workbook \(over 4,000,000\)/,
  },
  {
    name: '.xls: a record whose length runs past the end of the stream',
    ext: 'xls',
    make: () =>
      xlsVariant((s) => {
        const r = records(s);
        s.writeUInt16LE(0xffff, r[r.length >> 1]!.at + 2);
        return s;
      }),
    says: /truncated or damaged \(an \.xls record runs past the end of the workbook stream\)/,
  },
  {
    name: '.xls: a shared-string table claiming 2³¹ strings',
    ext: 'xls',
    make: () =>
      xlsVariant((s) => {
        for (const r of records(s)) if (r.type === 0xfc) s.writeUInt32LE(0x7fffffff, r.at + 8);
        return s;
      }),
    says: /number of shared strings \(2,147,483,647\) is over the limit of 1,000,000/,
  },
  {
    name: '.xls: 1,100,000 RK cell records',
    ext: 'xls',
    make: () =>
      xlsVariant((s) => {
        const rk = Buffer.alloc(14);
        rk.writeUInt16LE(0x27e, 0);
        rk.writeUInt16LE(10, 2);
        const flood = Buffer.alloc(14 * 1_100_000);
        for (let i = 0; i < 1_100_000; i++) rk.copy(flood, i * 14);
        return Buffer.concat([s, flood]);
      }),
    says: /number of cells with values in the workbook \(over 1,000,000\)/,
  },
  {
    name: '.xls: sheet offsets pointing past the stream',
    ext: 'xls',
    make: () =>
      xlsVariant((s) => {
        for (const r of records(s)) if (r.type === 0x85) s.writeUInt32LE(0x7fffffff, r.at + 4);
        return s;
      }),
    says: /could not be read \(the file is damaged\)/,
  },
  {
    name: '.xls: the stream overwritten with noise after its first records',
    ext: 'xls',
    make: () =>
      xlsVariant((s) => {
        for (let i = 200; i < s.length; i += 7) s[i] = (i * 31) & 255;
        return s;
      }),
    says: /truncated or damaged|damaged|workbook is empty/,
  },
];

const results = new Map<string, { file: string; res: Awaited<ReturnType<typeof runCliMeasured>>; before: Buffer; mtimeMs: number; ms: number }>();

beforeAll(async () => {
  for (const [i, c] of CASES.entries()) {
    const file = path.join(tmp.dir, `hostile-${i}.${c.ext ?? 'xlsx'}`);
    writeFileSync(file, c.make());
    const before = readFileSync(file);
    const mtimeMs = statSync(file).mtimeMs;
    const t0 = performance.now();
    const res = await runCliMeasured(['check', file], { timeoutMs: 30_000 });
    const ms = performance.now() - t0;
    results.set(c.name, { file, res, before, mtimeMs, ms });
  }
  const rows = [...results].map(([n, r]) => `  ${Math.round(r.ms)} ms, ${Math.round(r.res.peakRssMb ?? 0)} MB, ${(r.before.length / 1024).toFixed(0)} KB: ${n}`);
  process.stdout.write(`hostile inputs (wall time incl. node start-up, peak RSS, file size):\n${rows.join('\n')}\n`);
}, 300_000);

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
  it('exit 2, one line naming the file and the limit, nothing on stdout, under 400 MB', () => {
    const { file, res } = results.get(name)!;
    expect(res.code, res.stderr).toBe(2);
    expect(res.stdout).toBe('');
    const lines = res.stderr.split('\n').filter((l) => l !== '');
    expect(lines, res.stderr).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(c.says);
    expect(res.stderr).not.toMatch(/^\s+at |internal error|root:/m);
    expect(res.peakRssMb).toBeDefined();
    expect(res.peakRssMb!).toBeLessThan(400);
  });

  it('leaves the input unchanged', () => {
    const { file, before, mtimeMs } = results.get(name)!;
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtimeMs);
  });
});

describe('limits that a real workbook stays within', () => {
  it('a stated dimension of A1:XFD1048576 without far cells is no reason to refuse', async () => {
    const file = path.join(tmp.dir, 'wide-dimension.xlsx');
    writeFileSync(file, rawZip(setText(parts(), SHEET1, sheet1().replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'))));
    const res = await runCliMeasured(['check', file, '--format', 'json']);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout).files[0].summary.error).toBe(0);
  });

  it('the sample re-zipped by the raw writer reads as the original (the builder is faithful)', async () => {
    const file = path.join(tmp.dir, 'rezipped.xlsx');
    writeFileSync(file, rawZip(parts()));
    const res = await runCliMeasured(['check', file, '--format', 'json']);
    expect(res.code, res.stderr).toBe(0);
    // 部门公开表01 收支总表: 本年支出合计 2424.73 at D36, as published.
    const json = JSON.parse(res.stdout) as { files: { tables: { id: string; found: boolean }[] }[] };
    expect(json.files[0]!.tables.filter((t) => t.found)).toHaveLength(23);
  });
});
