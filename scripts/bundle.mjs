/**
 * Bundles the CLI into dist/cli/ with esbuild (after tsc has emitted dist/
 * with the API's declarations). One ESM entry plus the batch worker; what a
 * run may not need (formatters, annotate, glob, progress, code pages…) stays
 * behind dynamic import() in chunks of its own, so a plain check loads one
 * file of our code instead of ~60 modules. Start-up is measured by
 * `npm run bench` against a bare SheetJS read.
 *
 * Left external: packages that locate their own files at run time (piscina's
 * worker, highs' .wasm, pdfjs' worker and fonts) or that only some runs load
 * (Word/PDF readers and writers): node resolves them from node_modules.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'cli');
const EXTERNAL = ['piscina', 'highs', 'pdfjs-dist', 'mammoth', 'word-extractor', 'pdf-lib'];

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts', worker: 'src/batch/worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL.flatMap((p) => [p, `${p}/*`]),
  // Bundled CommonJS dependencies (commander…) call require() for node built-ins.
  banner: { js: "import { createRequire as __budgetAuditRequire } from 'node:module'; const require = __budgetAuditRequire(import.meta.url);" },
  // Chunks beside the entries: the batch pool finds worker.js next to the code that starts it.
  chunkNames: '[name]-[hash]',
  legalComments: 'linked',
  logLevel: 'warning',
});
