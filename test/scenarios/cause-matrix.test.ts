// The cause matrix of domain §3.3 and §3.4, one row per failure path (STYLE rule 36): the
// exact ETW ids of the affected session joined by its ActivityId, its outcome, what its
// client sees, and the run's performance counters (domain §2.5: a 4031 is not a Dispatch
// Failure, nor is a queued session dropped later). 4031 appears on the F1, F2 and F3 rows
// only, for TCP and for named pipes.
import { describe, expect, it } from 'vitest';
import type { PerformanceCounters } from '../../src/events/performance-counters.js';
import type { FaultRuleInput } from '../../src/scenario/fault-schema.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { activityIds, clientSeen, outcomeOf, runRecorded } from '../helpers/run-recorded.js';

interface Row {
  readonly path: string;
  readonly faults: readonly FaultRuleInput[];
  readonly patch?: (s: ScenarioInput) => ScenarioInput;
  /** The session whose trace the row pins down. */
  readonly session: number;
  readonly ids: readonly number[];
  readonly outcome: string;
  readonly client: string;
  /** Every counter at the end of the run of five sessions. */
  readonly counters: PerformanceCounters;
}

function base(faults: readonly FaultRuleInput[]): ScenarioInput {
  return {
    name: 'cause-matrix',
    appPools: [{ name: 'Pool', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
    apps: [
      {
        name: 'orders',
        baseAddress: 'net.tcp://localhost/orders/',
        appPool: 'Pool',
        dispatchMs: 1,
      },
    ],
    workload: {
      sessions: 5,
      arrivals: { fixed: { intervalMs: 10 } },
      vias: [{ via: 'net.tcp://localhost/orders/service.svc' }],
    },
    faults: [...faults],
  };
}

const selfHosted = (s: ScenarioInput): ScenarioInput => ({
  ...s,
  appPools: [],
  apps: [
    { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', hosting: 'self', dispatchMs: 50 },
  ],
});

// The same application on net.pipe (domain §2.1: no 4016/4019 on the pipe path; §2.4: Event
// Log 9).
const pipe = (s: ScenarioInput): ScenarioInput => ({
  ...s,
  apps: [
    { name: 'orders', baseAddress: 'net.pipe://localhost/orders/', appPool: 'Pool', dispatchMs: 1 },
  ],
  workload: { ...s.workload, vias: [{ via: 'net.pipe://localhost/orders/service.svc' }] },
});

// Dispatches take 50 ms, so sessions 2 and later wait in the queue behind session 1.
const slow = (s: ScenarioInput): ScenarioInput => ({
  ...s,
  apps: [
    { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'Pool', dispatchMs: 50 },
  ],
});

/** Counters: accepted, dispatched, dispatch failures, protocol failures, then the URIs. */
const counters = (
  connectionsAccepted: number,
  connectionsDispatched: number,
  dispatchFailures: number,
  protocolFailures: number,
  urisRegistered = 1,
  urisUnregistered = 0,
  registrationsActive = 1,
): PerformanceCounters => ({
  connectionsAccepted,
  connectionsDispatched,
  dispatchFailures,
  protocolFailures,
  urisRegistered,
  urisUnregistered,
  registrationsActive,
});

const rows: readonly Row[] = [
  {
    path: 'F1 duplicate handle fails',
    faults: [{ kind: 'duplicate-handle-failure', nthSession: 2 }],
    session: 2,
    ids: [4001, 4008, 4016, 4031],
    outcome: 'dispatch-failed',
    client: 'fault ConnectionDispatchFailed CommunicationException',
    counters: counters(5, 4, 0, 0),
  },
  {
    path: 'F1 duplicate handle fails (net.pipe)',
    faults: [{ kind: 'duplicate-handle-failure', nthSession: 2 }],
    patch: pipe,
    session: 2,
    ids: [4001, 4008, 4031],
    outcome: 'dispatch-failed',
    client: 'fault ConnectionDispatchFailed CommunicationException',
    counters: counters(5, 4, 0, 0),
  },
  {
    path: 'F2 callback to the worker fails',
    faults: [{ kind: 'worker-callback-failure', nthSession: 2 }],
    session: 2,
    ids: [4001, 4008, 4019, 4031],
    outcome: 'dispatch-failed',
    client: 'reset - CommunicationException',
    counters: counters(5, 4, 0, 0),
  },
  {
    path: 'F2 callback to the worker fails (net.pipe)',
    faults: [{ kind: 'worker-callback-failure', nthSession: 2 }],
    patch: pipe,
    session: 2,
    ids: [4001, 4008, 4031],
    outcome: 'dispatch-failed',
    client: 'reset - CommunicationException',
    counters: counters(5, 4, 0, 0),
  },
  {
    path: 'F3 callback times out (3.x)',
    faults: [{ kind: 'worker-hang', nthSession: 2, hangMs: 90_000 }],
    patch: (s) => ({ ...s, config: { callbackTimeoutMs: 60_000 } }),
    session: 2,
    ids: [4001, 4008, 4019, 4031],
    outcome: 'dispatch-failed',
    client: 'reset - CommunicationException',
    counters: counters(5, 4, 0, 0),
  },
  {
    path: 'no route for the via',
    faults: [{ kind: 'no-route', nthSession: 2 }],
    session: 2,
    ids: [4001],
    outcome: 'no-route',
    client: 'fault EndpointNotFound EndpointNotFoundException',
    counters: counters(5, 4, 1, 0),
  },
  {
    path: 'queue cannot dispatch',
    faults: [{ kind: 'queue-paused', fromMs: 5, toMs: 15 }],
    session: 2,
    ids: [4001],
    outcome: 'unavailable',
    client: 'fault EndpointUnavailable EndpointNotFoundException',
    counters: counters(5, 4, 1, 0),
  },
  {
    path: 'pending queue full',
    faults: [],
    patch: (s) => ({
      ...s,
      config: { maxPendingConnections: 1 },
      apps: [
        {
          name: 'orders',
          baseAddress: 'net.tcp://localhost/orders/',
          appPool: 'Pool',
          dispatchMs: 100,
        },
      ],
    }),
    session: 3,
    ids: [4001, 4010],
    outcome: 'queue-full',
    client: 'abort - CommunicationException',
    counters: counters(5, 2, 3, 0),
  },
  {
    path: 'preamble timeout',
    faults: [{ kind: 'preamble-timeout', nthSession: 2 }],
    session: 2,
    ids: [],
    outcome: 'preamble-aborted',
    client: 'abort - CommunicationException',
    counters: counters(5, 4, 0, 1),
  },
  {
    path: 'bad preamble',
    faults: [{ kind: 'bad-preamble', nthSession: 2, variant: 'unsupported-mode' }],
    session: 2,
    ids: [],
    outcome: 'preamble-aborted',
    client: 'abort - CommunicationException',
    // The mode reader, not a dup-handle reader: no Protocol Failure (§2.5, §3.4).
    counters: counters(5, 4, 0, 0),
  },
  {
    path: 'self-hosted last worker lost with sessions queued',
    faults: [{ kind: 'worker-callback-failure', nthSession: 1 }],
    patch: selfHosted,
    session: 2,
    ids: [4001],
    outcome: 'dropped-aborted',
    client: 'abort - CommunicationException',
    counters: counters(5, 0, 0, 0, 1, 1, 0),
  },
  {
    path: 'WAS app disabled with sessions queued',
    faults: [{ kind: 'app-pool-stop', pool: 'Pool', atMs: 15 }],
    patch: slow,
    session: 2,
    ids: [4001],
    outcome: 'dropped-unavailable',
    client: 'fault EndpointUnavailable EndpointNotFoundException',
    counters: counters(5, 1, 3, 0, 1, 0, 0),
  },
  {
    path: 'queue Faulted with sessions queued (4025)',
    faults: [{ kind: 'open-listener-channel-failure', count: 1 }],
    patch: (s) => ({
      ...s,
      appPools: [{ name: 'Pool', startupMs: 0, idleTimeoutMs: 0 }],
    }),
    session: 1,
    ids: [4001],
    outcome: 'dropped-unavailable',
    client: 'fault EndpointUnavailable EndpointNotFoundException',
    counters: counters(5, 0, 4, 0),
  },
  {
    // A self-hosted queue: a WAS one is closed first by the Net.TCP adapter, which depends on
    // port sharing and so stops first (the row below).
    path: 'port sharing service stopped with sessions queued',
    faults: [{ kind: 'service-stop', service: 'portSharing', atMs: 15 }],
    patch: selfHosted,
    session: 2,
    ids: [4001],
    outcome: 'dropped-aborted',
    client: 'abort - CommunicationException',
    counters: counters(2, 0, 0, 0, 1, 1, 0),
  },
  {
    path: 'listener adapter stopped with sessions queued',
    faults: [{ kind: 'service-stop', service: 'tcpActivator', atMs: 15 }],
    patch: slow,
    session: 2,
    ids: [4001],
    outcome: 'dropped-unavailable',
    client: 'fault EndpointUnavailable EndpointNotFoundException',
    counters: counters(2, 0, 0, 0, 1, 1, 0),
  },
  {
    path: 'service activation fails in the worker (not 4031)',
    faults: [{ kind: 'service-activation-failure', nthSession: 2 }],
    session: 2,
    ids: [4001, 4008, 4019, 4030],
    outcome: 'dispatched',
    client: 'fault ServiceActivationFailed ServiceActivationException',
    counters: counters(5, 5, 0, 0),
  },
];

describe('cause matrix (domain §3.3, §3.4)', () => {
  it.each(rows)(
    '$path: session $session shows $ids and ends $outcome',
    async ({ faults, patch, session, ids, outcome, client, counters: expected }) => {
      const scenario = (patch ?? ((s: ScenarioInput) => s))(base(faults));

      const run = await runRecorded(scenario, { seed: 1 });

      const ended = outcomeOf(run, session);
      expect(activityIds(run, session)).toEqual(ids);
      expect(ended.kind).toBe(outcome);
      expect(clientSeen(ended)).toBe(client);
      expect(run.result.counters).toEqual(expected);
      expect(run.result.balanced).toBe(true);
    },
  );

  it('shows 4031 in the pinned session on the F1, F2 and F3 rows only', async () => {
    const with4031: string[] = [];
    for (const row of rows) {
      const run = await runRecorded((row.patch ?? ((s: ScenarioInput) => s))(base(row.faults)), {
        seed: 1,
      });
      if (activityIds(run, row.session).includes(4031)) with4031.push(row.path.slice(0, 2));
    }
    expect(with4031).toEqual(['F1', 'F1', 'F2', 'F2', 'F3']);
  });

  it('writes Event Log 9 and the pipe-ended error for the pipe rows of F1 and F2', async () => {
    const f1 = await runRecorded(pipe(base([{ kind: 'duplicate-handle-failure', nthSession: 2 }])));
    const f2 = await runRecorded(pipe(base([{ kind: 'worker-callback-failure', nthSession: 2 }])));

    expect([...f1.eventLog, ...f2.eventLog].map((e) => [e.id, e.name])).toEqual([
      [9, 'MessageQueueDuplicatedPipeLeak'],
      [9, 'MessageQueueDuplicatedPipeLeak'],
    ]);
    expect(outcomeOf(f2, 2).client.message).toBe(
      'There was an error reading from the pipe: The pipe has been ended. (109, 0x6d).',
    );
  });

  it('fills the client message with the via', async () => {
    const run = await runRecorded(base([{ kind: 'duplicate-handle-failure', nthSession: 1 }]));
    expect(outcomeOf(run, 1).client.message).toBe(
      "The message could not be dispatched to the service at address 'net.tcp://localhost/orders/service.svc'. Refer to the server Event Log for more details",
    );
  });

  it('writes Event Log 8 with the worker pid beside every TCP 4031', async () => {
    const run = await runRecorded(
      base([
        { kind: 'duplicate-handle-failure', nthSession: 1 },
        { kind: 'worker-callback-failure', nthSession: 3 },
      ]),
    );
    const failed = run.events.filter((e) => e.name === 'DispatchSessionFailed');
    expect(run.eventLog.map((e) => [e.id, e.annotations.pid])).toEqual(
      failed.map((e) => [8, e.annotations.pid]),
    );
    expect(run.eventLog.map((e) => e.message.split('\n')[1])).toEqual(
      failed.map((e) => `ID: ${e.annotations.pid}`),
    );
  });
});
