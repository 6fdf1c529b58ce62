/**
 * Pre-check of a legacy .xls (BIFF5/8) Workbook stream before SheetJS parses
 * it (issue 11): one walk over its records (type u16, length u16, data)
 * counting what SheetJS would build — sheets, cells holding values, shared
 * strings, the row and column of each cell — against the workbook limits
 * (BIFF8 allows 65,536 × 256, but the fields are u16 and damage shows). A
 * string can't exceed 65,535 characters by its field size; a record running
 * past the end of the stream is damage.
 */
import { InputError } from '../errors.js';
import type { WorkbookLimits } from './limits.js';
import { limitError, WORKBOOK_LIMITS } from './limits.js';

const BOUNDSHEET = 0x85;
const SST = 0xfc;
/** Records holding one cell value: NUMBER, LABEL, LABELSST, RK, BOOLERR, FORMULA (BIFF8 and older ids). */
const ONE_CELL = new Set([0x203, 0x204, 0xfd, 0x27e, 0x205, 0x06, 0x406, 0x03, 0x04, 0x05, 0x7e, 0xd6]);
const MULRK = 0xbd;

export function checkBiffStream(stream: Uint8Array, file: string, limits: WorkbookLimits = WORKBOOK_LIMITS): void {
  const buf = Buffer.from(stream.buffer, stream.byteOffset, stream.byteLength);
  let sheets = 0;
  let cells = 0;
  // Row and column are u16 fields: a damaged record can claim column 62,688 of a 256-column format.
  const extent = (row: number, col: number) => {
    if (row + 1 > limits.maxRows || col + 1 > limits.maxColumns) {
      throw limitError(file, 'extent of a sheet', `a value in row ${row + 1}, column ${col + 1}`, `${limits.maxRows.toLocaleString('en-US')} rows × ${limits.maxColumns.toLocaleString('en-US')} columns`);
    }
  };
  for (let p = 0; p + 4 <= buf.length; ) {
    const type = buf.readUInt16LE(p);
    const len = buf.readUInt16LE(p + 2);
    if (p + 4 + len > buf.length) {
      // Only zero padding may follow the last record.
      if (buf.subarray(p).some((b) => b !== 0)) {
        throw new InputError(`${file}: the file is truncated or damaged (an .xls record runs past the end of the workbook stream)`, file);
      }
      break;
    }
    if (type === BOUNDSHEET && ++sheets > limits.maxSheets) throw limitError(file, 'number of sheets in the workbook', `over ${limits.maxSheets}`, limits.maxSheets);
    else if (ONE_CELL.has(type) && len >= 4) {
      cells++;
      extent(buf.readUInt16LE(p + 4), buf.readUInt16LE(p + 6));
    } else if (type === MULRK && len >= 6) {
      cells += Math.floor((len - 6) / 6);
      extent(buf.readUInt16LE(p + 4), buf.readUInt16LE(p + 4 + len - 2));
    }
    else if (type === SST && len >= 8) {
      const unique = buf.readUInt32LE(p + 8);
      if (unique > limits.maxSharedStrings) throw limitError(file, 'number of shared strings', unique, limits.maxSharedStrings);
    }
    if (cells > limits.maxCells) throw limitError(file, 'number of cells with values in the workbook', `over ${limits.maxCells.toLocaleString('en-US')}`, limits.maxCells);
    p += 4 + len;
  }
}
