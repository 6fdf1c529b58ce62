/**
 * Builds dist/ once before the CLI tests spawn `node bin/budget-audit`, and
 * only when a source file is newer than the last build (`npm test` has just
 * built; running one test file shouldn't rebuild needlessly). Type errors are
 * `npm run build`'s business: emitted JS is still used here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const stamp = path.join(root, 'dist', '.build-stamp');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  const src = Math.max(newestMtime(path.join(root, 'src')), statSync(path.join(root, 'tsconfig.build.json')).mtimeMs);
  const bundled = path.join(root, 'dist', 'cli', 'cli.js');
  if (existsSync(stamp) && existsSync(bundled) && statSync(stamp).mtimeMs >= src) return;
  const started = Date.now();
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
  if (!existsSync(path.join(root, 'dist', 'cli.js'))) {
    throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
  }
  if (r.status !== 0) process.stderr.write(`[global-setup] tsc reported errors (JS emitted anyway):\n${r.stdout}`);
  // The CLI the tests spawn is the esbuild bundle (bin/budget-audit → dist/cli/cli.js).
  const b = spawnSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')], { cwd: root, encoding: 'utf8' });
  if (b.status !== 0 || !existsSync(bundled)) throw new Error(`bundle failed:\n${b.stdout}${b.stderr}`);
  writeFileSync(stamp, String(started));
}
