// The failure throttle of a Faulted activated queue (domain §4.2, §6.3): the queue answers
// EndpointUnavailable for FAILURE_THROTTLING_TIMEOUT_MS (15 s) plus a skew of up to 5 s drawn
// from the run's `workers` stream, then returns to PendingOpen and the next session opens a
// listener channel again.
import { describe, expect, it } from 'vitest';
import { FAILURE_THROTTLING_TIMEOUT_MS } from '../../src/model/activated-queue-state.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded } from '../helpers/run-recorded.js';

// The first open fails (4025) at 0 ms; then a session every 20 ms for 21 s.
const scenario: ScenarioInput = {
  name: 'failure-throttle',
  appPools: [{ name: 'P', startupMs: 0, idleTimeoutMs: 0 }],
  apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
  workload: { sessions: 1051, arrivals: { fixed: { intervalMs: 20 } } },
  faults: [{ kind: 'open-listener-channel-failure', nthSession: 1 }],
};

/** The arrival of the first session served after the throttle. */
async function throttleEnd(seed: number): Promise<number> {
  const run = await runRecorded(scenario, { seed });
  const served = run.outcomes.find((o) => o.kind === 'dispatched');
  if (served === undefined) throw new Error('no session served');
  expect(run.outcomes.filter((o) => o.arrivedAtMs < served.arrivedAtMs).map((o) => o.kind)).toEqual(
    [
      'dropped-unavailable',
      ...Array.from({ length: served.arrivedAtMs / 20 - 1 }, () => 'unavailable'),
    ],
  );
  return served.arrivedAtMs;
}

describe('the failure throttle', () => {
  it('lasts 15 s plus a skew of up to 5 s that the seed decides', async () => {
    const ends = [await throttleEnd(1), await throttleEnd(2), await throttleEnd(3)];

    for (const end of ends) {
      expect(end).toBeGreaterThanOrEqual(FAILURE_THROTTLING_TIMEOUT_MS);
      expect(end).toBeLessThanOrEqual(FAILURE_THROTTLING_TIMEOUT_MS + 5000);
    }
    expect(new Set(ends).size).toBe(3);
  });
});
