/**
 * The package editor's edge cases: a macro workbook (its VBA project kept,
 * copied as .xlsm), a sheet with more notes than one VML id block holds, a
 * package without a stylesheet, a Strict Open XML workbook refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { InputError } from '../src/errors.js';
import { loadWorkbook } from '../src/loaders/index.js';
import { emptySummary, type Finding } from '../src/model/index.js';
import type { FileReport } from '../src/model/report.js';
import { annotateWorkbook, RESULTS_SHEET } from '../src/report/annotate.js';
import { Package, PackageError } from '../src/report/annotate/ooxml.js';
import { audit } from '../src/rules/index.js';
import { plantCopy, PLANT_03, tempDir } from './report-support.js';

const open = (file: string) => XLSX.read(readFileSync(file), { type: 'buffer' });
const parts = (file: string) => unzipSync(readFileSync(file));
const text = (files: Record<string, Uint8Array>, name: string) => strFromU8(files[name]!);

/** A one-sheet workbook of `rows` numbers in column B, and a report flagging each of them. */
function numbersWorkbook(dir: string, rows: number): { file: string; report: FileReport } {
  const ws = XLSX.utils.aoa_to_sheet(Array.from({ length: rows }, (_, i) => [`行${i + 1}`, i + 1]));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'S');
  const file = path.join(dir, `n${rows}.xlsx`);
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  const findings: Finding[] = Array.from({ length: rows }, (_, i) => ({
    ruleId: 'r',
    severity: 'warning',
    message: { zh: `第${i + 1}行`, en: `row ${i + 1}` },
    locations: [{ table: '01', sheet: 'S', cell: `B${i + 1}`, value: String(i + 1) }],
  }));
  return { file, report: { path: file, findings, notRun: [], summary: { ...emptySummary(), warning: rows } } };
}

describe('macro workbooks (.xlsm)', () => {
  it('keeps the VBA project and names the copy .xlsm', async () => {
    const dir = tempDir('ba-annotate-');
    const files = unzipSync(readFileSync(plantCopy(path.join(dir, 'p.xlsx'), PLANT_03).file));
    // As Excel saves a macro workbook: its main part's content type, a vbaProject part and its relationship.
    const vba = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]);
    files['xl/vbaProject.bin'] = vba;
    const ct = text(files, '[Content_Types].xml').replace(
      /(PartName="\/xl\/workbook\.xml" ContentType=")[^"]+"/,
      '$1application/vnd.ms-excel.sheet.macroEnabled.main+xml"',
    );
    files['[Content_Types].xml'] = new TextEncoder().encode(ct);
    const rels = text(files, 'xl/_rels/workbook.xml.rels').replace(
      '</Relationships>',
      '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
    );
    files['xl/_rels/workbook.xml.rels'] = new TextEncoder().encode(rels);
    const input = path.join(dir, 'macro.xlsm');
    writeFileSync(input, zipSync(files));
    const report = audit(await loadWorkbook(input));
    await expect(annotateWorkbook(input, report, path.join(dir, 'out.xlsx'), { lang: 'zh' })).rejects.toThrow(/has macros: name the annotated copy \*\.xlsm/);
    await annotateWorkbook(input, report, path.join(dir, 'out.xlsm'), { lang: 'zh' });
    const out = parts(path.join(dir, 'out.xlsm'));
    expect(Buffer.from(out['xl/vbaProject.bin']!)).toEqual(Buffer.from(vba));
    expect(text(out, 'xl/_rels/workbook.xml.rels')).toContain('Target="vbaProject.bin"');
    expect(text(out, '[Content_Types].xml')).toContain('macroEnabled.main+xml');
    expect(open(path.join(dir, 'out.xlsm')).SheetNames[0]).toBe(RESULTS_SHEET);
  });
});

describe('package edge cases', () => {
  it('gives a sheet with more than 1,024 notes enough VML id blocks, every id unique', async () => {
    const dir = tempDir('ba-annotate-');
    const { file, report } = numbersWorkbook(dir, 1100);
    const out = path.join(dir, 'out.xlsx');
    await annotateWorkbook(file, report, out, { lang: 'en' });
    const files = parts(out);
    const vml = text(files, Object.keys(files).find((n) => n.endsWith('.vml'))!);
    expect(vml).toContain('<o:idmap v:ext="edit" data="1,2"/>');
    const ids = [...vml.matchAll(/<v:shape id="_x0000_s(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids).toHaveLength(1100);
    expect(new Set(ids).size).toBe(1100);
    // Every id inside the declared blocks 1 and 2 (1024–3071).
    expect(ids.filter((id) => id < 1024 || id >= 3 * 1024)).toEqual([]);
    const ws = open(out).Sheets['S']!;
    expect((ws['B1100'] as XLSX.CellObject).c![0]!.t).toContain('row 1100');
  });

  it('adds a stylesheet to a package that has none, so flagged cells are still filled', async () => {
    const dir = tempDir('ba-annotate-');
    const { file, report } = numbersWorkbook(dir, 3);
    const files = parts(file);
    delete files['xl/styles.xml'];
    files['xl/_rels/workbook.xml.rels'] = strToU8(text(files, 'xl/_rels/workbook.xml.rels').replace(/<Relationship [^>]*Target="styles\.xml"\/>/, ''));
    files['[Content_Types].xml'] = strToU8(text(files, '[Content_Types].xml').replace(/<Override PartName="\/xl\/styles\.xml"[^>]*\/>/, ''));
    files['xl/worksheets/sheet1.xml'] = strToU8(text(files, 'xl/worksheets/sheet1.xml').replace(/ s="\d+"/g, ''));
    const bare = path.join(dir, 'bare.xlsx');
    writeFileSync(bare, zipSync(files));
    expect(Object.keys(parts(bare))).not.toContain('xl/styles.xml');
    const out = path.join(dir, 'out.xlsx');
    await annotateWorkbook(bare, { ...report, path: bare }, out, { lang: 'zh' });
    const now = parts(out);
    expect(text(now, 'xl/_rels/workbook.xml.rels')).toMatch(/relationships\/styles" Target="styles\.xml"/);
    expect(text(now, '[Content_Types].xml')).toContain('<Override PartName="/xl/styles.xml"');
    const s = /<c r="B2" s="(\d+)"/.exec(text(now, 'xl/worksheets/sheet1.xml'))?.[1];
    expect(s).toBeDefined();
    const xf = [...text(now, 'xl/styles.xml').matchAll(/<xf [^>]*\/>/g)].map((m) => m[0]).filter((x) => x.includes('xfId='))[Number(s)]!;
    const fills = [...text(now, 'xl/styles.xml').matchAll(/<fill>[\s\S]*?<\/fill>/g)].map((m) => m[0]);
    expect(fills[Number(/fillId="(\d+)"/.exec(xf)![1])]).toContain('FFFFEB9C'); // warning yellow
    expect(open(out).SheetNames[0]).toBe(RESULTS_SHEET);
  });

  it('refuses a Strict Open XML workbook in one line', async () => {
    const dir = tempDir('ba-annotate-');
    const { file, report } = numbersWorkbook(dir, 2);
    const files = parts(file);
    files['xl/workbook.xml'] = strToU8(text(files, 'xl/workbook.xml').replace('http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main'));
    const strict = path.join(dir, 'strict.xlsx');
    writeFileSync(strict, zipSync(files));
    const err = await annotateWorkbook(strict, report, path.join(dir, 'out.xlsx'), { lang: 'zh' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/^.*strict\.xlsx: cannot annotate this workbook: a Strict Open XML workbook/);
    expect((err as Error).message).not.toContain('\n');
  });

  it('refuses a package whose parts declare more than it would ever unpack', () => {
    const zip = zipSync({ 'a.xml': strToU8('<a/>'), 'b.xml': strToU8('<b/>') });
    expect(Package.read(zip).names()).toEqual(['a.xml', 'b.xml']);
    // The central directory's uncompressed size of one entry (offset 24 of its record) set to 2 GB.
    const bomb = new Uint8Array(zip);
    const view = new DataView(bomb.buffer);
    const cd = bomb.findIndex((_, i) => view.getUint32(i, true) === 0x02014b50);
    view.setUint32(cd + 24, 0x7fffffff, true);
    expect(() => Package.read(bomb)).toThrow(PackageError);
    expect(() => Package.read(bomb)).toThrow(/unpack to over 1024 MB/);
  });
});
