/**
 * A copy of a workbook dressed as a department's own file would be: a real
 * stylesheet (a bold red font, a yellow fill, thin borders, #,##0.00), those
 * styles on the cells of one table's sheet, a frozen header, print settings
 * (print area, margins, landscape, a page header), a formula, and the sheet
 * opening on that table, column widths. Made by editing the package's XML with fflate — the
 * way the annotator must not disturb it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import * as XLSX from 'xlsx';

export const STYLED_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
  `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  `<fonts count="2"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>` +
  `<font><b/><sz val="11"/><color rgb="FFFF0000"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts>` +
  `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
  `<fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/><bgColor indexed="64"/></patternFill></fill></fills>` +
  `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` +
  `<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  `<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="4" fontId="1" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1"><alignment horizontal="right" vertical="center"/></xf>` +
  `<xf numFmtId="4" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>` +
  `<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font></dxf></dxfs><tableStyles count="0"/></styleSheet>`;

/** xf 2: bold red font, yellow fill, thin border, #,##0.00. xf 3: thin border, #,##0.00. */
export const XF_LOUD = 2;
export const XF_BORDERED = 3;

export interface StyledCopy {
  file: string;
  /** The dressed sheet's part, e.g. xl/worksheets/sheet3.xml. */
  part: string;
  sheet: string;
  /** A cell given the loud style (bold red on yellow). */
  loudCell: string;
  /** The cell given a formula (its cached value kept). */
  formulaCell: string;
}

/** The part a sheet name lives in, through workbook.xml and its rels. */
export function sheetPart(files: Record<string, Uint8Array>, sheet: string): string {
  const wb = strFromU8(files['xl/workbook.xml']!);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']!);
  const esc = sheet.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const rid = new RegExp(`<sheet [^>]*name="${esc.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*r:id="([^"]+)"`).exec(wb)?.[1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
  if (!rid || !target) throw new Error(`no part for sheet ${sheet}`);
  return path.posix.join('xl', target);
}

/**
 * Dresses `sheet` of `src` into `dest`: every amount cell bordered, `loudCell`
 * bold red on yellow, the last amount of the sheet a formula, the first rows
 * frozen, print settings, a print area, and the workbook opening on it.
 */
export function styledCopy(src: string, dest: string, sheet: string, loudCell: string): StyledCopy {
  const files = unzipSync(readFileSync(src));
  files['xl/styles.xml'] = strToU8(STYLED_STYLES);
  const part = sheetPart(files, sheet);
  let xml = strFromU8(files[part]!);
  // Number cells get borders and #,##0.00.
  xml = xml.replace(/<c r="([A-Z]+\d+)"(?: s="\d+")?><v>(-?[\d.]+)<\/v><\/c>/g, `<c r="$1" s="${XF_BORDERED}"><v>$2</v></c>`);
  // The loud cell, whatever style it had.
  xml = xml.replace(new RegExp(`<c r="${loudCell}"( s="\\d+")?`), `<c r="${loudCell}" s="${XF_LOUD}"`);
  // The sheet's last number becomes a formula with the same cached value.
  const numbers = [...xml.matchAll(new RegExp(`<c r="([A-Z]+\\d+)" s="${XF_BORDERED}"><v>([\\d.]+)</v></c>`, 'g'))];
  const last = numbers[numbers.length - 1]!;
  const formulaCell = last[1]!;
  xml = xml.slice(0, last.index) + `<c r="${formulaCell}" s="3"><f>${last[2]}+0</f><v>${last[2]}</v></c>` + xml.slice(last.index! + last[0].length);
  // A frozen header, the sheet opening selected.
  xml = xml.replace(/<sheetViews>[\s\S]*?<\/sheetViews>/, '<sheetViews><sheetView tabSelected="1" zoomScale="85" workbookViewId="0"><pane ySplit="5" topLeftCell="A6" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A6" sqref="A6"/></sheetView></sheetViews>');
  // Column widths, as the department set them.
  const cols = '<cols><col min="1" max="3" width="6.5" customWidth="1"/><col min="4" max="4" width="12" customWidth="1"/><col min="5" max="5" width="40.5" customWidth="1"/><col min="6" max="11" width="14.25" customWidth="1"/></cols>';
  xml = xml.includes('<cols>') ? xml.replace(/<cols>[\s\S]*?<\/cols>/, cols) : xml.replace('<sheetData>', `${cols}<sheetData>`);
  // Print settings, where the schema puts them (after mergeCells, before ignoredErrors).
  const print =
    '<printOptions horizontalCentered="1"/><pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape" fitToHeight="0"/><headerFooter><oddHeader>&amp;C部门预算公开</oddHeader></headerFooter>';
  xml = xml.includes('<ignoredErrors') ? xml.replace('<ignoredErrors', `${print}<ignoredErrors`) : xml.replace('</worksheet>', `${print}</worksheet>`);
  files[part] = strToU8(xml);

  // The workbook opens on this sheet and prints its area.
  const names = XLSX.read(readFileSync(src), { type: 'buffer', bookSheets: true }).SheetNames;
  const index = names.indexOf(sheet);
  let wb = strFromU8(files['xl/workbook.xml']!);
  wb = wb.replace('<sheets>', `<bookViews><workbookView activeTab="${index}"/></bookViews><sheets>`);
  const [from, to] = (/<dimension ref="([A-Z]+\d+):([A-Z]+\d+)"/.exec(xml) ?? [, 'A1', 'A1']).slice(1) as [string, string];
  const abs = (a1: string) => a1.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
  const area = `<definedName name="_xlnm.Print_Area" localSheetId="${index}">'${sheet}'!${abs(from)}:${abs(to)}</definedName>`;
  wb = wb.includes('<definedNames>') ? wb.replace('<definedNames>', `<definedNames>${area}`) : wb.replace('</sheets>', `</sheets><definedNames>${area}</definedNames>`);
  files['xl/workbook.xml'] = strToU8(wb);

  writeFileSync(dest, zipSync(files));
  return { file: dest, part, sheet, loudCell, formulaCell };
}
