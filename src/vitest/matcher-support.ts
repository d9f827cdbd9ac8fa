// Shared pieces of the dispatchsim matchers (issue 7): checking what `expect` was given (a
// promise of it named as a missing `await`), the error for an event the catalogues lack (with
// the name it likely misspells), the first line of a failure message in vitest's style, and
// excerpts cut to a few lines.

import type { MatcherState } from 'vitest';
import type { ScenarioRun } from './run-scenario.js';
import type { StoppedScenarioRun } from './stopped-scenario-run.js';
import type { StoppedRunResult } from '../sim/run-result.js';
import { describeReceived } from '../errors/describe-received.js';
import { eventCatalog } from '../events/event-catalog.js';
import { eventLogCatalog } from '../events/event-log-entry.js';
import { closestMatch } from '../core/closest-match.js';
import { countOf } from '../errors/count-of.js';
import { isPromiseLike } from '../core/is-promise-like.js';
import { EXCERPT_LINES } from './trace-excerpt.js';

/** What a matcher returns to vitest. */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
  readonly actual?: unknown;
  readonly expected?: unknown;
}

/** What the matchers take: a finished run, or one recorded up to an early stop. */
export type RecordedRun = ScenarioRun | StoppedScenarioRun;

/**
 * @param result - a run's result up to its early stop
 * @returns e.g. `the run stopped early (sim.horizon-exceeded) at 100 ms`
 */
export function describeStop(result: StoppedRunResult): string {
  // Every timer due up to the horizon fired: what happened is known up to the horizon itself.
  const atMs =
    result.stoppedBy === 'sim.horizon-exceeded' ? result.horizonMs : result.virtualDurationMs;
  return `the run stopped early (${result.stoppedBy}) at ${atMs} ms`;
}

/**
 * @param result - a run's result up to its early stop
 * @returns e.g. `the run stopped early (sim.horizon-exceeded) at 100 ms: 1 session in flight,
 *   89 first attempts not arrived`
 */
export function describeStopBooks(result: StoppedRunResult): string {
  const notArrived =
    result.notArrived > 0
      ? `, ${countOf(result.notArrived, 'first attempt', 'first attempts')} not arrived`
      : '';
  return `${describeStop(result)}: ${countOf(result.inFlight, 'session', 'sessions')} in flight${notArrived}`;
}

/** @returns `1 time`, `2 times`, … */
export const times = (n: number): string => `${n} ${n === 1 ? 'time' : 'times'}`;

/**
 * @param matcher - the matcher's name, for the message
 * @param received - what `expect` was given
 * @returns it, when it is a ScenarioRun (or the StoppedScenarioRun of a stopped one)
 * @throws TypeError otherwise
 */
export function asRun(matcher: string, received: unknown): RecordedRun {
  if (
    typeof received === 'object' &&
    received !== null &&
    'result' in received &&
    'events' in received &&
    'outcomes' in received &&
    'recorded' in received &&
    Array.isArray(received.events) &&
    Array.isArray(received.outcomes)
  ) {
    return received as RecordedRun;
  }
  throw new TypeError(
    `${matcher} takes the ScenarioRun that runScenario() returns, got ${describeNotAwaited(received, 'runScenario')}`,
  );
}

/**
 * What a matcher got instead of the result of an async function: a promise is named as one,
 * with the likely slip, a missing `await` (it showed as `{}`).
 * @param received - what `expect` was given
 * @param producer - the function whose result the matcher takes, e.g. `runScenario`
 * @returns e.g. `a Promise: did you forget to await runScenario()?`, else as
 *   describeReceived shows it
 */
export function describeNotAwaited(received: unknown, producer: string): string {
  return isPromiseLike(received)
    ? `a Promise: did you forget to await ${producer}()?`
    : describeReceived(received);
}

/**
 * @param matcher - the matcher's name, for the message
 * @param ref - an ETW event id or name that is not in the catalogue
 * @param log - true for a Windows Event Log id or name (domain §2.4)
 * @returns the error to throw: the matcher, the value, and the name it likely misspells
 * @example
 * notAnEvent('toHaveEmitted', 'DispatchSessionFailure').message;
 * // "toHaveEmitted: DispatchSessionFailure is not an event of the catalogue; did you mean DispatchSessionFailed?"
 */
export function notAnEvent(matcher: string, ref: unknown, log = false): TypeError {
  const names = (log ? eventLogCatalog : eventCatalog).map((entry) => entry.name);
  const suggestion = typeof ref === 'string' ? closestMatch(ref, names) : undefined;
  const what = log ? 'an SMSvcHost Event Log id or name' : 'an event of the catalogue';
  const hint = suggestion === undefined ? '' : `; did you mean ${suggestion}?`;
  return new TypeError(`${matcher}: ${String(ref)} is not ${what}${hint}`);
}

/** @returns a string quoted, a number as it is, for matcher hints */
export const quote = (ref: string | number): string =>
  typeof ref === 'string' ? `'${ref}'` : String(ref);

/**
 * @param value - a matcher's second argument: a count (`2`, `{ min: 1 }`) or options
 * @returns it as the caller wrote it, for the failure header: `2`, `{ min: 1, max: 3 }`;
 *   empty when none was given
 */
export function showArgument(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return quote(value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return describeReceived(value);
  }
  const entries = Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .map(([key, item]) => `${key}: ${showArgument(item)}`);
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

/**
 * @param state - the matcher's `this`
 * @param name - the matcher
 * @param expected - the first argument as shown
 * @param second - the second argument as shown (see {@link showArgument}), if one was given
 * @returns the first line of a failure message, e.g. `expect(run).not.toHaveEmitted(4031, 2)`
 */
export function header(state: MatcherState, name: string, expected: string, second = ''): string {
  return state.utils.matcherHint(name, 'run', expected, {
    isNot: state.isNot,
    secondArgument: second,
  });
}

/**
 * @param title - what the lines are
 * @param lines - excerpt lines
 * @returns a blank line, the title (with "first n of m" when cut) and the first lines
 */
export function firstLines(title: string, lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  const shown = lines.slice(0, EXCERPT_LINES);
  const of = lines.length > shown.length ? ` (first ${shown.length} of ${lines.length})` : '';
  return ['', `${title}${of}:`, ...shown];
}
