// A client policy that retries at once, every time, a request whose attempts fail at once
// (a full queue) never lets virtual time move: every run must still end (STYLE rule 27).
// Such a run stops with sim.livelock naming the request and the fix, and what happened up to
// then is kept (user report: it ran until killed, the policy called 30 million times).
import { describe, expect, it } from 'vitest';
import type { ClientPolicy } from '../../src/client/client-policy.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { resultOfStoppedRun } from '../../src/sim/result-of-stopped-run.js';
import { runScenario } from '../../src/vitest/run-scenario.js';

// One worker busy for a second with each session, and room for one waiting session: the
// third session that arrives in that second finds the queue full (queue-full, at once).
const fullQueue: ScenarioInput = {
  name: 'full-queue',
  config: { maxPendingConnections: 1 },
  appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
  apps: [
    {
      name: 'orders',
      baseAddress: 'net.tcp://localhost/orders/',
      appPool: 'P',
      dispatchMs: { fixed: 1000 },
    },
  ],
  workload: { sessions: 5, arrivals: { fixed: { intervalMs: 10 } } },
};

const retryAtOnce: ClientPolicy = () => ({ retry: true });
const retryAtOnceLater: ClientPolicy = () => Promise.resolve({ retry: true });

describe('a policy that retries at once a request that fails at once', () => {
  it.each([
    ['a decision', retryAtOnce],
    ['a promise of a decision', retryAtOnceLater],
  ])(
    'stops with sim.livelock naming the request and the fix, when it returns %s',
    async (_, policy) => {
      // Act
      const error = await runScenario(fullQueue, { clientPolicy: policy }).catch((e: unknown) => e);

      // Assert
      expect(error).toMatchObject({ code: 'sim.livelock', atMs: 20, retriedRequest: 3 });
      expect((error as Error).message).toMatch(
        /^The run is stuck at 20 ms of virtual time: the client policy retried request 3 [\d,]+ times at that instant, each attempt failing at once \(queue-full\); time cannot move while it does: give the retry a delay \(a scenario's retry: delayMs or baseMs above 0; a code policy's \{ retry: true, afterMs \}\) or a limit on attempts \(maxAttempts\) \(/,
      );
      expect(resultOfStoppedRun(error)).toMatchObject({ stoppedBy: 'sim.livelock' });
    },
  );

  it('lets a request retried at once a few times, then with a delay, succeed', async () => {
    // Arrange: at once 5 times, then 1 s apart, so the worker frees.
    const policy: ClientPolicy = ({ attempt }) => ({
      retry: true,
      afterMs: attempt < 5 ? 0 : 1000,
    });

    // Act
    const run = await runScenario(fullQueue, { clientPolicy: policy });

    // Assert
    expect(run.result.requests).toMatchObject({ total: 5, gaveUp: 0 });
  });
});
