/**
 * 批注 (legacy notes) on one worksheet: the comments part (the text) and the
 * VML drawing (the yellow box Excel shows on hover, sized here so a long note
 * shows whole). A sheet that already has notes keeps them: ours are added to
 * its parts, and on a cell it already annotated our text follows its own.
 */
import { escText, NS, PackageError, rootPrefix } from './ooxml.js';

export const COMMENT_AUTHOR = 'budget-audit';

/** Excel's limit on a note's text. */
export const MAX_COMMENT = 32_000;

export interface NoteToAdd {
  /** A1, no $. */
  cell: string;
  row: number;
  col: number;
  text: string;
}

/** A new comments part for these notes. */
export function newCommentsXml(notes: readonly NoteToAdd[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${NS.main}"><authors><author>${COMMENT_AUTHOR}</author></authors><commentList>` +
    notes.map((n) => commentXml('', n.cell, 0, n.text)).join('') +
    `</commentList></comments>`
  );
}

function commentXml(p: string, cell: string, authorId: number, text: string): string {
  return `<${p}comment ref="${cell}" authorId="${authorId}"><${p}text><${p}t xml:space="preserve">${escText(clip(text))}</${p}t></${p}text></${p}comment>`;
}

function clip(text: string): string {
  return text.length > MAX_COMMENT ? text.slice(0, MAX_COMMENT - 1) + '…' : text;
}

/**
 * Adds notes to an existing comments part: a cell it already annotates gets
 * our text as a further run after its own; other cells get a new comment by
 * our author (added to its authors if missing). Returns the cells that had a
 * note already (their VML box exists).
 */
export function mergeIntoComments(xml: string, notes: readonly NoteToAdd[], separator: string): { xml: string; existing: Set<string> } {
  const p = rootPrefix(xml, 'comments');
  const existing = new Set<string>();
  const byCell = new Map(notes.map((n) => [n.cell, n]));
  // Our text after the cell's own note, as one more run of its rich text.
  xml = xml.replace(new RegExp(`<${p}comment\\b[^>]*>[\\s\\S]*?</${p}comment>`, 'g'), (el) => {
    const ref = /\sref\s*=\s*["']\$?([A-Za-z]+)\$?(\d+)["']/.exec(el);
    const cell = ref ? `${ref[1]!.toUpperCase()}${ref[2]}` : '';
    const note = byCell.get(cell);
    if (!note) return el;
    existing.add(cell);
    // Plain text (one <t>, no runs): ours continues it — readers differ on a <t> followed by runs.
    const plain = new RegExp(`^(<${p}comment\\b[^>]*>\\s*<${p}text>\\s*)<${p}t\\b[^>]*>([\\s\\S]*?)</${p}t>(\\s*</${p}text>[\\s\\S]*)$`).exec(el);
    if (plain && !new RegExp(`<${p}r>`).test(el)) {
      return `${plain[1]}<${p}t xml:space="preserve">${plain[2]}${escText(clip(`${separator}${note.text}`))}</${p}t>${plain[3]}`;
    }
    const run = `<${p}r><${p}t xml:space="preserve">${escText(clip(`${separator}${note.text}`))}</${p}t></${p}r>`;
    const at = el.search(new RegExp(`<${p}(rPh|phoneticPr)\\b|</${p}text>`));
    if (at < 0) return el;
    return el.slice(0, at) + run + el.slice(at);
  });
  const fresh = notes.filter((n) => !existing.has(n.cell));
  if (!fresh.length) return { xml, existing };

  // Our author, added once.
  const authors = [...(/<(?:\w+:)?authors\b[^>]*>([\s\S]*?)<\/(?:\w+:)?authors>/.exec(xml)?.[1] ?? '').matchAll(/<(?:\w+:)?author\b[^>]*>([\s\S]*?)<\/(?:\w+:)?author>/g)].map((m) => m[1]);
  let authorId = authors.indexOf(COMMENT_AUTHOR);
  if (authorId < 0) {
    authorId = authors.length;
    const author = `<${p}author>${COMMENT_AUTHOR}</${p}author>`;
    if (new RegExp(`<${p}authors\\b[^>]*/>`).test(xml)) xml = xml.replace(new RegExp(`<(${p}authors\\b[^>]*?)\\s*/>`), `<$1>${author}</${p}authors>`);
    else if (xml.includes(`</${p}authors>`)) xml = xml.replace(`</${p}authors>`, `${author}</${p}authors>`);
    else xml = xml.replace(new RegExp(`(<${p}comments\\b[^>]*>)`), `$1<${p}authors>${author}</${p}authors>`);
  }
  const added = fresh.map((n) => commentXml(p, n.cell, authorId, n.text)).join('');
  if (new RegExp(`<${p}commentList\\b[^>]*/>`).test(xml)) {
    xml = xml.replace(new RegExp(`<(${p}commentList\\b[^>]*?)\\s*/>`), `<$1>${added}</${p}commentList>`);
  } else if (xml.includes(`</${p}commentList>`)) {
    xml = xml.replace(`</${p}commentList>`, `${added}</${p}commentList>`);
  } else {
    throw new PackageError('comments part without a commentList');
  }
  return { xml, existing };
}

// ---- the VML boxes --------------------------------------------------------------------

const SHAPE_TYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
  '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

/** Columns a note box spans and the half-width characters a line of it holds (9 pt text). */
const BOX_COLS = 5;
const CHARS_PER_LINE = 52;

/** Lines the text takes in the box: CJK characters count twice, long lines wrap. */
export function wrappedLines(text: string): number {
  let lines = 0;
  for (const line of text.split('\n')) {
    let width = 0;
    for (const ch of line) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
    lines += Math.max(1, Math.ceil(width / CHARS_PER_LINE));
  }
  return lines;
}

/** One hidden note box, anchored right of its cell, tall enough for its text (12 pt a line, rows taken as 15 pt). */
function shapeXml(id: number, n: NoteToAdd, zIndex: number): string {
  const lines = wrappedLines(clip(n.text));
  const heightPt = Math.min(lines * 12 + 10, 2000);
  const rows = Math.max(3, Math.ceil(heightPt / 15));
  const widthPt = BOX_COLS * 48 + 24;
  const top = Math.max(0, n.row - 1);
  const anchor = [n.col + 1, 15, top, 10, n.col + 1 + BOX_COLS, 31, top + rows, 4].join(', ');
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:2pt;width:${widthPt}pt;height:${heightPt}pt;z-index:${zIndex};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    `<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>` +
    `<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>` +
    `<x:Row>${n.row}</x:Row><x:Column>${n.col}</x:Column></x:ClientData></v:shape>`
  );
}

/** Blocks of 1024 shape ids a drawing with this many notes needs (o:idmap). */
export function vmlBlocksNeeded(notes: number): number {
  return Math.floor(notes / 1024) + 1;
}

/**
 * A new VML drawing; `blocks` (consecutive, unused elsewhere in the workbook)
 * make its shape ids unique, as o:idmap declares them.
 */
export function newVml(notes: readonly NoteToAdd[], blocks: readonly number[]): string {
  const first = blocks[0]!;
  return (
    `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${blocks.join(',')}"/></o:shapelayout>` +
    SHAPE_TYPE +
    notes.map((n, i) => shapeXml(first * 1024 + i + 1, n, i + 1)).join('') +
    `</xml>`
  );
}

/** Adds boxes for new notes to an existing VML drawing (its own shapes kept, ids after its largest). */
export function mergeIntoVml(xml: string, notes: readonly NoteToAdd[]): string {
  if (!notes.length) return xml;
  const ids = [...xml.matchAll(/\bid\s*=\s*["']_x0000_s(\d+)["']/g)].map((m) => parseInt(m[1]!, 10));
  const block = parseInt(/data\s*=\s*["'](\d+)/.exec(xml)?.[1] ?? '1', 10);
  let next = Math.max(block * 1024, ...ids) + 1;
  const shapes = (/id\s*=\s*["']_x0000_t202["']/.test(xml) ? '' : SHAPE_TYPE) + notes.map((n, i) => shapeXml(next++, n, ids.length + i + 1)).join('');
  const end = xml.lastIndexOf('</xml>');
  if (end < 0) throw new PackageError('VML drawing without </xml>');
  return xml.slice(0, end) + shapes + xml.slice(end);
}

/** The o:idmap blocks the package's VML drawings already use. */
export function usedVmlBlocks(vmls: readonly string[]): Set<number> {
  const used = new Set<number>();
  for (const xml of vmls) {
    for (const m of xml.matchAll(/<o:idmap\b[^>]*data\s*=\s*["']([\d,\s]+)["']/g)) {
      for (const n of m[1]!.split(/[,\s]+/)) if (n) used.add(parseInt(n, 10));
    }
  }
  return used;
}
