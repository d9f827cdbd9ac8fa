// A process of a pool hosting two applications comes up and one application's listener
// channel fails to register (4014): the process stays up for the other application, and WAS
// may open a new instance for the one that failed (domain §6.2, §6.3). Only a process where no
// listener channel could register fails at its work and exits.
import { describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../src/scenario/fault-schema.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded } from '../helpers/run-recorded.js';

function shared(faults: readonly FaultRuleInput[]): ScenarioInput {
  return {
    name: 'partial-registration-failure',
    appPools: [{ name: 'Shared', startMode: 'AlwaysRunning', startupMs: 100, idleTimeoutMs: 0 }],
    apps: [
      { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'Shared' },
      { name: 'billing', baseAddress: 'net.tcp://localhost/billing/', appPool: 'Shared' },
    ],
    workload: {
      sessions: 2,
      arrivals: { at: [200, 300] },
      vias: [{ via: 'net.tcp://localhost/orders/service.svc' }],
    },
    faults: [...faults],
  };
}

describe('a listener channel that fails to register in a shared process', () => {
  it('leaves the process up serving the application that registered', async () => {
    const run = await runRecorded(
      shared([{ kind: 'registration-failure', target: { app: 'billing' }, count: 1 }]),
    );

    const registrations = run.events
      .filter((e) => e.id === 4015 || e.id === 4014)
      .map((e) => [e.id, e.annotations.app, e.annotations.pid, e.atMs]);
    // billing registers in the same process once its listener channel starts again.
    expect(registrations).toEqual([
      [4015, 'orders', 4004, 100],
      [4014, 'billing', 4004, 100],
      [4015, 'billing', 4004, 200],
    ]);
    const dispatched = run.events
      .filter((e) => e.id === 4008)
      .map((e) => [e.annotations.sessionId, e.annotations.pid, e.atMs]);
    expect(dispatched).toEqual([
      [1, 4004, 200],
      [2, 4004, 300],
    ]);
  });
});
