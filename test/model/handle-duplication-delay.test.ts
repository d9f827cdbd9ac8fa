// The handle duplication between 4008 and the callback to the worker (domain §3.1 step 10,
// §3.3 F1): it takes dupHandleMs on the virtual clock, so 4019 (TCP) comes that long after
// 4008; a worker that exits while its handle is being duplicated fails the duplication with
// WSA error 10024 (4016, then 4031 on path F1), not the callback.
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded } from '../helpers/run-recorded.js';

function scenario(crashAtMs?: number): ScenarioInput {
  return {
    name: 'handle-duplication-delay',
    config: { dupHandleMs: 30 },
    appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
    apps: [
      { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P', dispatchMs: 5 },
    ],
    workload: { sessions: 1, arrivals: { at: [10] } },
    ...(crashAtMs === undefined
      ? {}
      : { faults: [{ kind: 'worker-crash' as const, atMs: crashAtMs }] }),
  };
}

const dispatchIds = new Set([4008, 4016, 4019, 4030, 4031]);

describe('the handle duplication', () => {
  it('takes dupHandleMs between 4008 and 4019, before the callback runs', async () => {
    // Act
    const run = await runRecorded(scenario());

    // Assert
    expect(run.events.filter((e) => dispatchIds.has(e.id)).map((e) => [e.id, e.atMs])).toEqual([
      [4008, 10],
      [4019, 40],
      [4030, 45],
    ]);
    expect(run.outcomes.map((o) => [o.kind, o.atMs])).toEqual([['dispatched', 45]]);
  });

  it('fails with WSA error 10024 (F1) when the worker exits while its handle is duplicated', async () => {
    // Act
    const run = await runRecorded(scenario(25));

    // Assert
    expect(run.events.filter((e) => dispatchIds.has(e.id)).map((e) => [e.id, e.atMs])).toEqual([
      [4008, 10],
      [4016, 40],
      [4031, 40],
    ]);
    expect(run.outcomes.map((o) => [o.kind, o.atMs, o.reason])).toEqual([
      ['dispatch-failed', 40, 'F1: handle duplication failed (WSA error 10024)'],
    ]);
  });
});
