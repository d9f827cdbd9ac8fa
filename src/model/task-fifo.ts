// TaskFifo: the queue p-queue keeps its waiting tasks in (p-queue's `queueClass` option), for
// PendingSessions. p-queue's own queue is ordered by priority and leaves each task it starts
// in its array until the started ones are half of it, so a queue n deep held up to 2n tasks,
// each with the closures, promise and options p-queue made for it (issue 12: ~700 bytes a
// task, 9,858 started tasks kept beside 20,000 waiting ones in the default-pool reference
// run). Every task here has the same priority, so first in, first out is p-queue's order too;
// a started task's slot is emptied at once (core/fifo.ts).

import { Fifo } from '../core/fifo.js';

/** A task as p-queue queues it (p-queue's `RunFunction`). */
export type RunFunction = () => Promise<unknown>;

/**
 * A first-in, first-out queue of p-queue's tasks that keeps no task once started. It has the
 * shape p-queue's `Queue` type asks of a `queueClass` (checked where PendingSessions passes it:
 * pending-sessions.ts is the only file that imports p-queue).
 */
export class TaskFifo extends Fifo<RunFunction> {
  /** @param run - a task p-queue queues */
  enqueue(run: RunFunction): void {
    this.push(run);
  }

  /** @returns the task p-queue starts next, or undefined when none waits */
  dequeue(): RunFunction | undefined {
    return this.shift();
  }

  /** @returns every waiting task (all have the default priority, the only one used) */
  filter(): RunFunction[] {
    return this.toArray();
  }

  /** Session tasks have no priority to change; p-queue calls this only when asked to. */
  setPriority(): void {
    throw new Error('internal: session tasks have no priority to change');
  }
}
