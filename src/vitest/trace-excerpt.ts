// Trace excerpts for the matchers' failure messages (issue 7): the few lines of a recorded
// run that explain a failure (a session's activity events, the first matching events, the
// attempts of a request), formatted as plain text. Pure: no vitest, no colours.

import { describeReceived } from '../errors/describe-received.js';
import { roundToMicros, type Millis } from '../core/millis.js';
import type { DispatchEvent } from '../events/dispatch-event.js';
import { findEvent } from '../events/event-catalog.js';
import { eventLogCatalog } from '../events/event-log-entry.js';
import type { SessionOutcome } from '../events/session-outcome.js';
import { isEventLogEntry, type TraceRecord } from '../events/trace.js';

/** How many example lines a failure message shows. */
export const EXCERPT_LINES = 5;

/** A count bound of a matcher: exactly, at least, at most. */
export interface CountOptions {
  /** Exactly this many. */
  readonly times?: number;
  /** At least this many. */
  readonly min?: number;
  /** At most this many. */
  readonly max?: number;
}

/**
 * @param count - a count
 * @param bound - the bound; omitted means at least once
 * @returns whether the count is within the bound
 */
export function withinCount(count: number, bound: CountOptions | undefined): boolean {
  if (bound === undefined) return count >= 1;
  return (
    (bound.times === undefined || count === bound.times) &&
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
  const { min, max, times: exactly } = bound ?? { min: 1 };
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
 * @param bound - what a caller passed as a count bound
 * @returns the bound, checked
 * @throws TypeError when it is not `{ times?, min?, max? }` of non-negative integers
 */
export function checkCountOptions(matcher: string, bound: unknown): CountOptions | undefined {
  if (bound === undefined) return undefined;
  const fail = (problem: string): never => {
    throw new TypeError(`${matcher}: the count must be { times?, min?, max? }; ${problem}`);
  };
  if (typeof bound !== 'object' || bound === null) return fail(`got ${describeReceived(bound)}`);
  const record = bound as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (key !== 'times' && key !== 'min' && key !== 'max') fail(`'${key}' is not one of them`);
    if (
      value !== undefined &&
      !(typeof value === 'number' && Number.isInteger(value) && value >= 0)
    ) {
      fail(`${key} must be an integer >= 0, got ${describeReceived(value)}`);
    }
  }
  const { min, max } = record;
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    fail(`min (${min}) exceeds max (${max})`);
  }
  return bound;
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
