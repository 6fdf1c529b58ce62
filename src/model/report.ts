import type { Budget } from './budget.js';
import type { Finding, Severity } from './finding.js';

export interface Summary {
  /** Identities and conditions evaluated. */
  checks: number;
  passed: number;
  error: number;
  warning: number;
  rounding: number;
  info: number;
}

/** A rule that could not run (e.g. a table it needs is missing): reported, never counted as passed. */
export interface NotRun {
  ruleId: string;
  reason: string;
}

/** Everything known about one input file after `check`. */
export interface FileReport {
  path: string;
  /** Absent when the file could not be read. */
  budget?: Budget;
  /** One-line reason the file could not be read (exit code 2). */
  loadError?: string;
  findings: Finding[];
  notRun: NotRun[];
  summary: Summary;
}

export function emptySummary(): Summary {
  return { checks: 0, passed: 0, error: 0, warning: 0, rounding: 0, info: 0 };
}

export type { Severity };
