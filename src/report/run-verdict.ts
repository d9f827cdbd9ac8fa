// runVerdict: whether a run passed, from its checked expectations and, when it was run, the
// determinism check (issue 5, issue 6). The summary, the JSON report and the CLI's exit code
// all read the verdict from here, so they cannot disagree.

import type { ExpectationResult } from '../sim/check-expectations.js';
import type { RunResult } from '../sim/run-result.js';
import type { DeterminismCheck } from './trace-comparison.js';

/** A run's verdict. */
export interface RunVerdict {
  /** No expectation failed and, if checked, the traces were identical. */
  readonly passed: boolean;
  readonly met: number;
  /** Expectations that failed, in scenario order. */
  readonly notMet: readonly ExpectationResult[];
  /** Expectations this run could not check (e.g. `deterministic` without a second run). */
  readonly notChecked: number;
  /** Whether a second run gave a different trace. */
  readonly nondeterministic: boolean;
}

/**
 * @param result - a run's result
 * @param determinism - the determinism check, when one was run
 * @returns the verdict
 */
export function runVerdict(result: RunResult, determinism?: DeterminismCheck): RunVerdict {
  const notMet = result.expectations.filter((e) => e.met === false);
  const met = result.expectations.filter((e) => e.met === true).length;
  const notChecked = result.expectations.filter((e) => e.met === null).length;
  const nondeterministic = determinism !== undefined && !determinism.identical;
  return {
    passed: notMet.length === 0 && !nondeterministic,
    met,
    notMet,
    notChecked,
    nondeterministic,
  };
}
