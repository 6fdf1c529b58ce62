/**
 * A few hundred fuzz cases in the suite (issue 11; `npm run fuzz` runs
 * 10,000): mutated copies of the sample, byte- and XML-level, through the
 * production worker path, a few also through the spawned CLI. No case may
 * crash, hang, print a stack trace, or give invalid JSON (test/support/fuzz.ts).
 * A fixed seed: the same cases every run.
 */
import { describe, expect, it } from 'vitest';
import { build, fuzz, recipes } from './support/fuzz.js';

const SEED = 20251205;

describe('fuzz (fixed seed)', () => {
  it('200 cases: no crash, hang, stack trace or invalid JSON; both outcomes exercised', async () => {
    const summary = await fuzz({ seed: SEED, cases: 200, spawnEvery: 100, jobs: 2 });
    expect(summary.failures).toEqual([]);
    expect(summary.cases).toBe(200);
    expect(summary.spawned).toBe(2);
    // The mutations reach the rules (reports) as well as the refusals (load errors).
    expect(summary.reports).toBeGreaterThan(40);
    expect(summary.loadErrors).toBeGreaterThan(40);
    process.stdout.write(`fuzz seed ${SEED}: ${summary.reports} reports, ${summary.loadErrors} load errors, worst ${Math.round(summary.worstMs)} ms, worst spawned RSS ${Math.round(summary.worstSpawnRssMb)} MB\n`);
  }, 120_000);

  it('a seed gives the same cases (reproducible)', () => {
    const a = recipes(SEED, 20);
    expect(recipes(SEED, 20)).toEqual(a);
    expect(build(a[7]!).data.equals(build(recipes(SEED, 20)[7]!).data)).toBe(true);
    expect(recipes(SEED + 1, 20)).not.toEqual(a);
  });
});
