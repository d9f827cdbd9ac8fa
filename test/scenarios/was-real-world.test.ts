// The real-world causes of domain §7 and the WAS behaviour of §6.3, replayed one by one:
// the event sequence, the Event Log entries, the counters and what clients see.
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { activityIds, outcomeOf, runRecorded, type RecordedRun } from '../helpers/run-recorded.js';

const via = 'net.tcp://localhost/orders/service.svc';

function was(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    name: 'was',
    appPools: [
      { name: 'OrdersPool', startMode: 'AlwaysRunning', startupMs: 200, idleTimeoutMs: 0 },
    ],
    apps: [
      {
        name: 'orders',
        baseAddress: 'net.tcp://localhost/orders/',
        appPool: 'OrdersPool',
        dispatchMs: 50,
      },
    ],
    workload: {
      sessions: 10,
      startMs: 300,
      arrivals: { fixed: { intervalMs: 20 } },
      vias: [{ via }],
    },
    ...overrides,
  };
}

const kinds = (run: RecordedRun): string[] => run.outcomes.map((o) => o.kind);
const workerOf = (run: RecordedRun, session: number): number | undefined =>
  run.events.find(
    (e) => e.name === 'PortSharingDuplicatedSocket' && e.annotations.sessionId === session,
  )?.annotations.workerId;

describe('WAS and real-world causes (domain §6.3, §7)', () => {
  // An overlapped recycle at 350 ms: the new worker registers at 550 ms and WAS tells the old
  // one to stop, so SMSvcHost unregisters it then; it exits 100 ms later (domain §6.3, §7).
  const overlappedRecycle = (dispatchMs: number): ScenarioInput =>
    was({
      apps: [
        {
          name: 'orders',
          baseAddress: 'net.tcp://localhost/orders/',
          appPool: 'OrdersPool',
          dispatchMs,
        },
      ],
      workload: {
        sessions: 4,
        startMs: 300,
        arrivals: { fixed: { intervalMs: 100 } },
        vias: [{ via }],
      },
      faults: [
        {
          kind: 'app-pool-recycle',
          pool: 'OrdersPool',
          atMs: 350,
          overlapped: true,
          shutdownMs: 100,
        },
      ],
    });

  it('ends a dispatch still in flight on the old worker of an overlapped recycle in 4031 (recycle race)', async () => {
    const run = await runRecorded(overlappedRecycle(400));
    // Worker 1 takes session 1 at 300 ms (until 700 ms) and exits at 650 ms with it in flight.
    expect(activityIds(run, 1)).toEqual([4001, 4008, 4019, 4031]);
    expect(outcomeOf(run, 1).atMs).toBe(650);
    expect(outcomeOf(run, 1).client.result).toBe('reset');
    expect(run.eventLog.map((e) => [e.id, e.name])).toEqual([
      [8, 'MessageQueueDuplicatedSocketLeak'],
    ]);
    expect([2, 3, 4].map((session) => workerOf(run, session))).toEqual([2, 2, 2]);
    expect(run.result.counters.dispatchFailures).toBe(0);
    expect(run.result.balanced).toBe(true);
  });

  it('pairs no new session with a worker told to stop: the new worker takes them all', async () => {
    const run = await runRecorded(overlappedRecycle(300));
    // Session 1 ends at 600 ms, before the old worker exits: a 4030 whose connection the
    // stopping worker aborts (Sharing_ListenerProxyStopped). Session 3 arrives at 500 ms and
    // session 4 at 600 ms, when the old worker is idle but no longer registered: both wait
    // for the new one.
    expect(activityIds(run, 1)).toEqual([4001, 4008, 4019, 4030]);
    expect(outcomeOf(run, 1).client.result).toBe('abort');
    expect([2, 3, 4].map((session) => workerOf(run, session))).toEqual([2, 2, 2]);
    expect(run.result.eventCounts['4031'] ?? 0).toBe(0);
    expect(run.result.outcomes.dispatched).toBe(4);
  });

  it('lets rapid-fail protection disable the pool, so every later session gets EndpointUnavailable', async () => {
    const run = await runRecorded(
      was({
        appPools: [{ name: 'OrdersPool', startupMs: 100 }],
        workload: { sessions: 30, arrivals: { fixed: { intervalMs: 40 } }, vias: [{ via }] },
        faults: [{ kind: 'worker-start-failure' }],
      }),
    );
    // Five failed launches (100 ms each) disable the pool at 500 ms: the queued sessions are
    // dropped with EndpointUnavailable and every later one is refused at enqueue.
    expect(run.result.eventCounts['3364'] ?? 0).toBe(0);
    const after = run.outcomes.filter((o) => o.arrivedAtMs > 500);
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(after.map((o) => `${o.kind} ${o.client.fault}`))).toEqual(
      new Set(['unavailable EndpointUnavailable']),
    );
    expect(after[0]?.reason).toBe(
      'the application pool OrdersPool was disabled by rapid-fail protection',
    );
    const before = run.outcomes.filter((o) => o.arrivedAtMs <= 500);
    expect(new Set(before.map((o) => o.kind))).toEqual(new Set(['dropped-unavailable']));
    expect(run.result.counters.dispatchFailures).toBe(after.length);
    expect(run.result.faultsFired['worker-start-failure']).toBe(5);
    expect(run.result.eventCounts['4031'] ?? 0).toBe(0);
  });

  it('routes but refuses sessions of an app whose enabledProtocols lacks net.tcp ("http, net.tcp")', async () => {
    const run = await runRecorded(
      was({
        apps: [
          {
            name: 'orders',
            baseAddress: 'net.tcp://localhost/orders/',
            appPool: 'OrdersPool',
            enabledProtocols: 'http, net.tcp',
          },
        ],
      }),
    );
    expect(new Set(kinds(run))).toEqual(new Set(['unavailable']));
    expect(activityIds(run, 1)).toEqual([4001]);
    expect(outcomeOf(run, 1).client.message).toBe(
      `The message could not be dispatched because the service at the endpoint address '${via}' is unavailable for the protocol of the address.`,
    );
    expect(run.result.counters.dispatchFailures).toBe(10);
    expect(run.result.eventCounts['4008'] ?? 0).toBe(0);
  });

  it('keeps sessions queued through a worker crash and dispatches them to the new worker', async () => {
    const run = await runRecorded(
      was({ faults: [{ kind: 'worker-crash', atMs: 325, target: { app: 'orders' } }] }),
    );
    // Session 1 is in flight at 325 ms: F2. WAS starts worker 2 (200 ms); sessions 2-… wait.
    expect(activityIds(run, 1)).toEqual([4001, 4008, 4019, 4031]);
    expect(run.eventLog.map((e) => e.id)).toEqual([8]);
    expect(new Set(kinds(run).slice(1))).toEqual(new Set(['dispatched']));
    expect(workerOf(run, 2)).toBe(2);
    expect(outcomeOf(run, 2).atMs).toBeGreaterThanOrEqual(525);
    expect(run.result.outcomes.dispatched).toBe(9);
  });

  it('closes a self-hosted queue when its only worker is lost, then re-registers after 30 s', async () => {
    const run = await runRecorded({
      name: 'self',
      apps: [
        {
          name: 'orders',
          baseAddress: 'net.tcp://localhost/orders/',
          hosting: 'self',
          dispatchMs: 50,
        },
      ],
      workload: { sessions: 4, arrivals: { at: [0, 10, 100, 31_000] }, vias: [{ via }] },
      faults: [{ kind: 'worker-callback-failure', nthSession: 1 }],
    });
    // The queue closes inside the failed dispatch (WorkerProcess.Close), so the queued
    // session is aborted before the failed one gets its outcome, and 4013 precedes 4031.
    expect(kinds(run)).toEqual([
      'dropped-aborted',
      'dispatch-failed',
      'connection-refused',
      'dispatched',
    ]);
    const names = run.events.filter((e) => e.atMs >= 50 && e.atMs < 31_000).map((e) => `${e.id}`);
    expect(names).toEqual(['4013', '4031', '3346', '3364', '4011', '4020', '4021', '4015', '3365']);
    expect(run.result.counters.urisUnregistered).toBe(1);
    expect(run.result.counters.registrationsActive).toBe(1);
  });

  it('faults the queue on the 7th failed launch and reopens it after the 15 s throttle', async () => {
    const run = await runRecorded(
      was({
        appPools: [{ name: 'OrdersPool', startupMs: 100, rapidFailProtection: { enabled: false } }],
        workload: { sessions: 3, arrivals: { at: [0, 800, 21_000] }, vias: [{ via }] },
        faults: [{ kind: 'worker-start-failure', count: 7 }],
      }),
    );
    // Launches at 0, 100, …, 600 fail; the 7th "can open" at 700 ms faults the queue.
    expect(run.result.faultsFired['worker-start-failure']).toBe(7);
    expect(kinds(run)).toEqual(['dropped-unavailable', 'unavailable', 'dispatched']);
    expect(outcomeOf(run, 1).atMs).toBe(700);
    expect(outcomeOf(run, 2).reason).toBe('the queue is Faulted (failure throttle)');
    expect(outcomeOf(run, 3).atMs).toBeGreaterThan(21_000);
  });

  it('faults the queue when WAS cannot open a listener channel instance (4025)', async () => {
    const run = await runRecorded(
      was({
        appPools: [{ name: 'OrdersPool', startupMs: 100 }],
        workload: { sessions: 2, arrivals: { at: [0, 25_000] }, vias: [{ via }] },
        faults: [{ kind: 'open-listener-channel-failure', count: 1 }],
      }),
    );
    expect(
      run.events
        .filter((e) => e.name === 'OpenListenerChannelInstanceFailed')
        .map((e) => e.payload),
    ).toEqual([{ hresult: '-2147024891', AppDomain: 'SMSvcHost.exe' }]);
    expect(kinds(run)).toEqual(['dropped-unavailable', 'dispatched']);
  });

  it('loses every app on a WAS disconnect and gives up after 120 s (4027, Event Log 5, 4032, Event Log 6)', async () => {
    const run = await runRecorded(
      was({
        workload: {
          sessions: 3,
          startMs: 300,
          arrivals: { at: [0, 1000, 200_000] },
          vias: [{ via }],
        },
        faults: [{ kind: 'was-disconnect', atMs: 500 }],
      }),
    );
    const wasEvents = new Set([4026, 4027, 4032]);
    expect(run.events.filter((e) => wasEvents.has(e.id)).map((e) => [e.id, e.atMs])).toEqual([
      [4026, 0],
      [4027, 500],
      [4032, 120_500],
    ]);
    expect(run.eventLog.map((e) => e.id)).toEqual([5, 6]);
    // The deleted app was the port's only registration: its listener stopped with it.
    expect(kinds(run)).toEqual(['dispatched', 'connection-refused', 'connection-refused']);
  });

  it('answers EndpointNotFound during a WAS outage when another registration keeps the port listening', async () => {
    const run = await runRecorded(
      was({
        apps: [
          { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'OrdersPool' },
          { name: 'billing', baseAddress: 'net.tcp://localhost/billing/', hosting: 'self' },
        ],
        workload: { sessions: 2, startMs: 300, arrivals: { at: [0, 1000] }, vias: [{ via }] },
        faults: [{ kind: 'was-disconnect', atMs: 500 }],
      }),
    );
    // The self-hosted service still holds port 808: the WAS app's route is gone, not the port.
    expect(kinds(run)).toEqual(['dispatched', 'no-route']);
    expect(outcomeOf(run, 2).client.fault).toBe('EndpointNotFound');
  });

  it('comes back after a WAS reconnect (4026) and dispatches again', async () => {
    const run = await runRecorded(
      was({
        workload: {
          sessions: 3,
          startMs: 300,
          arrivals: { at: [0, 1000, 10_000] },
          vias: [{ via }],
        },
        faults: [{ kind: 'was-disconnect', atMs: 500, reconnectAfterMs: 5000 }],
      }),
    );
    expect(run.events.filter((e) => e.id === 4026).map((e) => e.atMs)).toEqual([0, 5500]);
    expect(kinds(run)).toEqual(['dispatched', 'connection-refused', 'dispatched']);
  });

  it('answers EndpointUnavailable while the port sharing service is paused', async () => {
    const run = await runRecorded(
      was({ faults: [{ kind: 'service-pause', service: 'portSharing', fromMs: 350, toMs: 450 }] }),
    );
    const paused = run.outcomes.filter((o) => o.arrivedAtMs >= 350 && o.arrivedAtMs < 450);
    expect(paused.map((o) => o.kind)).toEqual([
      'unavailable',
      'unavailable',
      'unavailable',
      'unavailable',
      'unavailable',
    ]);
    expect(paused[0]?.reason).toBe('the Net.Tcp Port Sharing Service is paused');
    expect(run.result.outcomes.dispatched).toBe(5);
  });

  it('registers workers with 3364, 4011, 4015, 3365 and fails a conflicting self-hosted one with 4014', async () => {
    const run = await runRecorded({
      name: 'conflict',
      apps: [
        { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', hosting: 'self', workers: 2 },
      ],
      workload: { sessions: 1, vias: [{ via }] },
    });
    const registration = new Set([3364, 3365, 3366, 4011, 4014, 4015, 4020, 4021]);
    expect(
      run.events.filter((e) => e.atMs === 0 && registration.has(e.id)).map((e) => e.id),
    ).toEqual([3364, 4011, 4020, 4021, 4015, 3365, 3364, 4011, 4014, 3366]);
    const failed = run.events.find((e) => e.name === 'MessageQueueRegisterFailed');
    expect(failed?.payload).toEqual({
      Uri: 'net.tcp://localhost/orders/',
      Status: 'ConflictingRegistration',
      AppDomain: 'SMSvcHost.exe',
    });
  });
});
