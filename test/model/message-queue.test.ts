// MessageQueue (domain §3.1 steps 7-8; SMS/MessageQueue.cs) on its own: its transport, its
// FIFO of idle-worker tokens (one per registered worker) and its pending sessions, with a
// dispatch that takes the worker's token for a given number of virtual milliseconds and gives
// it back, as SessionDispatch does.
import { describe, expect, it } from 'vitest';
import {
  createClientIds,
  createQueueIds,
  createSessionIds,
  createWorkerIds,
} from '../../src/core/ids.js';
import { ms } from '../../src/core/millis.js';
import { VirtualClock } from '../../src/core/virtual-clock.js';
import { MessageQueue } from '../../src/model/message-queue.js';
import type { Session } from '../../src/model/session.js';
import { WorkerProcess } from '../../src/model/worker-process.js';
import { parseServiceUri, type ServiceUri } from '../../src/scenario/service-uri.js';
import { runLoop } from '../../src/sim/run-loop.js';

function uri(text: string): ServiceUri {
  const parsed = parseServiceUri(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

function harness(paths: readonly ServiceUri[] = [uri('net.tcp://localhost/orders/')]) {
  const clock = new VirtualClock();
  const dispatched: [atMs: number, session: number, pid: number][] = [];
  const queue: MessageQueue = new MessageQueue(
    createQueueIds().next(),
    'orders',
    'was',
    paths,
    (q, session, worker, done) => {
      worker.busy = true;
      dispatched.push([clock.now(), session.id, worker.pid]);
      clock.scheduleIn(ms(10), () => {
        worker.busy = false;
        q.dispatchEnded(worker);
        done();
      });
    },
    clock,
  );
  const workerIds = createWorkerIds();
  const worker = (pid: number) => new WorkerProcess(workerIds.next(), pid, 'orders', pid);
  const sessionIds = createSessionIds();
  const clientIds = createClientIds();
  const session = (): Session => {
    const id = sessionIds.next();
    return {
      id,
      clientId: clientIds.next(),
      attempt: 1,
      nth: sessionIds.count,
      arrivedAtMs: clock.now(),
      via: 'net.tcp://localhost/orders/service.svc',
      viaUri: uri('net.tcp://localhost/orders/service.svc'),
      localPort: undefined,
      state: 'routed',
      app: 'orders',
      notes: undefined,
    };
  };
  const run = () =>
    runLoop({
      clock,
      isDone: () => clock.nextAt() === undefined,
      open: () => queue.pendingCount,
      horizonMs: 100_000,
      progress: () => clock.steps,
    });
  // One session every 20 ms from `fromMs`: each finds the previous one ended.
  const oneAtATime = (count: number, fromMs = 0) => {
    for (let i = 0; i < count; i++) {
      clock.scheduleAt(ms(fromMs + 20 * i), () => queue.enqueue(session()));
    }
  };
  return { clock, queue, dispatched, worker, session, run, oneAtATime };
}

describe('MessageQueue', () => {
  it('takes its transport from its first base address, TCP when it has none', () => {
    expect(harness([uri('net.pipe://localhost/orders/')]).queue.transport).toBe('pipe');
    expect(harness([uri('net.tcp://localhost/orders/')]).queue.transport).toBe('tcp');
    expect(harness([]).queue.transport).toBe('tcp');
  });

  it('skips the idle token of a worker that was unregistered', async () => {
    // Arrange
    const { queue, dispatched, worker, oneAtATime, run } = harness();
    const first = worker(4004);
    queue.addWorker(first);
    queue.addWorker(worker(4008));

    // Act
    expect(queue.removeWorker(first)).toBe(true);
    expect(queue.removeWorker(first)).toBe(false);
    oneAtATime(2);
    await run();

    // Assert
    expect(dispatched).toEqual([
      [0, 1, 4008],
      [20, 2, 4008],
    ]);
    expect([...queue.workers].map((w) => w.pid)).toEqual([4008]);
  });

  it('gives a worker registered again while its token still waits one token, not two', async () => {
    // Arrange: 4004's token is at the head of the idle FIFO when it is unregistered and
    // registered again.
    const { queue, dispatched, worker, oneAtATime, run } = harness();
    const first = worker(4004);
    queue.addWorker(first);
    queue.addWorker(worker(4008));
    queue.removeWorker(first);

    // Act
    queue.addWorker(first);
    oneAtATime(4);
    await run();

    // Assert: the two workers take turns.
    expect(dispatched.map(([, session, pid]) => [session, pid])).toEqual([
      [1, 4004],
      [2, 4008],
      [3, 4004],
      [4, 4008],
    ]);
  });

  it('keeps no token of a worker whose dispatch ends after it was unregistered', async () => {
    // Arrange: 4004 takes session 1 and is unregistered during it; 4008 registers later.
    const { clock, queue, dispatched, worker, oneAtATime, run } = harness();
    const first = worker(4004);
    queue.addWorker(first);
    queue.enqueue(harness().session());
    clock.scheduleAt(ms(5), () => queue.removeWorker(first));
    clock.scheduleAt(ms(15), () => queue.addWorker(worker(4008)));
    clock.scheduleAt(ms(16), () => queue.addWorker(first));

    // Act: sessions one at a time from 20 ms.
    oneAtATime(3, 20);
    await run();

    // Assert: 4008 registered before 4004 came back, so it is first in the FIFO.
    expect(dispatched.map(([atMs, , pid]) => [atMs, pid])).toEqual([
      [0, 4004],
      [20, 4008],
      [40, 4004],
      [60, 4008],
    ]);
  });

  it('runs the waiting sessions one at a time on the worker left after another is unregistered', async () => {
    // Arrange: two workers take sessions 1 and 2; sessions 3 and 4 wait.
    const { clock, queue, dispatched, worker, session, run } = harness();
    const first = worker(4004);
    queue.addWorker(first);
    queue.addWorker(worker(4008));
    for (let i = 0; i < 4; i++) queue.enqueue(session());

    // Act: 4004 is unregistered during its dispatch.
    clock.scheduleAt(ms(5), () => queue.removeWorker(first));
    await run();

    // Assert
    expect(dispatched).toEqual([
      [0, 1, 4004],
      [0, 2, 4008],
      [10, 3, 4008],
      [20, 4, 4008],
    ]);
  });

  it('gives no session to a worker registered again while its own dispatch still runs', async () => {
    // Arrange: 4004 takes session 1 (0-10 ms), is unregistered at 2 ms and registered again
    // at 3 ms, before 4008 registers at 4 ms.
    const { clock, queue, dispatched, worker, session, run } = harness();
    const first = worker(4004);
    queue.addWorker(first);
    queue.enqueue(session());
    clock.scheduleAt(ms(2), () => queue.removeWorker(first));
    clock.scheduleAt(ms(3), () => queue.addWorker(first));
    clock.scheduleAt(ms(4), () => queue.addWorker(worker(4008)));

    // Act: session 2 arrives at 5 ms.
    clock.scheduleAt(ms(5), () => queue.enqueue(session()));
    await run();

    // Assert
    expect(dispatched).toEqual([
      [0, 1, 4004],
      [5, 2, 4008],
    ]);
  });

  it('keeps the idle FIFO in order over more than a thousand dispatches', async () => {
    // Arrange: two workers, 1100 sessions one at a time, so 1100 tokens go round.
    const { queue, dispatched, worker, oneAtATime, run } = harness();
    queue.addWorker(worker(4004));
    queue.addWorker(worker(4008));

    // Act
    oneAtATime(1100);
    await run();

    // Assert
    expect(dispatched).toHaveLength(1100);
    expect(dispatched.every(([, session, pid]) => pid === (session % 2 === 1 ? 4004 : 4008))).toBe(
      true,
    );
  });

  it('drops the sessions waiting for a worker and counts them', () => {
    // Arrange: no worker is registered.
    const { queue, session } = harness();
    queue.enqueue(session());
    queue.enqueue(session());
    expect(queue.pendingCount).toBe(2);
    const dropped: number[] = [];

    // Act
    const count = queue.dropPending((s) => dropped.push(s.id));

    // Assert
    expect(count).toBe(2);
    expect(dropped).toEqual([1, 2]);
    expect(queue.pendingCount).toBe(0);
  });
});
