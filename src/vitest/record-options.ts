// What runScenario keeps of a run (its `record` option). By default it keeps everything: every
// ETW event, every Event Log entry and every session's outcome, so that any matcher can look.
// That is about 3 KB a session (a 300,000-session run of the benchmark queue held 886 MB, 907 MB at its peak RSS; user
// report: the docs said 1 KB), so a large run keeps only what
// its test looks at: the events it names, and no outcomes. The matchers that count (events,
// Event Log entries, outcomes, requests, the books) read the run's own tallies, which are kept
// whatever is recorded; those that look into a session's events refuse to look where nothing
// was kept.

import { z } from 'zod';
import type { DispatchEventId, DispatchEventName } from '../events/dispatch-event.js';
import { eventCatalog, findEvent } from '../events/event-catalog.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { closestMatch } from '../core/closest-match.js';
import { parseOptions } from '../scenario/parse-options.js';

/** What `runScenario`'s `record` option keeps of the run. */
export interface RecordOptions {
  /**
   * The ETW events kept in `events` and `trace`: `'all'`, or a list of ids or names
   * (`[4031, 'DispatchSessionStart']`). @default 'all'
   */
  readonly events?: 'all' | readonly (DispatchEventId | DispatchEventName)[];
  /** Keep the Windows Event Log entries in `eventLog` and `trace`. @default true */
  readonly eventLog?: boolean;
  /** Keep every session's outcome in `outcomes`. @default true */
  readonly outcomes?: boolean;
}

/** What a `ScenarioRun` kept: `record` after defaults, with events by id. */
export interface RecordedParts {
  /** `'all'`, or the ids of the ETW events kept, ascending. */
  readonly events: 'all' | readonly DispatchEventId[];
  /** Whether the Event Log entries were kept. */
  readonly eventLog: boolean;
  /** Whether every session's outcome was kept. */
  readonly outcomes: boolean;
}

/** Everything kept: runScenario's default. */
export const RECORD_EVERYTHING: RecordedParts = Object.freeze({
  events: 'all',
  eventLog: true,
  outcomes: true,
});

const recordOptionsSchema = z.strictObject({
  events: z.union([z.literal('all'), z.array(z.union([z.number(), z.string()]))]).default('all'),
  eventLog: z.boolean().default(true),
  outcomes: z.boolean().default(true),
});

const expectations = {
  events: "'all' or a list of ETW event ids or names",
  eventLog: 'true or false',
  outcomes: 'true or false',
} satisfies Record<keyof z.input<typeof recordOptionsSchema>, string>;

const eventNames = eventCatalog.map((entry) => entry.name);

/**
 * @param record - runScenario's `record` option, as the caller wrote it
 * @returns what the run keeps
 * @throws InvalidOptionError (`config.invalid-option`) naming the option, e.g.
 *   `record.events[1]`, what it takes and what it got (with the event name it likely
 *   misspells); its subclass UnknownOptionError for a key `record` does not take
 */
export function parseRecordOptions(record: unknown): RecordedParts {
  if (record === undefined) return RECORD_EVERYTHING;
  const parsed = parseOptions(recordOptionsSchema, record, {
    owner: 'runScenario record',
    expected: expectations,
    whole: 'an object such as { events: [4031], outcomes: false }',
    wholeName: 'record',
    nameOf: (key) => `record.${key}`,
  });
  if (parsed.events === 'all') return Object.freeze({ ...parsed, events: 'all' });
  const ids = parsed.events.map((ref, index) => {
    const entry = findEvent(ref);
    if (entry === undefined) {
      const suggestion = typeof ref === 'string' ? closestMatch(ref, eventNames) : undefined;
      throw new InvalidOptionError(
        `record.events[${index}]`,
        `an ETW event id or name of the catalogue${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}`,
        ref,
      );
    }
    return entry.id;
  });
  const events = Object.freeze([...new Set(ids)].sort((a, b) => a - b));
  return Object.freeze({ ...parsed, events });
}

/**
 * @param recorded - what a run kept
 * @param id - an ETW event id
 * @returns whether the run kept every event of that id
 */
export function keptEvent(recorded: RecordedParts, id: number): boolean {
  return recorded.events === 'all' || (recorded.events as readonly number[]).includes(id);
}

/**
 * @param recorded - what a run kept
 * @returns how a matcher's message says what was kept, e.g. `record: { events: [4031] }`
 */
export function describeRecorded(recorded: RecordedParts): string {
  const parts = [
    recorded.events === 'all' ? undefined : `events: [${recorded.events.join(', ')}]`,
    recorded.eventLog ? undefined : 'eventLog: false',
    recorded.outcomes ? undefined : 'outcomes: false',
  ].filter((part) => part !== undefined);
  return `record: { ${parts.join(', ')} }`;
}
