// A worker process told to shut down (recycle, pool stop) keeps running its dispatches until
// it exits (domain §6.3, §7): a second shutdown does not hasten that exit, and a 4031 in it
// reports the application to WAS only when the process is gone, so no new process comes up
// for it before then.
import { describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../src/scenario/fault-schema.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded, type RecordedRun } from '../helpers/run-recorded.js';

// One AlwaysRunning pool, its process up at 100 ms; sessions at 120 ms and at `last`, which
// keeps the run going.
function pool(dispatchMs: number, faults: readonly FaultRuleInput[], last = 2000): ScenarioInput {
  return {
    name: 'stopping-process',
    appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 100, idleTimeoutMs: 0 }],
    apps: [
      { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P', dispatchMs },
    ],
    workload: { sessions: 2, arrivals: { at: [120, last] } },
    faults: [...faults],
  };
}

/** The registrations completed (4015), as [pid, virtual time]. */
const registered = (run: RecordedRun): unknown[][] =>
  run.events.filter((e) => e.id === 4015).map((e) => [e.annotations.pid, e.atMs]);

describe('a worker process that is shutting down', () => {
  it('is not made to exit sooner by a pool stop during its recycle', async () => {
    // Recycled at 150 ms with 5 s to shut down: the session (120 to 2120 ms) ends first.
    const run = await runRecorded(
      pool(
        2000,
        [
          { kind: 'app-pool-recycle', pool: 'P', atMs: 150, overlapped: false, shutdownMs: 5000 },
          { kind: 'app-pool-stop', pool: 'P', atMs: 300 },
        ],
        3000,
      ),
    );

    expect(run.outcomes.find((o) => o.sessionId === 1)?.kind).toBe('dispatched');
    expect(run.events.filter((e) => e.id === 4031)).toEqual([]);
  });

  it('reports an application whose dispatch failed (4031) to WAS only when it exits', async () => {
    // Recycled at 150 ms (not overlapped, 1 s to shut down); the session's callback fails at
    // 220 ms. WAS launches the new process when the old one exits at 1150 ms.
    const run = await runRecorded(
      pool(100, [
        { kind: 'app-pool-recycle', pool: 'P', atMs: 150, overlapped: false, shutdownMs: 1000 },
        { kind: 'worker-callback-failure', nthSession: 1 },
      ]),
    );

    expect(run.events.filter((e) => e.id === 4031).map((e) => e.atMs)).toEqual([220]);
    expect(registered(run)).toEqual([
      [4004, 100],
      [4008, 1250],
    ]);
  });
});

describe('a worker-crash aimed at a pool whose only process is starting', () => {
  it('hits that process, not one that already exited', async () => {
    // The first crash (150 ms) takes 4004; WAS launches 4008 (up at 250 ms). The second
    // (200 ms) finds only 4008, still starting: it fails too, and 4012 comes up at 300 ms.
    const run = await runRecorded(
      pool(5, [
        { kind: 'worker-crash', target: { pool: 'P' }, atMs: 150 },
        { kind: 'worker-crash', target: { pool: 'P' }, atMs: 200 },
      ]),
    );

    expect(registered(run)).toEqual([
      [4004, 100],
      [4012, 300],
    ]);
  });
});
