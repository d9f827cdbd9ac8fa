// MessageQueue: one per self-hosted base path or per WAS application (domain §1, §3.1 steps
// 7-8; SMS/MessageQueue.cs): the FIFO of pending sessions (on p-queue, see
// pending-sessions.ts) and the FIFO of idle workers, one token per registered worker.

import { Fifo } from '../core/fifo.js';
import type { QueueId } from '../core/ids.js';
import type { ServiceUri, Transport } from '../scenario/service-uri.js';
import { PendingSessions, type SettleTracker } from './pending-sessions.js';
import type { Session } from './session.js';
import type { WorkerProcess } from './worker-process.js';

/** Starts the dispatch of a session to a worker; calls `done` when it ends. */
export type StartDispatch = (
  queue: MessageQueue,
  session: Session,
  worker: WorkerProcess,
  done: () => void,
) => void;

/** A message queue. */
export class MessageQueue {
  readonly id: QueueId;
  /** The application it serves. */
  readonly app: string;
  readonly hosting: 'self' | 'was';
  readonly transport: Transport;
  /** The base addresses registered for it. */
  readonly paths: readonly ServiceUri[];
  /** Set when the queue is closed or deleted; a closed queue takes nothing. */
  closed = false;
  readonly #pending: PendingSessions<Session>;
  readonly #idle = new Fifo<WorkerProcess>();
  readonly #workers = new Set<WorkerProcess>();
  /** Dispatches in flight on workers unregistered since they started (see removeWorker). */
  #orphans = 0;
  readonly #startDispatch: StartDispatch;

  /**
   * @param id - the queue id
   * @param app - the application name
   * @param hosting - self-hosted or WAS
   * @param paths - its registered base addresses
   * @param startDispatch - begins a dispatch
   * @param settle - tracks p-queue's promise work for the run loop
   */
  constructor(
    id: QueueId,
    app: string,
    hosting: 'self' | 'was',
    paths: readonly ServiceUri[],
    startDispatch: StartDispatch,
    settle: SettleTracker,
  ) {
    this.id = id;
    this.app = app;
    this.hosting = hosting;
    this.paths = paths;
    this.transport = paths[0]?.transport ?? 'tcp';
    this.#startDispatch = startDispatch;
    this.#pending = new PendingSessions(this.#dispatchToIdleWorker, settle);
  }

  /** Sessions waiting for a worker. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Registered workers (including stopping ones that have not exited). */
  get workers(): ReadonlySet<WorkerProcess> {
    return this.#workers;
  }

  /**
   * Appends a session to the pending FIFO; it is dispatched as soon as a worker is idle.
   * The caller has checked CanDispatch and the limit (domain §3.1 step 7).
   * @param session - the session
   * @param onEnqueued - OnSessionEnqueued: runs with the session in the FIFO, before it is
   *   paired with a worker (EnqueueSessionAndDispatch calls it before DispatchSession); an
   *   activated queue asks WAS for a listener channel here, and a failed open (4025) faults
   *   the queue and drops the pending sessions, this one included (domain §6.3)
   */
  enqueue(session: Session, onEnqueued?: () => void): void {
    session.state = 'queued';
    this.#pending.add(session, onEnqueued);
  }

  // One function for every session of the queue, not a closure per session.
  readonly #dispatchToIdleWorker = (session: Session, done: () => void): void => {
    this.#startDispatch(this, session, this.#takeIdleWorker(), done);
  };

  /** @param worker - a newly registered worker; its idle token joins the FIFO */
  addWorker(worker: WorkerProcess): void {
    this.#workers.add(worker);
    // Registered again before its orphaned dispatch ended: that dispatch is its own again.
    if (worker.orphanedFrom === this) {
      worker.orphanedFrom = undefined;
      this.#orphans--;
    }
    // One token per worker: a token left from an earlier registration becomes valid again.
    if (!this.#idle.includes(worker)) this.#idle.push(worker);
    this.#pending.setWorkers(this.#workers.size, this.#orphans);
  }

  /**
   * Unregisters a worker; its idle token, if queued, is discarded when reached.
   * @param worker - the worker
   * @returns true when it was registered here
   */
  removeWorker(worker: WorkerProcess): boolean {
    if (!this.#workers.delete(worker)) return false;
    // A dispatch in flight on it runs on (a worker told to stop, domain §6.3) in a slot that
    // is not the registered workers' to lose (user report: queued sessions waited for the old
    // process to exit while the new one sat idle).
    if (worker.busy) {
      worker.orphanedFrom = this;
      this.#orphans++;
    }
    this.#pending.setWorkers(this.#workers.size, this.#orphans);
    return true;
  }

  /**
   * A dispatch to the worker ended: its idle token goes back if it is still registered; a
   * dispatch orphaned by its unregistration gives its slot up.
   * @param worker - the worker whose dispatch ended
   */
  dispatchEnded(worker: WorkerProcess): void {
    if (worker.orphanedFrom === this) {
      worker.orphanedFrom = undefined;
      this.#orphans--;
      this.#pending.setWorkers(this.#workers.size, this.#orphans);
      return;
    }
    if (this.#workers.has(worker)) this.#idle.push(worker);
  }

  /**
   * Drops every pending session (not those being dispatched).
   * @param onDropped - gives each its outcome
   * @returns how many were dropped
   */
  dropPending(onDropped: (session: Session) => void): number {
    return this.#pending.dropWaiting(onDropped);
  }

  // Domain §3.1 step 8: pop idle workers, discarding any no longer registered. p-queue's
  // concurrency equals the registered workers, so a task starts only when one is idle.
  #takeIdleWorker(): WorkerProcess {
    const idle = this.#idle;
    // p-queue's concurrency guarantees an idle registered worker, so the loop returns before
    // the FIFO is empty.
    for (let worker = idle.shift(); worker !== undefined; worker = idle.shift()) {
      if (this.#workers.has(worker) && !worker.busy) return worker;
    }
    throw new Error(
      `internal: queue ${this.app} started a dispatch with no idle registered worker (${this.#workers.size} registered)`,
    );
  }
}
