// The limits of the search options (issue 13), defined once for the library's sweep, swarm
// and swarmScenario and for the flags of `dispatchsim sweep`, `swarm` and `shrink`: the
// library refuses `runs: 0` as the command line refuses `--runs 0`, in the same words.

import { MAX_SEED } from '../core/prng.js';

/** An inclusive range of integers. */
export interface IntegerRange {
  readonly min: number;
  readonly max: number;
}

/** The integer options of a search, and the values each takes. */
export const searchLimits = {
  /** A swarm's seed, each seed of a sweep, a shrink's seed: 32-bit, as a run's. */
  seed: { min: 0, max: MAX_SEED },
  /** The cases of a swarm. */
  runs: { min: 1, max: 100_000_000 },
  /** The most fault rules a swarm case adds. */
  maxRules: { min: 1, max: 100 },
  /** The most runs spent shrinking one failure. */
  shrinkBudget: { min: 1, max: 1_000_000 },
} as const satisfies Readonly<Record<string, IntegerRange>>;

/** The runs a shrink spends at most when not told otherwise. */
export const DEFAULT_SHRINK_BUDGET = 400;

/**
 * @param range - the values an option takes
 * @returns the words for it, e.g. `an integer from 1 to 100000000`
 */
export function describeRange(range: IntegerRange): string {
  return `an integer from ${range.min} to ${range.max}`;
}
