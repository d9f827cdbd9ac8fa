// A self-hosted worker whose control channel failed stays alive and registers again with
// back-off (domain §3.3, §6.4; SharedConnectionListener's ReconnectCallback): 30 s, doubling
// after each failed attempt up to 5 min, and back to 30 s once it is registered again.
import { describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../src/scenario/fault-schema.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded, type RecordedRun } from '../helpers/run-recorded.js';

function scenario(faults: readonly FaultRuleInput[], arrivals: readonly number[]): ScenarioInput {
  return {
    name: 'self-host-reconnect',
    apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', hosting: 'self' }],
    workload: { sessions: arrivals.length, arrivals: { at: [...arrivals] } },
    faults: [...faults],
  };
}

/** The registration attempts (4011) and their failures (4014), as [id, virtual time]. */
const attempts = (run: RecordedRun): [number, number][] =>
  run.events.filter((e) => e.id === 4011 || e.id === 4014).map((e) => [e.id, e.atMs]);

describe('a self-hosted worker that lost its control channel', () => {
  it('registers again after 30 s, doubling the wait after each failure up to 5 min', async () => {
    // Arrange: session 1's callback fails (4031 at 11 ms); the next five registrations fail.
    const run = await runRecorded(
      scenario(
        [
          { kind: 'worker-callback-failure', nthSession: 1 },
          { kind: 'registration-failure', fromMs: 1000, count: 5 },
        ],
        [10, 2_000_000],
      ),
    );

    // Assert: waits of 30, 60, 120, 240, then 300 s (not 480), 300 s.
    expect(attempts(run)).toEqual([
      [4011, 0],
      [4011, 30_011],
      [4014, 30_011],
      [4011, 90_011],
      [4014, 90_011],
      [4011, 210_011],
      [4014, 210_011],
      [4011, 450_011],
      [4014, 450_011],
      [4011, 750_011],
      [4014, 750_011],
      [4011, 1_050_011],
    ]);
    expect(run.outcomes.map((o) => o.kind)).toEqual(['dispatch-failed', 'dispatched']);
  });

  it('does not register again once its process has exited', async () => {
    // Arrange: the 4031 at 11 ms; the process crashes at 1000 ms, before the reconnect.
    const run = await runRecorded(
      scenario(
        [
          { kind: 'worker-callback-failure', nthSession: 1 },
          { kind: 'worker-crash', atMs: 1000 },
        ],
        [10, 60_000],
      ),
    );

    // Assert
    expect(attempts(run)).toEqual([[4011, 0]]);
    expect(run.outcomes.map((o) => o.kind)).toEqual(['dispatch-failed', 'connection-refused']);
  });

  it('waits 30 s again once a registration has succeeded', async () => {
    // Arrange: two failed registrations after the first 4031; a second 4031 at 2000001 ms.
    const run = await runRecorded(
      scenario(
        [
          { kind: 'worker-callback-failure', nthSession: 1 },
          { kind: 'worker-callback-failure', nthSession: 2 },
          { kind: 'registration-failure', fromMs: 1000, count: 2 },
        ],
        [10, 2_000_000, 2_100_000],
      ),
    );

    // Assert
    expect(attempts(run).slice(-2)).toEqual([
      [4011, 210_011],
      [4011, 2_030_001],
    ]);
    expect(run.outcomes.map((o) => o.kind)).toEqual([
      'dispatch-failed',
      'dispatch-failed',
      'dispatched',
    ]);
  });
});
