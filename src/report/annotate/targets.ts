/**
 * Where `--annotate` writes: one OUT.xlsx for a single workbook, or a
 * directory (DIR/, created if missing) holding one annotated copy per
 * workbook of a batch, named <name>.annotated.xlsx (.xlsm for a macro
 * workbook), never over an input.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError, UsageError } from '../../errors.js';
import type { ReportInput } from '../html/input.js';
import { isPdfFile } from '../../loaders/pdf/sniff.js';
import { assertNotInput } from '../write.js';
import type { AnnotateOptions } from './marks.js';

export interface AnnotateTargets {
  /** Set when writing into a directory. */
  dir?: string;
  /** One output per input file, in the inputs' order. */
  outputs: string[];
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    assertNotInput(a, [b]);
    return false;
  } catch {
    return true;
  }
}

/** Decides and checks the outputs before anything is checked or written (usage problems throw). */
export function annotateTargets(target: string, files: readonly string[], report?: string): AnnotateTargets {
  const asDir = /[\\/]$/.test(target) || isDirectory(target) || (files.length > 1 && !/\.(?:xls[xm]|pdf)$/i.test(target));
  if (!asDir) {
    if (files.length > 1) {
      throw new UsageError(`--annotate ${target} names one workbook but ${files.length} are checked: give a directory instead (--annotate DIR/)`);
    }
    assertNotInput(target, files, 'annotated workbook');
    if (report && sameFile(report, target)) throw new UsageError('--annotate and -o name the same file');
    return { outputs: [target] };
  }
  const dir = target.replace(/[\\/]+$/, '') || target;
  const taken = new Set<string>();
  const outputs = files.map((file) => {
    const ext = /\.xlsm$/i.test(file) ? '.xlsm' : /\.pdf$/i.test(file) ? '.pdf' : '.xlsx';
    const stem = path.basename(file).replace(/\.(?:xls[xm]?|pdf)$/i, '');
    let name = `${stem}.annotated${ext}`;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${stem}(${i}).annotated${ext}`;
    taken.add(name.toLowerCase());
    return path.join(dir, name);
  });
  for (const out of outputs) {
    assertNotInput(out, files, 'annotated workbook');
    if (report && sameFile(report, out)) throw new UsageError(`-o ${report} is where --annotate writes a copy`);
  }
  return { dir, outputs };
}

/**
 * Writes the copies. A single workbook's failure throws (the run exits 2);
 * in a batch each failure is one line on stderr and the others are still
 * written. Returns false when some copy could not be written.
 */
export async function writeAnnotatedCopies(
  files: readonly string[],
  reports: readonly (ReportInput & { loadError?: string })[],
  targets: AnnotateTargets,
  opts: AnnotateOptions,
  log: (line: string) => void,
): Promise<boolean> {
  const { annotateWorkbook } = await import('../annotate.js');
  if (targets.dir) {
    try {
      mkdirSync(targets.dir, { recursive: true });
    } catch (err) {
      throw new UsageError(`--annotate ${targets.dir}: cannot create the directory: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  let ok = true;
  for (let i = 0; i < files.length; i++) {
    const report = reports[i]!;
    if (report.loadError !== undefined) continue; // already reported; nothing to annotate
    const out = targets.outputs[i]!;
    try {
      // A PDF input gets a PDF copy with highlights (pdf-lib, loaded only then).
      if (await isPdfFile(files[i]!)) {
        await (await import('./pdf.js')).annotatePdf(files[i]!, report, out, opts);
        continue;
      }
      const { mode } = await annotateWorkbook(files[i]!, report, out, opts);
      if (mode === 'converted') {
        log(`${files[i]}: an .xls has no package to annotate in place: ${out} is a converted .xlsx copy (fonts, fills and borders not kept)`);
      }
    } catch (err) {
      if (!targets.dir || !(err instanceof InputError || err instanceof UsageError)) throw err;
      log(err.message);
      ok = false;
    }
  }
  return ok;
}
