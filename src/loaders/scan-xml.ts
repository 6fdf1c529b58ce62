/**
 * One pass over an XML part's bytes (no string copy, no DOM) that enforces
 * the workbook limits before SheetJS parses it: no DTD or entity declarations
 * (OOXML never has them: billion laughs and external entities are refused,
 * never expanded or resolved), element nesting, and per part kind — sheets:
 * the extent of cells holding values, cell count, area, merges; shared
 * strings: their count; everywhere: the length of one text (<t>, <v>).
 */
import type { WorkbookLimits } from './limits.js';
import { limitError } from './limits.js';
import { InputError } from '../errors.js';

/** Counts across the parts of one workbook. */
export interface WorkbookTally {
  cells: number;
  /** Σ of the finished sheets' areas (last row × last column). */
  area: number;
  mergedCells: number;
  sheets: number;
  sharedStrings: number;
}

export function newWorkbookTally(): WorkbookTally {
  return { cells: 0, area: 0, mergedCells: 0, sheets: 0, sharedStrings: 0 };
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

/** Column letters → 1-based number ("A" = 1, "XFD" = 16384). */
function colNumber(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = buf[i]! | 0x20;
    n = n * 26 + (b - 0x60);
    if (n > 1e7) return n;
  }
  return n;
}

/** Parses "XFD1048576" at [from, to): 1-based { row, col }, or undefined if it isn't a cell reference. */
function cellRef(buf: Buffer, from: number, to: number): { row: number; col: number } | undefined {
  let i = from;
  while (i < to && ((buf[i]! | 0x20) >= 0x61 && (buf[i]! | 0x20) <= 0x7a)) i++;
  if (i === from || i - from > 4) return undefined;
  const col = colNumber(buf, from, i);
  let row = 0;
  const digits = i;
  for (; i < to && buf[i]! >= 0x30 && buf[i]! <= 0x39; i++) if (row < 1e9) row = row * 10 + (buf[i]! - 0x30);
  if (i === digits || i !== to) return undefined;
  return { row, col };
}

/** The value of attribute `name` in the tag bytes [from, to), as a byte range. */
function attrRange(buf: Buffer, from: number, to: number, name: string): [number, number] | undefined {
  const n = name.length;
  for (let i = from; i + n + 2 < to; i++) {
    const prev = buf[i - 1];
    if (prev !== 0x20 && prev !== 0x0a && prev !== 0x0d && prev !== 0x09) continue;
    let k = 0;
    while (k < n && buf[i + k] === name.charCodeAt(k)) k++;
    if (k < n) continue;
    let j = i + n;
    while (j < to && buf[j] === 0x20) j++;
    if (buf[j] !== 0x3d) continue;
    j++;
    while (j < to && buf[j] === 0x20) j++;
    const q = buf[j];
    if (q !== 0x22 && q !== 0x27) continue;
    const end = buf.indexOf(q, j + 1);
    if (end < 0 || end > to) return undefined;
    return [j + 1, end];
  }
  return undefined;
}

function isNameByte(b: number): boolean {
  return b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== SLASH && b !== GT;
}

function colLetters(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** The element names the scan acts on, without allocating a string for every tag. */
function tagName(buf: Buffer, from: number, to: number): string {
  const n = to - from;
  const b0 = buf[from];
  if (n === 1) return b0 === 0x63 ? 'c' : b0 === 0x74 ? 't' : b0 === 0x76 ? 'v' : '';
  if (n === 2) return b0 === 0x73 && buf[from + 1] === 0x69 ? 'si' : '';
  if (n === 3) return b0 === 0x72 && buf[from + 1] === 0x6f && buf[from + 2] === 0x77 ? 'row' : '';
  if (n === 5) return b0 === 0x73 && buf.toString('latin1', from, to) === 'sheet' ? 'sheet' : '';
  if (n === 9) return b0 === 0x6d && buf.toString('latin1', from, to) === 'mergeCell' ? 'mergeCell' : '';
  return '';
}

/**
 * Scans one XML part; throws an InputError naming the file, the part and the
 * limit. `tally` accumulates the workbook-wide counts.
 */
export function scanXmlPart(buf: Buffer, part: string, file: string, limits: WorkbookLimits, tally: WorkbookTally): void {
  let depth = 0;
  let root: string | undefined;
  // Sheet state (1-based row/col; 0 = none yet).
  let row = 0;
  let col = 0;
  let maxRow = 0;
  let maxCol = 0;
  let merges = 0;
  let textStart = -1;
  const len = buf.length;
  let i = buf.indexOf(LT);
  while (i >= 0 && i < len) {
    // Text since the last <t>/<v> open tag: one cell's text.
    if (textStart >= 0) {
      let chars = 0;
      for (let k = textStart; k < i; k++) if ((buf[k]! & 0xc0) !== 0x80) chars++;
      if (chars > limits.maxTextLength) throw limitError(file, `length of one text in ${part}`, chars, limits.maxTextLength);
      textStart = -1;
    }
    const b = buf[i + 1];
    if (b === 0x21) {
      // <!-- comment -->, <![CDATA[ ]]>, or a DTD.
      if (buf[i + 2] === 0x2d && buf[i + 3] === 0x2d) {
        const end = buf.indexOf('-->', i + 4, 'latin1');
        i = end < 0 ? -1 : buf.indexOf(LT, end + 3);
        continue;
      }
      if (buf[i + 2] === 0x5b) {
        const end = buf.indexOf(']]>', i + 3, 'latin1');
        i = end < 0 ? -1 : buf.indexOf(LT, end + 3);
        continue;
      }
      throw new InputError(
        `${file}: refused: ${part} declares a DTD or entities (<!${buf.toString('latin1', i + 2, Math.min(len, i + 9)).replace(/[^A-Z]/g, '')}…>), which OOXML never uses (entities are never expanded)`,
        file,
      );
    }
    if (b === 0x3f) {
      const end = buf.indexOf('?>', i + 2, 'latin1');
      i = end < 0 ? -1 : buf.indexOf(LT, end + 2);
      continue;
    }
    // The tag's end: the first '>' outside quotes.
    let j = i + 1;
    let quote = 0;
    for (; j < len; j++) {
      const c = buf[j]!;
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === GT) break;
    }
    if (j >= len) break; // cut short: the loader reports damaged parts itself
    if (b === SLASH) {
      depth--;
      i = buf.indexOf(LT, j + 1);
      continue;
    }
    const selfClosing = buf[j - 1] === SLASH;
    // Local name (after any prefix).
    let nameEnd = i + 1;
    while (nameEnd < j && isNameByte(buf[nameEnd]!)) nameEnd++;
    let nameStart = i + 1;
    for (let k = i + 1; k < nameEnd; k++) if (buf[k] === 0x3a) nameStart = k + 1;
    const name = root === undefined ? buf.toString('latin1', nameStart, nameEnd) : tagName(buf, nameStart, nameEnd);
    if (!selfClosing) {
      depth++;
      if (depth > limits.maxXmlDepth) throw limitError(file, `element nesting in ${part}`, `over ${limits.maxXmlDepth}`, limits.maxXmlDepth);
    }
    root ??= name;
    if (root === 'worksheet') {
      if (name === 'row') {
        const r = attrRange(buf, nameEnd, j, 'r');
        row = r ? Math.min(1e9, Number(buf.toString('latin1', r[0], r[1])) || row + 1) : row + 1;
        col = 0;
      } else if (name === 'c') {
        const r = attrRange(buf, nameEnd, j, 'r');
        const ref = r ? cellRef(buf, r[0], r[1]) : undefined;
        if (ref) {
          row = Math.max(row, ref.row);
          col = ref.col;
        } else col++;
        if (!selfClosing) {
          // A cell with content (<v>, <f>, <is>); self-closed ones are styled blanks SheetJS drops.
          if (row > limits.maxRows || col > limits.maxColumns) {
            throw limitError(file, `extent of ${part}`, `a value in cell ${colLetters(col)}${row}`, `${limits.maxRows.toLocaleString('en-US')} rows × ${limits.maxColumns.toLocaleString('en-US')} columns`);
          }
          if (row > maxRow || col > maxCol) {
            if (row > maxRow) maxRow = row;
            if (col > maxCol) maxCol = col;
            if (tally.area + maxRow * maxCol > limits.maxCellArea) {
              throw limitError(file, 'cell area of the workbook (Σ last row × last column of each sheet)', `over ${limits.maxCellArea.toLocaleString('en-US')}`, limits.maxCellArea);
            }
          }
          if (++tally.cells > limits.maxCells) throw limitError(file, 'number of cells with values in the workbook', `over ${limits.maxCells.toLocaleString('en-US')}`, limits.maxCells);
        }
      } else if (name === 'mergeCell') {
        if (++merges > limits.maxMerges) throw limitError(file, `number of merged ranges in ${part}`, `over ${limits.maxMerges.toLocaleString('en-US')}`, limits.maxMerges);
        const r = attrRange(buf, nameEnd, j, 'ref');
        const colon = r ? buf.indexOf(0x3a, r[0]) : -1;
        if (r && colon > r[0] && colon < r[1]) {
          const s = cellRef(buf, r[0], colon);
          const e = cellRef(buf, colon + 1, r[1]);
          if (s && e) {
            // As the readers clip it: to the used area.
            const h = Math.min(e.row, maxRow) - s.row + 1;
            const w = Math.min(e.col, maxCol) - s.col + 1;
            if (h > 0 && w > 0) tally.mergedCells += h * w;
            if (tally.mergedCells > limits.maxMergedCells) {
              throw limitError(file, 'cells covered by merged ranges in the workbook', `over ${limits.maxMergedCells.toLocaleString('en-US')}`, limits.maxMergedCells);
            }
          }
        }
      }
    } else if (root === 'sst' && name === 'si') {
      if (++tally.sharedStrings > limits.maxSharedStrings) throw limitError(file, 'number of shared strings', `over ${limits.maxSharedStrings.toLocaleString('en-US')}`, limits.maxSharedStrings);
    } else if (root === 'workbook' && name === 'sheet') {
      if (++tally.sheets > limits.maxSheets) throw limitError(file, 'number of sheets in the workbook', `over ${limits.maxSheets}`, limits.maxSheets);
    }
    if (!selfClosing && (name === 't' || name === 'v')) textStart = j + 1;
    i = buf.indexOf(LT, j + 1);
  }
  tally.area += maxRow * maxCol;
}
