/**
 * `budget-audit check` end to end on the sample and on planted-error copies:
 * every format, exit codes 0/1/2, --fail-on / --strict / --tolerance / --lang,
 * colour, -o. Facts asserted come from the reference disclosure.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { colorWanted } from '../src/commands/check.js';
import {
  cli, corruptFile, PLANT_03, plantCopy, repoRoot, SAMPLE, sarifValidator, tempDir, type Run,
} from './report-support.js';

interface JsonLoc { table: string; sheet?: string; cell?: string; row?: string; column?: string }
interface JsonFinding { ruleId: string; severity: string; message: string; expected?: string; actual?: string; difference?: string; locations: JsonLoc[] }

const sample = path.relative(repoRoot, SAMPLE);
let dir: string;
let planted: { file: string; cell: string; address: string };
let sampleJson: { files: { findings: JsonFinding[]; summary: Record<string, number> }[] };
let plantedJson: typeof sampleJson;
/** Runs shared by several tests (each run loads and checks a workbook: keep their number down). */
let runs: Record<'sampleText' | 'sampleJson' | 'plantedText' | 'plantedJson', Run>;

const cellOf = (l: JsonLoc) => `${l.sheet}!${l.cell}`;

beforeAll(() => {
  dir = tempDir('ba-check-');
  planted = plantCopy(path.join(dir, 'planted.xlsx'), PLANT_03);
  runs = {
    sampleText: cli(['check', sample]),
    sampleJson: cli(['check', sample, '--format', 'json']),
    plantedText: cli(['check', planted.file]),
    plantedJson: cli(['check', planted.file, '--format', 'json']),
  };
  expect(runs.sampleJson.stderr).toBe('');
  sampleJson = JSON.parse(runs.sampleJson.stdout);
  plantedJson = JSON.parse(runs.plantedJson.stdout);
});

describe('the sample', () => {
  it('text: the verdict first, the header, exit 0', () => {
    const r = runs.sampleText;
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^✔ 通过 — 错误 0，警告 \\d+，尾差 \\d+，提示 \\d+ — ${sample.replace(/[.]/g, '\\.')}$`));
    expect(r.stdout).toContain('衡南县人力资源和社会保障局 2025年');
    expect(r.stdout).toMatch(/检查 \d+ 项，通过 \d+/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('json: the contract, 0 errors, the known rounding difference 2,424.73 vs 2,424.72', () => {
    const r = runs.sampleJson;
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.tool).toEqual({ name: 'budget-audit', version: '0.1.0' });
    expect(doc.files).toHaveLength(1);
    const f = doc.files[0];
    expect(f).toMatchObject({ path: sample, department: '衡南县人力资源和社会保障局', year: 2025, unit: '万元' });
    expect(f.tables).toHaveLength(23);
    expect(f.tables[0]).toMatchObject({ id: '01', title: '收支总表', found: true });
    expect(f.tables.every((t: { found: boolean }) => t.found)).toBe(true);
    expect(f.summary.error).toBe(0);
    expect(f.summary.checks).toBeGreaterThan(f.summary.passed);
    for (const finding of f.findings as JsonFinding[]) {
      expect(typeof finding.ruleId).toBe('string');
      expect(['error', 'warning', 'rounding', 'info']).toContain(finding.severity);
      expect(typeof finding.message).toBe('string');
      for (const k of ['expected', 'actual', 'difference'] as const) {
        if (finding[k] !== undefined) expect(finding[k]).toMatch(/^-?\d+(\.\d+)?$/);
      }
      for (const l of finding.locations) expect(l.table).toMatch(/^(0[1-9]|1\d|2[0-3])$/);
    }
    // 本年支出合计 2,424.73 against 2261.37 + 97.09 + 66.26 = 2,424.72 (表01): a rounding finding, not an error.
    const r01 = (f.findings as JsonFinding[]).find(
      (x) => x.severity === 'rounding' && x.actual === '2424.73' && x.expected === '2424.72' && x.locations.some((l) => l.table === '01'),
    );
    expect(r01).toBeDefined();
    expect(r01!.difference).toMatch(/^-?0\.01$/);
  });

  it('--fail-on rounding and --strict fail on its rounding differences; --fail-on error does not', () => {
    expect(sampleJson.files[0]!.summary.rounding).toBeGreaterThan(0);
    expect(cli(['check', sample, '--fail-on', 'rounding']).code).toBe(1);
    expect(cli(['check', sample, '--strict']).code).toBe(1);
  });

  it('--fail-on warning fails on the 表22 度量单位 warning', () => {
    expect(sampleJson.files[0]!.summary.warning).toBeGreaterThan(0);
    expect(cli(['check', sample, '--fail-on', 'warning']).code).toBe(1);
  });

  it('--lang en gives English messages', () => {
    const zh = sampleJson.files[0]!.findings;
    const en = JSON.parse(cli(['check', sample, '--format', 'json', '--lang', 'en']).stdout).files[0].findings as JsonFinding[];
    expect(en).toHaveLength(zh.length);
    expect(en.length).toBeGreaterThan(0);
    expect(en.map((f) => f.message)).not.toEqual(zh.map((f) => f.message));
    expect(en.every((f) => /[A-Za-z]/.test(f.message))).toBe(true);
  });
});

describe('a planted error (表03 2080199 项目支出 196.00 → 197.00)', () => {
  it('json: an error whose locations include the changed cell; exit 1', () => {
    expect(planted.cell).toMatch(/^03.*!H\d+$/);
    expect(runs.plantedJson.code).toBe(1);
    const errors = plantedJson.files[0]!.findings.filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    const atCell = errors.filter((f) => f.locations.some((l) => cellOf(l) === planted.cell));
    expect(atCell.length).toBeGreaterThan(0);
    // Its row: 合计 196.00 against 基本支出 (blank) + 项目支出 197.00.
    expect(atCell.some((f) => f.difference?.replace('-', '') === '1' || f.difference?.replace('-', '') === '1.00')).toBe(true);
  });

  it('text: the cell, its row and the figures', () => {
    const r = runs.plantedText;
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`表03!${planted.address}`);
    expect(r.stdout).toContain('2080199');
    expect(r.stdout).toMatch(/错误 [1-9]/);
  });

  it('junit: parses, one failure per error finding, the cell in the failure text', () => {
    const r = cli(['check', planted.file, '--format', 'junit']);
    expect(r.code).toBe(1);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase', 'failure'].includes(n) }).parse(r.stdout);
    const suite = doc.testsuites.testsuite[0];
    const errors = plantedJson.files[0]!.findings.filter((f) => f.severity === 'error').length;
    expect(suite.failures).toBe(String(errors));
    const failures = suite.testcase.flatMap((c: { failure?: { '#text': string }[] }) => c.failure ?? []);
    expect(failures).toHaveLength(errors);
    expect(failures.some((f: { '#text': string }) => f['#text'].includes(planted.cell))).toBe(true);
    // The sample itself: no failures at the default threshold.
    const clean = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(cli(['check', sample, '--format', 'junit']).stdout);
    expect(clean.testsuites.failures).toBe('0');
  });

  it('sarif: validates against the schema; an error result names the planted cell', () => {
    const validate = sarifValidator();
    const clean = JSON.parse(cli(['check', sample, '--format', 'sarif']).stdout);
    expect(validate(clean), JSON.stringify(validate.errors)).toBe(true);
    expect(clean.runs[0].results.filter((x: { level: string }) => x.level === 'error')).toEqual([]);
    const r = cli(['check', planted.file, '--format', 'sarif']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].tool.driver.rules.length).toBeGreaterThan(10);
    const hit = log.runs[0].results.filter(
      (x: { level: string; locations: { logicalLocations?: { fullyQualifiedName: string }[] }[] }) =>
        x.level === 'error' && x.locations[0]!.logicalLocations?.some((l) => l.fullyQualifiedName === planted.cell),
    );
    expect(hit.length).toBeGreaterThan(0);
  });

  it('--tolerance 1.5 makes the 1.00 difference a rounding finding; --strict then fails it', () => {
    expect(cli(['check', planted.file, '--tolerance', '1.5']).code).toBe(0);
    expect(cli(['check', planted.file, '--tolerance', '1.5', '--strict']).code).toBe(1);
    expect(cli(['check', planted.file, '--tolerance', '0.5']).code).toBe(1);
  });
});

describe('exit code 2 and usage', () => {
  it('an unreadable input: one line on stderr, exit 2, no stack trace', () => {
    const bad = corruptFile(path.join(dir, 'corrupt.xlsx'));
    for (const file of [bad, path.join(dir, 'missing.xlsx')]) {
      const r = cli(['check', file]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^budget-audit: .+/);
      expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    }
    // Machine formats still get a document naming the load error.
    const j = cli(['check', bad, '--format', 'json']);
    expect(j.code).toBe(2);
    expect(JSON.parse(j.stdout).files[0].loadError).toContain('corrupt.xlsx');
  });

  it('bad usage is exit 2', () => {
    expect(cli(['check', sample, '--format', 'pdf']).code).toBe(2);
    expect(cli(['check', sample, '--fail-on', 'info']).code).toBe(2);
    expect(cli(['check', sample, '--jobs', 'many']).code).toBe(2);
    expect(cli(['check', sample, '--tolerance', 'abc']).code).toBe(2);
    expect(cli(['check', sample, '--rule', 'no-such-rule=off']).code).toBe(2);
    expect(cli(['check']).code).toBe(2);
    const none = cli(['check', path.join(dir, 'nothing-*.xlsx')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no file matches');
  });

  it('--max-size refuses a bigger workbook', () => {
    const r = cli(['check', sample, '--max-size', '0.001']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('-o', () => {
  it('writes any format to a file, atomically, and refuses to overwrite an input', () => {
    const out = path.join(dir, 'report.sarif');
    const r = cli(['check', planted.file, '--format', 'sarif', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');

    const before = statSync(planted.file);
    const refused = cli(['check', planted.file, '--format', 'json', '-o', planted.file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refusing to write/);
    expect(statSync(planted.file).mtimeMs).toBe(before.mtimeMs);
    expect(statSync(planted.file).size).toBe(before.size);
    // Through another spelling of the same path, too.
    const other = path.join(path.dirname(planted.file), '.', path.basename(planted.file));
    expect(cli(['check', planted.file, '-o', other]).code).toBe(2);
  });

  it('into a directory that does not exist: one line, exit 2', () => {
    const r = cli(['check', sample, '-o', path.join(dir, 'no', 'such', 'dir', 'r.txt')]);
    expect(r.code).toBe(2);
    expect(existsSync(path.join(dir, 'no'))).toBe(false);
  });
});

describe('colour', () => {
  it('only on a TTY; NO_COLOR turns it off; FORCE_COLOR forces it', () => {
    expect(colorWanted({}, true)).toBe(true);
    expect(colorWanted({}, false)).toBe(false);
    expect(colorWanted({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted({ NO_COLOR: '' }, true)).toBe(true);
    expect(colorWanted({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorWanted({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorWanted({ TERM: 'dumb' }, true)).toBe(false);
  });

  it('the CLI: plain when piped, coloured with FORCE_COLOR, plain with NO_COLOR', () => {
    expect(runs.plantedText.stdout).not.toMatch(/\u001b\[/);
    expect(cli(['check', planted.file], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(/\u001b\[/);
    expect(cli(['check', planted.file], { env: { NO_COLOR: '1' } }).stdout).not.toMatch(/\u001b\[/);
    // A file never gets colour codes.
    const out = path.join(dir, 'forced.txt');
    cli(['check', planted.file, '-o', out], { env: { FORCE_COLOR: '1' } });
    expect(readFileSync(out, 'utf8')).not.toMatch(/\u001b\[/);
  });
});
