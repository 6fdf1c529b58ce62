/**
 * `npm run fuzz` (issue 11): mutated copies of the sample through the reader,
 * the rules and the report, as a user would run them (test/support/fuzz.ts
 * says what a case is and what fails it). Not a test: the suite runs a few
 * hundred cases (test/fuzz.test.ts); this runs as many as asked.
 *
 *   tsx bench/fuzz.ts [--seed N] [--cases N] [--spawn-every N] [--jobs N] [--time-limit S] [--only I]
 *
 * Defaults: a random seed (printed first: rerun with it to get the same
 * cases), 10,000 cases, the CLI spawned for every 100th, 2 workers, a case
 * over 10 s counts as a hang. Failing inputs are kept in bench/out/fuzz/ and
 * the figures written to bench/out/fuzz.json. Exit 1 when a case fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fuzz } from '../test/support/fuzz.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'bench', 'out');
const { values: args } = parseArgs({
  options: {
    seed: { type: 'string' },
    cases: { type: 'string', default: '10000' },
    'spawn-every': { type: 'string', default: '100' },
    jobs: { type: 'string', default: '2' },
    'time-limit': { type: 'string', default: '10' },
    only: { type: 'string' },
  },
});
const int = (s: string | undefined, name: string): number => {
  if (s === undefined || !/^\d+$/.test(s)) throw new Error(`--${name} ${s}: expected a whole number`);
  return Number(s);
};

const seed = args.seed !== undefined ? int(args.seed, 'seed') : Math.floor(Math.random() * 2 ** 31);
const cases = int(args.cases, 'cases');
const keepDir = path.join(OUT, 'fuzz');
mkdirSync(keepDir, { recursive: true });
console.log(`fuzz: seed ${seed}, ${args.only !== undefined ? `case ${args.only}` : `${cases} cases`} (rerun: npm run fuzz -- --seed ${seed} --cases ${cases})`);
const t0 = performance.now();
let done = 0;
const summary = await fuzz({
  seed,
  cases,
  spawnEvery: int(args['spawn-every'], 'spawn-every'),
  jobs: int(args.jobs, 'jobs'),
  timeMs: int(args['time-limit'], 'time-limit') * 1000,
  keepDir,
  ...(args.only !== undefined ? { only: int(args.only, 'only') } : {}),
  onCase: (r) => {
    done++;
    if (r.failure) console.log(`  FAIL case ${r.index}: ${r.failure}`);
    if (done % 500 === 0) console.log(`  ${done} cases, ${Math.round((performance.now() - t0) / 1000)} s`);
  },
});
const figures = {
  ...summary,
  failures: summary.failures.map((f) => ({ index: f.index, failure: f.failure })),
  worstMs: Math.round(summary.worstMs),
  worstSpawnRssMb: Math.round(summary.worstSpawnRssMb),
  peakRssMbThisProcess: Math.round(process.resourceUsage().maxRSS / 1024),
  wallS: Math.round((performance.now() - t0) / 1000),
};
writeFileSync(path.join(OUT, 'fuzz.json'), JSON.stringify(figures, null, 2));
console.log(
  `fuzz: ${summary.cases} cases (${summary.reports} reports, ${summary.loadErrors} load errors, ${summary.spawned} also spawned), ` +
    `${summary.failures.length} failures; worst case ${figures.worstMs} ms (case ${summary.worstCase}), ` +
    `worst spawned peak RSS ${figures.worstSpawnRssMb} MB, this process + workers peak RSS ${figures.peakRssMbThisProcess} MB, ${figures.wallS} s`,
);
process.exitCode = summary.failures.length ? 1 : 0;
