// The `sessions` option of sweep and swarm: every case runs with that many sessions instead
// of its scenario's workload.sessions, as the CLI's `--sessions` does. The override is written
// into the scenario as given, so a swarm's plans are drawn for it and its shrunk failures
// replay with it.

import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { Scenario, ScenarioInput } from '../scenario/scenario-schema.js';
import { checkSessionsOverride } from '../sim/check-sessions-override.js';
import { resolveScenario } from '../sim/simulation.js';

/** A scenario as written and validated. */
export interface SearchedScenario {
  readonly input: ScenarioInput;
  readonly scenario: Scenario;
}

/**
 * @param searched - the scenario as written and validated
 * @param file - its name, for messages
 * @param sessions - the sessions to run it with
 * @returns the scenario with its workload.sessions overridden
 * @throws InvalidOptionError (`config.invalid-option`, option `sessions`) when its arrivals
 *   are an `at` list with fewer instants (the CLI names it as its `--sessions` flag)
 */
export function overrideSessions(
  searched: SearchedScenario,
  file: string,
  sessions: number,
): SearchedScenario {
  checkSessionsOverride(searched.scenario, sessions);
  const input = { ...searched.input, workload: { ...searched.input.workload, sessions } };
  return { input, scenario: resolveScenario(input, file) };
}

/**
 * The `sessions` option of sweep and swarm.
 * @param searched - the scenario as written and validated
 * @param file - its name, for messages
 * @param sessions - the sessions every case runs with, if any
 * @returns the scenario with its sessions overridden (the same one without the option)
 * @throws InvalidOptionError (`config.invalid-option`, option `sessions`) naming the file
 *   when its arrivals are an `at` list with fewer instants
 */
export function withSessionsOption(
  searched: SearchedScenario,
  file: string,
  sessions: number | undefined,
): SearchedScenario {
  if (sessions === undefined) return searched;
  try {
    return overrideSessions(searched, file, sessions);
  } catch (error: unknown) {
    if (!(error instanceof InvalidOptionError)) throw error;
    throw new InvalidOptionError('sessions', `${error.expected} for ${file}`, sessions);
  }
}
