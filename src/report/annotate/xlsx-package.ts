/**
 * The annotated copy of an .xlsx/.xlsm, made by editing its package rather
 * than re-serialising it: every part is written back byte for byte except
 *   - a flagged cell's s="…" in its sheet (a new cellXfs entry: its own format
 *     plus a highlight fill), and a <legacyDrawing> reference where the sheet
 *     had none;
 *   - xl/styles.xml: fills, fonts and cellXfs appended after the workbook's own;
 *   - the sheets' .rels, [Content_Types].xml, xl/workbook.xml and its .rels:
 *     references to the added parts (comments, VML boxes, 审核结果), defined
 *     names' sheet indices shifted by the new first sheet;
 * and a sheet that already had notes gets ours added to its comments and VML.
 */
import type { FindingLocation } from '../../model/finding.js';
import type { ReportInput } from '../html/input.js';
import { sheetOfTable } from '../html/input.js';
import { mergeIntoComments, mergeIntoVml, newCommentsXml, newVml, usedVmlBlocks, vmlBlocksNeeded, type NoteToAdd } from './comments.js';
import { cellNotes, type AnnotateOptions, type CellNote } from './marks.js';
import {
  addContentType,
  addRelationship,
  attrsOf,
  CONTENT_TYPE,
  contentTypeOf,
  escAttr,
  insertBefore,
  Package,
  PackageError,
  parseRels,
  REL,
  relNsDecl,
  relsPathOf,
  resolveTarget,
  rootPrefix,
  setAttr,
} from './ooxml.js';
import { resultsTable, uniqueSheetName } from './results.js';
import { renderResultsSheet } from './results-xml.js';
import { highlightOf, StyleSheet } from './styles.js';

interface SheetEntry {
  name: string;
  /** The worksheet part (chartsheets and dialog sheets have none here). */
  part?: string;
}

export interface PackageResult {
  data: Uint8Array;
  /** The workbook part's content type says it carries macros (.xlsm). */
  macros: boolean;
  resultsSheet: string;
}

const SEPARATOR = '\n\n— budget-audit —\n';

export function annotatePackage(input: Uint8Array, report: ReportInput, opts: AnnotateOptions): PackageResult {
  const pkg = Package.read(input);
  const rootRels = parseRels(pkg.text('_rels/.rels'));
  const docRel = rootRels.find((r) => r.type === REL.officeDocument || r.type.endsWith('/officeDocument'));
  if (!docRel) throw new PackageError('no workbook part (_rels/.rels names no officeDocument)');
  const workbookPart = resolveTarget('', docRel.target);
  const workbookXml = pkg.text(workbookPart);
  if (workbookXml === undefined) throw new PackageError(`${workbookPart} is missing`);
  if (workbookXml.includes('http://purl.oclc.org/ooxml/spreadsheetml/main')) {
    throw new PackageError('a Strict Open XML workbook; save it as an ordinary Excel workbook (.xlsx) first');
  }
  const wbRels = parseRels(pkg.text(relsPathOf(workbookPart)));
  const sheets = sheetEntries(workbookXml, wbRels, workbookPart);
  const stylesRel = wbRels.find((r) => r.type === REL.styles);
  const styles = StyleSheet.open(pkg, workbookPart, stylesRel ? resolveTarget(workbookPart, stylesRel.target) : undefined);

  const byName = new Map(sheets.filter((s) => s.part && pkg.has(s.part)).map((s) => [s.name, s]));
  const sheetOf = (loc: FindingLocation): string | undefined => {
    const name = loc.sheet ?? sheetOfTable(report, loc.table);
    return name !== undefined && byName.has(name) ? name : undefined;
  };

  const notes = cellNotes(report.findings, sheetOf, opts);
  const perSheet = new Map<string, CellNote[]>();
  for (const n of notes) {
    const list = perSheet.get(n.sheet);
    if (list) list.push(n);
    else perSheet.set(n.sheet, [n]);
  }
  const vmlBlocks = usedVmlBlocks(pkg.names().filter((n) => /\.vml$/i.test(n)).map((n) => pkg.text(n) ?? ''));
  for (const [name, list] of perSheet) annotateSheet(pkg, byName.get(name)!.part!, list, styles, vmlBlocks);

  // 审核结果, the new first sheet.
  const resultsName = uniqueSheetName(sheets.map((s) => s.name));
  const table = resultsTable(report, sheetOf, opts);
  const resultsPart = pkg.freeName('xl/worksheets/sheet', '.xml');
  // A workbook that says which sheet it opens on keeps opening there; one that doesn't opens on 审核结果.
  const keepActive =
    /<(?:\w+:)?workbookView\b[^>]*\sactiveTab\s*=/.test(workbookXml) ||
    sheets.some((s) => s.part && /<(?:\w+:)?sheetView\b[^>]*\stabSelected\s*=\s*["'](1|true)["']/.test(pkg.text(s.part) ?? ''));
  const rendered = renderResultsSheet(table, styles, resultsName, !keepActive);
  pkg.setText(resultsPart, rendered.xml);
  addContentType(pkg, resultsPart, CONTENT_TYPE.worksheet);
  const rid = addRelationship(pkg, workbookPart, REL.worksheet, resultsPart);
  pkg.setText(workbookPart, insertFirstSheet(workbookXml, resultsName, rid, rendered.filterRef, keepActive));
  styles.save();

  const macros = contentTypeOf(pkg, workbookPart) === CONTENT_TYPE.macroWorkbook;
  return { data: pkg.toBytes(), macros, resultsSheet: resultsName };
}

function sheetEntries(workbookXml: string, rels: ReturnType<typeof parseRels>, workbookPart: string): SheetEntry[] {
  const sheetsEl = /<(?:\w+:)?sheets\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheets>/.exec(workbookXml)?.[1] ?? '';
  const out: SheetEntry[] = [];
  for (const m of sheetsEl.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = attrsOf(m[0]);
    const idKey = [...a.keys()].find((k) => /(^|:)id$/.test(k) && k !== 'sheetId');
    const rel = idKey ? rels.find((r) => r.id === a.get(idKey)) : undefined;
    out.push({ name: a.get('name') ?? '', ...(rel && rel.type === REL.worksheet ? { part: resolveTarget(workbookPart, rel.target) } : {}) });
  }
  return out;
}

/** Fills, notes and their boxes on one worksheet. */
function annotateSheet(pkg: Package, part: string, notes: CellNote[], styles: StyleSheet, vmlBlocks: Set<number>): void {
  let xml = pkg.text(part)!;
  const p = rootPrefix(xml, 'worksheet');
  xml = restyleCells(xml, p, notes, styles);

  const relsPath = relsPathOf(part);
  const rels = parseRels(pkg.text(relsPath));
  const add: NoteToAdd[] = notes.map((n) => ({ cell: n.cell, row: n.row, col: n.col, text: n.text }));

  // The notes' text: into the sheet's comments part, or a new one.
  const commentsRel = rels.find((r) => r.type === REL.comments);
  const commentsPart = commentsRel ? resolveTarget(part, commentsRel.target) : undefined;
  let boxesNeeded = add;
  if (commentsPart && pkg.has(commentsPart)) {
    const merged = mergeIntoComments(pkg.text(commentsPart)!, add, SEPARATOR);
    pkg.setText(commentsPart, merged.xml);
    boxesNeeded = add.filter((n) => !merged.existing.has(n.cell));
  } else {
    const name = pkg.freeName('xl/comments', '.xml');
    pkg.setText(name, newCommentsXml(add));
    addContentType(pkg, name, CONTENT_TYPE.comments);
    addRelationship(pkg, part, REL.comments, name);
  }

  // Their boxes: into the sheet's VML drawing (the one <legacyDrawing> names), or a new one.
  const legacy = new RegExp(`<${p}legacyDrawing\\b[^>]*>`).exec(xml);
  const legacyId = legacy ? [...attrsOf(legacy[0]).entries()].find(([k]) => /(^|:)id$/.test(k))?.[1] : undefined;
  const vmlRel = legacyId ? rels.find((r) => r.id === legacyId) : undefined;
  const vmlPart = vmlRel ? resolveTarget(part, vmlRel.target) : undefined;
  if (vmlPart && pkg.has(vmlPart)) {
    pkg.setText(vmlPart, mergeIntoVml(pkg.text(vmlPart)!, boxesNeeded));
  } else {
    if (legacy) throw new PackageError(`${part}: its <legacyDrawing> names no VML part`);
    // Consecutive id blocks no other drawing of the workbook uses.
    const count = vmlBlocksNeeded(boxesNeeded.length);
    let first = 1;
    while (Array.from({ length: count }, (_, i) => first + i).some((b) => vmlBlocks.has(b))) first++;
    const blocks = Array.from({ length: count }, (_, i) => first + i);
    for (const b of blocks) vmlBlocks.add(b);
    const name = pkg.freeName('xl/drawings/vmlDrawing', '.vml');
    pkg.setText(name, newVml(boxesNeeded, blocks));
    addContentType(pkg, name, CONTENT_TYPE.vml, true);
    const id = addRelationship(pkg, part, REL.vmlDrawing, name);
    const endOfData = Math.max(xml.indexOf(`</${p}sheetData>`), xml.search(new RegExp(`<${p}sheetData\\b[^>]*/>`)));
    xml = insertBefore(
      xml,
      p,
      ['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst', 'mc:AlternateContent'],
      `<${p}legacyDrawing${relNsDecl(xml)} r:id="${id}"/>`,
      'worksheet',
      Math.max(0, endOfData),
    );
  }
  pkg.setText(part, xml);
}

/**
 * Gives each flagged cell that holds a figure a highlight: its own cell
 * format with the fill of its mark. Only the s attribute of those cells'
 * start tags changes. Blank cells (no value, or blank for every finding)
 * keep their look: the note alone marks them.
 */
function restyleCells(xml: string, p: string, notes: CellNote[], styles: StyleSheet): string {
  const byCell = new Map(notes.filter((n) => !n.blank).map((n) => [n.cell, n]));
  if (!byCell.size) return xml;
  const start = xml.search(new RegExp(`<${p}sheetData[\\s>]`));
  const end = xml.indexOf(`</${p}sheetData>`, start);
  if (start < 0 || end < 0) return xml;
  const cellTag = new RegExp(`<${p}c\\b[^>]*>`, 'g');
  cellTag.lastIndex = start;
  let out = '';
  let last = 0;
  for (let m = cellTag.exec(xml); m && m.index < end; m = cellTag.exec(xml)) {
    const tag = m[0];
    const r = attrsOf(tag).get('r')?.replace(/\$/g, '').toUpperCase();
    const note = r ? byCell.get(r) : undefined;
    if (!note || tag.endsWith('/>')) continue;
    const close = xml.indexOf(`</${p}c>`, m.index + tag.length);
    const body = close < 0 ? '' : xml.slice(m.index + tag.length, close);
    const value = new RegExp(`<${p}v>\\s*[^<\\s]|<${p}is\\b|<${p}f\\b`).test(body);
    if (!value) continue;
    const base = /\ss\s*=\s*["'](\d+)["']/.exec(tag);
    const id = styles.highlight(base ? parseInt(base[1]!, 10) : 0, highlightOf(note.mark.role, note.mark.severity));
    out += xml.slice(last, m.index) + setAttr(tag, 's', String(id));
    last = m.index + tag.length;
  }
  return out + xml.slice(last);
}

/**
 * Puts 审核结果 first in <sheets>, shifts what names sheets by position
 * (definedName localSheetId; with keepActive the view's activeTab/firstSheet)
 * so they keep meaning the same sheets, and names the results' filter range
 * as Excel does.
 */
function insertFirstSheet(xml: string, name: string, rid: string, filterRef: string, keepActive: boolean): string {
  const p = rootPrefix(xml, 'workbook');
  const ids = [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => parseInt(attrsOf(m[0]).get('sheetId') ?? '0', 10));
  const sheetId = Math.max(0, ...ids.filter((n) => Number.isFinite(n))) + 1;
  const sheet = `<${p}sheet${relNsDecl(xml)} name="${escAttr(name)}" sheetId="${sheetId}" r:id="${rid}"/>`;
  const open = new RegExp(`<${p}sheets\\b[^>]*>`).exec(xml);
  if (!open || open[0].endsWith('/>')) throw new PackageError('the workbook lists no sheets');
  xml = xml.slice(0, open.index + open[0].length) + sheet + xml.slice(open.index + open[0].length);

  xml = xml.replace(new RegExp(`<${p}definedName\\b[^>]*>`, 'g'), (tag) => {
    const local = attrsOf(tag).get('localSheetId');
    return local !== undefined && /^\d+$/.test(local) ? setAttr(tag, 'localSheetId', String(parseInt(local, 10) + 1)) : tag;
  });
  const filterName = `<${p}definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${escAttr(filterRef)}</${p}definedName>`;
  if (new RegExp(`<${p}definedNames\\b[^>]*/>`).test(xml)) {
    xml = xml.replace(new RegExp(`<(${p}definedNames\\b[^>]*?)\\s*/>`), `<$1>${filterName}</${p}definedNames>`);
  } else if (new RegExp(`<${p}definedNames\\b`).test(xml)) {
    xml = xml.replace(new RegExp(`(<${p}definedNames\\b[^>]*>)`), `$1${filterName}`);
  } else {
    const after = ['calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'];
    xml = insertBefore(xml, p, after, `<${p}definedNames>${filterName}</${p}definedNames>`, 'workbook', xml.indexOf(`</${p}sheets>`));
  }

  // The workbook still opens on the sheet it opened on (审核结果 is the first tab).
  if (!keepActive) return xml;
  if (new RegExp(`<${p}workbookView\\b`).test(xml)) {
    xml = xml.replace(new RegExp(`<${p}workbookView\\b[^>]*>`, 'g'), (tag) => {
      const a = attrsOf(tag);
      let t = setAttr(tag, 'activeTab', String(parseInt(a.get('activeTab') ?? '0', 10) + 1));
      const first = a.get('firstSheet');
      if (first && /^\d+$/.test(first) && first !== '0') t = setAttr(t, 'firstSheet', String(parseInt(first, 10) + 1));
      return t;
    });
  } else {
    const view = `<${p}workbookView activeTab="1"/>`;
    xml = new RegExp(`<${p}bookViews\\b[^>]*/>`).test(xml)
      ? xml.replace(new RegExp(`<(${p}bookViews\\b[^>]*?)\\s*/>`), `<$1>${view}</${p}bookViews>`)
      : xml.replace(new RegExp(`(<${p}sheets\\b)`), `<${p}bookViews>${view}</${p}bookViews>$1`);
  }
  return xml;
}
