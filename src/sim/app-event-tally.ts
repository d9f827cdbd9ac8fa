// AppEventTally: how many of some events concerned each application, for the expectations
// that count an event for one app (`{ event: 4031, app: billing, count: 0 }`). An event that
// names its app (annotations.app: 4008, 4031, a worker's registration, …) counts for it at
// once; an event of a session that names none (4001, 4019, 4030, a fault sent, …) waits for
// the session's outcome, which gives the app the session was routed to (none: it counts for
// no app). Only the events some expectation names are heard, and only sessions in flight are
// held: memory follows what is in flight, not the length of the run.

import type { SessionId } from '../core/ids.js';
import type { DispatchEvent } from '../events/dispatch-event.js';
import type { SessionOutcome } from '../events/session-outcome.js';

/** The count of an event for an app, read by checkExpectations. */
export type AppEventCounts = ReadonlyMap<string, number>;

/**
 * @param id - an ETW event id
 * @param app - an application's name
 * @returns the key of {@link AppEventCounts} for them
 */
export function appEventKey(id: number, app: string): string {
  return `${id} ${app}`;
}

/** Counts per application the events it is given (subscribe it to those to count). */
export class AppEventTally {
  readonly #counts = new Map<string, number>();
  /** Per session in flight, the ids of its events that named no app, in order. */
  readonly #waiting = new Map<SessionId, number[]>();

  /** Sessions in flight with events waiting for their outcome (for tests of the bound). */
  get waitingSessions(): number {
    return this.#waiting.size;
  }

  /** @param event - an event to count */
  onEvent(event: DispatchEvent): void {
    const annotations = event.annotations as { app?: unknown; sessionId?: SessionId };
    if (typeof annotations.app === 'string') {
      this.#add(event.id, annotations.app);
      return;
    }
    const sessionId = annotations.sessionId;
    if (sessionId === undefined) return;
    const ids = this.#waiting.get(sessionId);
    if (ids === undefined) this.#waiting.set(sessionId, [event.id]);
    else ids.push(event.id);
  }

  /** @param outcome - a session's outcome: its waiting events count for its app */
  onOutcome(outcome: SessionOutcome): void {
    const ids = this.#waiting.get(outcome.sessionId);
    if (ids === undefined) return;
    this.#waiting.delete(outcome.sessionId);
    if (outcome.app === null) return;
    for (const id of ids) this.#add(id, outcome.app);
  }

  /** @returns the counts so far, by {@link appEventKey} */
  counts(): AppEventCounts {
    return this.#counts;
  }

  #add(id: number, app: string): void {
    const key = appEventKey(id, app);
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }
}
