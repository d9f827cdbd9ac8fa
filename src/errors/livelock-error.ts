// LivelockError: virtual time stopped moving. Timers kept firing at one instant (or promise
// work kept asking for event-loop hops) with nothing happening: no event, no arrival, no
// outcome; or a client policy kept retrying at once a request whose attempts failed at once
// (a full queue), which happens at every retry but never lets time move. Without this guard
// such a run would spin forever and never reach its horizon.

import { countOf } from './count-of.js';
import { DispatchsimError } from './dispatchsim-error.js';

/** A run whose clock stopped moving while its timers kept firing. */
export class LivelockError extends DispatchsimError {
  /** The virtual time the run was stuck at, in ms. */
  readonly atMs: number;
  /** Timers fired in all. */
  readonly steps: number;
  /** Sessions (or client requests) without an outcome. */
  readonly open: number;
  /** Who scheduled the timer that kept firing (e.g. `idle-timeout`), or the promise work. */
  readonly owner: string;
  /**
   * How many times it fired (or hops were made) at that instant without progress; for a
   * retried request, how many times it was retried at that instant.
   */
  readonly repeats: number;
  /** The client request retried at once again and again, when that is what kept time still. */
  readonly retriedRequest: number | undefined;

  /**
   * @param fields - the figures of the run when it stopped
   */
  constructor(fields: {
    atMs: number;
    steps: number;
    open: number;
    owner: string;
    repeats: number;
    /** The request a client policy retried at once (`owner` is then the failure, e.g. `queue-full`). */
    retriedRequest?: number | undefined;
  }) {
    const what =
      fields.retriedRequest === undefined
        ? `a timer of '${fields.owner}' fired ${countOf(fields.repeats, 'time', 'times')} at that instant with nothing happening`
        : `the client policy retried request ${fields.retriedRequest} ${countOf(fields.repeats, 'time', 'times')} at that instant, each attempt failing at once (${fields.owner}); time cannot move while it does: give the retry a delay (a scenario's retry: delayMs or baseMs above 0; a code policy's { retry: true, afterMs }) or a limit on attempts (maxAttempts)`;
    super(
      'sim.livelock',
      `The run is stuck at ${fields.atMs} ms of virtual time: ${what} (${countOf(fields.steps, 'step', 'steps')} in all, ${countOf(fields.open, 'session or request', 'sessions or requests')} without an outcome)`,
    );
    this.retriedRequest = fields.retriedRequest;
    this.atMs = fields.atMs;
    this.steps = fields.steps;
    this.open = fields.open;
    this.owner = fields.owner;
    this.repeats = fields.repeats;
  }
}
