// Rapid-fail protection counts worker process crashes, not only failed starts (domain §7:
// WAS disables the pool after maxFailures worker failures within intervalMs; a crash is a
// worker failure, see pool-processes.ts). Two crashes of the pool's process within the interval disable a pool that
// allows two; the sessions after the second crash are refused with EndpointUnavailable.
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded } from '../helpers/run-recorded.js';

// One AlwaysRunning process; a session every 100 ms from 200 ms; the process crashes at
// 320 ms (during session 2's dispatch) and its replacement at 720 ms (during session 6's).
function twoCrashes(maxFailures: number, intervalMs: number, enabled = true): ScenarioInput {
  return {
    name: 'rapid-fail-crashes',
    appPools: [
      {
        name: 'P',
        startMode: 'AlwaysRunning',
        startupMs: 100,
        idleTimeoutMs: 0,
        rapidFailProtection: { enabled, maxFailures, intervalMs },
      },
    ],
    apps: [
      { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P', dispatchMs: 50 },
    ],
    workload: { sessions: 10, startMs: 200, arrivals: { fixed: { intervalMs: 100 } } },
    faults: [
      { kind: 'worker-crash', target: { app: 'orders' }, atMs: 320 },
      { kind: 'worker-crash', target: { app: 'orders' }, atMs: 720 },
    ],
  };
}

describe('rapid-fail protection and worker crashes', () => {
  it('disables the pool at the second crash when maxFailures is 2', async () => {
    const run = await runRecorded(twoCrashes(2, 60_000));

    expect(run.result.faultsFired).toEqual({ 'worker-crash': 2 });
    expect(run.outcomes.map((o) => [o.sessionId, o.kind])).toEqual([
      [1, 'dispatched'],
      [2, 'dispatch-failed'],
      [3, 'dispatched'],
      [4, 'dispatched'],
      [5, 'dispatched'],
      [6, 'dispatch-failed'],
      [7, 'unavailable'],
      [8, 'unavailable'],
      [9, 'unavailable'],
      [10, 'unavailable'],
    ]);
    expect(new Set(run.outcomes.slice(6).map((o) => o.reason))).toEqual(
      new Set(['the application pool P was disabled by rapid-fail protection']),
    );
  });

  it('counts a crash exactly intervalMs old at the second', async () => {
    // The crashes are 400 ms apart.
    const run = await runRecorded(twoCrashes(2, 400));

    expect(run.result.outcomes.unavailable).toBe(4);
  });

  it.each([
    ['maxFailures is 3', 3, 60_000, true],
    ['the first crash is older than intervalMs at the second', 2, 399, true],
    ['rapid-fail protection is off', 2, 60_000, false],
  ])('keeps the pool running when %s', async (_why, maxFailures, intervalMs, enabled) => {
    const run = await runRecorded(twoCrashes(maxFailures, intervalMs, enabled));

    expect(run.result.faultsFired).toEqual({ 'worker-crash': 2 });
    expect(run.result.outcomes['dispatch-failed']).toBe(2);
    expect(run.result.outcomes.dispatched).toBe(8);
    expect(run.result.outcomes.unavailable).toBe(0);
  });
});
