/**
 * --annotate: a copy of the workbook for the finance officer who fixes it in
 * Excel. Every flagged cell gets a 批注 (note) with its findings; cells that
 * hold a figure are filled by their role (src/report/roles.ts); a new first
 * sheet 审核结果 lists every finding with a link to each cell.
 *
 * An .xlsx/.xlsm is copied by editing its package (annotate/xlsx-package.ts):
 * the department's fonts, fills, borders, widths, panes and print settings
 * stay byte for byte. An .xls has no package: it is converted to .xlsx by
 * SheetJS (annotate/sheetjs-copy.ts), which keeps values, formulas, number
 * formats and merges but not cell styles — the result says so.
 * The input is only ever read; the output is written atomically.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import type { ReportInput } from './html/input.js';
import { PackageError } from './annotate/ooxml.js';
import { assertNotInput, writeFileAtomic } from './write.js';
import type { AnnotateOptions } from './annotate/marks.js';

export { COMMENT_AUTHOR } from './annotate/comments.js';
export type { AnnotateOptions, SuggestionText } from './annotate/marks.js';
export { internalLink, RESULTS_SHEET } from './annotate/results.js';

export interface AnnotateResult {
  /** 'package': the original package edited; 'converted': an .xls rewritten as .xlsx without its cell styles. */
  mode: 'package' | 'converted';
}

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b;
const isCfb = (b: Buffer) => b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** The copy's extension for an input: an .xlsm stays .xlsm (its macros travel), anything else becomes .xlsx. */
export function annotatedExtension(inputPath: string): '.xlsx' | '.xlsm' {
  return /\.xlsm$/i.test(inputPath) ? '.xlsm' : '.xlsx';
}

export async function annotateWorkbook(
  inputPath: string,
  report: ReportInput,
  outPath: string,
  opts: AnnotateOptions,
): Promise<AnnotateResult> {
  if (!/\.xls[xm]$/i.test(outPath)) {
    throw new UsageError(`--annotate writes an .xlsx workbook; name the output file *.xlsx (got ${outPath})`);
  }
  assertNotInput(outPath, [inputPath], 'annotated workbook');

  let buf: Buffer;
  try {
    buf = await readFile(inputPath);
  } catch (err) {
    throw new InputError(`${inputPath}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, inputPath);
  }

  let data: Uint8Array;
  let mode: AnnotateResult['mode'];
  if (isZip(buf)) {
    const { annotatePackage } = await import('./annotate/xlsx-package.js');
    let result;
    try {
      result = annotatePackage(buf, report, opts);
    } catch (err) {
      if (err instanceof PackageError) throw new InputError(`${inputPath}: cannot annotate this workbook: ${err.message}`, inputPath);
      throw err;
    }
    // Excel refuses a macro workbook named .xlsx, and an .xlsm without macros is misleading.
    const want = result.macros ? '.xlsm' : '.xlsx';
    if (path.extname(outPath).toLowerCase() !== want) {
      throw new UsageError(`${path.basename(inputPath)} ${result.macros ? 'has macros' : 'has no macros'}: name the annotated copy *${want} (got ${outPath})`);
    }
    data = result.data;
    mode = 'package';
  } else if (isCfb(buf)) {
    if (!/\.xlsx$/i.test(outPath)) throw new UsageError(`an .xls is annotated as an .xlsx copy: name it *.xlsx (got ${outPath})`);
    const { convertAndAnnotate } = await import('./annotate/sheetjs-copy.js');
    try {
      data = await convertAndAnnotate(buf, report, opts);
    } catch (err) {
      throw new InputError(`${inputPath}: could not write the annotated copy: ${(err as Error).message}`, inputPath);
    }
    mode = 'converted';
  } else {
    throw new InputError(`${inputPath}: not an .xlsx or .xls workbook`, inputPath);
  }
  await writeFileAtomic(outPath, data);
  return { mode };
}
