// stoppedScenarioRun: what runScenario recorded of a run that stopped early (its horizon
// passed, a stall, a livelock; STYLE rule 27), read back from the error it rejected with, as
// resultOfStoppedRun reads the figures. The matchers take it like a finished run (user
// report: a stopped run left only counts, so no matcher could look at its events).

import type { StoppedRunResult } from '../sim/run-result.js';
import type { ScenarioRun } from './run-scenario.js';

/**
 * What {@link stoppedScenarioRun} gives: a recorded run up to its stop. Its result is the
 * stopped run's (`resultOfStoppedRun`), which has no checked expectations.
 */
export interface StoppedScenarioRun extends Omit<ScenarioRun, 'result'> {
  /** The figures up to the stop, with why and when the run stopped. */
  readonly result: StoppedRunResult;
}

// Keyed by the error object: the recording lives as long as the error does.
const recordings = new WeakMap<object, StoppedScenarioRun>();

/**
 * @internal Files what runScenario recorded under the error its run rejected with.
 * @param error - the run-ending error
 * @param run - the recording up to the stop
 */
export function keepStoppedScenarioRun(error: unknown, run: StoppedScenarioRun): void {
  if (typeof error === 'object' && error !== null) recordings.set(error, run);
}

/**
 * What `runScenario` recorded of a run that stopped early: the trace, events, Event Log
 * entries and outcomes up to the stop (as much as its `record` option kept), with the
 * figures of `resultOfStoppedRun`. The dispatchsim matchers take it: `toHaveEmitted` and the
 * others look at what happened before the stop, `toBalance` fails while sessions were in
 * flight, and `toMeetExpectations` fails, since expectations are judged on a whole run.
 * @param error - what `runScenario` rejected with
 * @returns the recording, for a HorizonExceededError (`sim.horizon-exceeded`),
 *   SimulationStalledError (`sim.stalled`) or LivelockError (`sim.livelock`) of `runScenario`
 * @throws the error itself when it is anything else (a scenario that does not validate, a
 *   policy's error, a run that did not stop early): a test then fails on it, not on a
 *   missing recording
 * @example
 * const error = await runScenario('retry-forever.yaml').catch((e: unknown) => e);
 * const run = stoppedScenarioRun(error);
 * expect(run).toHaveEmitted(4031, { min: 1 });
 */
export function stoppedScenarioRun(error: unknown): StoppedScenarioRun {
  const run = typeof error === 'object' && error !== null ? recordings.get(error) : undefined;
  if (run !== undefined) return run;
  throw error;
}
