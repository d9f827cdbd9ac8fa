// DispatchEvent: the typed vocabulary of everything the simulator reports, one union member
// per ETW event of the catalogue (domain §2.1, §2.3; STYLE rules 12-13). The members are
// derived from the `as const` catalogue, so the catalogue and the types cannot drift: a new
// event is one catalogue row (plus, if it needs them, specific annotations below).

import type { Millis } from '../core/millis.js';
import type {
  ActivityId,
  ClientId,
  ListenerId,
  QueueId,
  SessionId,
  WorkerId,
} from '../core/ids.js';
import type { CatalogEntry } from './event-catalog.js';

/** The ETW symbolic names of every event the simulator can emit. */
export type DispatchEventName = CatalogEntry['name'];

/** The ETW ids of every event the simulator can emit. */
export type DispatchEventId = CatalogEntry['id'];

type EntryOf<N extends DispatchEventName> = Extract<CatalogEntry, { readonly name: N }>;

/**
 * The payload fields of an event as the model gives them to the bus: the manifest fields of
 * the catalogue, in order, typed by their ETW type, without the trailing AppDomain.
 */
export type PayloadFieldsOf<N extends DispatchEventName> = {
  readonly [F in EntryOf<N>['payload'][number] as F['name']]: F['type'] extends 'int32'
    ? number
    : string;
};

/**
 * The ETW payload of an event: its manifest fields, in order, then the AppDomain string that
 * every template of the provider ends with (domain §2.2): `SMSvcHost.exe` for SMSvcHost's
 * own events, the hosted application's AppDomain for the worker's (see `appDomainOf`).
 */
export type PayloadOf<N extends DispatchEventName> = Flatten<
  PayloadFieldsOf<N> & { readonly AppDomain: string }
>;

type Flatten<T> = { [K in keyof T]: T[K] };

/** Why a dispatch failed (domain §3.3): the three paths to 4031. */
export type DispatchFailurePath = 'F1' | 'F2' | 'F3';

/**
 * What the simulator knows about an event that ETW does not carry (domain §8 point 3).
 * These fields are annotations, clearly apart from the ETW payload.
 */
export interface EventAnnotations {
  readonly sessionId?: SessionId;
  readonly clientId?: ClientId;
  readonly attempt?: number;
  readonly app?: string;
  readonly via?: string;
  readonly queueId?: QueueId;
  readonly workerId?: WorkerId;
  readonly pid?: number;
  readonly listenerId?: ListenerId;
  readonly transport?: 'tcp' | 'pipe';
  readonly reason?: string;
  readonly fault?: string;
  readonly state?: string;
}

/**
 * Annotations of a session-activity event: the session, and the request and attempt it
 * serves, are always known (a 4031 is joined to its request by them).
 */
export interface SessionEventAnnotations extends EventAnnotations {
  readonly sessionId: SessionId;
  readonly clientId: ClientId;
  readonly attempt: number;
}

/**
 * Annotations of 4031 DispatchSessionFailed: the ETW event carries only the AppDomain
 * (`payload.AppDomain`, domain §2.2), so the via, the worker and the reason live here.
 */
export interface DispatchSessionFailedAnnotations extends SessionEventAnnotations {
  readonly app: string;
  readonly via: string;
  readonly workerId: WorkerId;
  readonly pid: number;
  readonly path: DispatchFailurePath;
  readonly reason: string;
}

/** Annotations of 4034 RoutingTableLookupStop: the result the ETW event does not carry. */
export interface RoutingTableLookupStopAnnotations extends SessionEventAnnotations {
  /** The application the via matched, or null on a miss. */
  readonly matched: string | null;
  /** Which of the three lookup passes of domain §3.1 step 6 matched. */
  readonly pass: 'strong-wildcard' | 'exact' | 'weak-wildcard' | null;
}

/** Events whose annotations have a specific shape. */
interface SpecificAnnotations {
  readonly DispatchSessionFailed: DispatchSessionFailedAnnotations;
  readonly RoutingTableLookupStop: RoutingTableLookupStopAnnotations;
}

/** The annotations type of one event. */
export type AnnotationsOf<N extends DispatchEventName> = N extends keyof SpecificAnnotations
  ? SpecificAnnotations[N]
  : EntryOf<N>['activity'] extends 'session'
    ? SessionEventAnnotations
    : EventAnnotations;

/** Fields every event has (STYLE rule 12). */
interface EventBase<N extends DispatchEventName> {
  /** Global sequence number, strictly increasing over a run (events and Event Log entries). */
  readonly seq: number;
  /** Virtual time of emission. */
  readonly atMs: Millis;
  readonly id: EntryOf<N>['id'];
  readonly name: N;
  readonly level: EntryOf<N>['level'];
  readonly channel: EntryOf<N>['channel'];
  readonly keywords: EntryOf<N>['keywords'];
  /** The manifest task name. */
  readonly task: EntryOf<N>['task']['name'];
  /** The manifest opcode name. */
  readonly opcode: EntryOf<N>['opcode']['name'];
  /** The English message, template filled in. */
  readonly message: string;
  readonly payload: PayloadOf<N>;
  readonly annotations: AnnotationsOf<N>;
}

/** The session's ETW activity, present on exactly the session-activity events (domain §2.2). */
interface SessionActivity {
  readonly activityId: ActivityId;
}

/** One member of the union: the event named N. */
export type EventOf<N extends DispatchEventName> = EventBase<N> &
  (EntryOf<N>['activity'] extends 'session' ? SessionActivity : unknown);

type Distribute<N> = N extends DispatchEventName ? EventOf<N> : never;

/** Every event the simulator emits: a discriminated union on `name` and on `id`. */
export type DispatchEvent = Distribute<DispatchEventName>;

/** Names of the events written with the session's ActivityId. */
export type SessionEventName = Extract<CatalogEntry, { readonly activity: 'session' }>['name'];
