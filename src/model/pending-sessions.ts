// PendingSessions: a message queue's FIFO of sessions waiting for a worker, on p-queue
// (domain §3.1 steps 7-8; STYLE §5.5). This is the only file that imports p-queue.
//
// Mapping: one task per queued session; `concurrency` = registered workers, so a worker has
// at most one dispatch in flight; paused while no worker is registered. p-queue 9's clear()
// never settles removed tasks, so dropping goes through a per-task abort signal, and the
// caller gives each dropped session its outcome. No `interval` or `timeout` option is used:
// both read the wall clock; every delay is a wait on the virtual clock.

import PQueue from 'p-queue';

/**
 * The part of AbortSignal that p-queue uses. Node's AbortController costs about nine times
 * p-queue's own per-task work (measured: 961k → 109k tasks/s), so each task gets this
 * minimal signal instead; p-queue only calls the members below.
 */
class TaskSignal {
  aborted = false;
  reason: unknown = undefined;
  #listener: (() => void) | undefined;

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    this.#listener = listener;
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    if (this.#listener === listener) this.#listener = undefined;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listener = this.#listener;
    this.#listener = undefined;
    listener?.();
  }
}

/** The reason a dropped task's promise is rejected with; never surfaces to users. */
class DroppedFromQueue {
  readonly dropped = true;
}

/** Counts promise work in flight for the run loop (the virtual clock implements it). */
export interface SettleTracker {
  beginSettle(): void;
  endSettle(): void;
  /**
   * Receives an error thrown inside a task, where no caller would see it (p-queue would turn
   * it into an unhandled rejection and the run into a misleading stall); the run loop
   * rethrows it.
   */
  fail(error: unknown): void;
}

interface Waiting<T> {
  readonly item: T;
  readonly signal: TaskSignal;
}

/** A FIFO of items waiting for a worker, run at most `concurrency` at a time. */
export class PendingSessions<T> {
  readonly #queue = new PQueue({ concurrency: 1, autoStart: false });
  /** Items added but not started, in FIFO order, with their signals (for dropping). */
  readonly #waiting = new Set<Waiting<T>>();
  readonly #settle: SettleTracker;
  /** True while dropWaiting aborts tasks: p-queue's `next` events then are not completions. */
  #dropping = false;
  /**
   * An item in the FIFO whose `onEnqueued` reaction runs before it may start (see add), and
   * whether that reaction dropped it. Two fields, not an object: add() is on every session's
   * path and allocates nothing for this.
   */
  #arriving: T | undefined;
  #arrivingState: 'none' | 'waiting' | 'dropped' = 'none';

  /**
   * @param settle - told when a dispatch ends (p-queue then starts the next task from a
   *   microtask) and when p-queue has done so (its `next` event), so that the run loop lets
   *   exactly that promise work settle before it moves virtual time
   */
  constructor(settle: SettleTracker) {
    this.#settle = settle;
    this.#queue.on('next', () => {
      if (!this.#dropping) settle.endSettle();
    });
  }

  /** Sessions waiting for a worker (not yet started). */
  get size(): number {
    return this.#queue.size;
  }

  /** Dispatches in flight. */
  get running(): number {
    return this.#queue.pending;
  }

  /**
   * Follows worker registration: concurrency is the number of registered workers, and the
   * queue is paused while there is none (p-queue's concurrency cannot be 0).
   * @param workers - registered workers
   */
  setWorkers(workers: number): void {
    if (workers === 0) {
      this.#queue.pause();
      return;
    }
    // Both start tasks synchronously when sessions wait and a worker is free.
    this.#queue.concurrency = workers;
    this.#queue.start();
  }

  /**
   * Queues an item. `start` is called when a worker is free (synchronously, if one is free
   * now) and calls `done` when its dispatch ends. The caller checks the limit
   * (maxPendingConnections) against `size` first.
   * @param item - the session
   * @param start - begins the dispatch; calls `done` exactly once, on virtual time
   * @param onEnqueued - runs once the item is in the FIFO and before it can start
   *   (MessageQueue.EnqueueSessionAndDispatch calls OnSessionEnqueued before
   *   DispatchSession); it may drop the waiting items, this one included
   */
  add(item: T, start: (item: T, done: () => void) => void, onEnqueued?: () => void): void {
    const queue = this.#queue;
    let react = onEnqueued;
    if (react !== undefined && this.#workerFree()) {
      // It would start at once: let the queue react first, with the item counted as waiting.
      this.#arriving = item;
      this.#arrivingState = 'waiting';
      try {
        react();
      } finally {
        this.#arriving = undefined;
      }
      if (this.#endArriving()) return;
      react = undefined;
    }
    const run = (resolve: () => void): void => {
      try {
        start(item, () => {
          this.#settle.beginSettle();
          resolve();
        });
      } catch (error: unknown) {
        // The task stays pending: the run loop stops at the recorded error.
        this.#settle.fail(error);
      }
    };
    if (this.#workerFree()) {
      // A worker is free: p-queue starts the task inside add(), so it never waits and needs
      // no abort signal (which would cost a Promise.race per running task).
      let started = false;
      // Without a signal nothing can reject this task's promise: no handler is needed.
      void queue.add(
        () =>
          new Promise<void>((resolve) => {
            started = true;
            run(resolve);
          }),
      );
      if (!started)
        throw new Error('internal: p-queue did not start a task while a worker was free');
      return;
    }
    const waiting: Waiting<T> = { item, signal: new TaskSignal() };
    this.#waiting.add(waiting);
    this.#track(
      queue.add(
        () =>
          new Promise<void>((resolve) => {
            this.#waiting.delete(waiting);
            run(resolve);
          }),
        // p-queue reads only the members TaskSignal implements.
        { signal: waiting.signal as unknown as AbortSignal },
      ),
    );
    react?.();
  }

  /** @returns whether the reaction dropped the arriving item; clears the state */
  #endArriving(): boolean {
    const dropped = this.#arrivingState === 'dropped';
    this.#arrivingState = 'none';
    return dropped;
  }

  #workerFree(): boolean {
    const queue = this.#queue;
    return !queue.isPaused && queue.size === 0 && queue.pending < queue.concurrency;
  }

  #track(promise: Promise<void>): void {
    promise.catch((error: unknown) => {
      if (!(error instanceof DroppedFromQueue)) this.#settle.fail(error);
    });
  }

  /**
   * Removes every waiting item (not the running ones) in FIFO order, through each task's
   * abort signal, and hands each to `onDropped` so it gets its outcome.
   * @param onDropped - gives the dropped item its outcome
   * @returns how many were dropped
   */
  dropWaiting(onDropped: (item: T) => void): number {
    const dropped = [...this.#waiting];
    this.#waiting.clear();
    const reason = new DroppedFromQueue();
    this.#dropping = true;
    try {
      for (const { item, signal } of dropped) {
        onDropped(item);
        signal.abort(reason);
      }
    } finally {
      this.#dropping = false;
    }
    // The item being enqueued is the newest in the FIFO: it goes last.
    if (this.#arrivingState !== 'waiting') return dropped.length;
    this.#arrivingState = 'dropped';
    onDropped(this.#arriving as T);
    return dropped.length + 1;
  }
}
