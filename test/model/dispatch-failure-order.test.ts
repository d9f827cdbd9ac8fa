// The order of the records around a 4031 (domain §3.3; SMS/MessageQueue.cs
// CompleteDispatchSession, SMS/WorkerProcess.cs EndDispatchSession): Event Log 8/9 first,
// then the close of the worker's registration (for a self-hosted queue losing its last
// worker: 4013 and the pending sessions aborted), then 4031, then the fault write (3346),
// and only then the session's outcome.
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded } from '../helpers/run-recorded.js';

const records = async (scenario: ScenarioInput): Promise<string[]> => {
  const run = await runRecorded(scenario);
  const failedAt = run.events.find((e) => e.id === 4031)?.atMs;
  return [...run.events, ...run.eventLog]
    .filter((r) => r.atMs === failedAt && [4013, 4031, 3346, 8, 9].includes(r.id))
    .sort((a, b) => a.seq - b.seq)
    .map((r) => ('log' in r ? `EventLog ${r.id}` : `${r.id}`));
};

describe('the records of a failed dispatch', () => {
  it('puts Event Log 8 before 4031 and the ConnectionDispatchFailed write after it', async () => {
    const order = await records({
      name: 'was-f1',
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: { sessions: 2, arrivals: { fixed: { intervalMs: 10 } } },
      faults: [{ kind: 'duplicate-handle-failure', nthSession: 1 }],
    });

    expect(order).toEqual(['EventLog 8', '4031', '3346']);
  });

  it('closes the self-hosted queue (4013, pending aborted) between Event Log 8 and 4031', async () => {
    const scenario: ScenarioInput = {
      name: 'self-f2',
      apps: [
        {
          name: 'orders',
          baseAddress: 'net.tcp://localhost/orders/',
          hosting: 'self',
          dispatchMs: 50,
        },
      ],
      workload: { sessions: 2, arrivals: { at: [0, 10] } },
      faults: [{ kind: 'worker-callback-failure', nthSession: 1 }],
    };
    const order = await records(scenario);
    const run = await runRecorded(scenario);

    expect(order).toEqual(['EventLog 8', '4013', '4031', '3346']);
    // The queued session is aborted by the close, before the failed session's own outcome.
    expect(run.outcomes.map((o) => [o.sessionId, o.kind])).toEqual([
      [2, 'dropped-aborted'],
      [1, 'dispatch-failed'],
    ]);
  });
});
