/**
 * budget-audit.config.json: found from the working directory upward, or given
 * with --config. The command line wins over the file. Any unknown key, unknown
 * rule id or wrong value is a UsageError naming the key (exit 2).
 *
 * {
 *   "rules": { "row-total": "warning", "names-consistent": "off" },
 *   "tolerance": "0.05", "strict": false, "failOn": "error", "lang": "zh", "jobs": 2
 * }
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Decimal } from 'decimal.js';
import { UsageError } from './errors.js';
import type { Severity } from './model/finding.js';
import type { FailOn, Lang } from './report/index.js';
import { FAIL_ON, LANGS } from './report/index.js';

export const CONFIG_FILE = 'budget-audit.config.json';

export type RuleSetting = 'off' | Severity;
const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'rounding', 'info'];

export interface Config {
  rules?: Record<string, RuleSetting>;
  /** Decimal string. */
  tolerance?: string;
  strict?: boolean;
  failOn?: FailOn;
  lang?: Lang;
  jobs?: number;
}

/** The nearest budget-audit.config.json from `dir` upward, or undefined. */
export function findConfig(dir: string): string | undefined {
  let d = path.resolve(dir);
  for (;;) {
    const p = path.join(d, CONFIG_FILE);
    if (existsSync(p) && statSync(p).isFile()) return p;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** Reads and validates a config file. `ruleIds`: the catalog's ids (unknown ids are errors). */
export function loadConfig(file: string, ruleIds: readonly string[]): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: cannot read config (${code === 'ENOENT' ? 'no such file' : code ?? 'error'})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new UsageError(`${file}: malformed JSON (${(err as Error).message})`);
  }
  return parseConfig(raw, ruleIds, file);
}

/** Validates a parsed config object; `where` prefixes error messages. */
export function parseConfig(raw: unknown, ruleIds: readonly string[], where = CONFIG_FILE): Config {
  const bad = (key: string, why: string): never => {
    throw new UsageError(`${where}: "${key}" ${why}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) bad('(top level)', 'must be a JSON object');
  const obj = raw as Record<string, unknown>;
  const cfg: Config = {};
  for (const [key, value] of Object.entries(obj)) {
    switch (key) {
      case '$schema':
      case 'comment':
        break;
      case 'rules': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) bad('rules', 'must be an object of rule id → off|error|warning|rounding|info');
        cfg.rules = {};
        for (const [id, setting] of Object.entries(value as Record<string, unknown>)) {
          cfg.rules[id] = parseRuleSetting(id, setting, ruleIds, (why) => bad(`rules.${id}`, why));
        }
        break;
      }
      case 'tolerance':
        cfg.tolerance = parseTolerance(value, (why) => bad('tolerance', why));
        break;
      case 'strict':
        if (typeof value !== 'boolean') bad('strict', 'must be true or false');
        cfg.strict = value as boolean;
        break;
      case 'failOn':
      case 'fail-on':
        if (!FAIL_ON.includes(value as FailOn)) bad(key, `must be one of ${FAIL_ON.join(', ')}`);
        cfg.failOn = value as FailOn;
        break;
      case 'lang':
        if (!LANGS.includes(value as Lang)) bad('lang', `must be one of ${LANGS.join(', ')}`);
        cfg.lang = value as Lang;
        break;
      case 'jobs':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) bad('jobs', 'must be a positive integer');
        cfg.jobs = value as number;
        break;
      default:
        bad(key, 'is not a known setting (rules, tolerance, strict, failOn, lang, jobs)');
    }
  }
  return cfg;
}

export function parseRuleSetting(
  id: string,
  setting: unknown,
  ruleIds: readonly string[],
  bad: (why: string) => never,
): RuleSetting {
  if (!ruleIds.includes(id)) bad('is not a known rule id (see `budget-audit rules`)');
  if (setting === false) return 'off';
  if (!RULE_SETTINGS.includes(setting as RuleSetting)) bad(`must be one of ${RULE_SETTINGS.join(', ')}`);
  return setting as RuleSetting;
}

/** A non-negative decimal; a JSON number is taken by its shortest decimal spelling. */
export function parseTolerance(value: unknown, bad: (why: string) => never): string {
  const s = typeof value === 'number' ? String(value) : value;
  if (typeof s !== 'string' || !/^\s*\d+(\.\d+)?\s*$/.test(s)) return bad('must be a non-negative decimal such as "0.05"');
  return new Decimal(s.trim()).toString();
}

/** `--rule ID=off` / `--rule ID=warning` → [id, setting]. */
export function parseRuleFlag(flag: string, ruleIds: readonly string[]): [string, RuleSetting] {
  const m = /^([^=\s]+)=(\S+)$/.exec(flag.trim());
  if (!m) throw new UsageError(`--rule ${flag}: expected ID=off|error|warning|rounding|info`);
  const [, id, setting] = m as unknown as [string, string, string];
  return [id, parseRuleSetting(id, setting, ruleIds, (why) => {
    throw new UsageError(`--rule ${id}: ${why}`);
  })];
}
