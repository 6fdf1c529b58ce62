/**
 * Behaviour unchanged, shown byte for byte: renders the reports of a fixed set
 * of workbooks and keeps one SHA-256 per case, so a refactor can be checked
 * against the digests taken before it.
 *
 *   tsx bench/identical.ts --write before.json   # on the code before the change
 *   tsx bench/identical.ts --check before.json   # after: exit 1 naming every case that differs
 *
 * Cases: the sample; every planted-error copy of test/mutation.test.ts
 * (test/support/mutation-cases.ts); ~1,000 generated budgets
 * (test/support/generator.ts, fixed seeds, small sizes), every other one with
 * one amount cell changed or blanked so the error paths are covered too.
 * Per case: the JSON report (zh, en) and the text report (zh, en), plus
 * `inspect --json`; for the sample and the planted copies also SARIF, JUnit and HTML.
 *
 * Normalised: nothing. Each workbook is written under a fixed name in a fixed
 * folder ($TMPDIR/budget-audit-identical, so one run at a time) and checked
 * with the working directory set to it, so the paths in the reports (and
 * SARIF's working directory) are the same on every run; the reports hold no time. The tool
 * version is part of the output and so of the digest.
 *
 * Options: --generated N (default 1000), --only PREFIX (cases whose name starts with it).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as XLSX from 'xlsx';
import { buildWorkbook, writeWorkbookFile, type TableSheetSpec } from '../fixtures/lib/sheet-writer.js';
import { checkFile } from '../src/batch/check-file.js';
import { inspectReport } from '../src/commands/inspect.js';
import { loadWorkbook } from '../src/loaders/index.js';
import { ruleCatalog } from '../src/api.js';
import { defaultFormatOptions, formatReports, type FormatName, type Lang } from '../src/report/index.js';
import { generateBudget, Rng, yuanToWan, type GeneratedBudget } from '../test/support/generator.js';
import { readBook } from '../test/support/mutate.js';
import { CASES } from '../test/support/mutation-cases.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = path.join(ROOT, 'fixtures', 'hengnan-hrss-2025.xlsx');

interface Args {
  mode: 'write' | 'check';
  file: string;
  generated: number;
  only?: string;
}

function parseArgs(argv: string[]): Args {
  let mode: Args['mode'] | undefined;
  let file: string | undefined;
  let generated = 1000;
  let only: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--write' || a === '--check') {
      mode = a === '--write' ? 'write' : 'check';
      file = argv[++i];
    } else if (a === '--generated') generated = parseInt(argv[++i] ?? '', 10);
    else if (a === '--only') only = argv[++i];
    else usage(`unknown argument ${a}`);
  }
  if (!mode || !file) usage('give --write FILE or --check FILE');
  if (!Number.isInteger(generated) || generated < 0) usage('--generated needs a whole number');
  return { mode: mode!, file: path.resolve(file!), generated, ...(only !== undefined ? { only } : {}) };
}

function usage(why: string): never {
  process.stderr.write(`identical: ${why}\nusage: tsx bench/identical.ts --write|--check FILE [--generated N] [--only PREFIX]\n`);
  process.exit(2);
}

const catalog = ruleCatalog();

/** Every rendering of one workbook, concatenated with separators, hashed. */
async function digest(dir: string, name: string, full: boolean): Promise<string> {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const hash = createHash('sha256');
    const report = await checkFile(name, { keepBudget: full });
    const formats: FormatName[] = full ? ['json', 'text', 'sarif', 'junit', 'html'] : ['json', 'text'];
    for (const format of formats) {
      for (const lang of ['zh', 'en'] as Lang[]) {
        if ((format === 'sarif' || format === 'junit' || format === 'html') && lang === 'en') continue;
        const out = await formatReports([report], format, defaultFormatOptions({ lang, rules: catalog, cwd: dir, color: false }));
        hash.update(`--- ${format} ${lang}\n`).update(out);
      }
    }
    // inspect --json: the loader's view (tables, rows, grand totals, problems).
    if (report.loadError === undefined) hash.update('--- inspect\n').update(JSON.stringify(inspectReport(await loadWorkbook(name))));
    return hash.digest('hex');
  } finally {
    process.chdir(cwd);
  }
}

/** A generated budget with (for odd i) one amount cell shifted by 1.00 or blanked, chosen by a seeded Rng. */
function generatedSpecs(g: GeneratedBudget, i: number): TableSheetSpec[] {
  if (i % 2 === 0) return g.specs;
  const rng = new Rng(i * 7919 + 17);
  const cells = g.cells.filter((c) => c.value !== '');
  const c = cells[rng.int(0, cells.length - 1)]!;
  const [whole = '0', frac = '00'] = c.value.split('.');
  const hundredths = Number(whole) * 100 + Number(frac.padEnd(2, '0').slice(0, 2));
  const text = i % 6 === 1 ? '' : yuanToWan((hundredths + 100) * 100);
  return g.specs.map((s) => {
    if (s.sheetName !== c.sheet) return s;
    return { ...s, rows: s.rows.map((r, k) => (k === c.specRow ? r.map((v, j) => (j === c.c ? text : v)) : r)) };
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // A fixed folder: SARIF names the working directory, so a random one would differ on every run.
  const tmp = path.join(os.tmpdir(), 'budget-audit-identical');
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp);
  const digests: Record<string, string> = {};
  const want = (name: string) => args.only === undefined || name.startsWith(args.only);
  const started = Date.now();
  try {
    if (want('sample')) {
      fs.copyFileSync(SAMPLE, path.join(tmp, 'sample.xlsx'));
      digests['sample'] = await digest(tmp, 'sample.xlsx', true);
    }
    for (const [i, c] of CASES.entries()) {
      const name = `mutation ${String(i).padStart(2, '0')} ${c.name}`;
      if (!want(name)) continue;
      const wb: XLSX.WorkBook = readBook(SAMPLE);
      c.plant(wb);
      writeWorkbookFile(wb, path.join(tmp, `mutation-${i}.xlsx`));
      digests[name] = await digest(tmp, `mutation-${i}.xlsx`, true);
    }
    for (let i = 0; i < args.generated; i++) {
      const name = `generated ${String(i).padStart(4, '0')}`;
      if (!want(name)) continue;
      // Small, varied sizes: 1–3 units, 3–6 项, with and without 政府性基金.
      const g = generateBudget(1000 + i, { units: 1 + (i % 3), functionRows: 3 + (i % 4), projectsPerItem: 1 + (i % 2), governmentFunds: i % 5 !== 0 });
      const file = `generated-${i}.xlsx`;
      writeWorkbookFile(buildWorkbook(generatedSpecs(g, i), { title: `${g.model.department.name}${g.model.year}年部门预算` }), path.join(tmp, file));
      digests[name] = await digest(tmp, file, false);
      fs.rmSync(path.join(tmp, file));
      if (i % 100 === 99) process.stderr.write(`identical: ${i + 1}/${args.generated} generated\n`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const count = Object.keys(digests).length;

  if (args.mode === 'write') {
    fs.writeFileSync(args.file, JSON.stringify(digests, null, 1) + '\n');
    process.stdout.write(`identical: wrote ${count} digests to ${args.file} (${seconds} s)\n`);
    return;
  }
  const before = JSON.parse(fs.readFileSync(args.file, 'utf8')) as Record<string, string>;
  const differ: string[] = [];
  for (const [name, d] of Object.entries(digests)) {
    if (before[name] === undefined) differ.push(`${name}: not in ${path.basename(args.file)}`);
    else if (before[name] !== d) differ.push(`${name}: differs`);
  }
  for (const name of Object.keys(before)) if (!(name in digests) && args.only === undefined) differ.push(`${name}: missing`);
  if (differ.length) {
    process.stdout.write(`identical: ${differ.length} of ${count} cases differ\n${differ.map((d) => `  ${d}`).join('\n')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`identical: all ${count} cases byte-identical to ${path.basename(args.file)} (${seconds} s)\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`identical: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(2);
});
