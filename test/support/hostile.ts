/**
 * Hostile workbooks for the tests (issue 11), each built from the sample:
 * zip bombs, lying zip headers, huge sheet extents, 5,000 sheets,
 * shared-string floods, DTDs, deep nesting, duplicate and path-traversal
 * entry names, malformed BIFF. `says` is what the one error line must say.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { ROOT } from './cli.js';
import { partsOf, rawZip, setText, text, type RawEntry } from './zip.js';

const SAMPLE = readFileSync(path.join(ROOT, 'fixtures', 'hengnan-hrss-2025.xlsx'));

export const SHEET1 = 'xl/worksheets/sheet1.xml';
export const parts = (): RawEntry[] => partsOf(SAMPLE);
export const sheet1 = (): string => text(parts().find((e) => e.name === SHEET1));
/** The sample with sheet1's <sheetData> content replaced (or extended). */
const withSheetData = (rows: string, keep = false): Buffer => {
  const xml = sheet1();
  const a = xml.indexOf('<sheetData>') + '<sheetData>'.length;
  const b = xml.indexOf('</sheetData>');
  return rawZip(setText(parts(), SHEET1, xml.slice(0, a) + (keep ? xml.slice(a, b) : '') + rows + xml.slice(b)));
};
const MB = 1024 * 1024;

export interface HostileCase {
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

export const HOSTILE_CASES: HostileCase[] = [
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
    says: /extent of xl\/worksheets\/sheet1\.xml \(a value in cell XFD1048576\).*over the limit of 65,536 rows × 1,024 columns/,
  },
  {
    name: 'a 200,000-row sheet',
    make: () => withSheetData(Array.from({ length: 200_000 }, (_, i) => `<row r="${i + 39}"><c r="A${i + 39}"><v>${i}</v></c></row>`).join(''), true),
    says: /extent of xl\/worksheets\/sheet1\.xml \(a value in cell A65537\)/,
  },
  {
    name: 'a sheet in UTF-16 (SheetJS reads it) with a value in row 900,000',
    make: () => {
      const xml = sheet1().replace('encoding="UTF-8"', 'encoding="UTF-16"').replace('</sheetData>', '<row r="900000"><c r="A900000"><v>1</v></c></row></sheetData>');
      return rawZip(parts().map((e) => (e.name === SHEET1 ? { ...e, data: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]) } : e)));
    },
    says: /extent of xl\/worksheets\/sheet1\.xml \(a value in cell A900000\)/,
  },
  {
    name: '60,000 rows with one value in column AMJ (a 60M-cell grid to walk)',
    make: () =>
      withSheetData(
        Array.from({ length: 60_000 }, (_, i) => `<row r="${i + 39}"><c r="A${i + 39}"><v>${i}</v></c>${i === 0 ? '<c r="AMJ39"><v>1</v></c>' : ''}</row>`).join(''),
        true,
      ),
    says: /cell area of the workbook \(Σ last row × last column of each sheet\) \(over 16,000,000\)/,
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

