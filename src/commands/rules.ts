/**
 * `budget-audit rules [ID]`: the rule catalog (id, family, severity, title) as
 * a table with the families explained, one rule's documentation with an ID,
 * or `--json` with every field of each rule's metadata.
 */
import { Option, type Command } from 'commander';
import stringWidth from 'string-width';
import { UsageError } from '../errors.js';
import { FAMILIES } from '../rules/families.js';
import { RULES } from '../rules/index.js';
import type { RuleFamily, RuleMeta } from '../rules/types.js';

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
  const used = [...new Set(rules.map((m) => m.family))].sort() as RuleFamily[];
  const legend = used.map((f) => `  ${f}  ${FAMILIES[f]?.title[lang] ?? ''}: ${FAMILIES[f]?.about[lang] ?? ''}`);
  const more = lang === 'zh' ? '单条规则的说明：budget-audit rules <规则>' : "One rule's documentation: budget-audit rules <RULE>";
  return [line(head), ...rows.map(line), '', lang === 'zh' ? '类别：' : 'Families:', ...legend, '', more].join('\n') + '\n';
}

/** One rule's documentation, as `rules ID` prints it. */
export function ruleText(m: RuleMeta, lang: Lang): string {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  const fam = FAMILIES[m.family];
  const L =
    lang === 'zh'
      ? { family: '类别', severity: '严重性', tables: '涉及表', identity: '恒等式', example: '示例' }
      : { family: 'Family', severity: 'Severity', tables: 'Tables', identity: 'Identity', example: 'Example' };
  const sep = lang === 'zh' ? '：' : ': ';
  const lines = [
    `${m.id} — ${m.title[lang]}`,
    `  (${m.title[other]})`,
    '',
    `${L.family}${sep}${m.family} ${fam ? `${fam.title[lang]} — ${fam.about[lang]}` : ''}`.trimEnd(),
    `${L.severity}${sep}${m.severity}`,
    `${L.tables}${sep}${m.tables.map((t) => `表${t}`).join(' ')}`,
    `${L.identity}${sep}${m.identity}`,
    '',
    m.description[lang],
  ];
  if (m.example) lines.push('', `${L.example}${sep}${m.example}`);
  return lines.join('\n') + '\n';
}

/** The closest ids by edit distance, for "did you mean". */
function closest(id: string, ids: string[]): string[] {
  const d = (a: string, b: string): number => {
    const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let diag = prev[0]!;
      prev[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const up = prev[j]!;
        prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
        diag = up;
      }
    }
    return prev[b.length]!;
  };
  const scored = ids.map((x) => [x, x.includes(id) || id.includes(x) ? 0 : d(id, x)] as const).sort((a, b) => a[1] - b[1]);
  return scored.filter(([, s]) => s <= Math.max(3, id.length / 3)).slice(0, 3).map(([x]) => x);
}

export function registerRules(program: Command, _setExit: (code: number) => void): void {
  program
    .command('rules')
    .argument('[id]', "one rule's documentation (e.g. row-total)")
    .description('List the rule catalog (id, family, severity, title), or document one rule; see docs/rules.md.')
    .option('--json', 'print the catalog (or the rule) as JSON (every field)')
    .addOption(new Option('--lang <lang>', 'language (default zh)').choices(['zh', 'en']))
    .action((id: string | undefined, flags: RulesFlags) => {
      const metas = RULES.map((r) => r.meta);
      if (id !== undefined) {
        const m = metas.find((x) => x.id === id);
        if (!m) {
          const near = closest(id, metas.map((x) => x.id));
          throw new UsageError(`unknown rule "${id}"${near.length ? `; did you mean ${near.join(', ')}?` : ''} (budget-audit rules lists them all)`);
        }
        process.stdout.write(flags.json ? JSON.stringify(m, null, 2) + '\n' : ruleText(m, flags.lang ?? 'zh'));
        return;
      }
      if (flags.json) {
        process.stdout.write(JSON.stringify({ rules: metas }, null, 2) + '\n');
      } else {
        process.stdout.write(rulesText(metas, flags.lang ?? 'zh'));
      }
    });
}
