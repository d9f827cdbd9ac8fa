// resultOfStoppedRun: what a run that stopped early (its horizon passed, a stall, a livelock;
// STYLE rule 27) produced up to the stop, read back from the error it threw. The errors sit
// below the simulation (STYLE rule 2) and cannot name its result type, so the simulation
// files the result under the error it throws, and this reads it.

import type { StoppedRunResult } from './run-result.js';

// Keyed by the error object: the result lives as long as the error does.
const results = new WeakMap<object, StoppedRunResult>();

/**
 * @internal Files a stopped run's result under the error its `run()` throws.
 * @param error - the run-ending error
 * @param result - the figures at the stop
 */
export function keepStoppedRunResult(error: object, result: StoppedRunResult): void {
  results.set(error, result);
}

/**
 * What a run produced before it stopped early: outcomes, events and Event Log entries by id,
 * counters, faults fired, the clients' requests, and the sessions in flight and first
 * attempts yet to arrive at the stop.
 * @param error - what `Simulation.run()` (or `runScenario`) rejected with
 * @returns the figures up to the stop for a HorizonExceededError (`sim.horizon-exceeded`),
 *   SimulationStalledError (`sim.stalled`) or LivelockError (`sim.livelock`) of a run;
 *   undefined for anything else
 * @example
 * const error = await sim.run().catch((e: unknown) => e);
 * const partial = resultOfStoppedRun(error);
 * // partial.sessions === sum of partial.outcomes + partial.inFlight
 */
export function resultOfStoppedRun(error: unknown): StoppedRunResult | undefined {
  return typeof error === 'object' && error !== null ? results.get(error) : undefined;
}
