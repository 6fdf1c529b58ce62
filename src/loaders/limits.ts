/**
 * Resource limits for untrusted input files (issue 11). Uploads are hostile
 * until read: every limit is checked before the expensive parse (from the zip
 * directory, the raw XML or the BIFF record stream) and, for the zip, again
 * while inflating, so a file built to exhaust memory or time ends as one
 * InputError line naming the file and the limit — never an out-of-memory crash
 * or a hang.
 *
 * The figures are sized from what a real 部门预算公开 workbook needs, with a
 * wide margin: the bench's generated 50k-data-row workbook is 5 MB on disk,
 * 15 MB inflated, ~0.5 M cells, 28k rows in its largest sheet.
 */
import { InputError } from '../errors.js';

export interface WorkbookLimits {
  /** Sum of the inflated sizes of all zip entries. */
  maxInflatedBytes: number;
  /** Inflated / compressed size of one entry, checked on entries over `ratioFloorBytes`. */
  maxCompressionRatio: number;
  ratioFloorBytes: number;
  /** Zip entries (parts) in one package. */
  maxEntries: number;
  /** Worksheets in one workbook. */
  maxSheets: number;
  /** Last row (1-based) holding a value in any sheet: the .xls limit; 200k-row sheets are not budget tables. */
  maxRows: number;
  /** Last column (1-based) holding a value: 1,024 = column AMJ; budget tables use < 40. */
  maxColumns: number;
  /** Cells holding a value, whole workbook. */
  maxCells: number;
  /** Σ over sheets of last row × last column holding values: the grid the readers walk. */
  maxCellArea: number;
  /** <mergeCell> elements in one sheet, and cells they cover (clipped to the used area), whole workbook. */
  maxMerges: number;
  maxMergedCells: number;
  /** Shared strings (<si>) in one workbook. */
  maxSharedStrings: number;
  /** Characters in one cell's text: Excel itself stops at 32,767. */
  maxTextLength: number;
  /** Element nesting in any XML part: OOXML needs ~20. */
  maxXmlDepth: number;
}

export const WORKBOOK_LIMITS: Readonly<WorkbookLimits> = Object.freeze({
  maxInflatedBytes: 128 * 1024 * 1024,
  maxCompressionRatio: 250,
  ratioFloorBytes: 1024 * 1024,
  maxEntries: 2_000,
  maxSheets: 256,
  maxRows: 65_536,
  maxColumns: 1_024,
  maxCells: 1_000_000,
  maxCellArea: 16_000_000,
  maxMerges: 20_000,
  maxMergedCells: 4_000_000,
  maxSharedStrings: 1_000_000,
  maxTextLength: 32_767,
  maxXmlDepth: 128,
});

/**
 * Bounds for the worker a file is parsed in (batch checks; the PDF and Word
 * readers): a pathological file that slips past the pre-checks ends as that
 * file's load error when it runs out of heap or time.
 */
export interface IsolationLimits {
  /** V8 old-generation heap of the worker, MB. */
  maxHeapMb: number;
  /** Young generation, MB (V8 default is 16–32; keep it small: it is per worker). */
  maxYoungMb: number;
  /** Wall-clock time for one file, ms. */
  timeMs: number;
}

export const ISOLATION_LIMITS: Readonly<IsolationLimits> = Object.freeze({
  maxHeapMb: 512,
  maxYoungMb: 32,
  timeMs: 120_000,
});

/**
 * Limits for the PDF and Word readers (being written on other branches);
 * they read them from here so every reader's bounds live in one place.
 */
export const DOCUMENT_LIMITS = Object.freeze({
  /** PDF: pages, indirect objects, one decoded stream's bytes. */
  maxPdfPages: 2_000,
  maxPdfObjects: 500_000,
  maxPdfStreamBytes: 64 * 1024 * 1024,
  /** .docx: same zip bounds as a workbook. .doc: the CFB container's stream size. */
  maxDocxInflatedBytes: 128 * 1024 * 1024,
  maxDocStreamBytes: 64 * 1024 * 1024,
  /** Characters of narrative text kept. */
  maxTextChars: 20_000_000,
});

/**
 * A .docx is a zip package too: checkZipPackage(buf, file, DOCX_PACKAGE_LIMITS)
 * applies the same zip and XML bounds; only one text (<w:t>, a run) may be
 * longer than a cell's.
 */
export const DOCX_PACKAGE_LIMITS: Readonly<WorkbookLimits> = Object.freeze({
  ...WORKBOOK_LIMITS,
  maxInflatedBytes: DOCUMENT_LIMITS.maxDocxInflatedBytes,
  maxTextLength: 1_000_000,
});

/** The one line for a limit hit: names the file, the limit and what was found. */
export function limitError(file: string, what: string, found: number | string, limit: number | string): InputError {
  return new InputError(`${file}: refused: ${what} (${fmt(found)}) is over the limit of ${fmt(limit)}`, file);
}

/** Integers with thousands separators; sizes in bytes as KB/MB. */
function fmt(v: number | string): string {
  return typeof v === 'number' ? v.toLocaleString('en-US') : v;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}
