// Expectations of a scenario: what a run must show, checked after the run and reported
// one by one as met or not, with the figure seen (issue 5).

import { z } from 'zod';
import type { DeepReadonly } from '../core/deep-freeze.js';
import { findEvent } from '../events/event-catalog.js';
import type { DispatchEventId, DispatchEventName } from '../events/dispatch-event.js';
import { eventLogCatalog, type EventLogName } from '../events/event-log-entry.js';
import { performanceCounterNames } from '../events/performance-counters.js';
import { sessionOutcomeKinds } from '../events/session-outcome.js';
import { eventLogRefJsonSchema, eventRefJsonSchema } from './json-schema-hints.js';

/**
 * A count bound: an exact number, or `{ equals, min, max }` (any of them, at least one): the
 * same spelling the matchers take (`toHaveEmitted(4031, { equals: 1 })`).
 */
export const countSchema = z.union([
  z.number().int().nonnegative(),
  z
    .strictObject({
      min: z.number().int().nonnegative().optional(),
      max: z.number().int().nonnegative().optional(),
      equals: z.number().int().nonnegative().optional(),
    })
    .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, {
      message: 'min must not exceed max',
    })
    .refine(
      (c) =>
        c.equals === undefined ||
        ((c.min === undefined || c.min <= c.equals) && (c.max === undefined || c.equals <= c.max)),
      { message: 'equals must lie between min and max' },
    )
    .refine((c) => c.min !== undefined || c.max !== undefined || c.equals !== undefined, {
      message: 'a count needs min, max or equals',
    })
    .meta({ minProperties: 1 }),
]);

/** A count bound after parsing. */
export type CountBound = DeepReadonly<z.output<typeof countSchema>>;

/**
 * The per-request figures of simulated clients (issue 7), spelt as the fields of
 * `result.requests` and of the `toHaveRequests` matcher.
 */
export const requestResultKinds = [
  'total',
  'succeededFirstTime',
  'succeededAfterRetry',
  'gaveUp',
  'attempts',
] as const;

/** One per-request figure. */
export type RequestResultKind = (typeof requestResultKinds)[number];

/**
 * The spellings of request figures before issue 15, accepted with a deprecation warning until
 * the next release, and what they now read.
 */
export const deprecatedRequestResultKinds: Readonly<Record<string, RequestResultKind>> = {
  'succeeded-first-time': 'succeededFirstTime',
  'succeeded-after-retry': 'succeededAfterRetry',
  'gave-up': 'gaveUp',
};

const requestsRef = z
  .enum([
    ...requestResultKinds,
    ...(Object.keys(deprecatedRequestResultKinds) as ['gave-up', ...string[]]),
  ])
  .meta({
    anyOf: [
      { enum: [...requestResultKinds] },
      { enum: Object.keys(deprecatedRequestResultKinds), deprecated: true },
    ],
  })
  .transform(
    (kind): RequestResultKind => deprecatedRequestResultKinds[kind] ?? (kind as RequestResultKind),
  );

/** An ETW event by its id or name, as the catalogue spells them. */
type EventRef = DispatchEventId | DispatchEventName;
/** An Event Log entry by its id or name. */
type EventLogRef = (typeof eventLogCatalog)[number]['id'] | EventLogName;

// Typed by the catalogue, as the matchers and `outcome`/`counter` are (user report: a misspelt
// event name in code compiled, and failed only when it ran). A file's value is checked at
// runtime, where a name in another case is taken too.
const eventRef = z
  .union([z.number().int().positive(), z.string().min(1)])
  .refine((ref) => findEvent(ref) !== undefined, {
    message: 'an event id or name from the catalogue (see `dispatchsim events`)',
  })
  .meta(eventRefJsonSchema()) as unknown as z.ZodType<EventRef, EventRef>;

const eventLogRef = z
  .union([z.number().int().positive(), z.string().min(1)])
  .refine(
    (ref) =>
      eventLogCatalog.some(
        (entry) => entry.id === ref || entry.name.toLowerCase() === String(ref).toLowerCase(),
      ),
    { message: 'an Event Log id (1-10) or name' },
  )
  .meta(eventLogRefJsonSchema()) as unknown as z.ZodType<EventLogRef, EventLogRef>;

const sessionsSchema = z.enum(['any', 'all']).default('any');

/**
 * The application an `event` or `outcome` expectation counts for (one of `apps[].name`): the
 * events and outcomes of the sessions routed to it, and the events that name it.
 */
const appRef = z.string().min(1);

/** One expectation. */
export const expectationSchema = z.union([
  z.strictObject({ event: eventRef, count: countSchema, app: appRef.optional() }),
  z.strictObject({ eventLog: eventLogRef, count: countSchema }),
  z.strictObject({
    outcome: z.enum(sessionOutcomeKinds),
    count: countSchema,
    app: appRef.optional(),
  }),
  z.strictObject({ counter: z.enum(performanceCounterNames), count: countSchema }),
  z.strictObject({ requests: requestsRef, count: countSchema }),
  z.strictObject({
    /**
     * Event ids (or names) that a session's activity events show in this order, one right
     * after the other, with no other activity event between them (a contiguous run).
     */
    sequence: z.array(eventRef).min(1),
    /** `any`: at least one session; `all`: every session that has the first event. */
    sessions: sessionsSchema,
  }),
  z.strictObject({
    /**
     * Event ids (or names) that a session's activity events show in this order; other
     * events may come between them.
     */
    subsequence: z.array(eventRef).min(1),
    /** `any`: at least one session; `all`: every session that has the first event. */
    sessions: sessionsSchema,
  }),
  z.strictObject({ invariant: z.enum(['balanced', 'deterministic']) }),
]);

/** An expectation after parsing. */
export type Expectation = DeepReadonly<z.output<typeof expectationSchema>>;
