// PendingSessions, a message queue's FIFO of sessions waiting for a worker (domain §3.1
// steps 7-8; STYLE §5.5), driven on its own by the virtual clock and the run loop: each item
// is a dispatch that lasts a given number of virtual milliseconds.
import { describe, expect, it } from 'vitest';
import { ms } from '../../src/core/millis.js';
import { VirtualClock } from '../../src/core/virtual-clock.js';
import { PendingSessions } from '../../src/model/pending-sessions.js';
import { runLoop } from '../../src/sim/run-loop.js';

interface Item {
  readonly name: string;
  readonly dispatchMs: number;
}

function harness(options: { readonly start?: (item: Item) => void } = {}) {
  const clock = new VirtualClock();
  const started: [atMs: number, name: string][] = [];
  const ended: [atMs: number, name: string][] = [];
  const pending = new PendingSessions<Item>((item, done) => {
    options.start?.(item);
    started.push([clock.now(), item.name]);
    clock.scheduleIn(ms(item.dispatchMs), () => {
      ended.push([clock.now(), item.name]);
      done();
    });
  }, clock);
  const run = () =>
    runLoop({
      clock,
      isDone: () => clock.nextAt() === undefined,
      open: () => pending.size,
      horizonMs: 10_000,
      progress: () => clock.steps,
    });
  return { clock, pending, started, ended, run };
}

const item = (name: string, dispatchMs = 10): Item => ({ name, dispatchMs });

describe('PendingSessions', () => {
  it('starts an item at once when a worker is free and nothing waits', () => {
    // Arrange
    const { pending, started } = harness();
    pending.setWorkers(1);

    // Act
    pending.add(item('a'));

    // Assert
    expect(started).toEqual([[0, 'a']]);
    expect(pending.size).toBe(0);
  });

  it('holds items while no worker is registered and starts them in FIFO order, one per worker', async () => {
    // Arrange
    const { pending, started, ended, run } = harness();
    pending.add(item('a', 10));
    pending.add(item('b', 30));
    pending.add(item('c', 10));
    pending.add(item('d', 10));
    expect(started).toEqual([]);
    expect(pending.size).toBe(4);

    // Act
    pending.setWorkers(2);
    await run();

    // Assert: a and b at once; c when a ends; d when c ends (b still runs).
    expect(started).toEqual([
      [0, 'a'],
      [0, 'b'],
      [10, 'c'],
      [20, 'd'],
    ]);
    expect(ended).toEqual([
      [10, 'a'],
      [20, 'c'],
      [30, 'b'],
      [30, 'd'],
    ]);
    expect(pending.size).toBe(0);
  });

  it('queues p-queue tasks for the first 16 waiting items only, and starts all of them in FIFO order', async () => {
    // Arrange: 3 workers, 1,000 items of varied lengths.
    const atStart: [queued: number, waiting: number][] = [];
    const afterAdd: [queued: number, waiting: number][] = [];
    const { pending, started, run } = harness({
      start: () => atStart.push([pending.queuedTasks, pending.size]),
    });
    pending.setWorkers(3);
    const names = Array.from({ length: 1000 }, (_, i) => `s${i}`);

    // Act
    for (const [i, name] of names.entries()) {
      pending.add(item(name, 1 + ((i * 7) % 13)));
      afterAdd.push([pending.queuedTasks, pending.size]);
    }
    await run();

    // Assert: after an add, the first min(16, waiting) items have a task; while an item
    // starts, its own task has just left p-queue and the next one is not queued yet.
    expect(started.map(([, name]) => name)).toEqual(names);
    expect(afterAdd.filter(([queued, waiting]) => queued !== Math.min(16, waiting))).toEqual([]);
    expect(atStart.filter(([queued, waiting]) => queued !== Math.min(15, waiting))).toEqual([]);
    expect(Math.max(...afterAdd.map(([queued]) => queued))).toBe(16);
    expect(pending.size).toBe(0);
    expect(pending.queuedTasks).toBe(0);
  });

  it('starts at one instant, in FIFO order, more waiting items than p-queue holds tasks for', async () => {
    // Arrange: 40 items wait while no worker is registered; then 32 workers register.
    const { pending, started, run } = harness();
    const names = Array.from({ length: 40 }, (_, i) => `s${i}`);
    for (const name of names) pending.add(item(name, 10));

    // Act
    pending.setWorkers(32);
    await run();

    // Assert: 32 start at 0 ms (16 from p-queue's queue, each bringing in the next), the
    // remaining 8 when the first ones end.
    expect(started.filter(([atMs]) => atMs === 0).map(([, name]) => name)).toEqual(
      names.slice(0, 32),
    );
    expect(started.map(([, name]) => name)).toEqual(names);
  });

  it('queues an item behind one already waiting even when a worker is free', async () => {
    // Arrange: one worker, busy with a; b waits.
    const { pending, started, run } = harness();
    pending.setWorkers(1);
    pending.add(item('a', 10));
    pending.add(item('b', 10));

    // Act
    await run();
    pending.add(item('c', 10));
    await run();

    // Assert
    expect(started).toEqual([
      [0, 'a'],
      [10, 'b'],
      [20, 'c'],
    ]);
  });

  it('drops the waiting items in FIFO order and leaves the running ones', async () => {
    // Arrange
    const { clock, pending, started, ended, run } = harness();
    pending.setWorkers(1);
    pending.add(item('a'));
    pending.add(item('b'));
    pending.add(item('c'));
    const dropped: string[] = [];

    // Act
    const count = pending.dropWaiting((i) => dropped.push(i.name));
    const settlingAfterDrop = clock.settling;
    await run();

    // Assert: clearing p-queue ends no promise work the run loop would wait for.
    expect(count).toBe(2);
    expect(dropped).toEqual(['b', 'c']);
    expect(settlingAfterDrop).toBe(0);
    expect(pending.size).toBe(0);
    expect(started).toEqual([[0, 'a']]);
    expect(ended).toEqual([[10, 'a']]);
  });

  it('starts the items added after a drop, never a dropped one', async () => {
    // Arrange
    const { pending, started, run } = harness();
    pending.setWorkers(1);
    pending.add(item('a'));
    pending.add(item('b'));
    pending.add(item('c'));
    pending.dropWaiting(() => undefined);

    // Act
    pending.add(item('d'));
    pending.add(item('e'));
    await run();

    // Assert
    expect(started).toEqual([
      [0, 'a'],
      [10, 'd'],
      [20, 'e'],
    ]);
  });

  it('starts the items added after a drop that follows earlier starts from the FIFO', async () => {
    // Arrange: a runs at once, b starts from the FIFO at 10 ms, c and d wait behind it.
    const { clock, pending, started, run } = harness();
    pending.setWorkers(1);
    for (const name of ['a', 'b', 'c', 'd']) pending.add(item(name));
    clock.scheduleAt(ms(15), () => {
      pending.dropWaiting(() => undefined);
      pending.add(item('e'));
    });

    // Act
    await run();

    // Assert
    expect(started).toEqual([
      [0, 'a'],
      [10, 'b'],
      [20, 'e'],
    ]);
  });

  it('starts the items that wait after the FIFO has emptied', async () => {
    // Arrange: a runs at once and b from the FIFO at 10 ms, which empties it; c and d
    // arrive at 15 ms while b runs.
    const { clock, pending, started, run } = harness();
    pending.setWorkers(1);
    pending.add(item('a'));
    pending.add(item('b'));
    clock.scheduleAt(ms(15), () => {
      pending.add(item('c'));
      pending.add(item('d'));
    });

    // Act
    await run();

    // Assert
    expect(started).toEqual([
      [0, 'a'],
      [10, 'b'],
      [20, 'c'],
      [30, 'd'],
    ]);
  });

  it('drops only the waiting items after an arrival whose onEnqueued kept it', () => {
    // Arrange: a starts at once after its reaction; b and c wait.
    const { pending } = harness();
    pending.setWorkers(1);
    pending.add(item('a'), () => undefined);
    pending.add(item('b'));
    pending.add(item('c'));
    const dropped: (string | undefined)[] = [];

    // Act
    const count = pending.dropWaiting((i) => dropped.push(i?.name));

    // Assert
    expect(count).toBe(2);
    expect(dropped).toEqual(['b', 'c']);
  });

  it('keeps FIFO order over more than a thousand waiting items', async () => {
    // Arrange: one worker, 2100 items of 1 ms each, all waiting but the first.
    const { pending, started, run } = harness();
    pending.setWorkers(1);
    const names = Array.from({ length: 2100 }, (_, i) => `s${i}`);
    for (const name of names) pending.add(item(name, 1));

    // Act
    await run();

    // Assert
    expect(started.map(([, name]) => name)).toEqual(names);
    expect(started.at(-1)).toEqual([2099, 's2099']);
  });

  it('starts a waiting item at once when another worker registers while one runs', async () => {
    // Arrange: a runs without a task, then b runs from p-queue's task and c waits.
    const { clock, pending, started, run } = harness();
    pending.setWorkers(1);
    pending.add(item('a', 10));
    pending.add(item('b', 100));
    pending.add(item('c', 10));
    clock.scheduleAt(ms(50), () => pending.setWorkers(2));

    // Act
    await run();

    // Assert
    expect(started).toEqual([
      [0, 'a'],
      [10, 'b'],
      [50, 'c'],
    ]);
  });

  it('runs onEnqueued with the item waiting, before the item starts', () => {
    // Arrange
    const log: string[] = [];
    const { pending } = harness({ start: (i) => log.push(`start ${i.name}`) });
    pending.setWorkers(1);

    // Act
    pending.add(item('a'), () => log.push(`enqueued with ${pending.size} waiting`));

    // Assert
    expect(log).toEqual(['enqueued with 0 waiting', 'start a']);
  });

  it('runs onEnqueued with the item counted among the waiting when no worker is free', () => {
    // Arrange: a runs on the single worker, b waits.
    const { pending } = harness();
    pending.setWorkers(1);
    pending.add(item('a'));
    pending.add(item('b'));
    const seen: number[] = [];

    // Act
    pending.add(item('c'), () => seen.push(pending.size));

    // Assert
    expect(seen).toEqual([2]);
  });

  it('runs onEnqueued once, even when it takes the free worker away', async () => {
    // Arrange
    const { pending, started, run } = harness();
    pending.setWorkers(1);
    let reactions = 0;

    // Act: the reaction unregisters the worker, so a has to wait after all.
    pending.add(item('a'), () => {
      reactions++;
      pending.setWorkers(0);
    });
    const waiting = pending.size;
    pending.setWorkers(1);
    await run();

    // Assert
    expect(reactions).toBe(1);
    expect(waiting).toBe(1);
    expect(started).toEqual([[0, 'a']]);
  });

  it('lets onEnqueued drop the arriving item: it comes after those waiting and never starts', async () => {
    // Arrange: a runs on the single worker, b waits; c arrives and its reaction drops them.
    const { pending, started, run } = harness();
    pending.setWorkers(1);
    pending.add(item('a'));
    pending.add(item('b'));
    const dropped: string[] = [];
    let count = -1;

    // Act
    pending.add(item('c'), () => {
      count = pending.dropWaiting((i) => dropped.push(i.name));
    });
    await run();

    // Assert
    expect(count).toBe(2);
    expect(dropped).toEqual(['b', 'c']);
    expect(started).toEqual([[0, 'a']]);
  });

  it('lets onEnqueued drop the arriving item that a free worker would have started', async () => {
    // Arrange
    const { pending, started, run } = harness();
    pending.setWorkers(1);
    const dropped: string[] = [];
    let count = -1;

    // Act
    pending.add(item('a'), () => {
      count = pending.dropWaiting((i) => dropped.push(i.name));
    });
    pending.add(item('b'));
    await run();

    // Assert: a is dropped; the worker stays free for b.
    expect(count).toBe(1);
    expect(dropped).toEqual(['a']);
    expect(started).toEqual([[0, 'b']]);
  });

  it('stops starting items when the workers go, and starts again when one registers', async () => {
    // Arrange
    const { pending, started, run } = harness();
    pending.setWorkers(1);
    pending.add(item('a'));
    pending.add(item('b'));

    // Act
    pending.setWorkers(0);
    await run();
    const whileNone = [...started];
    pending.setWorkers(1);
    await run();

    // Assert
    expect(whileNone).toEqual([[0, 'a']]);
    expect(started).toEqual([
      [0, 'a'],
      [10, 'b'],
    ]);
  });

  it('records an error thrown when an item starts, for the run loop to rethrow', async () => {
    // Arrange
    const boom = new Error('boom');
    const { clock, pending, run } = harness({
      start: (i) => {
        if (i.name === 'b') throw boom;
      },
    });
    pending.setWorkers(1);
    pending.add(item('a'));
    pending.add(item('b'));

    // Act / Assert: a ends at 10 ms, b starts from p-queue's task and throws.
    await expect(run()).rejects.toBe(boom);
    expect(clock.failure).toEqual({ error: boom });
  });

  it('records an error thrown when an item starts at once', () => {
    // Arrange
    const boom = new Error('boom');
    const { clock, pending } = harness({
      start: () => {
        throw boom;
      },
    });
    pending.setWorkers(1);

    // Act
    pending.add(item('a'));

    // Assert
    expect(clock.failure).toEqual({ error: boom });
  });
});
