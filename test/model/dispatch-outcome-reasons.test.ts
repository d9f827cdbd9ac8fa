// How a dispatch ends, as the session's outcome records it (domain §3.3): a 4030 whose
// worker took the connection, answered it with a fault (not a 4031) or, while stopping,
// aborted it; a 4031 on path F2 when the callback fails or the worker exits during it. The
// reason says which, and the client sees what that path gives it.
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { clientSeen, runRecorded } from '../helpers/run-recorded.js';

type Faults = NonNullable<ScenarioInput['faults']>;

// One session at 10 ms on a worker already registered; its callback takes 50 ms.
function scenario(faults: Faults): ScenarioInput {
  return {
    name: 'dispatch-outcome-reasons',
    appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
    apps: [
      { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P', dispatchMs: 50 },
    ],
    workload: {
      sessions: 1,
      arrivals: { at: [10] },
      vias: [{ via: 'net.tcp://localhost/orders/service.svc' }],
    },
    faults,
  };
}

const rows: readonly {
  readonly title: string;
  readonly faults: Faults;
  readonly outcome: readonly [string, number, string, string];
}[] = [
  {
    title: 'the worker takes the connection',
    faults: [],
    outcome: ['dispatched', 60, 'the worker accepted the connection', 'ok - -'],
  },
  {
    title: 'the worker cannot activate the service',
    faults: [{ kind: 'service-activation-failure', fault: 'ServiceActivationFailed' }],
    outcome: [
      'dispatched',
      60,
      'the worker could not activate the service and answered with a fault (not a 4031)',
      'fault ServiceActivationFailed ServiceActivationException',
    ],
  },
  {
    title: 'the worker finds no service at the via',
    faults: [{ kind: 'service-activation-failure', fault: 'EndpointNotFound' }],
    outcome: [
      'dispatched',
      60,
      'the worker found no service at the via and answered with a fault (not a 4031)',
      'fault EndpointNotFound EndpointNotFoundException',
    ],
  },
  {
    title: 'the worker is stopping (overlapped recycle)',
    faults: [{ kind: 'app-pool-recycle', pool: 'P', atMs: 30, overlapped: true, shutdownMs: 100 }],
    outcome: [
      'dispatched',
      60,
      'the worker was shutting down: it took the connection and aborted it (Sharing_ListenerProxyStopped)',
      'abort - CommunicationException',
    ],
  },
  {
    title: 'the callback fails',
    faults: [{ kind: 'worker-callback-failure', exception: 'FaultException' }],
    outcome: [
      'dispatch-failed',
      60,
      'F2: the callback to the worker failed (FaultException)',
      'reset - CommunicationException',
    ],
  },
  {
    title: 'the worker exits during the callback',
    faults: [{ kind: 'worker-crash', atMs: 40 }],
    outcome: [
      'dispatch-failed',
      40,
      'F2: the worker process exited during the callback (CommunicationObjectAbortedException)',
      'reset - CommunicationException',
    ],
  },
];

describe('the end of a dispatch', () => {
  it.each(rows)('when $title: $outcome.0 with its reason', async ({ faults, outcome }) => {
    // Act
    const run = await runRecorded(scenario(faults));

    // Assert
    expect(run.outcomes.map((o) => [o.kind, o.atMs, o.reason, clientSeen(o)])).toEqual([outcome]);
  });
});
