// PendingSessions: a message queue's FIFO of sessions waiting for a worker, on p-queue
// (domain §3.1 steps 7-8; STYLE §5.5). This is the only file that imports p-queue.
//
// Mapping: one p-queue task per session that has to wait; at most one dispatch in flight
// per registered worker; paused while no worker is registered. A session that arrives when
// a worker is idle and nobody waits starts at once without a task (issue 12: p-queue's
// per-task promises, closures and ids were a quarter of a run, and such a session has no
// order to keep). Its worker is freed exactly when p-queue would free it, two microtask
// turns after the dispatch ends, or at the end of the step when that is the same moment
// (see #endDirect), so traces are the same as when every session went through p-queue.
// p-queue's concurrency is kept at the registered workers minus those running without a
// task, whenever a task waits. Dropping the waiting sessions uses p-queue's clear(), which
// never settles the removed tasks: nothing awaits them, and the caller gives each dropped
// session its outcome. p-queue keeps its waiting tasks in a TaskFifo (its `queueClass`
// option), which lets go of a task once started (task-fifo.ts).
// No `interval` or `timeout` option is used: both read the wall clock; every delay is a
// wait on the virtual clock.
//
// Every task is the same function, which starts the head of this class's FIFO: the FIFO
// decides the order, p-queue's concurrency the moment. So p-queue holds tasks for the first
// QUEUED_TASKS waiting sessions only, and each task it starts brings in the task of the next
// one (issue 12). A queued task is ~640 bytes of p-queue's closures, promises and context;
// held for a whole wait, in the default-pool reference run (11,700 sessions deep on
// average), each scavenge copied it and then promoted it. Every waiting session is still a
// p-queue task before it starts: it waits in the FIFO, then as one of p-queue's queued tasks.

import PQueue from 'p-queue';
import { Fifo } from '../core/fifo.js';
import { TaskFifo } from './task-fifo.js';

/** Counts promise work in flight for the run loop (the virtual clock implements it). */
export interface SettleTracker {
  beginSettle(): void;
  endSettle(): void;
  /** True when no promise work is in flight. */
  readonly quiet: boolean;
  /** Runs work when the current step ends (what a microtask would do when quiet). */
  atStepEnd(work: () => void): void;
  /**
   * Receives an error thrown inside a task, where no caller would see it (p-queue would turn
   * it into an unhandled rejection and the run into a misleading stall); the run loop
   * rethrows it.
   */
  fail(error: unknown): void;
}

/**
 * Every task carries the same id: ids only serve p-queue's setPriority and remove, which are
 * not used, and passing one spares p-queue a BigInt counter and its string per task.
 */
const TASK_OPTIONS = Object.freeze({ id: 'session' });

/**
 * How many waiting sessions are queued p-queue tasks at once (the rest wait in the FIFO
 * before them): as many as the workers of a pool freed at one instant usually take, so that
 * p-queue starts them from its queue (see the header).
 */
const QUEUED_TASKS = 16;

/** A FIFO of items waiting for a worker, run at most one per registered worker at a time. */
export class PendingSessions<T> {
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: #syncConcurrency sets the concurrency and pauses or starts the queue before any task is added
  readonly #queue = new PQueue({ concurrency: 1, autoStart: false, queueClass: TaskFifo });
  /** The items of p-queue's waiting tasks, in the same (FIFO) order. */
  readonly #waiting = new Fifo<T>();
  readonly #settle: SettleTracker;
  readonly #start: (item: T, done: () => void) => void;
  /** Registered workers. */
  #workers = 0;
  /** Dispatches started without a p-queue task and not yet freed. */
  #direct = 0;
  /**
   * Dispatches still in flight on workers that were unregistered during them (told to stop):
   * each holds a p-queue slot, or counts in #direct, that no registered worker may lose to it.
   */
  #orphans = 0;
  /** True while clear() runs: p-queue's `next` event then is not a completion. */
  #dropping = false;
  /**
   * An item in the FIFO whose `onEnqueued` reaction runs before it may start (see add), and
   * whether that reaction dropped it. Two fields, not an object: add() is on every session's
   * path and allocates nothing for this.
   */
  #arriving: T | undefined;
  // Stryker disable next-line StringLiteral: the state is only compared with 'waiting' and 'dropped'
  #arrivingState: 'none' | 'waiting' | 'dropped' = 'none';

  /**
   * @param start - begins the dispatch of an item when a worker is free (synchronously, if
   *   one is free when it is added); calls `done` exactly once, on virtual time, when the
   *   dispatch ends
   * @param settle - told when a dispatch ends (its worker is freed from a microtask, and
   *   p-queue may start the next task) and when that is done, so that the run loop lets
   *   exactly that promise work settle before it moves virtual time
   */
  constructor(start: (item: T, done: () => void) => void, settle: SettleTracker) {
    this.#start = start;
    this.#settle = settle;
    // p-queue started a task: the next waiting session without one gets its task.
    this.#queue.on('active', this.#queueNextTask);
    this.#queue.on('next', () => {
      if (!this.#dropping) settle.endSettle();
    });
  }

  /** Sessions waiting for a worker (not yet started). */
  get size(): number {
    return this.#waiting.size;
  }

  /**
   * Waiting sessions that are queued p-queue tasks: the first 16 of them at most (the
   * others wait in the FIFO before them, see the header). For tests and diagnostics.
   */
  get queuedTasks(): number {
    return this.#queue.size;
  }

  /**
   * Follows worker registration: at most one dispatch in flight per registered worker, and
   * none starts while there is none.
   * @param workers - registered workers
   * @param orphans - dispatches still in flight on workers unregistered since they started
   *   (their slots are not the registered workers'; see MessageQueue.removeWorker)
   */
  setWorkers(workers: number, orphans = 0): void {
    this.#workers = workers;
    this.#orphans = orphans;
    this.#syncConcurrency();
  }

  // p-queue's concurrency: the registered workers not taken by a dispatch started without a
  // task, plus the slots orphaned dispatches hold (p-queue counts their tasks as running, and
  // #direct counts theirs). Both start tasks synchronously when sessions wait and a worker is
  // free.
  #syncConcurrency(): void {
    const queue = this.#queue;
    const free = this.#workers - this.#direct + this.#orphans;
    // Stryker disable next-line ConditionalExpression: no worker means free <= 0 (#direct is never negative)
    if (this.#workers === 0 || free <= 0) {
      queue.pause();
      return;
    }
    // Unchanged: nothing could start (every waiting session is added through here).
    // Stryker disable next-line ConditionalExpression: a shortcut; setting the same concurrency and starting a running queue changes nothing
    if (free === queue.concurrency && !queue.isPaused) return;
    queue.concurrency = free;
    queue.start();
  }

  /**
   * Queues an item; it starts when a worker is free (at once, if one is free now). The
   * caller checks the limit (maxPendingConnections) against `size` first.
   * @param item - the session
   * @param onEnqueued - runs once the item is in the FIFO and before it can start
   *   (MessageQueue.EnqueueSessionAndDispatch calls OnSessionEnqueued before
   *   DispatchSession); it may drop the waiting items, this one included
   */
  add(item: T, onEnqueued?: () => void): void {
    let react = onEnqueued;
    if (react !== undefined && this.#workerFree()) {
      // It would start at once: let the queue react first, with the item counted as waiting.
      this.#arriving = item;
      this.#arrivingState = 'waiting';
      try {
        react();
        // Stryker disable next-line BlockStatement: #arriving is read only while #arrivingState is 'waiting', which #endArriving clears right after
      } finally {
        this.#arriving = undefined;
      }
      if (this.#endArriving()) return;
      react = undefined;
    }
    // Stryker disable next-line ConditionalExpression,BlockStatement: starting without a task is a shortcut for what p-queue does, at the same moment: traces are byte-identical either way (issue 12)
    if (this.#workerFree()) {
      this.#startDirect(item);
      return;
    }
    this.#wait(item);
    react?.();
  }

  // A worker is idle and nobody waits: start now, without a task.
  #startDirect(item: T): void {
    this.#direct++;
    try {
      this.#start(item, this.#endDirect);
    } catch (error: unknown) {
      // The dispatch stays in flight: the run loop stops at the recorded error.
      this.#settle.fail(error);
    }
  }

  // A dispatch started without a task ended. Its worker is freed when p-queue would free it:
  // p-queue resumes after awaiting the task's promise (one microtask turn), then calls its
  // `next` from a queued microtask (a second turn). When no other promise work is in flight,
  // nothing can run before those turns, so the end of the step is the same moment and costs
  // no microtasks (the common case); otherwise the two turns are taken.
  readonly #endDirect = (): void => {
    const settle = this.#settle;
    // Stryker disable next-line ConditionalExpression,BlockStatement: freeing at the end of the step is a shortcut for the two microtask turns when nothing else can run between (issue 12)
    if (settle.quiet) {
      settle.atStepEnd(this.#freeDirect);
      return;
    }
    settle.beginSettle();
    queueMicrotask(() =>
      queueMicrotask(() => {
        this.#freeDirect();
        settle.endSettle();
      }),
    );
  };

  readonly #freeDirect = (): void => {
    this.#direct--;
    // A task waits only while every worker was busy: one may start now, as p-queue's `next`
    // would start it.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: with nothing waiting, the next add syncs the concurrency anyway
    if (this.#waiting.size > 0) this.#syncConcurrency();
  };

  // Every worker is busy or someone waits: a p-queue task, started in FIFO order. The task
  // is one shared function that starts the head of the FIFO (p-queue starts its tasks in
  // the order they were added), so a waiting item costs p-queue's own state and nothing more.
  #wait(item: T): void {
    this.#waiting.push(item);
    // Dispatches started without a task may have ended since the concurrency was last set.
    this.#syncConcurrency();
    this.#queueNextTask();
  }

  // Queues a task for the first waiting session without one, if p-queue holds fewer than
  // QUEUED_TASKS (every waiting session up to that many has one).
  readonly #queueNextTask = (): void => {
    const queued = this.#queue.size;
    if (queued < QUEUED_TASKS && queued < this.#waiting.size)
      void this.#queue.add(this.#runHead, TASK_OPTIONS);
  };

  readonly #runHead = (): Promise<void> => new Promise<void>(this.#startHead);

  readonly #startHead = (resolve: () => void): void => {
    const item = this.#shiftWaiting();
    try {
      this.#start(item, () => {
        this.#settle.beginSettle();
        resolve();
      });
    } catch (error: unknown) {
      // The task stays pending: the run loop stops at the recorded error.
      this.#settle.fail(error);
    }
  };

  #shiftWaiting(): T {
    // Stryker disable next-line ConditionalExpression,StringLiteral: an internal check; p-queue starts each task once
    if (this.#waiting.size === 0) throw new Error('internal: p-queue started a task twice');
    return this.#waiting.shift() as T;
  }

  /** @returns whether the reaction dropped the arriving item; clears the state */
  #endArriving(): boolean {
    const dropped = this.#arrivingState === 'dropped';
    // Stryker disable next-line StringLiteral: the state is only compared with 'waiting' and 'dropped'
    this.#arrivingState = 'none';
    return dropped;
  }

  #workerFree(): boolean {
    // Stryker disable next-line ConditionalExpression: between steps p-queue has started every task a free worker can take (the settle tracker), so a free worker means nothing waits
    return (
      this.#waiting.size === 0 && this.#queue.pending + this.#direct - this.#orphans < this.#workers
    );
  }

  /**
   * Removes every waiting item (not the running ones) in FIFO order and hands each to
   * `onDropped` so it gets its outcome.
   * @param onDropped - gives the dropped item its outcome
   * @returns how many were dropped
   */
  dropWaiting(onDropped: (item: T) => void): number {
    const dropped = this.#waiting.clear();
    this.#dropping = true;
    try {
      this.#queue.clear();
    } finally {
      this.#dropping = false;
    }
    for (const item of dropped) onDropped(item);
    // The item being enqueued is the newest in the FIFO: it goes last.
    if (this.#arrivingState !== 'waiting') return dropped.length;
    this.#arrivingState = 'dropped';
    onDropped(this.#arriving as T);
    return dropped.length + 1;
  }
}
