/**
 * Batch pairing: a narrative beside a workbook with the same file-name stem
 * — `X.xlsx` + `X.docx` / `X.doc` / `X.txt`, or with 说明 appended
 * (`X说明.docx`, `X-说明.docx`, `X_说明.docx`, `X 说明.docx`).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { NARRATIVE_EXTENSIONS } from './read.js';

const SUFFIXES = ['', '说明', '-说明', '_说明', ' 说明'];

/** The narrative paired with a workbook, if one sits beside it. */
export function pairedNarrative(workbook: string, cwd = process.cwd()): string | undefined {
  const dir = path.dirname(workbook);
  const stem = path.basename(workbook, path.extname(workbook));
  for (const suffix of SUFFIXES) {
    for (const ext of NARRATIVE_EXTENSIONS) {
      const candidate = path.join(dir, `${stem}${suffix}.${ext}`);
      const abs = path.resolve(cwd, candidate);
      try {
        if (existsSync(abs) && statSync(abs).isFile()) return candidate;
      } catch {
        // unreadable: not paired
      }
    }
  }
  return undefined;
}

/** Pairs every workbook that has a narrative beside it. */
export function pairNarratives(workbooks: readonly string[], cwd = process.cwd()): Record<string, { file: string; paired: boolean }> {
  const out: Record<string, { file: string; paired: boolean }> = {};
  for (const w of workbooks) {
    const n = pairedNarrative(w, cwd);
    if (n) out[w] = { file: n, paired: true };
  }
  return out;
}
