// ScenarioError: a scenario file or object that does not validate (STYLE rules 23, 25). It
// carries every issue, each with the file, line, field path, expectation and value received.

import { DispatchsimError } from './dispatchsim-error.js';

/** One problem in a scenario. */
export interface ScenarioIssue {
  /** `error` stops the scenario from running; `warning` does not. */
  readonly severity: 'error' | 'warning';
  readonly file: string;
  /** 1-based line in the file, when known. */
  readonly line: number | undefined;
  /** The field path, e.g. `faults[0].probability`; empty for the whole document. */
  readonly path: string;
  /** What was expected, in words. */
  readonly expected: string;
  /** What was found, in words (a value with its type, or "nothing"). */
  readonly received: string;
}

/**
 * @param issue - a scenario issue
 * @returns its one-line form: `file:line: path: expected X (got Y)`
 */
export function formatScenarioIssue(issue: ScenarioIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  const path = issue.path === '' ? '' : ` ${issue.path}:`;
  const prefix = issue.severity === 'warning' ? ' warning:' : '';
  return `${where}:${prefix}${path} expected ${issue.expected} (got ${issue.received})`;
}

/** A scenario that does not validate. */
export class ScenarioError extends DispatchsimError {
  /** Every issue found, errors first. */
  readonly issues: readonly ScenarioIssue[];
  /** The file (or the name given to an in-code scenario). */
  readonly file: string;

  /**
   * @param file - the file name
   * @param issues - the issues found (at least one error)
   */
  constructor(file: string, issues: readonly ScenarioIssue[]) {
    super('scenario.invalid', issues.map(formatScenarioIssue).join('\n'));
    this.file = file;
    this.issues = issues;
  }
}
