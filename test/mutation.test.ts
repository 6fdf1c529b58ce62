/**
 * Mutation tests: copies of the sample (fixtures/hengnan-hrss-2025.xlsx), each
 * with ONE planted change made here with SheetJS, across tables 01–23 and every
 * rule family. Each must produce that family's finding (error; the case's
 * severity for C) located at the changed cell — and undoing the change gives
 * 0 errors again. Cells are found by content (marker, row code / label, header
 * words), and each is first checked to hold the published value (from the
 * reference text) before it is changed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkbook } from '../src/loaders/index.js';
import type { Finding } from '../src/model/finding.js';
import { audit, RULES } from '../src/rules/index.js';
import { readBook, writeBook } from './support/mutate.js';
import { CASES } from './support/mutation-cases.js';

const SAMPLE = path.resolve(import.meta.dirname, '../fixtures/hengnan-hrss-2025.xlsx');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-audit-mutation-'));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

const FAMILY = new Map(RULES.map((r) => [r.meta.id, r.meta.family]));

let current: XLSX.WorkBook;

async function check(file: string): Promise<Finding[]> {
  return audit(await loadWorkbook(file)).findings;
}

describe('mutation tests on the sample', () => {
  let original: Finding[];
  beforeAll(async () => {
    original = await check(SAMPLE);
  });

  it('the original sample has 0 errors', () => {
    expect(original.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('covers tables 01–23, every family, at least 25 copies', () => {
    const tables = new Set(CASES.map((c) => /^\d\d/.exec(c.name)![0]));
    expect([...tables].sort()).toEqual(Array.from({ length: 23 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(new Set(CASES.map((c) => c.family))).toEqual(new Set(['A', 'B', 'C', 'D', 'E']));
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    current = readBook(SAMPLE);
    const planted = c.plant(current);
    const file = writeBook(current, TMP, `case${i}.xlsx`);
    const findings = await check(file);
    const severity = c.severity ?? 'error';
    const hits = findings.filter(
      (f) =>
        f.severity === severity &&
        (FAMILY.get(f.ruleId) === c.family || FAMILY.get(f.ruleId) === c.alsoFamily) &&
        f.locations.some((l) => (planted.cell ? l.sheet === planted.sheet && l.cell === planted.cell : l.table === planted.table)),
    );
    const seen = findings.filter((f) => f.severity === 'error' || f.severity === 'warning')
      .map((f) => `${f.ruleId}/${f.severity}: ${f.message.zh} @ ${f.locations.map((l) => `${l.sheet ?? l.table}!${l.cell ?? ''}`).join(',')}`);
    expect(hits.length, `expected a family ${c.family} ${severity} at ${planted.sheet ?? planted.table}!${planted.cell ?? ''}; got:\n${seen.join('\n')}`).toBeGreaterThan(0);

    // Undone, the copy is clean again: no error at all.
    const undone = planted.undo ? (planted.undo(), writeBook(current, TMP, `case${i}-undone.xlsx`)) : SAMPLE;
    const after = await check(undone);
    expect(after.filter((f) => f.severity === 'error')).toEqual([]);
    if (severity === 'warning') {
      const warnAt = after.filter((f) => f.severity === 'warning' && f.locations.some((l) => l.sheet === planted.sheet && l.cell === planted.cell));
      expect(warnAt).toEqual([]);
    }
  });
});
