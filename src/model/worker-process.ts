// WorkerProcess: one registration of a process with SMSvcHost, as SMSvcHost's own
// WorkerProcess object is (one per control session; domain §1, §6.2): a self-hosted service
// with port sharing, or one application's listener channel inside a WAS worker process
// (w3wp, see w3wp-process.ts), which registers once per application of its pool. It has one
// idle token, so at most one dispatch is in flight to it (domain §3.1 step 8).

import type { WorkerId } from '../core/ids.js';

/**
 * - `starting`: launched, not yet registered;
 * - `registered`: its registration succeeded; it takes dispatches;
 * - `stopping`: its process was told to shut down (recycle, pool stop, idle): unregistered
 *   at once, alive until the process exits, so a dispatch already in flight can still end
 *   either way;
 * - `disconnected`: alive but its control channel was lost (self-hosted: re-registers later);
 * - `exited`: the registration is over: its process exited, or (WAS) its app domain was torn
 *   down after a 4031.
 */
export type WorkerState = 'starting' | 'registered' | 'stopping' | 'disconnected' | 'exited';

/** A dispatch in flight to a worker, which a crash or exit can cut short. */
export interface InFlightDispatch {
  /**
   * Fails the dispatch now with F2 (the control channel died under it).
   * @param exception - what the callback fails with
   * @param cause - why, for the outcome's reason (`the worker process exited`)
   */
  readonly failNow: (exception: string, cause: string) => void;
}

/** A registration of a worker process. */
export class WorkerProcess {
  /** The registration's id (the `workerId` annotation); one per control session. */
  readonly id: WorkerId;
  /** The process's id, shared by every registration of one w3wp (domain §6.2). */
  readonly pid: number;
  /** The application it serves. */
  readonly app: string;
  /**
   * 1-based ordinal of its process, for fault targets: among the processes started for its
   * application pool (WAS) or for its application (self-hosted).
   */
  readonly ordinal: number;
  state: WorkerState = 'starting';
  /** A dispatch is in flight (the idle token is out). */
  busy = false;
  /**
   * The queue that unregistered it while a dispatch was in flight, until that dispatch ends:
   * the dispatch's slot there is no registered worker's (MessageQueue.removeWorker).
   */
  orphanedFrom: { dispatchEnded(worker: WorkerProcess): void } | undefined = undefined;
  inFlight: InFlightDispatch | undefined;
  /** The worker has taken at least one via (its service is activated). */
  activated = false;
  /** Consecutive failed re-registrations of a self-hosted worker (back-off). */
  reconnectAttempts = 0;

  /**
   * @param id - the registration's id
   * @param pid - its process's id
   * @param app - the application it serves
   * @param ordinal - its process's ordinal (see {@link WorkerProcess.ordinal})
   */
  constructor(id: WorkerId, pid: number, app: string, ordinal: number) {
    this.id = id;
    this.pid = pid;
    this.app = app;
    this.ordinal = ordinal;
  }

  /** True while it takes new dispatches (registered, not told to stop). */
  get isRegistered(): boolean {
    return this.state === 'registered';
  }
}
