// When the worker writes 3358 PortSharingDuplicatedSocket (domain §3.1 step 9;
// SharedConnectionListener.BeginDuplicate): on the callback's arrival it first runs its
// first-via activation, then wraps the duplicated socket (3358) and queues it for its own
// acceptor; SMSvcHost hears back (4030) only once that acceptor dequeues it. So 3358 comes
// after 4019 and the first-via activation, before any wait for the acceptor (dispatchMs, a
// hang), and also before a failure the callback meets after that point; a callback that
// ends before the worker got that far (a timeout or a crash during the activation) has no
// 3358. The pipe path writes none (TCP only).
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded, type RecordedRun } from '../helpers/run-recorded.js';

const DISPATCH_IDS = new Set([4008, 4019, 3358, 4030, 4031]);

function scenario(options: {
  readonly dispatchMs?: number;
  readonly firstViaMs?: number;
  readonly callbackTimeoutMs?: number;
  readonly arrivals?: readonly number[];
  readonly pipe?: boolean;
  readonly faults?: ScenarioInput['faults'];
}): ScenarioInput {
  const arrivals = options.arrivals ?? [10];
  return {
    name: 'worker-wraps-handle',
    config: { callbackTimeoutMs: options.callbackTimeoutMs ?? null, dupHandleMs: 0 },
    appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
    apps: [
      {
        name: 'orders',
        baseAddress:
          options.pipe === true ? 'net.pipe://localhost/orders/' : 'net.tcp://localhost/orders/',
        appPool: 'P',
        dispatchMs: options.dispatchMs ?? 10,
        firstViaMs: options.firstViaMs ?? 0,
      },
    ],
    workload: { sessions: arrivals.length, arrivals: { at: [...arrivals] } },
    faults: options.faults ?? [],
  };
}

/** A session's dispatch events as [id, ms since its 4008]. */
function dispatchOf(run: RecordedRun, sessionId: number): (readonly [number, number])[] {
  const events = run.events.filter(
    (e) => DISPATCH_IDS.has(e.id) && e.annotations.sessionId === sessionId,
  );
  const start = events[0]?.atMs ?? 0;
  return events.map((e) => [e.id, e.atMs - start] as const);
}

describe('3358, written when the worker wraps the duplicated socket', () => {
  it('follows 4019 at once and comes before the wait for the acceptor', async () => {
    const run = await runRecorded(scenario({ dispatchMs: 10 }));

    expect(dispatchOf(run, 1)).toEqual([
      [4008, 0],
      [4019, 0],
      [3358, 0],
      [4030, 10],
    ]);
  });

  it("comes after the worker's first-via activation, on its first via only", async () => {
    const run = await runRecorded(
      scenario({ dispatchMs: 10, firstViaMs: 50, arrivals: [10, 200] }),
    );

    expect([dispatchOf(run, 1), dispatchOf(run, 2)]).toEqual([
      [
        [4008, 0],
        [4019, 0],
        [3358, 50],
        [4030, 60],
      ],
      [
        [4008, 0],
        [4019, 0],
        [3358, 0],
        [4030, 10],
      ],
    ]);
  });

  it('comes before a hang in the acceptor, and before the timeout that ends it (F3)', async () => {
    const run = await runRecorded(
      scenario({
        callbackTimeoutMs: 100,
        faults: [{ kind: 'worker-hang', hangMs: 1000, count: 1 }],
      }),
    );

    expect(dispatchOf(run, 1)).toEqual([
      [4008, 0],
      [4019, 0],
      [3358, 0],
      [4031, 100],
    ]);
  });

  it('is not written when the callback times out during the first-via activation', async () => {
    const run = await runRecorded(scenario({ firstViaMs: 200, callbackTimeoutMs: 100 }));

    expect(dispatchOf(run, 1)).toEqual([
      [4008, 0],
      [4019, 0],
      [4031, 100],
    ]);
  });

  it('comes before an F2 failure the callback meets after the worker took the socket', async () => {
    const run = await runRecorded(
      scenario({ faults: [{ kind: 'worker-callback-failure', count: 1 }] }),
    );

    expect(dispatchOf(run, 1)).toEqual([
      [4008, 0],
      [4019, 0],
      [3358, 0],
      [4031, 10],
    ]);
  });

  it('is not written when the worker crashes during its first-via activation', async () => {
    const run = await runRecorded(
      scenario({ firstViaMs: 100, faults: [{ kind: 'worker-crash', atMs: 60 }] }),
    );

    expect(dispatchOf(run, 1)).toEqual([
      [4008, 0],
      [4019, 0],
      [4031, 50],
    ]);
  });

  it('is written after a crash only if the worker had wrapped the socket before it', async () => {
    const run = await runRecorded(
      scenario({ dispatchMs: 100, faults: [{ kind: 'worker-crash', atMs: 60 }] }),
    );

    expect(dispatchOf(run, 1)).toEqual([
      [4008, 0],
      [4019, 0],
      [3358, 0],
      [4031, 50],
    ]);
  });

  it('is never written on the pipe path', async () => {
    const run = await runRecorded(scenario({ firstViaMs: 5, pipe: true }));

    expect(dispatchOf(run, 1)).toEqual([
      [4008, 0],
      [4030, 15],
    ]);
  });
});
