// checkSessionsOverride: whether a scenario can run with another number of sessions (the
// `sessions` run option, and `--sessions` of run, sweep and swarm). Any number can, but for an
// `at` arrival list, which gives each session its instant: more sessions than instants would
// need instants nobody wrote.

import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { Scenario } from '../scenario/scenario-schema.js';

/**
 * @param scenario - the scenario, validated
 * @param sessions - the number of sessions (first attempts) to run instead of its own
 * @throws InvalidOptionError (`config.invalid-option`, option `sessions`) when the scenario's
 *   arrivals are an `at` list with fewer instants
 */
export function checkSessionsOverride(scenario: Scenario, sessions: number): void {
  const { arrivals } = scenario.workload;
  if ('at' in arrivals && sessions > arrivals.at.length) {
    throw new InvalidOptionError(
      'sessions',
      `at most ${arrivals.at.length} (the instants of the scenario's workload.arrivals.at)`,
      sessions,
    );
  }
}
