// Branded identifiers (STYLE rule 15). They are built only here, sequentially, so a run's
// ids depend on nothing but the order of events; never on crypto or the wall clock.

declare const idBrand: unique symbol;
type Brand<T, B extends string> = T & { readonly [idBrand]: B };

/** One incoming connection ("session") accepted by a transport listener. */
export type SessionId = Brand<number, 'SessionId'>;
/** The ETW activity GUID a session's events carry (domain §2.2). */
export type ActivityId = Brand<string, 'ActivityId'>;
/** A worker process registered (or registering) with SMSvcHost. */
export type WorkerId = Brand<number, 'WorkerId'>;
/** A message queue: one per self-hosted base path or per WAS application (domain §1). */
export type QueueId = Brand<number, 'QueueId'>;
/** A transport listener: one per TCP IP endpoint or per pipe base address (domain §1). */
export type ListenerId = Brand<number, 'ListenerId'>;
/** A logical client request; its retries are further sessions with the same client id. */
export type ClientId = Brand<number, 'ClientId'>;

/** A counter that hands out ids 1, 2, 3… of one brand. */
export interface IdSequence<T> {
  /** @returns the next id */
  next(): T;
  /** @returns how many ids have been handed out */
  readonly count: number;
}

function createSequence<T>(wrap: (n: number) => T): IdSequence<T> {
  let count = 0;
  return {
    next: () => wrap(++count),
    get count() {
      return count;
    },
  };
}

/** @returns a sequence of session ids starting at 1 */
export function createSessionIds(): IdSequence<SessionId> {
  return createSequence((n) => n as SessionId);
}

/** @returns a sequence of worker ids starting at 1 */
export function createWorkerIds(): IdSequence<WorkerId> {
  return createSequence((n) => n as WorkerId);
}

/** @returns a sequence of queue ids starting at 1 */
export function createQueueIds(): IdSequence<QueueId> {
  return createSequence((n) => n as QueueId);
}

/** @returns a sequence of listener ids starting at 1 */
export function createListenerIds(): IdSequence<ListenerId> {
  return createSequence((n) => n as ListenerId);
}

/** @returns a sequence of client ids starting at 1 */
export function createClientIds(): IdSequence<ClientId> {
  return createSequence((n) => n as ClientId);
}

/**
 * The activity GUID of a session. Real SMSvcHost draws a fresh GUID per session
 * (domain §2.2); the simulator derives it from the session id so that traces are
 * readable and identical across runs.
 * @param session - the session
 * @returns a GUID-shaped string such as `00000000-0000-0000-0000-00000000002a`
 */
export function activityIdOf(session: SessionId): ActivityId {
  return `00000000-0000-0000-0000-${session.toString(16).padStart(12, '0')}` as ActivityId;
}
