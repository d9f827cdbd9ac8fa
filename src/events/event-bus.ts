// EventBus: the one place events are stamped and delivered (STYLE §5.4). Typed on
// eventemitter3 with an object map derived from the DispatchEvent union, so that
// `bus.on('DispatchSessionFailed', e => …)` narrows `e` to the 4031 member. Listeners run
// synchronously in registration order, which is deterministic; they must not throw.

import { EventEmitter } from 'eventemitter3';
import { closestMatch } from '../core/closest-match.js';
import { activityIdOf, type ActivityId, type SessionId } from '../core/ids.js';
import { ms, roundToMicros, type Millis } from '../core/millis.js';
import type {
  AnnotationsOf,
  DispatchEvent,
  DispatchEventId,
  DispatchEventName,
  EventAnnotations,
  PayloadFieldsOf,
} from './dispatch-event.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { SimulationAlreadyRunError } from '../errors/simulation-already-run-error.js';
import { appDomainOf, SMSVCHOST_APP_DOMAIN } from './app-domain.js';
import { eventCatalog, findEvent, type CatalogEntry } from './event-catalog.js';
import {
  EVENT_LOG_SOURCE,
  eventLogDescriptor,
  type EventLogEntry,
  type EventLogName,
} from './event-log-entry.js';

/** The eventemitter3 map: each event name to its one-element argument tuple (STYLE rule 14). */
export type EventBusMap = {
  [E in DispatchEvent as E['name']]: [event: E];
} & {
  /** Every ETW event, for recorders and reporters. */
  event: [event: DispatchEvent];
  /** Every Windows Event Log entry (domain §2.4). */
  eventLog: [entry: EventLogEntry];
};

/** The names a listener can subscribe to. */
export type EventBusChannel = keyof EventBusMap;

/** The member of the union with one ETW id, e.g. `EventOfId<4031>`. */
export type EventOfId<I extends DispatchEventId> = Extract<DispatchEvent, { readonly id: I }>;

/** The payload of events that carry only the implied AppDomain: one frozen object for all. */
export const NO_PAYLOAD: Readonly<Record<string, never>> = Object.freeze({});

/** The emitted payload of SMSvcHost's events without fields: one frozen object for all. */
const SMSVCHOST_ONLY = Object.freeze({ AppDomain: SMSVCHOST_APP_DOMAIN });

/**
 * What an emitter passes as annotations (and as a payload that costs something to build) when
 * {@link EventBus.hears} said nobody listens: the bus then only counts the event, so neither
 * is read. Passing it for an event someone hears is a model bug, which emit reports.
 */
export const UNHEARD: never = Object.freeze({}) as never;

/** What an {@link EventBus} needs to know of the scenario's applications. */
export interface EventBusOptions {
  /**
   * The self-hosted applications: the worker's events about them carry the process's exe
   * AppDomain (`<app>.exe`) instead of IIS's (see `appDomainOf`). @default none
   */
  readonly selfHostedApps?: Iterable<string>;
}

/** Something that tells the time: the virtual clock. */
export interface TimeSource {
  now(): Millis;
}

interface CompiledDescriptor {
  readonly entry: CatalogEntry;
  /** The entry's ETW id, read by every emit. */
  readonly id: number;
  readonly fieldNames: readonly string[];
  /** The message template split at its `%n` markers: text, field index, text, … */
  readonly parts: readonly (string | number)[];
  readonly sessionActivity: boolean;
  /** Written by the worker, whose AppDomain depends on the application. */
  readonly byWorker: boolean;
  /**
   * Messages and emitted payloads already built, by the model's payload object (and, for
   * the worker's events, by AppDomain): one lookup per event.
   */
  readonly rendered: WeakMap<object, Rendered | Map<string, Rendered>>;
}

/** What an event shows of its payload: the message and the payload with its AppDomain. */
interface Rendered {
  readonly message: string;
  readonly payload: object;
}

function compile(entry: CatalogEntry): CompiledDescriptor {
  const parts: (string | number)[] = [];
  const pattern = /%(\d+)/g;
  let last = 0;
  for (const match of entry.message.matchAll(pattern)) {
    parts.push(entry.message.slice(last, match.index), Number(match[1]) - 1);
    last = match.index + match[0].length;
  }
  parts.push(entry.message.slice(last));
  return {
    entry,
    id: entry.id,
    fieldNames: entry.payload.map((field) => field.name),
    parts,
    sessionActivity: entry.activity === 'session',
    byWorker: entry.emitter === 'worker',
    rendered: new WeakMap(),
  };
}

/** What {@link EventBus.on} takes besides the catalogue's names and ids. */
const CHANNELS: readonly string[] = ['event', 'eventLog'];

const channelNames: readonly string[] = [...CHANNELS, ...eventCatalog.map((entry) => entry.name)];

/** The channel a subscription names, by name or ETW id; throws when there is none. */
function channelOf(channel: unknown): EventBusChannel {
  const name =
    typeof channel === 'number'
      ? findEvent(channel)?.name
      : typeof channel === 'string' && channelNames.includes(channel)
        ? (channel as EventBusChannel)
        : undefined;
  if (name !== undefined) return name;
  throw new InvalidOptionError(
    'on',
    "an ETW event name or id of the catalogue, 'event' or 'eventLog'",
    channel,
    'config.invalid-option',
    typeof channel === 'string' ? closestMatch(channel, channelNames) : undefined,
  );
}

/** Slots of the ActivityId cache (a power of two). */
const ACTIVITY_CACHE_SIZE = 1024;

const MAX_EVENT_ID = Math.max(...eventCatalog.map((entry) => entry.id));

const compiledByName = new Map<string, CompiledDescriptor>(
  eventCatalog.map((entry) => [entry.name, compile(entry)]),
);

// Payloads are frozen once emitted, so one payload object always gives the same message
// and the same emitted payload (the model's fields, then the AppDomain, domain §2.2) for one
// event: the model shares payloads that recur (a via, a ratio), and each is rendered once
// (per AppDomain for the worker's events).
function render(
  descriptor: CompiledDescriptor,
  payload: Readonly<Record<string, unknown>>,
  app: string | undefined,
  selfHosted: ReadonlySet<string>,
): Rendered {
  const cached = descriptor.rendered.get(payload);
  // Stryker disable next-line ConditionalExpression,BlockStatement: a shortcut; SMSvcHost's events taken down the worker's path get appDomainOf's SMSvcHost.exe and the same per-payload cache
  if (!descriptor.byWorker) {
    if (cached !== undefined) return cached as Rendered;
    const rendered = buildRendered(descriptor, payload, SMSVCHOST_APP_DOMAIN);
    descriptor.rendered.set(payload, rendered);
    return rendered;
  }
  const hosting = app !== undefined && selfHosted.has(app) ? 'self' : 'was';
  const appDomain = appDomainOf(descriptor.entry.emitter, app, hosting);
  let byAppDomain = cached as Map<string, Rendered> | undefined;
  if (byAppDomain === undefined) {
    byAppDomain = new Map();
    descriptor.rendered.set(payload, byAppDomain);
  }
  let rendered = byAppDomain.get(appDomain);
  if (rendered === undefined) {
    rendered = buildRendered(descriptor, payload, appDomain);
    byAppDomain.set(appDomain, rendered);
  }
  return rendered;
}

function buildRendered(
  descriptor: CompiledDescriptor,
  payload: Readonly<Record<string, unknown>>,
  appDomain: string,
): Rendered {
  Object.freeze(payload);
  return {
    message: buildMessage(descriptor, payload),
    payload:
      payload === NO_PAYLOAD && appDomain === SMSVCHOST_APP_DOMAIN
        ? SMSVCHOST_ONLY
        : Object.freeze({ ...payload, AppDomain: appDomain }),
  };
}

function buildMessage(descriptor: CompiledDescriptor, payload: Readonly<Record<string, unknown>>) {
  const { parts, fieldNames } = descriptor;
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
    } else {
      // Stryker disable next-line StringLiteral: the catalogue test pins every %n to a declared field, so the fallback key is never read
      const value = payload[fieldNames[part] ?? ''];
      text += typeof value === 'number' || typeof value === 'string' ? String(value) : '';
    }
  }
  return text;
}

let endBus: (bus: EventBus, run: { readonly scenario: string; readonly seed: number }) => void;

/**
 * Marks a simulation's bus as done once its run ended (internal, not exported by the
 * package): a later `on()` throws SimulationAlreadyRunError, as nothing would reach it.
 * @param bus - the simulation's bus
 * @param run - its scenario's name and seed, for the message
 */
export function endEventBus(
  bus: EventBus,
  run: { readonly scenario: string; readonly seed: number },
): void {
  endBus(bus, run);
}

/**
 * The typed event bus of a simulation. It stamps `seq` and `atMs`, fills the message,
 * freezes the event and emits it on its own name and then on `'event'`.
 */
export class EventBus {
  static {
    endBus = (bus, run) => {
      bus.#ended = run;
    };
  }

  readonly #emitter = new EventEmitter<EventBusMap>();
  /** The run that ended, once it has: nothing more is emitted, and no one may subscribe. */
  #ended: { readonly scenario: string; readonly seed: number } | undefined;
  readonly #clock: TimeSource;
  /** Events emitted per id (a sparse array indexed by event id). */
  readonly #countsById = new Uint32Array(MAX_EVENT_ID + 1);
  /** Listeners per channel, kept here so that emit can skip building unheard events cheaply. */
  readonly #listeners = new Map<EventBusChannel, number>();
  /** Listeners on each event's own name, by event id: emit's check without a Map lookup. */
  readonly #listenersById = new Uint32Array(MAX_EVENT_ID + 1);
  /** Whether anyone listens on `'event'`. */
  #hearsAll = false;
  readonly #logCounts = new Map<number, number>();
  #seq = 0;
  readonly #selfHostedApps: ReadonlySet<string>;

  /**
   * @param clock - where `atMs` comes from
   * @param options - what the bus needs to know of the scenario's applications
   */
  constructor(clock: TimeSource, options: EventBusOptions = {}) {
    this.#clock = clock;
    this.#selfHostedApps = new Set(options.selfHostedApps);
  }

  /**
   * Subscribes to one event, by name or ETW id, to `'event'` (every ETW event) or to
   * `'eventLog'`.
   * @param channel - the event name (`'DispatchSessionFailed'`) or id (`4031`), or a channel
   * @param listener - called synchronously, in registration order; must not throw
   * @returns a function that unsubscribes
   * @throws InvalidOptionError when the channel is no event name or id of the catalogue,
   *   `'event'` or `'eventLog'` (plain JavaScript could otherwise subscribe to a misspelt name
   *   and never hear anything), or when the listener is not a function
   * @example
   * bus.on('DispatchSessionFailed', (e) => console.log(e.annotations.reason));
   * bus.on(4031, (e) => console.log(e.annotations.reason));
   */
  on<K extends EventBusChannel>(
    channel: K,
    listener: (...args: EventBusMap[K]) => void,
  ): () => void;
  on<I extends DispatchEventId>(id: I, listener: (event: EventOfId<I>) => void): () => void;
  on(channel: EventBusChannel | DispatchEventId, listener: (event: never) => void): () => void {
    const name = channelOf(channel);
    if (this.#ended !== undefined) {
      throw new SimulationAlreadyRunError({
        ...this.#ended,
        subscription: { by: `events.on(${String(channel)})`, awaits: 'event' },
      });
    }
    if (typeof listener !== 'function') {
      throw new InvalidOptionError(`on(${String(channel)})`, 'a listener function', listener);
    }
    // The overloads tie each channel to its listener's argument; eventemitter3 is viewed
    // untyped here only.
    const emitter = this.#emitter as unknown as EventEmitter<Record<string, [unknown]>>;
    const handler = listener as (event: unknown) => void;
    emitter.on(name, handler);
    this.#countListeners(name);
    return () => {
      emitter.off(name, handler);
      this.#countListeners(name);
    };
  }

  #countListeners(name: EventBusChannel): void {
    const count = this.#emitter.listenerCount(name);
    this.#listeners.set(name, count);
    const id = compiledByName.get(name)?.entry.id;
    if (id !== undefined) this.#listenersById[id] = count;
    this.#hearsAll = this.#emitter.listenerCount('event') > 0;
  }

  /**
   * Whether an event of this name reaches anyone (a listener on its name or on `'event'`).
   * The model asks before building annotations on its busiest paths, and passes
   * {@link UNHEARD} when nobody listens: the event is still counted.
   * @param name - the event
   * @returns true when emitting it delivers an event object
   */
  hears(name: DispatchEventName): boolean {
    return this.#hearsAll || (this.#listeners.get(name) ?? 0) > 0;
  }

  /** Number of events and Event Log entries emitted so far (the last `seq`). */
  get seq(): number {
    return this.#seq;
  }

  /**
   * How many events of each id were emitted, whether or not anyone listened.
   * @returns a map from event id to count, in ascending id order
   */
  counts(): ReadonlyMap<number, number> {
    const counts = new Map<number, number>();
    this.#countsById.forEach((count, id) => {
      if (count > 0) counts.set(id, count);
    });
    return counts;
  }

  /**
   * How many Event Log entries of each id were written.
   * @returns a map from Event Log id to count, in ascending id order
   */
  logCounts(): ReadonlyMap<number, number> {
    return new Map([...this.#logCounts].sort((a, b) => a[0] - b[0]));
  }

  /**
   * Emits an ETW event. The session-activity events get the session's ActivityId from
   * `annotations.sessionId` (domain §2.2).
   * @param name - the event
   * @param payload - its ETW payload fields, without the AppDomain, which the bus adds
   * @param annotations - what the simulator knows beyond ETW
   */
  emit<N extends DispatchEventName>(
    name: N,
    payload: PayloadFieldsOf<N>,
    annotations: AnnotationsOf<N>,
  ): void {
    // The counting path, small enough for the optimizing compiler to inline into the model:
    // most events of a large run are only counted (issue 12).
    const descriptor = compiledByName.get(name) as CompiledDescriptor;
    const id = descriptor.id;
    const seq = ++this.#seq;
    this.#countsById[id] = (this.#countsById[id] ?? 0) + 1;
    const listenedByName = (this.#listenersById[id] ?? 0) > 0;
    if (listenedByName || this.#hearsAll) {
      this.#deliver(descriptor, seq, listenedByName, payload, annotations);
    }
  }

  // Builds the frozen event and emits it on its own name (when heard there) and on 'event'.
  #deliver(
    descriptor: CompiledDescriptor,
    seq: number,
    listenedByName: boolean,
    payload: Readonly<Record<string, unknown>>,
    annotations: EventAnnotations,
  ): void {
    const { entry } = descriptor;
    const name = entry.name;
    const emitter = this.#emitter;
    if (annotations === UNHEARD) throw new Error(`internal: ${name} emitted unannotated`);
    const sessionId = annotations.sessionId;
    const rendered = render(descriptor, payload, annotations.app, this.#selfHostedApps);
    // Two fixed object shapes (with and without activityId) keep property access fast.
    const event =
      descriptor.sessionActivity && sessionId !== undefined
        ? {
            seq,
            atMs: this.#now(),
            id: entry.id,
            name,
            level: entry.level,
            channel: entry.channel,
            keywords: entry.keywords,
            task: entry.task.name,
            opcode: entry.opcode.name,
            activityId: this.#activityOf(sessionId),
            message: rendered.message,
            payload: rendered.payload,
            annotations: Object.freeze(annotations),
          }
        : {
            seq,
            atMs: this.#now(),
            id: entry.id,
            name,
            level: entry.level,
            channel: entry.channel,
            keywords: entry.keywords,
            task: entry.task.name,
            opcode: entry.opcode.name,
            message: rendered.message,
            payload: rendered.payload,
            annotations: Object.freeze(annotations),
          };
    Object.freeze(event);
    // The object is built from the catalogue row of `name`, so it is that member of the union.
    const typed = event as unknown as DispatchEvent;
    // The name's own channel carries exactly this member; the map's union of tuples cannot
    // be narrowed by name here, so the emitter is viewed by name.
    // Stryker disable next-line ConditionalExpression: a shortcut; eventemitter3 emits on a name nobody listens to as a no-op
    if (listenedByName)
      (emitter as unknown as EventEmitter<Record<string, [DispatchEvent]>>).emit(name, typed);
    emitter.emit('event', typed);
  }

  // An event's instant, rounded to the microsecond as traces write it: virtual time is a sum
  // of sampled durations in floating point, and an event read in code showed
  // 2242.6459999999997 where the trace of the same run wrote 2242.646 (user report).
  #now(): Millis {
    return ms(roundToMicros(this.#clock.now()));
  }

  // The ActivityIds of recent sessions, in a direct-mapped cache by session id: the events of
  // sessions in flight interleave (the last session's id alone missed 60% of the time in the
  // M/M/8 benchmark), and each id would otherwise be formatted again for each of its events.
  readonly #activitySessions = new Float64Array(ACTIVITY_CACHE_SIZE);
  readonly #activityIds: (ActivityId | undefined)[] = new Array<ActivityId | undefined>(
    ACTIVITY_CACHE_SIZE,
  ).fill(undefined);

  #activityOf(session: SessionId): ActivityId {
    const slot = session & (ACTIVITY_CACHE_SIZE - 1);
    let activity = this.#activityIds[slot];
    // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: a cache; computing the ActivityId again gives the same string
    if (activity === undefined || this.#activitySessions[slot] !== session) {
      activity = activityIdOf(session);
      this.#activityIds[slot] = activity;
      this.#activitySessions[slot] = session;
    }
    return activity;
  }

  /**
   * Writes a Windows Event Log entry (domain §2.4).
   * @param name - the Event Log entry
   * @param details - lines appended to the description (worker PID, source, exception)
   * @param annotations - what the simulator knows beyond the entry
   */
  log(name: EventLogName, details: readonly string[], annotations: EventAnnotations): void {
    const seq = ++this.#seq;
    const descriptor = eventLogDescriptor(name);
    this.#logCounts.set(descriptor.id, (this.#logCounts.get(descriptor.id) ?? 0) + 1);
    if ((this.#listeners.get('eventLog') ?? 0) === 0) return;
    const entry: EventLogEntry = Object.freeze({
      seq,
      atMs: this.#now(),
      log: 'System',
      source: EVENT_LOG_SOURCE,
      id: descriptor.id,
      name,
      level: descriptor.level,
      category: descriptor.category,
      message: [descriptor.message, ...details].join('\n'),
      annotations: Object.freeze(annotations),
    });
    this.#emitter.emit('eventLog', entry);
  }
}
