/**
 * What a user sees from `check` (issue 12 §1, issue 13 auditors / CI / one
 * language): the answer first, the sample's default text output short, the
 * planted error's cells named, ESLint's habits (--quiet, --max-warnings,
 * --output-file, --no-color, --help formats), -o's summary on stderr,
 * --strict vs --fail-on, the configuration file named in every format.
 * Facts from the reference disclosure: 0 errors; the two 表22 度量单位 "100"
 * warnings (K115, K116); 表01 本年支出合计 2,424.73 against 2,424.72.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, PLANT_03, plantCopy, repoRoot, SAMPLE, tempDir, type Run } from './report-support.js';

const sample = path.relative(repoRoot, SAMPLE);
let dir: string;
let planted: { file: string; address: string };
let json: { files: { summary: Record<string, number>; findings: { severity: string; ruleId: string; locations: { table: string }[] }[] }[] };
let text: Run;
let verbose: Run;

beforeAll(() => {
  dir = tempDir('ba-text-');
  planted = plantCopy(path.join(dir, 'planted.xlsx'), PLANT_03);
  text = cli(['check', sample]);
  verbose = cli(['check', sample, '--verbose']);
  json = JSON.parse(cli(['check', sample, '--format', 'json']).stdout);
});

describe('the sample, default text output', () => {
  it('its first line is the verdict and the whole report is under 60 lines', () => {
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^✔ 通过 — 错误 0，警告 2，尾差 \d+，提示 \d+ — /);
    expect(lines.length).toBeLessThan(60);
  });

  it('the warnings in full, with their cells as 表22!K115', () => {
    expect(text.stdout).toContain('表22 项目支出绩效目标表 — 工作表 ');
    expect(text.stdout).toMatch(/^ {6}表22!K115 .*度量单位 = 100$/m);
    expect(text.stdout).toMatch(/^ {6}表22!K116 .*度量单位 = 100$/m);
    // The long sheet name is not repeated on cell lines.
    expect(text.stdout).not.toMatch(/22项目支出绩效目标表!K115/);
  });

  it('rounding summarised: one line per rule and table whose counts add up to every rounding finding', () => {
    const rows = [...text.stdout.matchAll(/^ {2}尾差 +表(\d\d) +(\S+) +(\d+) 处，最大差额 (-?\d+\.\d+)/gm)];
    expect(rows.length).toBeGreaterThan(1);
    const total = rows.reduce((n, m) => n + Number(m[3]), 0);
    expect(total).toBe(json.files[0]!.summary.rounding);
    // 表01 本年支出合计 2,424.73 against 2,424.72 is among them, a one-fen difference.
    const t01 = rows.find((m) => m[1] === '01' && m[2] === 'line-sum');
    expect(t01).toBeDefined();
    expect(t01![4]).toBe('0.01');
    // Each rule-and-table line counts what JSON lists for it.
    for (const m of rows) {
      const n = json.files[0]!.findings.filter((f) => f.severity === 'rounding' && f.ruleId === m[2] && f.locations[0]!.table === m[1]).length;
      expect(n, `${m[1]} ${m[2]}`).toBe(Number(m[3]));
    }
    // No rounding cell is listed by default.
    expect(text.stdout).not.toContain('表01!D36');
  });

  it('--verbose prints every finding in full, blank addends listed; 未分项 in its own wording', () => {
    expect(verbose.code).toBe(0);
    expect(verbose.stdout.split('\n')[0]).toBe(text.stdout.split('\n')[0]);
    expect(verbose.stdout).toMatch(/^ {6}表01!D36 +本　年　支　出　合　计 · 支出 › 预算数 = 2424\.73$/m);
    expect(verbose.stdout).toMatch(/^ {6}应为 2424\.72，实际 2424\.73，差额 0\.01$/m);
    expect(verbose.stdout).toMatch(/\(空白\) 表01!D6, D7, D8/);
    const info = verbose.stdout.split('\n').findIndex((l) => l.includes('未分项：表01 一、一般公共预算拨款收入 为 2424.73'));
    expect(info).toBeGreaterThan(0);
    const infoLine = verbose.stdout.split('\n')[info]!;
    expect(infoLine.match(/经费拨款/g)).toHaveLength(1); // the breakdown named once
    expect(verbose.stdout.split('\n')[info + 1]).not.toMatch(/应为|实际|差额/);
    expect(verbose.stdout.split('\n').length).toBeGreaterThan(text.stdout.split('\n').length * 3);
  });

  it('--show rounding prints rounding in full but counts the blank addends', () => {
    const r = cli(['check', sample, '--show', 'rounding']);
    expect(r.stdout).toContain('表01!D36');
    expect(r.stdout).toMatch(/\(另有 27 个空白单元格\)/); // 表01 lists 30 功能 lines, 3 of them published
    expect(r.stdout).not.toContain('(空白) 表01!D6');
    expect(cli(['check', sample, '--show', 'bogus']).code).toBe(2);
  });

  it('--lang en: the verdict, table headings and cells in English', () => {
    const r = cli(['check', sample, '--lang', 'en']);
    expect(r.stdout.split('\n')[0]).toMatch(/^✔ PASS — 0 errors, 2 warnings, \d+ rounding, \d+ info — /);
    expect(r.stdout).toContain('Table 22 项目支出绩效目标表 — sheet ');
    expect(r.stdout).toContain('Table 22!K115');
    expect(r.stdout).toMatch(/^ {2}Rounding +Table 01 +line-sum +\d+×, largest difference 0\.01/m);
    expect(r.stdout).not.toMatch(/表\d\d|尾差|警告|通过|应为|实际/);
  });
});

describe('a planted error (表03 2080199 项目支出 196.00 → 197.00)', () => {
  it('the verdict says it fails and why; the error names the planted cell', () => {
    const r = cli(['check', planted.file]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^✖ 未通过（错误达到 --fail-on error） — 错误 [1-9]\d*，/);
    expect(r.stdout).toContain('表03 支出总表 — 工作表 ');
    expect(r.stdout).toMatch(new RegExp(`^ {6}表03!${planted.address} +2080199 .*项目支出 = 197\\.00$`, 'm'));
    expect(r.stdout.trimEnd().split('\n').length).toBeLessThan(80);
  });

  it('--quiet: errors only', () => {
    const r = cli(['check', planted.file, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`表03!${planted.address}`);
    expect(r.stdout).not.toContain('表22!K115');
    expect(r.stdout).not.toMatch(/^ {2}尾差 /m);
    expect(r.stdout).toMatch(/--quiet：另有 \d+ 条非错误发现未显示/);
  });
});

describe('exit status: --strict, --fail-on, --max-warnings', () => {
  it('--strict fails the clean sample and says which severities made it fail', () => {
    const r = cli(['check', sample, '--strict']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^✖ 未通过（警告、尾差达到 --fail-on rounding）/);
  });

  it('--strict --fail-on error is refused in one line; --strict --fail-on rounding is the same thing', () => {
    const r = cli(['check', sample, '--strict', '--fail-on', 'error']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^budget-audit: --strict and --fail-on error contradict each other/);
    expect(cli(['check', sample, '--strict', '--fail-on', 'rounding', '--quiet']).code).toBe(1);
  });

  it('--max-warnings: the sample has 2 warnings', () => {
    const over = cli(['check', sample, '--max-warnings', '1']);
    expect(over.code).toBe(1);
    expect(over.stdout.split('\n')[0]).toContain('警告 2 处超过 --max-warnings 1');
    expect(cli(['check', sample, '--max-warnings', '2', '--quiet']).code).toBe(0);
    expect(cli(['check', sample, '--max-warnings', 'x']).code).toBe(2);
  });
});

describe('CI: -o, --output-file, --quiet, colour, help', () => {
  it('-o FILE writes the report and prints the one-line verdict on stderr; --quiet silences it', () => {
    const out = path.join(dir, 'a.json');
    const r = cli(['check', planted.file, '--format', 'json', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^budget-audit: 未通过（错误达到 --fail-on error） — 错误 [1-9]\d*，.* — 报告已写入 .*a\.json$/m);
    expect(JSON.parse(readFileSync(out, 'utf8')).exitCode).toBe(1);
    const q = cli(['check', planted.file, '--format', 'json', '-o', out, '--quiet']);
    expect(q.code).toBe(1);
    expect(q.stderr).toBe('');
  });

  it('--output-file is -o; two different files are refused', () => {
    const out = path.join(dir, 'b.sarif');
    const r = cli(['check', sample, '--format', 'sarif', '--output-file', out, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^budget-audit: PASS — 0 errors, 2 warnings, .* — report written to .*b\.sarif\n$/);
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
    expect(cli(['check', sample, '-o', path.join(dir, 'x.txt'), '--output-file', path.join(dir, 'y.txt')]).code).toBe(2);
  });

  it('--no-color beats FORCE_COLOR', () => {
    expect(cli(['check', planted.file, '--quiet'], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(/\u001b\[/);
    expect(cli(['check', planted.file, '--quiet', '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(/\u001b\[/);
  });

  it('--help lists the formats and the new options', () => {
    const r = cli(['check', '--help']);
    expect(r.code).toBe(0);
    for (const f of ['text', 'json', 'junit', 'sarif', 'html']) expect(r.stdout).toMatch(new RegExp(`^ {2}${f} +\\S`, 'm'));
    for (const o of ['--quiet', '--max-warnings', '--output-file', '--no-color', '--verbose', '--show']) expect(r.stdout).toContain(o);
  });
});

describe('budget-audit.config.json: found, applied, named in every format; the command line wins', () => {
  let cfgDir: string;
  let cfg: string;
  beforeAll(() => {
    cfgDir = tempDir('ba-cfg-');
    cfg = path.join(cfgDir, 'budget-audit.config.json');
    writeFileSync(cfg, JSON.stringify({ strict: true }));
  });

  it('strict: true from the file fails the sample; --fail-on error on the command line wins over it', () => {
    const strict = cli(['check', SAMPLE], { cwd: cfgDir });
    expect(strict.code).toBe(1);
    expect(strict.stdout.split('\n')[0]).toContain('--fail-on rounding');
    expect(strict.stdout.trimEnd().split('\n').at(-1)).toBe(`已应用配置文件 ${cfg}`);
    const cliWins = cli(['check', SAMPLE, '--fail-on', 'error'], { cwd: cfgDir });
    expect(cliWins.code).toBe(0);
    expect(cliWins.stdout.split('\n')[0]).toMatch(/^✔ 通过/);
  });

  it('JSON configFile, SARIF invocation property, HTML header; none without a file', () => {
    const j = JSON.parse(cli(['check', SAMPLE, '--format', 'json', '--lang', 'en'], { cwd: cfgDir }).stdout);
    expect(j.configFile).toBe(cfg);
    expect(j.failedBy).toEqual(['warning', 'rounding']);
    const s = JSON.parse(cli(['check', SAMPLE, '--format', 'sarif'], { cwd: cfgDir }).stdout);
    expect(s.runs[0].invocations[0].properties.configFile).toBe(cfg);
    const h = cli(['check', SAMPLE, '--format', 'html', '--lang', 'en'], { cwd: cfgDir }).stdout;
    expect(h).toContain(`configuration applied from ${cfg}`);
    expect(text.stdout).not.toContain('已应用配置文件');
    expect(json).not.toHaveProperty('configFile');
  });
});

describe('a published PDF (fixtures/pdf, 表08 合计 planted)', () => {
  it('the verdict first; cells named by page, the heading without a sheet', () => {
    const r = cli(['check', path.join('fixtures', 'pdf', 'mutation-08-total.pdf')]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^✖ 未通过（错误达到 --fail-on error） — 错误 [1-9]/);
    // The planted figure's cluster: its heading names the table without a sheet (a PDF has none).
    expect(r.stdout).toMatch(/^建议修改 1\/1 — 表08 一般公共预算基本支出表$/m);
    expect(r.stdout).toMatch(/^ {6}第\d+页 表08 {2}合计 · /m);
    expect(r.stdout.trimEnd().split('\n').length).toBeLessThan(80);
  });
});
