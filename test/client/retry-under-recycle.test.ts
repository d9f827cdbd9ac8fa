// Client policies under a WAS recycle (issue 7; domain §6.3, §7): a naive client that retries
// at once gives up while no worker takes sessions and the pending queue is full, and
// exponential back-off outlasts the window and the worker restarts after the 4031s, getting
// every request through.
import { describe, expect, it } from 'vitest';
import type { ClientPolicy } from '../../src/client/client-policy.js';
import { exponentialBackoff, fixedDelay } from '../../src/client/retry-policies.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { installMatchers, runScenario, type ScenarioRun } from '../../src/vitest/index.js';
import { requestGroups } from '../../src/vitest/trace-excerpt.js';

installMatchers();

const seed = 7;
const via = 'net.tcp://localhost/orders/service.svc';

// One worker serves the app from 500 ms on. At 1000 ms the pool recycles without overlap:
// WAS stops the old worker's listener channel, so SMSvcHost unregisters it and sessions wait
// in the queue; the worker exits at 2000 ms, WAS starts a new one, registered startupMs
// (500 ms) later, and the queue is dispatched to it (§6.3). With maxPendingConnections at 10
// the queue is full by 1500 ms, and later sessions are aborted (4010) until it drains. From
// 2600 ms two callbacks fail (F2: 4031, the worker is unregistered and WAS starts another).
const recycleRace: ScenarioInput = {
  name: 'retry-under-recycle',
  seed,
  config: { maxPendingConnections: 10 },
  appPools: [{ name: 'OrdersPool', startMode: 'AlwaysRunning', startupMs: 500, idleTimeoutMs: 0 }],
  apps: [
    {
      name: 'orders',
      baseAddress: 'net.tcp://localhost/orders/',
      appPool: 'OrdersPool',
      dispatchMs: 20,
    },
  ],
  workload: {
    sessions: 40,
    startMs: 600,
    arrivals: { fixed: { intervalMs: 50 } },
    vias: [{ via }],
  },
  faults: [
    {
      kind: 'app-pool-recycle',
      pool: 'OrdersPool',
      atMs: 1000,
      overlapped: false,
      shutdownMs: 1000,
    },
    { kind: 'worker-callback-failure', fromMs: 2600, count: 2 },
  ],
};

/** The requests whose last attempt failed, by client id. */
function gaveUp(run: ScenarioRun): number[] {
  return requestGroups(run.outcomes)
    .filter((attempts) => attempts.at(-1)?.client.result !== 'ok')
    .map((attempts) => attempts[0]?.clientId ?? 0);
}

describe(`client policies under a non-overlapped recycle (seed ${seed})`, () => {
  it('a naive immediate retry gives up on every request that meets the full queue', async () => {
    const run = await runScenario(recycleRace, {
      clientPolicy: fixedDelay({ delayMs: 0, maxAttempts: 2 }),
    });

    expect(run).toHaveRequests({
      total: 40,
      succeededFirstTime: 18,
      succeededAfterRetry: 2,
      gaveUp: 20,
      attempts: 62,
    });
    // Requests 9 to 18 (1000 to 1450 ms) wait in the queue; requests 19 to 38 (1500 to
    // 2450 ms) find it full, and so does their immediate retry (4010, abort).
    expect(gaveUp(run)).toEqual(Array.from({ length: 20 }, (_, i) => i + 19));
    expect(run.outcomes.filter((o) => o.clientId === 19).map((o) => o.kind)).toEqual([
      'queue-full',
      'queue-full',
    ]);
    // The two F2 failures were retried into the queue and waited for the next worker.
    expect(run).toHaveEmitted('DispatchSessionFailed', { equals: 2 });
    expect(run).toBalance();
  });

  it('a user policy retrying at once, written as an async function, fares the same', async () => {
    const retryOnceAtOnce: ClientPolicy = async (report) =>
      Promise.resolve(report.attempt < 2 ? { retry: true } : { retry: false });

    const run = await runScenario(recycleRace, { clientPolicy: retryOnceAtOnce });

    expect(run).toHaveRequests({ succeededFirstTime: 18, succeededAfterRetry: 2, gaveUp: 20 });
  });

  it('exponential back-off with full jitter gets every request through', async () => {
    const run = await runScenario(recycleRace, {
      clientPolicy: exponentialBackoff({
        baseMs: 200,
        factor: 2,
        maxDelayMs: 4000,
        maxAttempts: 8,
        jitter: 'full',
      }),
    });

    expect(run).toHaveRequests({
      total: 40,
      succeededFirstTime: 18,
      succeededAfterRetry: 22,
      gaveUp: 0,
      attempts: 131,
    });
    expect(run.result.requests.succeededByRetries).toEqual([18, 1, 0, 5, 7, 8, 0, 1]);
    // The two injected F2s: the old worker, unregistered at 1000 ms, has nothing in flight
    // when it exits.
    expect(run).toHaveEmitted('DispatchSessionFailed', { equals: 2 });
    expect(run).toHaveEmittedInOrder([4001, 4008, 4019, 4031]);
    expect(run).toBalance();
  });

  it('replays the same per-request figures from the same seed', async () => {
    const policy = () =>
      exponentialBackoff({ baseMs: 200, factor: 2, maxDelayMs: 4000, maxAttempts: 8 });
    const first = await runScenario(recycleRace, { clientPolicy: policy() });
    const second = await runScenario(recycleRace, { clientPolicy: policy() });
    expect(second.result.requests).toEqual(first.result.requests);
    expect(second.outcomes.map((o) => o.atMs)).toEqual(first.outcomes.map((o) => o.atMs));
  });
});
