// TaskFifo, the queue class PendingSessions gives p-queue (issue 12): first in, first out,
// and a task it has handed out is no longer held. p-queue's own queue held started tasks
// until they were half of its array, ~700 bytes each with their closures and promises, so a
// queue n deep could hold 2n tasks. Whether a started task is still held is read from a
// WeakRef after a full collection (V8's gc, exposed for this file only).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import PQueue, { PriorityQueue } from 'p-queue';
import { describe, expect, it } from 'vitest';
import { TaskFifo, type RunFunction } from '../../src/model/task-fifo.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const task = (): RunFunction => () => Promise.resolve();

interface QueueOfTasks {
  enqueue(run: RunFunction, options?: object): void;
  dequeue(): RunFunction | undefined;
}

// Enqueues a task nothing else refers to, and a WeakRef to it.
function enqueueWatched(queue: QueueOfTasks): WeakRef<RunFunction> {
  const run = task();
  queue.enqueue(run, {});
  return new WeakRef(run);
}

// Whether the queue still holds a task it has handed out, after a few waiting ones were
// started: enqueue 10, start 4, and ask the collector about the first one started.
async function holdsStartedTask(queue: QueueOfTasks): Promise<boolean> {
  const started = enqueueWatched(queue);
  for (let i = 0; i < 9; i++) queue.enqueue(task(), {});
  for (let i = 0; i < 4; i++) queue.dequeue();
  // A WeakRef keeps its target until the current job ends.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  return started.deref() !== undefined;
}

describe('TaskFifo', () => {
  it('hands tasks out in the order they came, and undefined when empty', () => {
    const fifo = new TaskFifo();
    const tasks = Array.from({ length: 3000 }, task);

    for (const run of tasks.slice(0, 2000)) fifo.enqueue(run);
    const out = Array.from({ length: 1500 }, () => fifo.dequeue());
    for (const run of tasks.slice(2000)) fifo.enqueue(run);
    expect(fifo.size).toBe(1500);
    expect(fifo.filter()).toEqual(tasks.slice(1500));
    while (fifo.size > 0) out.push(fifo.dequeue());

    expect(out).toEqual(tasks);
    expect(fifo.dequeue()).toBeUndefined();
    expect(fifo.size).toBe(0);
  });

  it('no longer holds a task once it is handed out (p-queue’s own queue does)', async () => {
    expect(await holdsStartedTask(new TaskFifo())).toBe(false);
    expect(await holdsStartedTask(new PriorityQueue())).toBe(true);
  });

  it('runs p-queue’s tasks first in, first out within its concurrency', async () => {
    const queue = new PQueue({ concurrency: 2, queueClass: TaskFifo });
    const order: number[] = [];
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        queue.add(async () => {
          running++;
          most = Math.max(most, running);
          order.push(i);
          await Promise.resolve();
          running--;
        }),
      ),
    );

    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(2);
  });

  it('refuses to change a priority (every session task has the same one)', () => {
    expect(() => new TaskFifo().setPriority()).toThrow(/no priority/);
  });
});
