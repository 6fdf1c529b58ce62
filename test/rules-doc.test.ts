/** docs/rules.md is generated from the catalog: the committed file must be in sync. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderRulesDoc } from '../src/rules/doc.js';
import { RULES } from '../src/rules/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('docs/rules.md', () => {
  const committed = readFileSync(path.join(root, 'docs', 'rules.md'), 'utf8');

  it('equals the text generated from the catalog (run `npm run docs:rules` after changing a rule)', () => {
    expect(committed).toBe(renderRulesDoc(RULES.map((r) => r.meta)));
  });

  it('documents every rule id with its severity, identity and an example', () => {
    for (const { meta } of RULES) {
      expect(committed).toContain(`### ${meta.id}\n`);
      expect(committed).toContain(`Severity: \`${meta.severity}\``);
      expect(committed).toContain(meta.identity);
      if (meta.example) expect(committed).toContain(meta.example);
    }
  });
});

describe('budget-audit rules', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(root, 'bin', 'budget-audit'), 'rules', ...args], { cwd: root, encoding: 'utf8' });

  it('--json lists the whole catalog in order', () => {
    const r = cli('--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { rules: { id: string; family: string; severity: string; title: { zh: string } }[] };
    expect(out.rules.map((m) => m.id)).toEqual(RULES.map((m) => m.meta.id));
    expect(out.rules[0]).toMatchObject({ id: 'row-total', family: 'A', severity: 'error' });
  });

  it('prints one line per rule: id, family, severity, title', () => {
    const r = cli('--lang', 'en');
    expect(r.status).toBe(0);
    // The table (header + one line per rule), then a blank line and the families' legend.
    const lines = r.stdout.split('\n\n')[0]!.split('\n');
    expect(lines).toHaveLength(RULES.length + 1);
    expect(lines[1]).toMatch(/^row-total\s+A\s+error\s+Every row/);
    expect(r.stdout).toContain('indicator-value');
  });
});

describe('budget-audit rules ID', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(root, 'bin', 'budget-audit'), 'rules', ...args], { cwd: root, encoding: 'utf8' });

  it("prints one rule's documentation: title, family explained, severity, tables, identity, example", () => {
    const r = cli('cross-three-public');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const meta = RULES.find((x) => x.meta.id === 'cross-three-public')!.meta;
    expect(r.stdout.split('\n')[0]).toBe(`cross-three-public — ${meta.title.zh}`);
    expect(r.stdout).toContain('类别：B 表间 — 同一数字在不同表中必须一致');
    expect(r.stdout).toContain(`恒等式：${meta.identity}`);
    expect(r.stdout).toContain('表15');
    expect(r.stdout).toContain(meta.description.zh);
  });

  it('--lang en documents it in English, --json gives its metadata', () => {
    const en = cli('row-total', '--lang', 'en');
    expect(en.status).toBe(0);
    expect(en.stdout).toMatch(/^row-total — Every row/);
    expect(en.stdout).toContain('Family: A inside each table — Arithmetic within one table');
    expect(en.stdout).not.toContain('类别');
    const json = cli('row-total', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ id: 'row-total', family: 'A', severity: 'error' });
  });

  it('an unknown id is a one-line usage error (exit 2) naming the closest ids', () => {
    const r = cli('row-totl');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('unknown rule "row-totl"; did you mean row-total?');
  });

  it('the catalog listing explains every family it uses', () => {
    const r = cli('--lang', 'en');
    expect(r.stdout).toContain('Families:');
    for (const f of ['A', 'B', 'C', 'D', 'E']) expect(r.stdout).toMatch(new RegExp(`^  ${f}  \\S`, 'm'));
    expect(r.stdout).toContain('budget-audit rules <RULE>');
  });
});
