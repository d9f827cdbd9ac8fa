// Time-based fault rules on a machine with both kinds of hosting (domain §6.2, §6.4): a
// worker-crash picks a self-hosted application's own process (by ordinal, when the rule
// names one), and a crashed self-hosted process never comes back; a rule aimed at a pool
// passes over self-hosted applications; a crash aimed at a pool with no process does
// nothing; enabledProtocols is a WAS setting, so a protocol-disabled window leaves
// self-hosted services alone; a pause with no end lasts to the end of the run.
import { describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../src/scenario/fault-schema.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { outcomeReasons as outcomes, runRecorded } from '../helpers/run-recorded.js';

const stockVia = 'net.tcp://localhost/stock/service.svc';
const ordersVia = 'net.tcp://localhost/orders/service.svc';

// stock is self-hosted; orders is in an OnDemand pool (no process until a session comes).
function machine(
  via: string,
  at: readonly number[],
  faults: readonly FaultRuleInput[],
): ScenarioInput {
  return {
    name: 'fault-rules-by-hosting',
    appPools: [{ name: 'P', startMode: 'OnDemand', startupMs: 0, idleTimeoutMs: 0 }],
    apps: [
      {
        name: 'stock',
        baseAddress: 'net.tcp://localhost/stock/',
        hosting: 'self',
        dispatchMs: 100,
      },
      { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P', dispatchMs: 100 },
    ],
    workload: { sessions: at.length, arrivals: { at: [...at] }, vias: [{ via }] },
    faults: [...faults],
  };
}

const crashed =
  'dispatch-failed: F2: the worker process exited during the callback (CommunicationObjectAbortedException)';

describe('a worker-crash aimed at a self-hosted application', () => {
  it('hits its process by ordinal, which never comes back', async () => {
    // The session at 10 ms is in flight at 50 ms; the one at 60 s finds stock gone for good.
    const run = await runRecorded(
      machine(
        stockVia,
        [10, 60_000],
        [{ kind: 'worker-crash', target: { app: 'stock', worker: 1 }, atMs: 50 }],
      ),
    );

    expect(outcomes(run)).toEqual([
      crashed,
      // orders keeps the TCP listener up: the via finds no route.
      'no-route: no registration matched the via',
    ]);
  });
});

describe('a rule aimed at a pool', () => {
  it('passes over self-hosted applications and a pool with no process', async () => {
    const run = await runRecorded(
      machine(stockVia, [10], [{ kind: 'worker-crash', target: { pool: 'P' }, atMs: 50 }]),
    );

    expect(outcomes(run)).toEqual(['dispatched: the worker accepted the connection']);
    expect(run.result.faultsFired).toEqual({});
  });
});

describe('a protocol-disabled window with no target', () => {
  it('blocks WAS applications only', async () => {
    const rule: FaultRuleInput = { kind: 'protocol-disabled', fromMs: 0, toMs: 1000 };
    const self = await runRecorded(machine(stockVia, [10], [rule]));
    const was = await runRecorded(machine(ordersVia, [10], [rule]));

    expect(outcomes(self)).toEqual(['dispatched: the worker accepted the connection']);
    expect(outcomes(was)).toEqual([
      'unavailable: the protocol net.tcp is not in enabledProtocols (requests blocked)',
    ]);
  });
});

describe('a service-pause with no end', () => {
  it('lasts to the end of the run', async () => {
    const run = await runRecorded(
      machine(
        stockVia,
        [10, 500],
        [{ kind: 'service-pause', service: 'portSharing', fromMs: 100 }],
      ),
    );

    expect(outcomes(run).map((o) => o.split(':')[0])).toEqual(['dispatched', 'unavailable']);
  });
});

describe('the Port Sharing Service stopping under a self-hosted dispatch', () => {
  it('fails the dispatch in flight as its control channel is aborted', async () => {
    const run = await runRecorded(
      machine(stockVia, [10], [{ kind: 'service-stop', service: 'portSharing', atMs: 50 }]),
    );

    // Its process lives on: the reason said it exited (user report).
    expect(outcomes(run)).toEqual([
      'dispatch-failed: F2: the worker lost its control channel during the callback (CommunicationObjectAbortedException)',
    ]);
  });
});
