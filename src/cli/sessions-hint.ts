// Why an exact count fails under `--sessions N` (issue 15): a scenario's `count: 1` or
// `{ equals: 5 }` is written for the sessions the file runs; another number of sessions
// usually gives another count. One note per such expectation that was not met, so the reader
// does not hunt for a bug in the model.

import type { ExpectationResult } from '../sim/check-expectations.js';

/**
 * @param result - one checked expectation
 * @returns whether it asks for an exact count (a number, or `{ equals }`)
 */
function isExactCount(result: ExpectationResult): boolean {
  const { expectation } = result;
  if (!('count' in expectation)) return false;
  const { count } = expectation;
  return typeof count === 'number' || count.equals !== undefined;
}

/**
 * The notes for the exact-count expectations a run with `--sessions` did not meet.
 * @param file - the scenario file, as given
 * @param fileSessions - the sessions the file itself runs
 * @param sessions - the `--sessions` value, if given
 * @param expectations - the run's checked expectations
 * @returns one line each (no newline), empty without `--sessions` or when it equals the file's
 */
export function exactCountHints(
  file: string,
  fileSessions: number,
  sessions: number | undefined,
  expectations: readonly ExpectationResult[],
): string[] {
  if (sessions === undefined || sessions === fileSessions) return [];
  return expectations
    .filter((e) => e.met === false && isExactCount(e))
    .map(
      (e) =>
        `dispatchsim: note: ${file}: '${e.description}' is an exact count for the ${fileSessions} sessions the file runs; --sessions ${sessions} changes what it counts`,
    );
}
