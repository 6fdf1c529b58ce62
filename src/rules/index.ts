/**
 * The rule catalog and `audit`: every identity inside and between the 23
 * tables, checked on one loaded Budget. See docs/rules.md (generated from
 * RULES by scripts/gen-rules-doc.ts).
 */
import type { Budget } from '../model/budget.js';
import type { Finding, Severity } from '../model/finding.js';
import { emptySummary, type FileReport, type Summary } from '../model/report.js';
import { BudgetIndex } from '../model/lookup/budget-index.js';
import { CODE_RULES } from './codes.js';
import { COMPLETENESS_RULES } from './completeness.js';
import { CROSS_TABLE_RULES } from './cross-table.js';
import { Engine, type IdentityRecorder } from './engine.js';
import { IN_TABLE_RULES } from './in-table.js';
import { NARRATIVE_RULES } from './narrative.js';
import { READING_RULES } from './reading.js';
import type { Rule } from './rule.js';
import type { AuditOptions } from './types.js';

export type { Rule } from './rule.js';
export type { RuleContext, Term, Missing, ConditionFinding, RecordedIdentity, IdentityRecorder } from './engine.js';
export type { AuditOptions, RuleMeta, RuleFamily } from './types.js';

/** The catalog, in a stable order: A in-table, B cross-table, C completeness, D reading, E codes, F narrative. */
export const RULES: Rule[] = [
  ...IN_TABLE_RULES,
  ...CROSS_TABLE_RULES,
  ...COMPLETENESS_RULES,
  ...READING_RULES,
  ...CODE_RULES,
  ...NARRATIVE_RULES,
];

const BY_ID = new Map(RULES.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

const SEVERITIES = new Set<Severity>(['error', 'warning', 'rounding', 'info']);

/** Unknown rule ids or values in `options.rules`: for the CLI / config to report as usage errors. */
export function invalidRuleOverrides(options: AuditOptions): string[] {
  const bad: string[] = [];
  for (const [id, v] of Object.entries(options.rules ?? {})) {
    if (!BY_ID.has(id)) bad.push(`unknown rule "${id}"`);
    else if (v !== 'off' && !SEVERITIES.has(v)) bad.push(`rule "${id}": "${String(v)}" is not off/error/warning/rounding/info`);
  }
  return bad;
}

function summarize(findings: Finding[], checks: number, passed: number): Summary {
  const s = emptySummary();
  s.checks = checks;
  s.passed = passed;
  for (let i = 0; i < findings.length; i++) s[findings[i]!.severity]++;
  return s;
}

/**
 * Checks one loaded budget against the whole catalog. Loader problems become
 * family-D findings (at their cells); rules whose tables are missing are reported as not run.
 * `strict` doesn't change severities (rounding stays `rounding`): the caller's
 * fail-on decides what fails. A `recorder` receives every arithmetic
 * identity checked (src/corrections); a plain check passes none.
 */
export function audit(budget: Budget, options: AuditOptions = {}, recorder?: IdentityRecorder): FileReport {
  const index = new BudgetIndex(budget);
  const engine = new Engine(budget, index, options);
  if (recorder) engine.recorder = recorder;
  const overrides = options.rules ?? {};
  for (const rule of RULES) {
    const o = overrides[rule.meta.id];
    if (o === 'off') continue;
    const severity: Severity = o && SEVERITIES.has(o) ? o : rule.meta.severity;
    engine.run(rule.meta, severity, (ctx) => rule.check(ctx));
  }
  const r = engine.result();
  return {
    path: budget.file,
    budget,
    findings: r.findings,
    notRun: r.notRun,
    summary: summarize(r.findings, r.checks, r.passed),
  };
}
