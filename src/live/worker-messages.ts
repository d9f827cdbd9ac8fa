// The messages between the live listener and its worker processes over the IPC channel
// (issue 14). The hand-over carries the socket handle and the preamble bytes already read
// (net-framing.md A5: buffered data does not travel with a handle); the worker confirms it
// holds the socket, and then learns the dispatch's end from the listener; it tells the
// listener of a session it refuses.

/** The listener hands a connection over: sent with the socket as the IPC handle. */
export interface TakeMessage {
  readonly type: 'take';
  /** The session id (the model's). */
  readonly session: number;
  /** The bytes SMSvcHost read: version, mode, via, encoding (and whatever came with them). */
  readonly preamble: Uint8Array;
}

/** What the worker does once the dispatch ended in the model. */
export interface SettleMessage {
  readonly type: 'settle';
  readonly session: number;
  /**
   * `serve`: 4030, serve the session; `fault`: 4030, but the worker answers with a fault
   * (ServiceActivationFailed, EndpointNotFound); `reset`: F2/F3, or a stopping worker: reset.
   */
  readonly action: 'serve' | 'fault' | 'reset';
  readonly fault?: string | undefined;
}

/**
 * The model's worker process a served session was dispatched to ended (a crash, a recycle or
 * pool stop once its shutdown is over, an idle timeout): reset the session's connection, which
 * died with that process.
 */
export interface AbortMessage {
  readonly type: 'abort';
  readonly session: number;
}

/** The listener is shutting down: close every connection and exit. */
export interface ShutdownMessage {
  readonly type: 'shutdown';
}

/** A message from the listener to a worker. */
export type ToWorkerMessage = TakeMessage | SettleMessage | AbortMessage | ShutdownMessage;

/**
 * The worker's word on a session: it holds the socket, or it never got it; or a session it
 * served has closed.
 */
export interface SessionReplyMessage {
  readonly type: 'holding' | 'lost' | 'closed';
  readonly session: number;
}

/**
 * The worker refused what the client of a session it serves sent (an encoding, mode or
 * upgrade its binding does not take, a message over its size quota, bytes it cannot read),
 * as a WCF worker does after SMSvcHost's dispatch: it answered with a fault, or reset it.
 */
export interface RefusedMessage {
  readonly type: 'refused';
  readonly session: number;
  /** The fault it wrote (`MaxMessageSizeExceededFault`…); undefined when it reset. */
  readonly fault: string | undefined;
  /** Why, in a few words. */
  readonly reason: string;
}

/**
 * The worker listens for its messages and for its sockets' errors: the listener hands it
 * sockets only from then on (a socket handed over sooner could fail unheard, user report).
 */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** A message from a worker to the listener. */
export type FromWorkerMessage = SessionReplyMessage | RefusedMessage | ReadyMessage;
