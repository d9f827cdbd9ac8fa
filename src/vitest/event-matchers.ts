// The dispatchsim matchers on events (issue 7): ETW events by count, in a row or in order
// within one session's activity (domain §2.2), and Windows Event Log entries by count
// (domain §2.4).

import type { MatcherState } from 'vitest';
import { closestMatch } from '../core/closest-match.js';
import { describeReceived } from '../errors/describe-received.js';
import type { DispatchEventId, DispatchEventName } from '../events/dispatch-event.js';
import type { EventLogName } from '../events/event-log-entry.js';
import { unsimulatedEventIds } from '../events/event-catalog.js';
import {
  asRun,
  firstLines,
  header,
  notAnEvent,
  quote,
  showArgument,
  times,
  type MatcherResult,
} from './matcher-support.js';
import {
  activities,
  checkCountOptions,
  describeCount,
  eventLabel,
  findEventLog,
  formatRecord,
  matchContiguous,
  matchSubsequence,
  withinCount,
  type Count,
  type SubsequenceMatch,
} from './trace-excerpt.js';
import { describeRecorded, keptEvent, type RecordedParts } from './record-options.js';

/** An ETW event by id or symbolic name, e.g. `4031` or `'DispatchSessionFailed'`. */
export type EventRef = DispatchEventId | DispatchEventName;

/** Options of `toHaveEmittedInOrder` and `toHaveEmittedSubsequence`. */
export interface InOrderOptions {
  /** Only this session activity (an ActivityId); omitted, any session may show the order. */
  readonly activity?: string | undefined;
}

/** `toHaveEmitted`: how often an ETW event was emitted. */
export function toHaveEmitted(
  this: MatcherState,
  received: unknown,
  nameOrId: EventRef,
  count?: Count,
): MatcherResult {
  const run = asRun('toHaveEmitted', received);
  const label = eventLabel(nameOrId);
  if (label === undefined) throw notAnEvent('toHaveEmitted', nameOrId);
  const bound = checkCountOptions('toHaveEmitted', count);
  const id = Number(label.split(' ')[0]);
  // Counted from the run's tallies, which are kept whatever runScenario recorded; the
  // recorded events are the examples.
  const emitted = run.result.eventCounts[String(id)] ?? 0;
  const kept = keptEvent(run.recorded, id);
  const matching = kept ? run.events.filter((event) => event.id === id) : [];
  const { utils } = this;
  return {
    pass: withinCount(emitted, bound),
    actual: emitted,
    message: () => {
      const wanted =
        this.isNot && bound === undefined
          ? 'never emitted'
          : `${this.isNot ? 'not ' : ''}emitted ${describeCount(bound)}`;
      const others = Object.entries(run.result.eventCounts)
        .map(([other, n]) => `${other} ×${n}`)
        .join(', ');
      return [
        header(this, 'toHaveEmitted', quote(nameOrId), showArgument(count)),
        '',
        `Expected: ${utils.EXPECTED_COLOR(label)} ${wanted}`,
        `Received: ${utils.RECEIVED_COLOR(`emitted ${times(emitted)}`)}`,
        ...(kept
          ? firstLines(
              `${label} events`,
              matching.map((event) => formatRecord(event)),
            )
          : ['', `(${label} events were not recorded: ${describeRecorded(run.recorded)})`]),
        ...(emitted === 0 ? ['', `Events emitted, by id: ${others || 'none'}`] : []),
        // As validate warns (user report: "emitted 0 times" alone).
        ...(unsimulatedEventIds.has(id as DispatchEventId)
          ? [
              '',
              `${label} is not simulated: the simulator never emits it, so only a count of 0 meets this`,
            ]
          : []),
      ].join('\n');
    },
  };
}

/** `toHaveLogged`: how often a Windows Event Log entry was written. */
export function toHaveLogged(
  this: MatcherState,
  received: unknown,
  nameOrId: number | EventLogName,
  count?: Count,
): MatcherResult {
  const run = asRun('toHaveLogged', received);
  const entry = findEventLog(nameOrId);
  if (entry === undefined) throw notAnEvent('toHaveLogged', nameOrId, true);
  const bound = checkCountOptions('toHaveLogged', count);
  const label = `Event Log ${entry.id} ${entry.name}`;
  // Counted from the run's tallies, as toHaveEmitted counts.
  const written = run.result.eventLogCounts[String(entry.id)] ?? 0;
  const matching = run.eventLog.filter((logged) => logged.id === entry.id);
  const { utils } = this;
  return {
    pass: withinCount(written, bound),
    actual: written,
    message: () =>
      [
        header(this, 'toHaveLogged', quote(nameOrId), showArgument(count)),
        '',
        `Expected: ${utils.EXPECTED_COLOR(label)} ${this.isNot ? 'not ' : ''}written ${describeCount(bound)}`,
        `Received: ${utils.RECEIVED_COLOR(`written ${times(written)}`)}`,
        ...(run.recorded.eventLog
          ? firstLines(
              `${label} entries`,
              matching.map((logged) => formatRecord(logged)),
            )
          : ['', `(Event Log entries were not recorded: ${describeRecorded(run.recorded)})`]),
      ].join('\n'),
  };
}

function describeMatch(match: SubsequenceMatch): string[] {
  return match.events.map((event, index) =>
    formatRecord(event, match.matchedAt.has(index) ? '›' : ' '),
  );
}

// A session's events can be checked only where they were kept: in a row needs every event
// (one left out could stand between two kept ones), in order needs those named.
function requireRecorded(
  matcher: string,
  recorded: RecordedParts,
  wanted: readonly number[],
  contiguous: boolean,
): void {
  if (recorded.events === 'all') return;
  if (contiguous) {
    throw new TypeError(
      `${matcher}: the run recorded only some events (${describeRecorded(recorded)}), and events in a row need them all; record every event (the default), or use toHaveEmittedSubsequence`,
    );
  }
  const missing = wanted.filter((id) => !keptEvent(recorded, id));
  if (missing.length > 0) {
    throw new TypeError(
      `${matcher}: ${missing.map((id) => eventLabel(id) ?? String(id)).join(', ')} ${missing.length === 1 ? 'was' : 'were'} not recorded (${describeRecorded(recorded)}); add ${missing.length === 1 ? 'it' : 'them'} to record.events`,
    );
  }
}

// From JavaScript a misspelt option would be dropped, and any session could then match.
function checkInOrderOptions(matcher: string, options: unknown): void {
  const fail = (problem: string): never => {
    throw new TypeError(`${matcher}: the options are { activity? }; ${problem}`);
  };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    fail(`got ${describeReceived(options)}`);
    return;
  }
  for (const [key, value] of Object.entries(options)) {
    if (key !== 'activity') {
      const hint = closestMatch(key, ['activity']);
      fail(`'${key}' is not one of them${hint === undefined ? '' : `; did you mean ${hint}?`}`);
    }
    if (value !== undefined && typeof value !== 'string') {
      fail(`activity must be an ActivityId string, got ${describeReceived(value)}`);
    }
  }
}

function inOrder(
  state: MatcherState,
  matcher: 'toHaveEmittedInOrder' | 'toHaveEmittedSubsequence',
  received: unknown,
  ids: readonly EventRef[],
  options: InOrderOptions,
): MatcherResult {
  const contiguous = matcher === 'toHaveEmittedInOrder';
  checkInOrderOptions(matcher, options);
  const run = asRun(matcher, received);
  const list: unknown = ids;
  if (!Array.isArray(list) || list.length === 0) {
    throw new TypeError(`${matcher}: give a non-empty list of event ids or names`);
  }
  const labels = ids.map((ref) => {
    const label = eventLabel(ref);
    if (label === undefined) throw notAnEvent(matcher, ref);
    return label;
  });
  const wanted = labels.map((label) => Number(label.split(' ')[0]));
  requireRecorded(matcher, run.recorded, wanted, contiguous);
  const groups = activities(run.events);
  const candidates =
    options.activity === undefined
      ? [...groups]
      : [[options.activity, groups.get(options.activity) ?? []] as const];
  const match = contiguous ? matchContiguous : matchSubsequence;
  let best: SubsequenceMatch | undefined;
  for (const [activity, events] of candidates) {
    const found = match(activity, events, wanted);
    if (best === undefined || found.matched > best.matched) best = found;
    if (found.matched === wanted.length) break;
  }
  const pass = best !== undefined && best.matched === wanted.length;
  const { utils } = state;
  const order = labels.join(' → ');
  const how = contiguous ? 'in a row (nothing between)' : 'in order (others may come between)';
  const scope =
    options.activity === undefined ? 'some session' : `the session of activity ${options.activity}`;
  return {
    pass,
    message: () => {
      const lines = [
        header(
          state,
          matcher,
          `[${ids.map(quote).join(', ')}]`,
          options.activity === undefined ? '' : showArgument(options),
        ),
        '',
        `Expected: ${scope} ${state.isNot ? 'not ' : ''}to show, ${how}: ${utils.EXPECTED_COLOR(order)}`,
      ];
      if (best === undefined || best.events.length === 0) {
        lines.push(
          `Received: ${utils.RECEIVED_COLOR(
            options.activity === undefined
              ? 'no event carries a session ActivityId'
              : `no event carries activity ${options.activity}`,
          )}`,
        );
        return lines.join('\n');
      }
      const session = best.events[0]?.annotations.sessionId;
      const who = `session ${session} (activity ${best.activity})`;
      if (pass) {
        lines.push(
          `Received: ${utils.RECEIVED_COLOR(`${who} shows it`)}`,
          '',
          "That session's events (› matched):",
        );
      } else {
        const next = labels[best.matched] ?? '';
        lines.push(
          `Received: ${utils.RECEIVED_COLOR(
            `no session does; the closest, ${who}, shows ${best.matched} of ${wanted.length} ${contiguous ? 'in a row' : 'in order'} and then lacks ${next}`,
          )}`,
          '',
          `Sessions checked: ${candidates.length}. The closest session's events (› matched):`,
        );
      }
      lines.push(...describeMatch(best));
      return lines.join('\n');
    },
  };
}

/**
 * `toHaveEmittedInOrder`: one session's activity events show these ids one right after the
 * other, with no other activity event between them (a contiguous run), as a scenario's
 * `sequence` expectation does.
 */
export function toHaveEmittedInOrder(
  this: MatcherState,
  received: unknown,
  ids: readonly EventRef[],
  options: InOrderOptions = {},
): MatcherResult {
  return inOrder(this, 'toHaveEmittedInOrder', received, ids, options);
}

/**
 * `toHaveEmittedSubsequence`: one session's activity events show these ids in this order,
 * other events allowed between them, as a scenario's `subsequence` expectation does.
 */
export function toHaveEmittedSubsequence(
  this: MatcherState,
  received: unknown,
  ids: readonly EventRef[],
  options: InOrderOptions = {},
): MatcherResult {
  return inOrder(this, 'toHaveEmittedSubsequence', received, ids, options);
}
