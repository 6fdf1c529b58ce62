/**
 * The limit checks at unit level (issue 11), on the sample with limits set
 * just below what it needs, so each check is shown to fire at its bound and
 * not before; and the zip check on a .docx package (for the narrative reader).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { DOCX_PACKAGE_LIMITS, WORKBOOK_LIMITS, type WorkbookLimits } from '../src/loaders/limits.js';
import { workbookCellsFromBuffer } from '../src/loaders/workbook.js';
import { checkZipPackage } from '../src/loaders/zip-check.js';
import { ROOT } from './support/cli.js';
import { partsOf, rawZip } from './support/zip.js';

const SAMPLE = readFileSync(path.join(ROOT, 'fixtures', 'hengnan-hrss-2025.xlsx'));
const INFLATED = partsOf(SAMPLE).reduce((n, e) => n + e.data.length, 0);

const refusal = (limits: Partial<WorkbookLimits>): string => {
  try {
    checkZipPackage(SAMPLE, 'f.xlsx', { ...WORKBOOK_LIMITS, ...limits });
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  return 'passed';
};

describe('checkZipPackage on the sample', () => {
  it('passes with the default limits, and reads as before', () => {
    expect(refusal({})).toBe('passed');
    expect(workbookCellsFromBuffer(SAMPLE, 'f.xlsx').sheets).toHaveLength(23);
  });

  it('each limit fires at its bound and not one below', () => {
    // The sample: 32 parts, 23 sheets, 208,504 bytes inflated, table 22's sheet reaching row 400-odd.
    expect(refusal({ maxEntries: 32 })).toBe('passed');
    expect(refusal({ maxEntries: 31 })).toBe('f.xlsx: refused: number of parts in the zip package (32) is over the limit of 31');
    expect(refusal({ maxSheets: 23 })).toBe('passed');
    expect(refusal({ maxSheets: 22 })).toBe('f.xlsx: refused: number of sheets in the workbook (over 22) is over the limit of 22');
    expect(refusal({ maxInflatedBytes: INFLATED })).toBe('passed');
    expect(refusal({ maxInflatedBytes: INFLATED - 1 })).toMatch(/^f\.xlsx: refused: total inflated size of the package \(declared\)/);
    expect(refusal({ maxXmlDepth: 3 })).toMatch(/^f\.xlsx: refused: element nesting in .* \(over 3\) is over the limit of 3$/);
    expect(refusal({ maxColumns: 7 })).toMatch(/^f\.xlsx: refused: extent of xl\/worksheets\/sheet\d+\.xml \(a value in cell H\d+\)/);
    expect(refusal({ maxTextLength: 10 })).toMatch(/^f\.xlsx: refused: length of one text in xl\/worksheets\/sheet1\.xml/);
    expect(refusal({ maxMerges: 1 })).toMatch(/number of merged ranges in xl\/worksheets\/sheet\d+\.xml \(over 1\)/);
  });

  it('the ratio is enforced while inflating, whatever the headers declare', () => {
    // 2 MB of blanks (deflated ~1000:1) declared as 1,000 bytes.
    const bomb = partsOf(SAMPLE).map((e) => (e.name === 'xl/worksheets/sheet22.xml' ? { ...e, data: Buffer.alloc(2 * 1024 * 1024, 0x20), declaredSize: 1000 } : e));
    expect(() => checkZipPackage(rawZip(bomb), 'f.xlsx')).toThrow(/^f\.xlsx: refused: compression ratio of xl\/worksheets\/sheet22\.xml \(while inflating, a zip bomb\?\)/);
    // Under the cap, a size that isn't the declared one is damage.
    const lie = partsOf(SAMPLE).map((e) => (e.name === 'xl/worksheets/sheet22.xml' ? { ...e, declaredSize: 1000 } : e));
    expect(() => checkZipPackage(rawZip(lie), 'f.xlsx')).toThrow(/inflates to 56877 bytes, not the 1000 declared/);
  });
});

describe('checkZipPackage on a .docx', () => {
  const docx = (body: string) =>
    rawZip([
      { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
      { name: 'word/document.xml', data: Buffer.from(`<?xml version="1.0"?>${body}`) },
    ]);
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

  it('a long run of narrative text is fine; a DTD is refused', () => {
    expect(() => checkZipPackage(docx(`<w:document ${W}><w:body><w:p><w:r><w:t>${'说明'.repeat(50_000)}</w:t></w:r></w:p></w:body></w:document>`), 'n.docx', DOCX_PACKAGE_LIMITS)).not.toThrow();
    expect(() =>
      checkZipPackage(docx(`<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document ${W}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>`), 'n.docx', DOCX_PACKAGE_LIMITS),
    ).toThrow(/^n\.docx: refused: word\/document\.xml declares a DTD or entities/);
  });
});
