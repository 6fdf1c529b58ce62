/**
 * Stable finding ids: the rule and the cells it names (never the figures), so
 * the same failed identity has the same id before and after a correction, and
 * `suggestion.resolves` can point at findings across runs.
 */
import type { Finding, FindingLocation } from '../model/finding.js';

function where(l: FindingLocation): string {
  return l.sheet !== undefined && l.cell !== undefined ? `${l.sheet}!${l.cell}` : `${l.table}/${l.row ?? ''}/${l.column ?? ''}`;
}

/** FNV-1a, 32 bits, as 8 hex digits: short, deterministic, not cryptographic. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The id of a finding from its rule and cells: "row-total-3f2a9c01". */
export function findingKey(f: Finding): string {
  return `${f.ruleId}-${fnv1a(`${f.ruleId}\u0000${f.locations.map(where).join('\u0001')}`)}`;
}

/**
 * Ids for a report's findings, in order: an id already set is kept; the
 * second finding with the same rule and cells gets "-2", and so on.
 */
export function findingIds(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    if (f.id !== undefined) return f.id;
    const key = findingKey(f);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}-${n}`;
  });
}
