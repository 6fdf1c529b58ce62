/**
 * What each highlighted cell is to the findings that point at it, shared by
 * the HTML report and the annotated workbook so both colour alike: the
 * suggested culprit, the published figure that disagrees, or another term of
 * a failing identity — never every term painted as an error, and never a
 * blank cell painted as one.
 */
import type { Finding, FindingLocation, LocationRole, Severity } from '../model/finding.js';
import { SEVERITY_ORDER } from '../model/finding.js';

export type { LocationRole };

export const ROLE_RANK: Record<LocationRole, number> = { term: 0, disagrees: 1, culprit: 2 };

/**
 * A location's role: as set on it (a correction suggester marks its culprit),
 * else the first location is the figure that disagrees — the rules put there
 * "where the fix most likely goes" — and the others are terms.
 */
export function locationRole(f: Finding, index: number): LocationRole {
  const set = f.locations[index]?.role;
  if (set) return set;
  return index === 0 ? 'disagrees' : 'term';
}

/** A blank cell as published ("" value): shown, commented, never filled as an error. */
export function isBlankLocation(loc: FindingLocation): boolean {
  return loc.value === '';
}

/** One finding's say about a cell. */
export interface Mark {
  severity: Severity;
  role: LocationRole;
}

/**
 * The mark that colours a cell: the strongest role wins (a cell that is the
 * disagreeing figure of one finding and a term of another is coloured as the
 * former), then the highest severity among the findings giving it that role.
 */
export function strongestMark(marks: Iterable<Mark>): Mark | undefined {
  let best: Mark | undefined;
  for (const m of marks) {
    if (
      !best ||
      ROLE_RANK[m.role] > ROLE_RANK[best.role] ||
      (ROLE_RANK[m.role] === ROLE_RANK[best.role] && SEVERITY_ORDER[m.severity] > SEVERITY_ORDER[best.severity])
    ) {
      best = m;
    }
  }
  return best;
}

/** "error:disagrees" — how a mark travels in an HTML data attribute. */
export function markToken(m: Mark): string {
  return `${m.severity}:${m.role}`;
}
