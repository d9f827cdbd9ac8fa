// The refusal of `--sessions` by a scenario (run, sweep and swarm): the one run option a
// scenario can refuse, when its `at` arrival list has fewer instants. Named as the flag, with
// the scenario, as bad input, in one wording for every command.

import { InvalidOptionError } from '../errors/invalid-option-error.js';

/**
 * @param error - what building or checking the run threw
 * @param label - the scenario as the user named it
 * @param sessions - the `--sessions` value
 * @returns e.g. `--sessions: expected at most 7 (the instants of the scenario's
 *   workload.arrivals.at) for self-hosted-last-worker, got '100'`, or undefined when the error
 *   is not a refusal of the sessions
 */
export function sessionsFlagProblem(
  error: unknown,
  label: string,
  sessions: number | undefined,
): string | undefined {
  if (!(error instanceof InvalidOptionError) || error.option !== 'sessions') return undefined;
  return `--sessions: expected ${error.expected} for ${label}, got '${String(sessions)}'`;
}
