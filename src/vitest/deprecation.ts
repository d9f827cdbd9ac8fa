// Deprecation warnings of the testing toolkit (issue 15): a spelling kept for one release is
// reported once per process, as Node reports its own deprecations (process.emitWarning with
// a code), so `--no-deprecation` silences it and `--throw-deprecation` makes it fail a test.

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
