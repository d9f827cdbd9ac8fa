// The 3.x OperationTimeout of the callback to the worker (callbackTimeoutMs, domain §3.3 F3)
// bounds the wait for the worker's answer, whatever that answer will be: the worker replies
// only once its own acceptor dequeues the connection (§3.1 step 10), so a callback that
// would fail (F2) after the timeout times out first (F3), and one that fails within it is F2.
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded } from '../helpers/run-recorded.js';

function failingCallback(dispatchMs: number): ScenarioInput {
  return {
    name: 'failing-callback-timeout',
    config: { callbackTimeoutMs: 100 },
    appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
    apps: [
      { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P', dispatchMs },
    ],
    workload: { sessions: 1, arrivals: { at: [10] } },
    faults: [{ kind: 'worker-callback-failure', exception: 'FaultException' }],
  };
}

describe('a failing callback under callbackTimeoutMs', () => {
  it('times out (F3) at the timeout when its failure would come later', async () => {
    // Act
    const run = await runRecorded(failingCallback(150));

    // Assert
    expect(run.outcomes.map((o) => [o.kind, o.atMs - o.arrivedAtMs, o.reason])).toEqual([
      ['dispatch-failed', 100, 'F3: the callback to the worker timed out after 100 ms'],
    ]);
  });

  it('fails with its own exception (F2) when the failure comes within the timeout', async () => {
    // Act
    const run = await runRecorded(failingCallback(80));

    // Assert
    expect(run.outcomes.map((o) => [o.kind, o.atMs - o.arrivedAtMs, o.reason])).toEqual([
      ['dispatch-failed', 80, 'F2: the callback to the worker failed (FaultException)'],
    ]);
  });
});
