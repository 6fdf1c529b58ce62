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
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(RULES.length + 1);
    expect(lines[1]).toMatch(/^row-total\s+A\s+error\s+Every row/);
    expect(r.stdout).toContain('indicator-value');
  });
});
