import type { RuleContext } from './engine.js';
import type { RuleMeta } from './types.js';

/** A catalog entry: what it checks (meta) and the identities themselves (check). */
export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
