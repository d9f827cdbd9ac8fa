// Which WAS applications a pool stop, a protocol-disabled window or a listener channel failure
// touches (domain §6.1, §6.3): only the stopped pool's applications are disabled; an
// application stays disabled until the last of its overlapping protocol-disabled windows ends
// and then counts in Registrations Active again; 4025 names the application; and an
// application deleted and created again (adapter restart) opens a listener channel again.
import { describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../src/scenario/fault-schema.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { outcomeReasons as outcomes, runRecorded } from '../helpers/run-recorded.js';

const ordersVia = 'net.tcp://localhost/orders/service.svc';

function scenario(
  at: readonly number[],
  faults: readonly FaultRuleInput[],
  patch: Partial<ScenarioInput> = {},
): ScenarioInput {
  return {
    name: 'was-enabled-state',
    appPools: [
      { name: 'A', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 },
      { name: 'B', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 },
    ],
    apps: [
      { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'A', dispatchMs: 50 },
      { name: 'billing', baseAddress: 'net.tcp://localhost/billing/', appPool: 'B' },
    ],
    workload: { sessions: at.length, arrivals: { at: [...at] }, vias: [{ via: ordersVia }] },
    faults: [...faults],
    ...patch,
  };
}

describe('a WAS application’s enabled state', () => {
  it('is untouched by a stop of another application pool', async () => {
    const run = await runRecorded(
      scenario([200], [{ kind: 'app-pool-stop', pool: 'B', atMs: 100 }]),
    );

    expect(outcomes(run)).toEqual(['dispatched: the worker accepted the connection']);
    // Registrations Active counts enabled WAS applications: billing's went, orders' stays.
    expect(run.result.counters.registrationsActive).toBe(1);
  });

  it('stays disabled until the last overlapping protocol-disabled window ends', async () => {
    // Windows [100, 300) and [200, 500); at 100 ms a session waits (the first is in flight
    // until 110 ms); another arrives at 400 ms and a third at 600 ms.
    const run = await runRecorded(
      scenario(
        [60, 70, 400, 600],
        [
          { kind: 'protocol-disabled', target: { app: 'orders' }, fromMs: 100, toMs: 300 },
          { kind: 'protocol-disabled', target: { app: 'orders' }, fromMs: 200, toMs: 500 },
        ],
      ),
    );

    expect(outcomes(run)).toEqual([
      'dispatched: the worker accepted the connection',
      'dropped-unavailable: the protocol net.tcp was removed from enabledProtocols',
      'unavailable: the protocol net.tcp is not in enabledProtocols (requests blocked)',
      'dispatched: the worker accepted the connection',
    ]);
    expect(run.result.counters.registrationsActive).toBe(2);
  });
});

describe('a WAS application’s listener channel', () => {
  it('names the application in OpenListenerChannelInstanceFailed (4025)', async () => {
    const run = await runRecorded(
      scenario(
        [10],
        [{ kind: 'open-listener-channel-failure', target: { app: 'orders' }, count: 1 }],
      ),
    );

    expect(run.events.filter((e) => e.id === 4025).map((e) => e.annotations)).toEqual([
      { app: 'orders' },
    ]);
  });

  it('opens again on demand after its adapter restarts', async () => {
    // An OnDemand pool: the first session launches its process. The Net.TCP adapter stops at
    // 100 ms (the app is deleted, its process exits) and starts at 200 ms; the session at
    // 300 ms asks WAS for a listener channel again and is dispatched once it is up.
    const run = await runRecorded(
      scenario(
        [10, 300],
        [{ kind: 'service-stop', service: 'tcpActivator', atMs: 100, restartAfterMs: 100 }],
        {
          appPools: [{ name: 'A', startMode: 'OnDemand', startupMs: 20, idleTimeoutMs: 0 }],
          apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'A' }],
        },
      ),
    );

    expect(run.outcomes.map((o) => [o.sessionId, o.kind])).toEqual([
      [1, 'dispatched'],
      [2, 'dispatched'],
    ]);
    expect(run.events.filter((e) => e.id === 4015).map((e) => [e.annotations.pid, e.atMs])).toEqual(
      [
        [4004, 30],
        [4008, 320],
      ],
    );
  });
});
