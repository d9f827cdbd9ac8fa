// A dispatch still in flight on a worker told to stop (unregistered at once, domain §6.3)
// holds no slot of the registered workers: each registered worker takes one dispatch at a
// time (domain §3.1 step 8), whatever the stopping ones still run. The sessions queued behind
// a hung dispatch waited for the old process to exit while the new one sat idle (user report:
// 4 s with `shutdownMs: 10000`, unbounded in it).
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded, type RecordedRun } from '../helpers/run-recorded.js';

// AlwaysRunning processes (up at 500 ms); the first `hung` sessions hang 5 s in them; an
// overlapped recycle at 1500 ms brings new processes up at 2000 ms while the old ones run the
// hung sessions to their end.
function recycleDuringHang(maxProcesses = 1, hung = 1): ScenarioInput {
  return {
    name: 'stopping-worker-slot',
    appPools: [{ name: 'P', startMode: 'AlwaysRunning', maxProcesses }],
    apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
    workload: { sessions: 4, arrivals: { at: [1000, 1100, 1200, 1300] } },
    faults: [
      { kind: 'worker-hang', count: hung, hangMs: 5000 },
      { kind: 'app-pool-recycle', pool: 'P', atMs: 1500, overlapped: true, shutdownMs: 10_000 },
    ],
  };
}

/** Each session's 4008, as [session, pid, virtual time]. */
const starts = (run: RecordedRun): unknown[][] =>
  run.events
    .filter((e) => e.id === 4008)
    .map((e) => [e.annotations.sessionId, e.annotations.pid, e.atMs]);

describe('a dispatch in flight on a worker told to stop', () => {
  it('leaves the new worker free for the sessions queued behind it', async () => {
    const run = await runRecorded(recycleDuringHang());

    const [first, ...rest] = starts(run);
    expect(first?.slice(0, 1)).toEqual([1]);
    // Sessions 2-4 waited for the new process (up at 2000 ms) and go to it one after another
    // (dispatchMs 1), not after session 1 ends at 6000 ms.
    expect(rest.map(([session]) => session)).toEqual([2, 3, 4]);
    expect(new Set(rest.map(([, pid]) => pid)).size).toBe(1);
    expect(rest.map(([, , atMs]) => atMs)).toEqual([2000, 2001, 2002]);
  });

  it('leaves every new worker of a web garden free at once', async () => {
    const run = await runRecorded(recycleDuringHang(2, 2));

    // Both old processes hang (sessions 1 and 2); the two new ones take sessions 3 and 4
    // together at 2000 ms.
    expect(
      starts(run)
        .slice(2)
        .map(([session, , atMs]) => [session, atMs]),
    ).toEqual([
      [3, 2000],
      [4, 2000],
    ]);
  });
});
