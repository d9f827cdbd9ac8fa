// A run that stops early (a passed horizon, a stall, a livelock; STYLE rule 27) still tells
// what happened up to the stop: resultOfStoppedRun(error) gives the figures of a result,
// whose books are explicit: arrived = outcomes + in flight, the first attempts yet to arrive
// apart (user report).
import { describe, expect, it } from 'vitest';
import type { ClientPolicy } from '../../src/client/client-policy.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { resultOfStoppedRun } from '../../src/sim/result-of-stopped-run.js';
import type { StoppedRunResult } from '../../src/sim/run-result.js';
import { createSimulation } from '../../src/sim/simulation.js';
import { runScenario } from '../../src/vitest/run-scenario.js';
import { horizonScenario } from '../helpers/horizon-scenario.js';

const horizon = horizonScenario;

const outcomesOf = (result: StoppedRunResult): number =>
  Object.values(result.outcomes).reduce((sum, count) => sum + count, 0);

describe('resultOfStoppedRun', () => {
  it('gives what a run produced up to its horizon, the books explicit', async () => {
    // Arrange
    const sim = createSimulation(horizon, { seed: 1 });

    // Act
    const error = await sim.run().catch((e: unknown) => e);
    const partial = resultOfStoppedRun(error);

    // Assert
    expect(error).toMatchObject({ code: 'sim.horizon-exceeded', atMs: 100, notArrived: 89 });
    expect(partial).toMatchObject({
      scenario: 'horizon',
      seed: 1,
      stoppedBy: 'sim.horizon-exceeded',
      horizonMs: 100,
      virtualDurationMs: 100,
      sessions: 11,
      accepted: 11,
      inFlight: 1,
      notArrived: 89,
      balanced: false,
      eventCounts: { '4001': 11, '4030': 10 },
      counters: { connectionsAccepted: 11 },
    });
    expect(partial?.outcomes.dispatched).toBe(10);
    expect(partial !== undefined && outcomesOf(partial) + partial.inFlight).toBe(11);
    expect(partial).not.toHaveProperty('expectations');
  });

  it('gives what a run produced up to a stall, the request awaiting the policy counted (user report: invisible)', async () => {
    // Arrange: the one session fails its dispatch (F1) and the policy never decides.
    const policy: ClientPolicy = () => new Promise(() => undefined);
    const oneF1: ScenarioInput = {
      name: 'one-f1',
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 100, idleTimeoutMs: 0 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: { sessions: 1, startMs: 200 },
      faults: [{ kind: 'duplicate-handle-failure', nthSession: 1 }],
    };

    // Act: through the testing toolkit, which has no Simulation to ask.
    const error = await runScenario(oneF1, { clientPolicy: policy }).catch((e: unknown) => e);
    const partial = resultOfStoppedRun(error);

    // Assert
    expect(partial).toMatchObject({
      stoppedBy: 'sim.stalled',
      sessions: 1,
      inFlight: 0,
      notArrived: 0,
      awaitingPolicy: 1,
      outcomes: { 'dispatch-failed': 1 },
      faultsFired: { 'duplicate-handle-failure': 1 },
      requests: { total: 1, succeededFirstTime: 0, succeededAfterRetry: 0, gaveUp: 0 },
    });
  });

  it('gives nothing for an error that did not stop a run, or for a value that is no error', async () => {
    // Arrange
    const sim = createSimulation(horizon, { seed: 1 });
    await sim.run().catch(() => undefined);

    // Act
    const again = await sim.run().catch((e: unknown) => e);

    // Assert
    expect(again).toMatchObject({ code: 'sim.already-run' });
    expect(resultOfStoppedRun(again)).toBeUndefined();
    expect(resultOfStoppedRun(new Error('x'))).toBeUndefined();
    expect(resultOfStoppedRun('sim.horizon-exceeded')).toBeUndefined();
    expect(resultOfStoppedRun(null)).toBeUndefined();
  });
});
