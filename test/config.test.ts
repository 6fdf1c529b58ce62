/** Configuration file: discovery, validation, and the command line winning over it. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_FILE, findConfig, loadConfig, parseConfig, parseRuleFlag } from '../src/config.js';
import { cli, PLANT_03, plantCopy, tempDir } from './report-support.js';

const IDS = ['row-total', 'cross-function-by-code', 'indicator-unit'];

describe('config file', () => {
  it('is found from the working directory upward', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ba-config-'));
    const deep = path.join(root, 'a', 'b', 'c');
    mkdirSync(deep, { recursive: true });
    expect(findConfig(deep)).toBeUndefined();
    writeFileSync(path.join(root, 'a', CONFIG_FILE), '{}');
    expect(findConfig(deep)).toBe(path.join(root, 'a', CONFIG_FILE));
    writeFileSync(path.join(root, 'a', 'b', CONFIG_FILE), '{}');
    expect(findConfig(deep)).toBe(path.join(root, 'a', 'b', CONFIG_FILE));
  });

  it('reads every setting', () => {
    expect(
      parseConfig(
        { rules: { 'row-total': 'warning', 'indicator-unit': 'off', 'cross-function-by-code': false }, tolerance: 0.05, strict: true, failOn: 'warning', lang: 'en', jobs: 2 },
        IDS,
      ),
    ).toEqual({
      rules: { 'row-total': 'warning', 'indicator-unit': 'off', 'cross-function-by-code': 'off' },
      tolerance: '0.05', strict: true, failOn: 'warning', lang: 'en', jobs: 2,
    });
    expect(parseConfig({ tolerance: '0.10' }, IDS).tolerance).toBe('0.1');
  });

  it('names the offending key', () => {
    const err = (raw: unknown) => {
      try {
        parseConfig(raw, IDS, 'x.json');
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(err({ rules: { 'no-such-rule': 'off' } })).toBe('x.json: "rules.no-such-rule" is not a known rule id (see `budget-audit rules`)');
    expect(err({ rules: { 'row-total': 'loud' } })).toMatch(/"rules\.row-total" must be one of off, error/);
    expect(err({ tolernce: 1 })).toMatch(/"tolernce" is not a known setting/);
    expect(err({ tolerance: '-1' })).toMatch(/"tolerance" must be a non-negative decimal/);
    expect(err({ failOn: 'info' })).toMatch(/"failOn" must be one of error, warning, rounding/);
    expect(err({ jobs: 0 })).toMatch(/"jobs" must be a positive integer/);
    expect(err({ lang: 'fr' })).toMatch(/"lang"/);
    expect(err([1])).toMatch(/must be a JSON object/);
  });

  it('a malformed file is one clear error', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ba-config-'));
    const file = path.join(dir, CONFIG_FILE);
    writeFileSync(file, '{ "rules": ');
    expect(() => loadConfig(file, IDS)).toThrow(/malformed JSON/);
    expect(() => loadConfig(path.join(dir, 'missing.json'), IDS)).toThrow(/cannot read config \(no such file\)/);
  });

  it('--rule ID=setting', () => {
    expect(parseRuleFlag('row-total=off', IDS)).toEqual(['row-total', 'off']);
    expect(parseRuleFlag('indicator-unit=error', IDS)).toEqual(['indicator-unit', 'error']);
    expect(() => parseRuleFlag('nope=off', IDS)).toThrow(/--rule nope: is not a known rule id/);
    expect(() => parseRuleFlag('row-total', IDS)).toThrow(/expected ID=/);
  });
});

describe('budget-audit check with a config file', () => {
  let dir: string;
  let planted: { file: string; cell: string };
  /** The rules whose errors sit at the planted cell. */
  let ruleIds: string[];
  const writeConfig = (cfg: unknown, where = dir) => writeFileSync(path.join(where, CONFIG_FILE), JSON.stringify(cfg));
  const findings = (args: string[], cwd = dir) => {
    const r = cli(['check', planted.file, '--format', 'json', ...args], { cwd });
    return { code: r.code, stderr: r.stderr, findings: r.stdout ? (JSON.parse(r.stdout).files[0].findings as { ruleId: string; severity: string }[]) : [] };
  };

  beforeAll(() => {
      dir = tempDir('ba-config-cli-');
    planted = plantCopy(path.join(dir, 'planted.xlsx'), PLANT_03);
    const r = cli(['check', planted.file, '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const errors = JSON.parse(r.stdout).files[0].findings.filter((f: { severity: string }) => f.severity === 'error');
    ruleIds = [...new Set<string>(errors.map((f: { ruleId: string }) => f.ruleId))];
    expect(ruleIds.length).toBeGreaterThan(0);
  });

  it('rules off: their findings are gone and the run passes', () => {
    writeConfig({ rules: Object.fromEntries(ruleIds.map((id) => [id, 'off'])) });
    const r = findings([]);
    expect(r.code).toBe(0);
    expect(r.findings.filter((f) => ruleIds.includes(f.ruleId))).toEqual([]);
  });

  it('a severity override turns the errors into warnings (exit 0), and --fail-on warning fails again', () => {
    writeConfig({ rules: Object.fromEntries(ruleIds.map((id) => [id, 'warning'])) });
    const r = findings([]);
    expect(r.code).toBe(0);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.findings.some((f) => ruleIds.includes(f.ruleId) && f.severity === 'warning')).toBe(true);
    expect(findings(['--fail-on', 'warning']).code).toBe(1);
  });

  it('the command line wins: --rule ID=error over the file, --fail-on over failOn, --lang over lang', () => {
    writeConfig({ rules: Object.fromEntries(ruleIds.map((id) => [id, 'off'])), failOn: 'warning', lang: 'en' });
    expect(findings(ruleIds.map((id) => ['--rule', `${id}=error`]).flat()).code).toBe(1);
    writeConfig({ failOn: 'rounding' });
    const cfgStrict = cli(['check', planted.file, '--tolerance', '1.5'], { cwd: dir });
    expect(cfgStrict.code).toBe(1);
    expect(cli(['check', planted.file, '--tolerance', '1.5', '--fail-on', 'error'], { cwd: dir }).code).toBe(0);
    writeConfig({ strict: true });
    expect(cli(['check', planted.file, '--tolerance', '1.5', '--no-strict'], { cwd: dir }).code).toBe(0);
    writeConfig({ lang: 'en' });
    expect(cli(['check', planted.file], { cwd: dir }).stdout).toMatch(/\d+ checks, \d+ passed/);
    expect(cli(['check', planted.file, '--lang', 'zh'], { cwd: dir }).stdout).toMatch(/检查 \d+ 项/);
  });

  it('is found from a parent directory, or named with --config', () => {
    const sub = path.join(dir, 'sub', 'deeper');
    mkdirSync(sub, { recursive: true });
    writeConfig({ rules: Object.fromEntries(ruleIds.map((id) => [id, 'off'])) });
    expect(findings([], sub).code).toBe(0);
    const other = path.join(dir, 'sub', 'other.json');
    writeFileSync(other, JSON.stringify({ tolerance: '0.001' }));
    // --config replaces the discovered file: the rules are on again.
    expect(findings(['--config', other], sub).code).toBe(1);
  });

  it('an unknown rule id or a malformed file: exit 2 with one line naming the key', () => {
    writeConfig({ rules: { 'no-such-rule': 'off' } });
    const r = cli(['check', planted.file], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('"rules.no-such-rule" is not a known rule id');
    writeConfig({ failOn: 'everything' });
    expect(cli(['check', planted.file], { cwd: dir }).stderr).toContain('"failOn"');
    writeFileSync(path.join(dir, CONFIG_FILE), '{ not json');
    const m = cli(['check', planted.file], { cwd: dir });
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/budget-audit\.config\.json: malformed JSON/);
    expect(cli(['check', planted.file, '--config', path.join(dir, 'nope.json')], { cwd: dir }).code).toBe(2);
  });
});
