/**
 * Suggested corrections everywhere a finding goes, through the built CLI on a
 * planted copy of the sample (表03 2080199 项目支出 196.00 → 197.00; the
 * reference publishes 196.00): JSON `suggestion`, text (the suggestion first,
 * the summary's "N 处建议修改"), SARIF `fixes` (valid against the 2.1.0 schema),
 * HTML (the cell outlined with its suggested value, the cluster view) and
 * --annotate (the note starts with the suggestion; 审核结果 has 建议修改).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { checkFile } from '../src/batch/check-file.js';
import { highsLoaded } from '../src/corrections/highs.js';
import { RESULTS_SHEET } from '../src/report/annotate.js';
import { cli, plantCopy, PLANT_03, SAMPLE, sarifValidator, tempDir } from './report-support.js';

let dir: string;
let planted: { file: string; sheet: string; address: string };
beforeAll(() => {
  dir = tempDir('ba-corrections-');
  planted = plantCopy(path.join(dir, 'planted.xlsx'), PLANT_03);
});

interface JsonFinding {
  id: string;
  ruleId: string;
  severity: string;
  suggestion?: {
    id: string;
    cells: { table: string; sheet: string; cell: string; row: string; column: string; from: string; to: string }[];
    resolves: string[];
    verified: boolean;
    ambiguous: boolean;
    alternatives: unknown[];
  };
}

describe('suggested corrections in every output', () => {
  it('json: each error carries the shared suggestion; resolves names them by their stable ids', () => {
    const run = cli(['check', planted.file, '--format', 'json']);
    expect(run.code).toBe(1);
    const findings = JSON.parse(run.stdout).files[0].findings as JsonFinding[];
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(1);
    expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
    for (const f of errors) {
      expect(f.suggestion).toEqual({
        id: 'fix-1',
        cells: [{ table: '03', sheet: planted.sheet, cell: planted.address, row: '2080199 其他人力资源和社会保障管理事务支出', column: '项目支出', from: '197.00', to: '196.00' }],
        resolves: errors.map((e) => e.id),
        verified: true,
        ambiguous: false,
        alternatives: [],
      });
    }
    // The same ids on a second run: stable.
    const again = JSON.parse(cli(['check', planted.file, '--format', 'json']).stdout).files[0].findings as JsonFinding[];
    expect(again.map((f) => f.id)).toEqual(findings.map((f) => f.id));
    // --no-suggest: none.
    const off = JSON.parse(cli(['check', planted.file, '--format', 'json', '--no-suggest']).stdout).files[0].findings as JsonFinding[];
    expect(off.some((f) => f.suggestion)).toBe(false);
  });

  it('text: the suggestion first, then its findings; the summary counts it', () => {
    const run = cli(['check', planted.file]);
    const out = run.stdout;
    const line = `建议修改 表03!${planted.address}：197.00 → 196.00（此一处修改可消除以下`;
    expect(out).toContain(line);
    expect(out.indexOf(line)).toBeLessThan(out.indexOf('✖ 错误'));
    expect(out).toMatch(/^✖ 未通过.*，1 处建议修改 — /);
    const en = cli(['check', planted.file, '--lang', 'en']).stdout;
    expect(en).toContain(`Suggested fix: Table 03!${planted.address} 197.00 → 196.00 (this one change resolves`);
    expect(en).toMatch(/, 1 suggested fix — /);
  });

  it('sarif: result.fixes replace the cell with the suggested value, valid SARIF 2.1.0', () => {
    const run = cli(['check', planted.file, '--format', 'sarif']);
    const log = JSON.parse(run.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 1)).toBe(true);
    const errors = log.runs[0].results.filter((r: { level: string }) => r.level === 'error');
    expect(errors.length).toBeGreaterThan(1);
    for (const r of errors) {
      const rep = r.fixes[0].artifactChanges[0].replacements[0];
      expect(rep.insertedContent.text).toBe('196.00');
      expect(rep.deletedRegion.properties).toMatchObject({ sheet: planted.sheet, cell: planted.address, from: '197.00' });
      expect(r.fixes[0].description.text).toContain('197.00 → 196.00');
    }
  });

  it('html: the suggested cell outlined with its value beside the published one; a cluster view', () => {
    const html = cli(['check', planted.file, '--format', 'html']).stdout;
    const td = new RegExp(`<td class="[^"]*\\bfix\\b[^"]*" data-cell="${planted.sheet}!${planted.address}"[^>]*>197\\.00<span class="fix-to">→ 196\\.00</span></td>`);
    expect(html).toMatch(td);
    expect(html.match(/<td class="[^"]*\bfix\b/g)).toHaveLength(1);
    expect(html).toContain('<ol class="fixes"><li class="fix" data-fix="fix-1">');
  });

  it('--annotate: the cell note starts with the suggestion; 审核结果 has a 建议修改 column', () => {
    const out = path.join(dir, 'annotated.xlsx');
    cli(['check', planted.file, '--annotate', out]);
    const wb = XLSX.read(readFileSync(out), { type: 'buffer' });
    const cell = wb.Sheets[planted.sheet]![planted.address] as XLSX.CellObject;
    expect(cell.c?.[0]?.t.startsWith(`建议修改 表03!${planted.address}：197.00 → 196.00`)).toBe(true);
    const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[RESULTS_SHEET]!, { header: 1 });
    const header = rows.find((r) => r.includes('建议修改'))!;
    const col = header.indexOf('建议修改');
    const withFix = rows.filter((r) => String(r[col] ?? '').startsWith('建议修改 表03!'));
    expect(withFix.length).toBeGreaterThan(1);
  });

  it('a clean check never loads the solver; an error to explain does', async () => {
    const clean = await checkFile(SAMPLE);
    expect(clean.summary.error).toBe(0);
    expect(highsLoaded()).toBe(false);
    const bad = await checkFile(planted.file);
    expect(bad.findings.some((f) => f.suggestion?.verified)).toBe(true);
    expect(highsLoaded()).toBe(true);
  });
});
