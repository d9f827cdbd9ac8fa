// Deprecation warnings of the library (issue 15): a spelling kept for one release is reported
// once per process, as Node reports its own deprecations (process.emitWarning with a code), so
// `--no-deprecation` silences it and `--throw-deprecation` makes it fail a test. The command
// line prints a scenario's deprecations with its other warnings instead.

import { formatScenarioIssue, type ScenarioIssue } from '../errors/scenario-error.js';

const warned = new Set<string>();

/**
 * Emits a DeprecationWarning once per process for each code.
 * @param code - a stable code, e.g. `DISPATCHSIM_COUNT_TIMES`
 * @param message - what is deprecated and what to write instead
 */
export function warnDeprecated(code: string, message: string): void {
  if (warned.has(code)) return;
  warned.add(code);
  process.emitWarning(message, { type: 'DeprecationWarning', code });
}

/**
 * Emits one DeprecationWarning per deprecated spelling among a scenario's warnings (once per
 * process for each), for scenarios read or given through the library.
 * @param warnings - the warnings of a parsed or validated scenario
 */
export function warnScenarioDeprecations(warnings: readonly ScenarioIssue[]): void {
  for (const warning of warnings) {
    if (warning.deprecated !== true) continue;
    const now = (warning.suggestion ?? warning.path).toUpperCase();
    warnDeprecated(`DISPATCHSIM_SPELLING_${now}`, formatScenarioIssue(warning));
  }
}
