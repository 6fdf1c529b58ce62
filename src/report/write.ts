/**
 * Output files: written atomically (a temp file in the same directory, then
 * rename, so a reader never sees half a report) and never over an input.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

/** Throws UsageError when `out` is (or links to) one of the inputs. */
export function assertNotInput(out: string, inputs: readonly string[], what = 'output'): void {
  const target = identity(out);
  for (const input of inputs) {
    const id = identity(input);
    if (id.real === target.real || (id.ino !== undefined && id.ino === target.ino && id.dev === target.dev)) {
      throw new UsageError(`refusing to write the ${what} over the input file ${input}`);
    }
  }
}

function identity(p: string): { real: string; ino?: number; dev?: number } {
  const abs = path.resolve(p);
  try {
    const st = statSync(abs);
    return { real: realpathSync(abs), ino: st.ino, dev: st.dev };
  } catch {
    // Not there yet: compare by its resolved directory's real path.
    try {
      return { real: path.join(realpathSync(path.dirname(abs)), path.basename(abs)) };
    } catch {
      return { real: abs };
    }
  }
}

/** Writes `data` to `file` via a temp file + rename in the same directory. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  const tmp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.writeFile(tmp, data, { flag: 'wx' });
    await fs.rename(tmp, abs);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'directory does not exist'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : code === 'EISDIR' ? 'is a directory'
      : (err as Error).message;
    throw new UsageError(`cannot write ${file}: ${reason}`);
  }
}
