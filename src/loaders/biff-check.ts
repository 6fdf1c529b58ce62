/**
 * Pre-check of a legacy .xls (BIFF5/8) Workbook stream before SheetJS parses
 * it (issue 11): one walk over its records (type u16, length u16, data)
 * counting what SheetJS would build — sheets, cells holding values, shared
 * strings — against the workbook limits. BIFF caps a sheet at 65,536 rows ×
 * 256 columns and a string at 65,535 characters by its own field sizes, so
 * extent and text length need no check here; a record running past the end
 * of the stream is damage.
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
    else if (ONE_CELL.has(type)) cells++;
    else if (type === MULRK && len >= 6) cells += Math.floor((len - 6) / 6);
    else if (type === SST && len >= 8) {
      const unique = buf.readUInt32LE(p + 8);
      if (unique > limits.maxSharedStrings) throw limitError(file, 'number of shared strings', unique, limits.maxSharedStrings);
    }
    if (cells > limits.maxCells) throw limitError(file, 'number of cells with values in the workbook', `over ${limits.maxCells.toLocaleString('en-US')}`, limits.maxCells);
    p += 4 + len;
  }
}
