// One worker process (w3wp) per application pool, hosting every application of the pool, or
// a web garden of maxProcesses of them (domain §6.1, §6.2): one PID registers once for each
// application; a crash, recycle or stop of the pool's process takes every application's
// registration with it; a `worker-crash` aimed at the pool hits its processes.
import { describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../src/scenario/fault-schema.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { validateScenario } from '../../src/scenario/validate-scenario.js';
import { outcomeOf, registrations as registered, runRecorded } from '../helpers/run-recorded.js';

const orders = 'net.tcp://localhost/orders/service.svc';
const billing = 'net.tcp://localhost/billing/service.svc';

// Two applications in one AlwaysRunning pool; sessions alternate between them.
function twoApps(
  faults: readonly FaultRuleInput[],
  pool: Partial<NonNullable<ScenarioInput['appPools']>[number]> = {},
  dispatchMs = 5,
): ScenarioInput {
  return {
    name: 'one-pool-two-apps',
    appPools: [
      { name: 'Shared', startMode: 'AlwaysRunning', startupMs: 100, idleTimeoutMs: 0, ...pool },
    ],
    apps: [
      { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'Shared', dispatchMs },
      {
        name: 'billing',
        baseAddress: 'net.tcp://localhost/billing/',
        appPool: 'Shared',
        dispatchMs,
      },
    ],
    workload: {
      sessions: 6,
      startMs: 200,
      arrivals: { fixed: { intervalMs: 100 } },
      vias: [{ via: orders }, { via: billing }],
    },
    faults: [...faults],
  };
}

describe('the worker processes of an application pool', () => {
  it('runs one process for the pool, which registers once for each application', async () => {
    const run = await runRecorded(twoApps([]));

    expect(registered(run)).toEqual([
      ['orders', 4004, 100],
      ['billing', 4004, 100],
    ]);
    expect(run.result.outcomes.dispatched).toBe(6);
  });

  it('runs a web garden of maxProcesses processes, each hosting every application', async () => {
    const run = await runRecorded(twoApps([], { maxProcesses: 2 }));

    expect(registered(run)).toEqual([
      ['orders', 4004, 100],
      ['billing', 4004, 100],
      ['orders', 4008, 100],
      ['billing', 4008, 100],
    ]);
  });

  it('loses every application’s registration when the pool’s process crashes', async () => {
    // Dispatches take 150 ms, so at 320 ms both applications have one in flight to the
    // pool's process: orders (200 → 350 ms) and billing (300 → 450 ms).
    const run = await runRecorded(
      twoApps([{ kind: 'worker-crash', target: { pool: 'Shared' }, atMs: 320 }], {}, 150),
    );

    const failed = run.events
      .filter((e) => e.id === 4031)
      .map((e) => [e.annotations.app, e.annotations.pid, e.atMs]);
    expect(failed).toEqual([
      ['orders', 4004, 320],
      ['billing', 4004, 320],
    ]);
    // WAS starts a new process, which registers both applications again.
    expect(registered(run).slice(2)).toEqual([
      ['orders', 4008, 420],
      ['billing', 4008, 420],
    ]);
    expect(run.result.balanced).toBe(true);
  });

  it('unregisters every application at once when the pool recycles (overlapped)', async () => {
    const run = await runRecorded(
      twoApps([
        { kind: 'app-pool-recycle', pool: 'Shared', atMs: 250, overlapped: true, shutdownMs: 50 },
      ]),
    );

    // The new process comes up at 350 ms and registers both; the old one stops then.
    expect(registered(run)).toEqual([
      ['orders', 4004, 100],
      ['billing', 4004, 100],
      ['orders', 4008, 350],
      ['billing', 4008, 350],
    ]);
    const pidOf = (session: number): unknown =>
      run.events.find((e) => e.id === 4008 && e.annotations.sessionId === session)?.annotations.pid;
    expect([1, 2, 3, 4].map(pidOf)).toEqual([4004, 4004, 4008, 4008]);
  });

  it('disables every application of a stopped pool and shuts its process down', async () => {
    const run = await runRecorded(twoApps([{ kind: 'app-pool-stop', pool: 'Shared', atMs: 250 }]));

    const after = run.outcomes.filter((o) => o.arrivedAtMs > 250);
    expect(new Set(after.map((o) => o.app))).toEqual(new Set(['orders', 'billing']));
    expect(new Set(after.map((o) => o.kind))).toEqual(new Set(['unavailable']));
    expect(run.result.counters.registrationsActive).toBe(0);
  });

  it('aims a worker-crash at the nth process of the pool', async () => {
    const run = await runRecorded(
      twoApps([{ kind: 'worker-crash', target: { pool: 'Shared', worker: 2 }, atMs: 150 }], {
        maxProcesses: 2,
      }),
    );

    // Process 2 (pid 4008) goes with both its registrations; process 1 keeps serving.
    expect(registered(run).slice(4)).toEqual([
      ['orders', 4012, 250],
      ['billing', 4012, 250],
    ]);
    expect(outcomeOf(run, 1).kind).toBe('dispatched');
  });
});

describe('the web garden size in scenario files', () => {
  const file = (apps: ScenarioInput['apps'], pools: ScenarioInput['appPools'] = []) =>
    validateScenario({ name: 'garden', appPools: pools, apps }, 'garden.yaml');

  it('reads `workers` on a WAS application as its pool’s maxProcesses', async () => {
    const run = await runRecorded({
      name: 'legacy-workers',
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0 }],
      apps: [
        { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P', workers: 2 },
      ],
      workload: { sessions: 1 },
    });

    expect(registered(run).map(([, pid]) => pid)).toEqual([4004, 4008]);
  });

  it('refuses two web garden sizes for one pool, naming the field', () => {
    const twoSizes = file([
      { name: 'a', baseAddress: 'net.tcp://localhost/a/', workers: 2 },
      { name: 'b', baseAddress: 'net.tcp://localhost/b/', workers: 3 },
    ]);
    const againstPool = file(
      [{ name: 'a', baseAddress: 'net.tcp://localhost/a/', appPool: 'P', workers: 2 }],
      [{ name: 'P', maxProcesses: 3 }],
    );

    expect(twoSizes.ok ? [] : twoSizes.issues.map((i) => [i.path, i.expected])).toEqual([
      [
        'apps[1].workers',
        'the web garden size of pool DefaultAppPool once: app a gives workers 2; set appPools[].maxProcesses instead',
      ],
    ]);
    expect(againstPool.ok ? [] : againstPool.issues.map((i) => [i.path, i.expected])).toEqual([
      [
        'apps[0].workers',
        'no workers on a WAS app: its pool P sets the web garden (maxProcesses 3)',
      ],
    ]);
  });
});

describe('the listener channel started again after a 4031', () => {
  // A web garden of two, up at 100 ms. Session 1's callback fails at 210 ms: process 4004
  // loses its registration for orders; 4008 keeps its own.
  const garden = (faults: readonly FaultRuleInput[]): ScenarioInput => ({
    name: 'restart-channel',
    appPools: [
      { name: 'P', startMode: 'AlwaysRunning', startupMs: 100, idleTimeoutMs: 0, maxProcesses: 2 },
    ],
    apps: [
      { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P', dispatchMs: 100 },
    ],
    workload: { sessions: 2, arrivals: { at: [110, 1000] } },
    faults: [{ kind: 'worker-callback-failure', nthSession: 1 }, ...faults],
  });

  it('starts only in the process that lost it', async () => {
    const run = await runRecorded(garden([]));

    expect(registered(run)).toEqual([
      ['orders', 4004, 100],
      ['orders', 4008, 100],
      ['orders', 4004, 310],
    ]);
  });

  it('ends a process that hosts nothing else when it cannot register, as a failure', async () => {
    // The registration at 310 ms fails (4014): 4004 exits, WAS launches 4012.
    const run = await runRecorded(
      garden([{ kind: 'registration-failure', fromMs: 300, count: 1 }]),
    );

    expect(run.events.filter((e) => e.id === 4014).map((e) => [e.annotations.pid, e.atMs])).toEqual(
      [[4004, 310]],
    );
    expect(registered(run).slice(2)).toEqual([['orders', 4012, 410]]);
  });
});

describe('an overlapped recycle', () => {
  it('starts the new process for the applications the old one hosts, for fault targets', async () => {
    const run = await runRecorded(
      twoApps([
        { kind: 'app-pool-recycle', pool: 'Shared', atMs: 250, overlapped: true, shutdownMs: 50 },
        { kind: 'worker-start-failure', target: { app: 'orders' }, fromMs: 200 },
      ]),
    );

    // The new process (4008) fails to start; the old one keeps both applications.
    expect(registered(run)).toEqual([
      ['orders', 4004, 100],
      ['billing', 4004, 100],
    ]);
    expect(run.result.outcomes.dispatched).toBe(6);
  });
});
