/**
 * The engine's optional identity recorder (for src/corrections): with
 * `Engine.recorder` set, every arithmetic identity that runs is handed over
 * with its terms and the finding it produced. Off (the default), the engine
 * pays one test per identity.
 */
import type { Amount } from '../model/amount.js';
import type { Finding } from '../model/finding.js';
import type { Row } from '../model/table.js';
import type { RowIdentity } from './columns.js';
import type { Term } from './term.js';

/**
 * One arithmetic identity as the engine checked it: 'sum' is
 * terms[0] = Σ terms[1…]; 'same' is Σ terms[0, left) = Σ terms[left, …).
 * `finding` is what it produced (error / rounding / info), absent when it held.
 */
export interface RecordedIdentity {
  ruleId: string;
  form: 'sum' | 'same';
  left: number;
  terms: Term[];
  finding?: Finding;
}

/** Receives every identity that ran. */
export type IdentityRecorder = (identity: RecordedIdentity) => void;

/** `sumAcross`'s terms: the row's total, then its parts. */
export function acrossTerms(row: Row, identity: RowIdentity): (Amount | undefined)[] {
  return [row.cells[identity.totalAt], ...identity.partsAt.map((i) => row.cells[i])];
}

/** `sumDown`'s terms: the total row's cell, then each row's in that column. */
export function downTerms(totalRow: Row, rows: readonly Row[], column: number): (Amount | undefined)[] {
  return [totalRow.cells[column], ...rows.map((r) => r.cells[column])];
}

/**
 * Runs one identity (`run`) and hands it to `recorder` if it ran — counted as a
 * check with every term read — with the finding it produced, if any.
 */
export function recordIdentity(
  engine: { checks: number; findings: Finding[] },
  ruleId: string,
  form: 'sum' | 'same',
  left: number,
  terms: (Term | undefined)[],
  run: () => void,
  recorder: IdentityRecorder,
): void {
  const checks = engine.checks;
  const before = engine.findings.length;
  run();
  if (engine.checks === checks || terms.some((t) => t === undefined || (t as Amount).invalid)) return;
  const finding = engine.findings.length > before ? engine.findings[engine.findings.length - 1] : undefined;
  recorder({ ruleId, form, left, terms: terms as Term[], ...(finding ? { finding } : {}) });
}
