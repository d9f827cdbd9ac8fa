// Client policies under a WAS recycle (issue 7; domain §6.3, §7): a naive client that retries
// at once gives up while the old worker shuts down, and exponential back-off outlasts the
// window and the worker restarts after the 4031s, getting every request through.
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
// the old worker stops for 1000 ms, still registered, so every session dispatched to it in
// that window is taken (4030) and aborted (Sharing_ListenerProxyStopped). It exits at
// 2000 ms; the next session makes WAS start a new one, registered startupMs (500 ms) later,
// and the queued sessions wait for it (§6.3). From 2600 ms two callbacks fail (F2: 4031, the
// worker is unregistered and WAS starts another).
const recycleRace: ScenarioInput = {
  name: 'retry-under-recycle',
  seed,
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
  it('a naive immediate retry gives up on every request sent while the old worker stops', async () => {
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
    // Requests 9 to 28 arrived between 1000 and 2000 ms: both attempts met the stopping worker.
    expect(gaveUp(run)).toEqual(Array.from({ length: 20 }, (_, i) => i + 9));
    expect(run.outcomes.filter((o) => o.clientId === 9).map((o) => o.client.result)).toEqual([
      'abort',
      'abort',
    ]);
    // The two F2 failures were retried into the queue and waited for the next worker.
    expect(run).toHaveEmitted('DispatchSessionFailed', { times: 2 });
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
      succeededFirstTime: 21,
      succeededAfterRetry: 19,
      gaveUp: 0,
      attempts: 88,
    });
    expect(run.result.requests.succeededByRetries).toEqual([21, 4, 5, 6, 4]);
    // The two injected F2s, plus one session in flight when the old worker exited at 2000 ms.
    expect(run).toHaveEmitted('DispatchSessionFailed', { times: 3 });
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
