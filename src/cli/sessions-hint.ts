// Why an exact count fails under `--sessions N` (issue 15): a scenario's `count: 1` or
// `{ equals: 5 }` is written for the sessions the file runs; another number of sessions
// usually gives another count (a count of 0 is meant at any size). One note per such
// expectation that was not met, so the reader does not hunt for a bug in the model. And arrivals that `--sessions N` makes outlast the
// horizon: validation's warning, given before the run, as for a file with that many sessions.

import { formatScenarioIssue, type ScenarioIssue } from '../errors/scenario-error.js';
import type { Expectation } from '../scenario/expectation-schema.js';
import type { Scenario, ScenarioInput } from '../scenario/scenario-schema.js';
import {
  arrivalsPastHorizon,
  lastArrivalOf,
  sessionsWithinHorizon,
  validateScenario,
} from '../scenario/validate-scenario.js';
import type { ExpectationResult } from '../sim/check-expectations.js';
import { checkSessionsOverride } from '../sim/check-sessions-override.js';

/**
 * An exact count of 0 (`gaveUp = 0`: none at all) holds or fails whatever the number of
 * sessions, so it is none of these (user report: `sweep --sessions 2000` noted `gaveUp = 0`).
 * @param expectation - one expectation of a scenario
 * @returns whether it asks for an exact count above 0 (a number, or `{ equals }`)
 */
function isExactCount(expectation: Expectation): boolean {
  if (!('count' in expectation)) return false;
  const { count } = expectation;
  const exact = typeof count === 'number' ? count : count.equals;
  return exact !== undefined && exact > 0;
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
    .filter((e) => e.met === false && isExactCount(e.expectation))
    .map(
      (e) =>
        `dispatchsim: note: ${file}: '${e.description}' is an exact count for the ${fileSessions} sessions the file runs; --sessions ${sessions} changes what it counts`,
    );
}

/**
 * The note for a search (sweep, swarm) whose `--sessions` changes what a file's exact counts
 * count: one line before its cases run, so that cases failing on them are no surprise.
 * @param file - the scenario file, as given
 * @param scenario - the file's scenario, at its own size
 * @param sessions - the `--sessions` value, if given
 * @returns the line (no newline), or undefined when nothing changes or nothing counts exactly
 */
export function exactCountNote(
  file: string,
  scenario: Scenario,
  sessions: number | undefined,
): string | undefined {
  const own = scenario.workload.sessions;
  if (sessions === undefined || sessions === own) return undefined;
  const exact = (scenario.expect ?? []).filter(isExactCount).length;
  if (exact === 0) return undefined;
  const [them, are] = exact === 1 ? ['it', 'is an exact count'] : ['they', 'are exact counts'];
  return `dispatchsim: note: ${file}: ${exact} ${exact === 1 ? 'expectation' : 'expectations'} of its expect: ${are} for the ${own} sessions the file runs; --sessions ${sessions} changes what ${them} count${exact === 1 ? 's' : ''}, and cases may fail on ${exact === 1 ? 'it' : 'them'}`;
}

// validate-scenario.ts's warning of arrivals that alone outlast the horizon.
const isArrivalsPastHorizon = (issue: { path: string; expected: string }): boolean =>
  issue.path === 'workload.arrivals' && issue.expected.startsWith('arrivals that end within');

// Whether `--sessions` replaces the file's own sessions: given, another number, and one the
// scenario can run (a refused one is said by its refusal, and nothing runs).
function replacesOwnSessions(scenario: Scenario, sessions: number | undefined): boolean {
  if (sessions === undefined || sessions === scenario.workload.sessions) return false;
  try {
    checkSessionsOverride(scenario, sessions);
    return true;
  } catch {
    return false;
  }
}

/**
 * A file's validation warnings as they stand under `--sessions`: the warning of arrivals that
 * outlast the horizon counts the file's own sessions, which `--sessions N` replaces, so it is
 * left out, and {@link horizonNote} gives the one about N, if N's outlast the horizon too
 * (user report: `--sessions 150000` warned that the last of the file's 400000 sessions
 * arrives past the horizon, and the run then fitted in it).
 * @param warnings - the file's warnings, as validation gave them
 * @param scenario - the file's scenario, at its own size
 * @param sessions - the `--sessions` value, if given
 * @returns the warnings to give, and the line of the one left out (for horizonNote)
 */
export function warningsUnderSessions(
  warnings: readonly ScenarioIssue[],
  scenario: Scenario,
  sessions: number | undefined,
): { readonly warnings: readonly ScenarioIssue[]; readonly horizonLine: number | undefined } {
  const replaced = replacesOwnSessions(scenario, sessions)
    ? warnings.find(isArrivalsPastHorizon)
    : undefined;
  if (replaced === undefined) return { warnings, horizonLine: undefined };
  return { warnings: warnings.filter((w) => w !== replaced), horizonLine: replaced.line };
}

/**
 * The warning validation gives a file whose arrivals outlast its horizon, for the sessions
 * `--sessions` runs: without it, `run <name> --sessions 300000` ran to its horizon (24 h of
 * virtual time) and stopped with exit 1, with nothing said up front. The file's own warning,
 * if it has one, is left out ({@link warningsUnderSessions}).
 * @param file - the scenario file, as given
 * @param input - the file's scenario, as written
 * @param sessions - the `--sessions` value, if given
 * @param line - the line of the file's own warning, when it had one: this one's place
 * @returns the line (no newline), or undefined when the arrivals fit, `--sessions` is the
 *   file's own number (validation warned about it), or `--sessions` is refused (its refusal
 *   says so)
 */
export function horizonNote(
  file: string,
  input: ScenarioInput,
  sessions: number | undefined,
  line?: number,
): string | undefined {
  if (sessions === undefined) return undefined;
  const own = validateScenario(input, file);
  if (!own.ok || !replacesOwnSessions(own.scenario, sessions)) return undefined;
  const scaled = validateScenario({ ...input, workload: { ...input.workload, sessions } }, file);
  const warning = scaled.ok ? scaled.warnings.find(isArrivalsPastHorizon) : undefined;
  if (warning === undefined) return undefined;
  // The file's advice (raise horizonMs, or a rate field) is no use to a CLI user with a bundled
  // name: say the most sessions that fit instead (user report).
  const { workload } = own.scenario;
  const most = sessionsWithinHorizon(workload, own.scenario.horizonMs);
  const advice = `use --sessions ${most} or fewer, or a copy of the file with a larger horizonMs`;
  const expected = arrivalsPastHorizon(
    own.scenario.horizonMs,
    sessions,
    lastArrivalOf(workload, sessions),
    advice,
  );
  return `${formatScenarioIssue({ ...warning, expected, line: line ?? warning.line })}, with --sessions ${sessions} (the file runs ${own.scenario.workload.sessions})`;
}
