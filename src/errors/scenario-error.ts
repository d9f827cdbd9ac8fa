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
  /** The closest allowed key or value, for a misspelt one: "did you mean …?". */
  readonly suggestion?: string;
  /** True for a spelling accepted for one more release (a warning). */
  readonly deprecated?: boolean;
}

/** How many issues of one file {@link formatScenarioIssues} lists before counting the rest. */
export const LISTED_ISSUES = 25;

/**
 * @param issue - a scenario issue
 * @returns its one-line form: `file:line: path: expected X (got Y)`
 */
export function formatScenarioIssue(issue: ScenarioIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  const path = issue.path === '' ? '' : ` ${issue.path}:`;
  const prefix =
    issue.deprecated === true ? ' deprecated:' : issue.severity === 'warning' ? ' warning:' : '';
  const hint = issue.suggestion === undefined ? '' : `; did you mean ${issue.suggestion}?`;
  return `${where}:${prefix}${path} expected ${issue.expected} (got ${issue.received})${hint}`;
}

/**
 * Formats a file's issues, one line each, up to a limit: a wrong file (a trace passed as a
 * scenario) has thousands, and the first ones say what is wrong.
 * @param issues - the issues, in the order found
 * @param limit - the most lines of issues @default LISTED_ISSUES
 * @returns the lines; past the limit, a last line `file: … and 3,950 more issues`
 */
export function formatScenarioIssues(
  issues: readonly ScenarioIssue[],
  limit: number = LISTED_ISSUES,
): string[] {
  const lines = issues.slice(0, limit).map(formatScenarioIssue);
  const rest = issues.length - limit;
  if (rest > 0) {
    const file = issues[limit]?.file ?? '';
    lines.push(
      `${file}: … and ${rest.toLocaleString('en-US')} more ${rest === 1 ? 'issue' : 'issues'}`,
    );
  }
  return lines;
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
    super('scenario.invalid', formatScenarioIssues(issues).join('\n'));
    this.file = file;
    this.issues = issues;
  }
}
