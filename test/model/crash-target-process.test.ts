// Which worker process a `worker-crash` aimed at a WAS application hits (domain §6.2; fault
// target `worker`): the process with that ordinal in the pool's web garden when the rule
// names one, else the first running process hosting the application.
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded } from '../helpers/run-recorded.js';

// A web garden of two; session 1 goes to 4004 and session 2 to 4008, both dispatching at 50 ms.
function scenario(worker?: number): ScenarioInput {
  return {
    name: 'crash-target-process',
    appPools: [
      { name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0, maxProcesses: 2 },
    ],
    apps: [
      { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P', dispatchMs: 100 },
    ],
    workload: { sessions: 2, arrivals: { at: [10, 20] } },
    faults: [{ kind: 'worker-crash', atMs: 50, target: worker === undefined ? {} : { worker } }],
  };
}

describe('a worker-crash aimed at a WAS application', () => {
  it.each([
    [2, ['dispatched', 'dispatch-failed']],
    [1, ['dispatch-failed', 'dispatched']],
    [undefined, ['dispatch-failed', 'dispatched']],
  ])('with worker %s hits that process of the web garden', async (worker, kinds) => {
    const run = await runRecorded(scenario(worker));

    expect([...run.outcomes].sort((a, b) => a.sessionId - b.sessionId).map((o) => o.kind)).toEqual(
      kinds,
    );
  });
});

describe('a worker-crash with no process named', () => {
  it('passes over a running process whose registration for the application was lost', async () => {
    // Session 1's callback fails at 210 ms (4031): process 4004 loses its registration for
    // orders and starts the listener channel again (up 100 ms later). At 230 ms only 4008,
    // busy with session 2 (150 to 250 ms), hosts orders: the crash hits it.
    const run = await runRecorded({
      ...scenario(),
      appPools: [
        {
          name: 'P',
          startMode: 'AlwaysRunning',
          startupMs: 100,
          idleTimeoutMs: 0,
          maxProcesses: 2,
        },
      ],
      workload: { sessions: 2, arrivals: { at: [110, 150] } },
      faults: [
        { kind: 'worker-callback-failure', nthSession: 1 },
        { kind: 'worker-crash', atMs: 230 },
      ],
    });

    const failures = run.events
      .filter((e) => e.id === 4031)
      .map((e) => [e.annotations.sessionId, e.annotations.pid]);
    expect(failures).toEqual([
      [1, 4004],
      [2, 4008],
    ]);
  });
});
