/**
 * The programmatic API as a user imports it: the built package by its own
 * name (`import … from 'budget-audit'` resolves through package.json exports).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyRuleSettings } from '../src/batch/check-file.js';
import type { FileReport } from '../src/model/report.js';
import { corruptFile, repoRoot, SAMPLE, tempDir } from './report-support.js';

type Api = typeof import('../src/api.js');

describe("import { loadWorkbook, audit, format } from 'budget-audit'", () => {
  it('resolves to dist/ with type declarations', async () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
    const dts = readFileSync(path.join(repoRoot, 'dist', 'index.d.ts'), 'utf8');
    expect(dts).toContain("export * from './api.js'");
    const apiDts = readFileSync(path.join(repoRoot, 'dist', 'api.d.ts'), 'utf8');
    expect(apiDts).toMatch(/export declare function format\(/);
    expect(existsSync(path.join(repoRoot, 'dist', 'batch', 'worker.js'))).toBe(true);
  });

  it('loads, audits and formats the sample', async () => {
    const api = (await import('budget-audit' as string)) as Api;
    const budget = await api.loadWorkbook(SAMPLE);
    expect(budget.department).toBe('衡南县人力资源和社会保障局');
    const report = api.audit(budget, {});
    expect(report.summary.error).toBe(0);
    const doc = JSON.parse(await api.format([report], 'json', { lang: 'en' }));
    expect(doc.files[0].year).toBe(2025);
    expect(doc.files[0].summary).toEqual(report.summary);
    expect(doc.exitCode).toBe(0);
    // The whole catalog reaches SARIF without being passed in.
    const sarif = JSON.parse(await api.format([report], 'sarif'));
    expect(sarif.runs[0].tool.driver.rules).toHaveLength(api.ruleCatalog().length);
  });

  it('checkFile never throws for a bad input: the report carries loadError', async () => {
    const api = (await import('budget-audit' as string)) as Api;
    const bad = corruptFile(path.join(tempDir('ba-api-'), 'bad.xlsx'));
    const r = await api.checkFile(bad);
    expect(r.loadError).toMatch(/bad\.xlsx/);
    expect(r.findings).toEqual([]);
    await expect(api.loadWorkbook(bad)).rejects.toMatchObject({ name: 'InputError' });
  });
});

describe('applyRuleSettings', () => {
  const base: FileReport = {
    path: 'x.xlsx',
    findings: [
      { ruleId: 'row-total', severity: 'error', message: { zh: 'a', en: 'a' }, locations: [{ table: '03' }] },
      { ruleId: 'row-total', severity: 'rounding', message: { zh: 'b', en: 'b' }, locations: [{ table: '03' }] },
      { ruleId: 'row-total', severity: 'info', message: { zh: 'c', en: 'c' }, locations: [{ table: '01' }] },
      { ruleId: 'indicator-value', severity: 'warning', message: { zh: 'd', en: 'd' }, locations: [{ table: '22' }] },
    ],
    notRun: [{ ruleId: 'indicator-value', reason: '表22 not found' }],
    summary: { checks: 10, passed: 6, error: 1, warning: 1, rounding: 1, info: 1 },
  };
  it('off drops the rule; a severity replaces error/warning only, rounding and info stay', () => {
    const r = applyRuleSettings(base, { 'indicator-value': 'off', 'row-total': 'warning' });
    expect(r.findings.map((f) => `${f.ruleId}:${f.severity}`)).toEqual(['row-total:warning', 'row-total:rounding', 'row-total:info']);
    expect(r.notRun).toEqual([]);
    expect(r.summary).toEqual({ checks: 10, passed: 6, error: 0, warning: 1, rounding: 1, info: 1 });
    expect(applyRuleSettings(base, undefined)).toBe(base);
  });
});
