/**
 * Turns command-line inputs into workbook paths: a file stays as given (even
 * if missing: the loader reports it as that file's load error), a directory
 * gives its .xlsx/.xlsm/.xls workbooks and published .pdf disclosures
 * recursively, a glob gives its matches.
 */
import { statSync } from 'node:fs';
import path from 'node:path';

export const WORKBOOK_EXTENSIONS = ['xlsx', 'xlsm', 'xls'];
/** What a directory is searched for: workbooks and the PDFs departments publish (reviewers have those). */
export const INPUT_EXTENSIONS = [...WORKBOOK_EXTENSIONS, 'pdf'];

export interface Expansion {
  files: string[];
  /** Inputs that gave nothing (a glob with no match, an empty directory): one line each. */
  problems: string[];
}

/** Excel's lock files ("~$book.xlsx") are not workbooks. */
const isLockFile = (p: string) => path.basename(p).startsWith('~$');

export async function expandInputs(inputs: readonly string[], cwd = process.cwd()): Promise<Expansion> {
  const files: string[] = [];
  const seen = new Set<string>();
  const problems: string[] = [];
  const add = (p: string) => {
    const key = path.resolve(cwd, p);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(p);
    }
  };
  // tinyglobby is loaded for the first directory or pattern: a plain file list starts faster without it.
  let tinyglobby: typeof import('tinyglobby') | undefined;
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let kind: 'file' | 'dir' | 'none' = 'none';
    try {
      kind = statSync(abs).isDirectory() ? 'dir' : 'file';
    } catch {
      kind = 'none';
    }
    if (kind === 'file') {
      add(input);
    } else if (kind === 'dir') {
      const found = await (tinyglobby ??= await import('tinyglobby')).glob(`**/*.{${INPUT_EXTENSIONS.join(',')}}`, {
        cwd: abs,
        caseSensitiveMatch: false,
        onlyFiles: true,
        dot: false,
        followSymbolicLinks: false,
      });
      const matches = found.filter((f) => !isLockFile(f)).sort();
      if (matches.length === 0) problems.push(`${input}: no .xlsx/.xls workbooks or .pdf disclosures in this directory`);
      for (const f of matches) add(path.join(input, f));
    } else if ((tinyglobby ??= await import('tinyglobby')).isDynamicPattern(input)) {
      const found = await tinyglobby.glob(input.split(path.sep).join('/'), {
        cwd,
        onlyFiles: true,
        dot: false,
        // An absolute pattern gives absolute paths; a relative one, paths relative to cwd.
        absolute: path.isAbsolute(input),
      });
      const matches = found.filter((f) => !isLockFile(f)).sort();
      if (matches.length === 0) problems.push(`${input}: no file matches this pattern`);
      for (const f of matches) add(f);
    } else {
      // A path that isn't there: the loader's "file not found" becomes its load error.
      add(input);
    }
  }
  return { files, problems };
}
