// The duplication of the connection's handle into the worker (domain §3.1 step 9, §3.3 F1):
// it takes dupHandleMs between 4008 and 4019; a worker whose process exits in that time
// fails the duplication naturally, with WSA error 10024 (4016, then a 4031 on path F1).
import { describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../src/scenario/fault-schema.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { sessionTimeline } from '../helpers/record-events.js';
import { runRecorded } from '../helpers/run-recorded.js';

function scenario(faults: readonly FaultRuleInput[] = []): ScenarioInput {
  return {
    name: 'duplicate-handle-delay',
    config: { dupHandleMs: 30 },
    appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
    apps: [
      { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P', dispatchMs: 5 },
    ],
    workload: { sessions: 1, arrivals: { at: [10] } },
    faults: [...faults],
  };
}

describe('the handle duplication', () => {
  it('takes dupHandleMs between 4008 and 4019', async () => {
    const run = await runRecorded(scenario());

    expect(sessionTimeline(run.events, 1)).toEqual([
      [4001, 10],
      [4035, 10],
      [4008, 10],
      [4019, 40],
      [4030, 45],
    ]);
  });

  it('fails with WSA error 10024 when the worker process exits during it', async () => {
    const run = await runRecorded(scenario([{ kind: 'worker-crash', atMs: 20 }]));

    expect(sessionTimeline(run.events, 1)).toEqual([
      [4001, 10],
      [4035, 10],
      [4008, 10],
      [4016, 40],
      [4031, 40],
    ]);
    expect(run.outcomes.map((o) => o.reason)).toEqual([
      'F1: handle duplication failed (WSA error 10024)',
    ]);
  });
});
