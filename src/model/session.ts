// Session: one incoming connection and its progress through the pipeline (domain §3.2).
// The state moves only forward; `finish` is the one place a session gets its outcome.

import type { ClientId, SessionId } from '../core/ids.js';
import type { Millis } from '../core/millis.js';
import type { ServiceUri } from '../scenario/service-uri.js';

/** The states of domain §3.2 before a terminal outcome. */
export type SessionState =
  'backlogged' | 'reading-preamble' | 'routed' | 'queued' | 'dispatching' | 'finished';

/** The mutable record the model keeps per session (internal; outcomes are the public face). */
export interface Session {
  readonly id: SessionId;
  readonly clientId: ClientId;
  readonly attempt: number;
  /** Arrival ordinal (1-based) of first attempts and retries alike. */
  readonly nth: number;
  readonly arrivedAtMs: Millis;
  /** The via the client sends (after a `no-route` fault rewrote it, the rewritten one). */
  via: string;
  viaUri: ServiceUri | undefined;
  readonly localPort: number | undefined;
  state: SessionState;
  /** The application the via routed to. */
  app: string | null;
  /** The annotations every event of the session carries, built once and shared (frozen). */
  notes: SessionNotes | undefined;
}

/** Annotations common to a session's events. */
export interface SessionNotes {
  readonly sessionId: SessionId;
  readonly clientId: ClientId;
  readonly attempt: number;
}
