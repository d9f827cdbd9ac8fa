// The dispatchsim matchers on events (issue 7): ETW events by count and in order within one
// session's activity (domain §2.2), and Windows Event Log entries by count (domain §2.4).

import type { MatcherState } from 'vitest';
import type { DispatchEventId, DispatchEventName } from '../events/dispatch-event.js';
import type { EventLogName } from '../events/event-log-entry.js';
import { asRun, firstLines, header, quote, times, type MatcherResult } from './matcher-support.js';
import {
  activities,
  checkCountOptions,
  describeCount,
  eventLabel,
  findEventLog,
  formatRecord,
  matchSubsequence,
  withinCount,
  type CountOptions,
  type SubsequenceMatch,
} from './trace-excerpt.js';

/** An ETW event by id or symbolic name, e.g. `4031` or `'DispatchSessionFailed'`. */
export type EventRef = DispatchEventId | DispatchEventName;

/** Options of `toHaveEmittedInOrder`. */
export interface InOrderOptions {
  /** Only this session activity (an ActivityId); omitted, any session may show the order. */
  readonly activity?: string;
}

/** `toHaveEmitted`: how often an ETW event was emitted. */
export function toHaveEmitted(
  this: MatcherState,
  received: unknown,
  nameOrId: EventRef,
  count?: CountOptions,
): MatcherResult {
  const run = asRun('toHaveEmitted', received);
  const label = eventLabel(nameOrId);
  if (label === undefined) {
    throw new TypeError(`toHaveEmitted: ${String(nameOrId)} is not an event of the catalogue`);
  }
  const bound = checkCountOptions('toHaveEmitted', count);
  const id = Number(label.split(' ')[0]);
  const matching = run.events.filter((event) => event.id === id);
  const { utils } = this;
  return {
    pass: withinCount(matching.length, bound),
    actual: matching.length,
    message: () => {
      const wanted =
        this.isNot && bound === undefined
          ? 'never emitted'
          : `${this.isNot ? 'not ' : ''}emitted ${describeCount(bound)}`;
      const others = Object.entries(run.result.eventCounts)
        .map(([other, n]) => `${other} ×${n}`)
        .join(', ');
      return [
        header(this, 'toHaveEmitted', quote(nameOrId), count === undefined ? '' : 'count'),
        '',
        `Expected: ${utils.EXPECTED_COLOR(label)} ${wanted}`,
        `Received: ${utils.RECEIVED_COLOR(`emitted ${times(matching.length)}`)}`,
        ...firstLines(
          `${label} events`,
          matching.map((event) => formatRecord(event)),
        ),
        ...(matching.length === 0 ? ['', `Events emitted, by id: ${others || 'none'}`] : []),
      ].join('\n');
    },
  };
}

/** `toHaveLogged`: how often a Windows Event Log entry was written. */
export function toHaveLogged(
  this: MatcherState,
  received: unknown,
  nameOrId: number | EventLogName,
  count?: CountOptions,
): MatcherResult {
  const run = asRun('toHaveLogged', received);
  const entry = findEventLog(nameOrId);
  if (entry === undefined) {
    throw new TypeError(`toHaveLogged: ${String(nameOrId)} is not an SMSvcHost Event Log id`);
  }
  const bound = checkCountOptions('toHaveLogged', count);
  const label = `Event Log ${entry.id} ${entry.name}`;
  const matching = run.eventLog.filter((logged) => logged.id === entry.id);
  const { utils } = this;
  return {
    pass: withinCount(matching.length, bound),
    actual: matching.length,
    message: () =>
      [
        header(this, 'toHaveLogged', quote(nameOrId), count === undefined ? '' : 'count'),
        '',
        `Expected: ${utils.EXPECTED_COLOR(label)} ${this.isNot ? 'not ' : ''}written ${describeCount(bound)}`,
        `Received: ${utils.RECEIVED_COLOR(`written ${times(matching.length)}`)}`,
        ...firstLines(
          `${label} entries`,
          matching.map((logged) => formatRecord(logged)),
        ),
      ].join('\n'),
  };
}

function describeMatch(match: SubsequenceMatch): string[] {
  return match.events.map((event, index) =>
    formatRecord(event, match.matchedAt.has(index) ? '›' : ' '),
  );
}

/** `toHaveEmittedInOrder`: a subsequence of one session's activity events. */
export function toHaveEmittedInOrder(
  this: MatcherState,
  received: unknown,
  ids: readonly EventRef[],
  options: InOrderOptions = {},
): MatcherResult {
  const run = asRun('toHaveEmittedInOrder', received);
  const list: unknown = ids;
  if (!Array.isArray(list) || list.length === 0) {
    throw new TypeError('toHaveEmittedInOrder: give a non-empty list of event ids or names');
  }
  const labels = ids.map((ref) => {
    const label = eventLabel(ref);
    if (label === undefined) {
      throw new TypeError(`toHaveEmittedInOrder: ${String(ref)} is not an event of the catalogue`);
    }
    return label;
  });
  const wanted = labels.map((label) => Number(label.split(' ')[0]));
  const groups = activities(run.events);
  const candidates =
    options.activity === undefined
      ? [...groups]
      : [[options.activity, groups.get(options.activity) ?? []] as const];
  let best: SubsequenceMatch | undefined;
  for (const [activity, events] of candidates) {
    const match = matchSubsequence(activity, events, wanted);
    if (best === undefined || match.matched > best.matched) best = match;
    if (match.matched === wanted.length) break;
  }
  const pass = best !== undefined && best.matched === wanted.length;
  const { utils } = this;
  const order = labels.join(' → ');
  const scope =
    options.activity === undefined ? 'some session' : `the session of activity ${options.activity}`;
  return {
    pass,
    message: () => {
      const lines = [
        header(
          this,
          'toHaveEmittedInOrder',
          `[${ids.map(quote).join(', ')}]`,
          options.activity === undefined ? '' : 'options',
        ),
        '',
        `Expected: ${scope} ${this.isNot ? 'not ' : ''}to show, in order: ${utils.EXPECTED_COLOR(order)}`,
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
        lines.push(`Received: ${utils.RECEIVED_COLOR(`${who} shows it`)}`, '');
      } else {
        const next = labels[best.matched] ?? '';
        lines.push(
          `Received: ${utils.RECEIVED_COLOR(
            `no session does; the closest, ${who}, shows ${best.matched} of ${wanted.length} and then lacks ${next}`,
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
