// WorkerProcess: a process registered (or registering) with SMSvcHost: a self-hosted service
// with port sharing or a WAS worker (w3wp) (domain §1, §6.2). It has one idle token, so at
// most one dispatch is in flight to it (domain §3.1 step 8).

import type { WorkerId } from '../core/ids.js';
import type { Millis } from '../core/millis.js';
import type { TimerHandle } from '../core/virtual-clock.js';

/**
 * - `starting`: launched, not yet registered;
 * - `registered`: its registration succeeded; it takes dispatches;
 * - `stopping`: told to shut down (recycle, pool stop, idle): unregistered at once, alive until
 *   it exits, so a dispatch already in flight can still end either way;
 * - `disconnected`: alive but its control channel was lost (self-hosted: re-registers later);
 * - `exited`: the process is gone.
 */
export type WorkerState = 'starting' | 'registered' | 'stopping' | 'disconnected' | 'exited';

/** A dispatch in flight to a worker, which a crash or exit can cut short. */
export interface InFlightDispatch {
  /** Fails the dispatch now with F2 (the control channel died under it). */
  readonly failNow: (exception: string) => void;
}

/** A worker process. */
export class WorkerProcess {
  readonly id: WorkerId;
  readonly pid: number;
  /** The application it serves. */
  readonly app: string;
  /** 1-based ordinal among the application's workers, for fault targets. */
  readonly ordinal: number;
  state: WorkerState = 'starting';
  /** A dispatch is in flight (the idle token is out). */
  busy = false;
  inFlight: InFlightDispatch | undefined;
  /** The worker has taken at least one via (its service is activated). */
  activated = false;
  /** When a stopping worker exits. */
  exitAtMs: Millis | undefined;
  /** The last time a dispatch to it ended, for the idle timeout. */
  lastActiveMs: Millis;
  idleTimer: TimerHandle | undefined;
  /** In an overlapped recycle: the old worker this one replaces once it registers. */
  replaces: { readonly worker: WorkerProcess; readonly shutdownMs: number } | undefined;
  /** Consecutive failed re-registrations of a self-hosted worker (back-off). */
  reconnectAttempts = 0;

  /**
   * @param id - its id
   * @param app - the application it serves
   * @param ordinal - its ordinal among the application's workers
   * @param startedAtMs - when it was launched
   */
  constructor(id: WorkerId, app: string, ordinal: number, startedAtMs: Millis) {
    this.id = id;
    // Simulated PIDs: deterministic, Windows-like multiples of 4.
    this.pid = 4000 + id * 4;
    this.app = app;
    this.ordinal = ordinal;
    this.lastActiveMs = startedAtMs;
  }

  /** True while it takes new dispatches (registered, not told to stop). */
  get isRegistered(): boolean {
    return this.state === 'registered';
  }
}
