/**
 * `budget-audit rules`: the rule catalog (id, family, severity, title) as a
 * table, or `--json` with every field of each rule's metadata.
 */
import { Option, type Command } from 'commander';
import stringWidth from 'string-width';
import { RULES } from '../rules/index.js';
import type { RuleMeta } from '../rules/types.js';

type Lang = 'zh' | 'en';

interface RulesFlags {
  json?: boolean;
  lang?: Lang;
}

function pad(s: string, n: number): string {
  // CJK titles take two columns each.
  return s + ' '.repeat(Math.max(0, n - stringWidth(s)));
}

/** The catalog as aligned text lines. */
export function rulesText(rules: RuleMeta[], lang: Lang): string {
  const head = lang === 'zh' ? ['规则', '类别', '严重性', '说明'] : ['RULE', 'FAMILY', 'SEVERITY', 'TITLE'];
  const rows = rules.map((m) => [m.id, m.family, m.severity, m.title[lang]]);
  const w = [0, 1, 2].map((i) => Math.max(stringWidth(head[i]!), ...rows.map((r) => stringWidth(r[i]!))));
  const line = (r: string[]) => `${pad(r[0]!, w[0]!)}  ${pad(r[1]!, w[1]!)}  ${pad(r[2]!, w[2]!)}  ${r[3]}`.trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

export function registerRules(program: Command, _setExit: (code: number) => void): void {
  program
    .command('rules')
    .description('List the rule catalog (id, family, severity, title); see docs/rules.md.')
    .option('--json', 'print the catalog as JSON (every field)')
    .addOption(new Option('--lang <lang>', 'title language (default zh)').choices(['zh', 'en']))
    .action((flags: RulesFlags) => {
      const metas = RULES.map((r) => r.meta);
      if (flags.json) {
        process.stdout.write(JSON.stringify({ rules: metas }, null, 2) + '\n');
      } else {
        process.stdout.write(rulesText(metas, flags.lang ?? 'zh'));
      }
    });
}
