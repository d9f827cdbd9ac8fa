// Trace excerpts for the matchers' failure messages (issue 7): the few lines of a recorded
// run that explain a failure (a session's activity events, the first matching events, the
// attempts of a request), formatted as plain text. Pure: no vitest, no colours.

import { describeReceived } from '../errors/describe-received.js';
import { closestMatch } from '../core/closest-match.js';
import { warnDeprecated } from '../io/deprecation.js';
import { roundToMicros, type Millis } from '../core/millis.js';
import type { DispatchEvent } from '../events/dispatch-event.js';
import { findEvent } from '../events/event-catalog.js';
import { eventLogCatalog } from '../events/event-log-entry.js';
import type { SessionOutcome } from '../events/session-outcome.js';
import { isEventLogEntry, type TraceRecord } from '../events/trace.js';

/** How many example lines a failure message shows. */
export const EXCERPT_LINES = 5;

/**
 * A count bound of a matcher, spelt as a scenario's `count`: exactly (`equals`), at least,
 * at most, or a mix.
 */
export interface CountOptions {
  /** Exactly this many. */
  readonly equals?: number;
  /** At least this many. */
  readonly min?: number;
  /** At most this many. */
  readonly max?: number;
  /**
   * Exactly this many: the spelling before issue 15, accepted with a deprecation warning
   * until the next release.
   * @deprecated use `equals`
   */
  readonly times?: number;
}

/** What a matcher takes as a count: a number (exactly) or a bound, as a scenario's `count`. */
export type Count = number | CountOptions;

/**
 * @param count - a count
 * @param bound - the bound; omitted means at least once
 * @returns whether the count is within the bound
 */
export function withinCount(count: number, bound: CountOptions | undefined): boolean {
  if (bound === undefined) return count >= 1;
  return (
    (bound.equals === undefined || count === bound.equals) &&
    (bound.min === undefined || count >= bound.min) &&
    (bound.max === undefined || count <= bound.max)
  );
}

const times = (n: number): string => `${n} ${n === 1 ? 'time' : 'times'}`;

/**
 * @param bound - a count bound; omitted means at least once
 * @param unit - how a number reads: `times` (`exactly 2 times`) or `figure` (`2`, `>= 1`)
 * @returns it in words, e.g. `exactly 2 times`, `between 1 and 3 times`
 */
export function describeCount(
  bound: CountOptions | undefined,
  unit: 'times' | 'figure' = 'times',
): string {
  const { min, max, equals: exactly } = bound ?? { min: 1 };
  const parts: string[] = [];
  if (unit === 'figure') {
    if (exactly !== undefined) parts.push(String(exactly));
    if (min !== undefined && max !== undefined) parts.push(`between ${min} and ${max}`);
    else if (min !== undefined) parts.push(`>= ${min}`);
    else if (max !== undefined) parts.push(`<= ${max}`);
    return parts.join(' and ');
  }
  if (exactly !== undefined) parts.push(`exactly ${times(exactly)}`);
  if (min !== undefined && max !== undefined) parts.push(`between ${min} and ${times(max)}`);
  else if (min !== undefined) parts.push(`at least ${times(min)}`);
  else if (max !== undefined) parts.push(`at most ${times(max)}`);
  return parts.join(' and ');
}

/**
 * @param matcher - the matcher's name, for the message
 * @param bound - what a caller passed as a count: a number or `{ equals?, min?, max? }`
 * @returns the bound, checked, with a number or the deprecated `times` read as `equals`
 * @throws TypeError when it is not a non-negative integer or such a bound, or cannot be met
 */
export function checkCountOptions(matcher: string, bound: unknown): CountOptions | undefined {
  if (bound === undefined) return undefined;
  const fail = (problem: string): never => {
    throw new TypeError(
      `${matcher}: the count must be a whole number >= 0, or { equals?, min?, max? } of whole numbers; ${problem}`,
    );
  };
  const isCount = (value: unknown): value is number =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0;
  if (typeof bound === 'number') {
    return isCount(bound) ? { equals: bound } : fail(`got ${describeReceived(bound)}`);
  }
  if (typeof bound !== 'object' || bound === null) return fail(`got ${describeReceived(bound)}`);
  const record = bound as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (key !== 'equals' && key !== 'min' && key !== 'max' && key !== 'times') {
      const hint = closestCountKey(key);
      fail(`'${key}' is not one of them${hint === undefined ? '' : `; did you mean ${hint}?`}`);
    }
    if (value !== undefined && !isCount(value)) {
      fail(`${key} must be an integer >= 0, got ${describeReceived(value)}`);
    }
  }
  const { min, max, times } = record;
  let { equals } = record;
  if (times !== undefined) {
    warnDeprecated(
      'DISPATCHSIM_COUNT_TIMES',
      `${matcher}: the count { times } is deprecated and will be removed in the next release; write { equals } (or a plain number), as a scenario's count does`,
    );
    if (equals !== undefined && equals !== times)
      fail(`times (${describeReceived(times)}) and equals (${describeReceived(equals)}) differ`);
    equals = times;
  }
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    fail(`min (${min}) exceeds max (${max})`);
  }
  if (
    typeof equals === 'number' &&
    ((typeof min === 'number' && equals < min) || (typeof max === 'number' && equals > max))
  ) {
    fail(`equals (${equals}) lies outside min..max, so no run can meet it`);
  }
  return {
    ...(equals === undefined ? {} : { equals: equals as number }),
    ...(min === undefined ? {} : { min: min as number }),
    ...(max === undefined ? {} : { max: max as number }),
  };
}

// `{ time: 1 }`, `{ exactly: 1 }`, `{ eq: 1 }` are all trying to say `equals`.
function closestCountKey(key: string): string | undefined {
  if (/^(time|exactly|exact|eq|equal|is|count|n)$/i.test(key)) return 'equals';
  return closestMatch(key, ['equals', 'min', 'max']);
}

/**
 * @param ref - an ETW event id or symbolic name
 * @returns the catalogue's id and name, e.g. `4031 DispatchSessionFailed`, or undefined
 */
export function eventLabel(ref: number | string): string | undefined {
  const entry = findEvent(ref);
  return entry === undefined ? undefined : `${entry.id} ${entry.name}`;
}

/**
 * @param ref - a Windows Event Log id or name (domain §2.4)
 * @returns its id and name, or undefined
 */
export function findEventLog(ref: number | string): { id: number; name: string } | undefined {
  return eventLogCatalog.find(
    (entry) => entry.id === ref || entry.name.toLowerCase() === String(ref).toLowerCase(),
  );
}

function formatMs(atMs: Millis): string {
  return `${roundToMicros(atMs)}ms`;
}

/**
 * One trace record as an aligned line: seq, virtual time, id and name, session, and for
 * 4031 the failure path and reason the ETW event does not carry (domain §8 point 3).
 * @param record - an ETW event or Event Log entry
 * @param marker - a one-character mark put before the line
 * @returns the line, indented
 */
export function formatRecord(record: TraceRecord, marker = ' '): string {
  const label = isEventLogEntry(record)
    ? `Event Log ${record.id} ${record.name}`
    : `${record.id} ${record.name}`;
  const session = record.annotations.sessionId;
  let line = `${marker} ${`#${record.seq}`.padEnd(6)} ${formatMs(record.atMs).padStart(9)}  ${label}`;
  if (session !== undefined) line += `  session ${session}`;
  if (!isEventLogEntry(record) && record.name === 'DispatchSessionFailed') {
    line += `  (${record.annotations.path}: ${record.annotations.reason})`;
  }
  return `  ${line}`;
}

/**
 * @param outcome - a session's outcome
 * @returns one line: session, request and attempt, time, kind, what the client saw, why
 */
export function formatOutcome(outcome: SessionOutcome): string {
  const seen =
    outcome.client.result === 'fault'
      ? `fault ${outcome.client.fault ?? ''}`
      : outcome.client.result;
  return `    session ${outcome.sessionId} (request ${outcome.clientId}, attempt ${outcome.attempt}) @ ${formatMs(outcome.atMs)}: ${outcome.kind}, client ${seen}; ${outcome.reason}`;
}

/**
 * @param attempts - the outcomes of one request's attempts, in order
 * @returns one line listing each attempt's outcome and what its client saw
 */
export function formatRequest(attempts: readonly SessionOutcome[]): string {
  const first = attempts[0];
  if (first === undefined) return '';
  const steps = attempts.map(
    (o) =>
      `#${o.attempt} ${o.kind} (${o.client.result === 'fault' ? (o.client.fault ?? 'fault') : o.client.result}) @ ${formatMs(o.atMs)}`,
  );
  return `    request ${first.clientId}: ${steps.join(' → ')}`;
}

/**
 * Groups events by the session ActivityId they carry (domain §2.2), in first-seen order.
 * @param events - the recorded ETW events
 * @returns each activity's events, in emission order
 */
export function activities(
  events: readonly DispatchEvent[],
): ReadonlyMap<string, readonly DispatchEvent[]> {
  const groups = new Map<string, DispatchEvent[]>();
  for (const event of events) {
    if (!('activityId' in event)) continue;
    const list = groups.get(event.activityId);
    if (list === undefined) groups.set(event.activityId, [event]);
    else list.push(event);
  }
  return groups;
}

/** How far one activity goes along a wanted run or subsequence of event ids. */
export interface SubsequenceMatch {
  readonly activity: string;
  readonly events: readonly DispatchEvent[];
  /** How many of the wanted ids, from the first, it shows (in a row, or in order). */
  readonly matched: number;
  /** The events that matched, by index in `events`. */
  readonly matchedAt: ReadonlySet<number>;
}

/**
 * @param activity - the ActivityId
 * @param events - that activity's events
 * @param ids - the wanted event ids, in order
 * @returns the longest prefix of them that the events show as a contiguous run (nothing
 *   between them), and where (the first such run)
 */
export function matchContiguous(
  activity: string,
  events: readonly DispatchEvent[],
  ids: readonly number[],
): SubsequenceMatch {
  let best = 0;
  let bestStart = 0;
  for (let start = 0; start < events.length && best < ids.length; start++) {
    let n = 0;
    while (n < ids.length && start + n < events.length && events[start + n]?.id === ids[n]) n++;
    if (n > best) {
      best = n;
      bestStart = start;
    }
  }
  const matchedAt = new Set<number>();
  for (let i = 0; i < best; i++) matchedAt.add(bestStart + i);
  return { activity, events, matched: best, matchedAt };
}

/**
 * @param activity - the ActivityId
 * @param events - that activity's events
 * @param ids - the wanted event ids, in order
 * @returns how many of them the events show as a subsequence, and where
 */
export function matchSubsequence(
  activity: string,
  events: readonly DispatchEvent[],
  ids: readonly number[],
): SubsequenceMatch {
  const matchedAt = new Set<number>();
  let next = 0;
  events.forEach((event, index) => {
    if (next < ids.length && event.id === ids[next]) {
      matchedAt.add(index);
      next++;
    }
  });
  return { activity, events, matched: next, matchedAt };
}

/**
 * Groups outcomes by logical request (client id), each request's attempts in order.
 * @param outcomes - every session's outcome
 * @returns one list of attempts per request, in order of the requests' first outcome
 */
export function requestGroups(outcomes: readonly SessionOutcome[]): SessionOutcome[][] {
  const groups = new Map<number, SessionOutcome[]>();
  for (const outcome of outcomes) {
    const list = groups.get(outcome.clientId);
    if (list === undefined) groups.set(outcome.clientId, [outcome]);
    else list.push(outcome);
  }
  return [...groups.values()].map((list) => list.sort((a, b) => a.attempt - b.attempt));
}
