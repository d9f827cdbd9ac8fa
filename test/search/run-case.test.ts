// runCase judges a search case as `dispatchsim run` judges a run: a case that stopped early
// is an error, and, as `run` now reports it, gives its figures up to the stop (user report).
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runCase } from '../../src/search/run-case.js';

// 100 sessions 10 ms apart against a horizon of 100 ms: 11 arrive, 10 have an outcome.
const horizon: ScenarioInput = {
  name: 'horizon',
  horizonMs: 100,
  appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
  apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
  workload: { sessions: 100, arrivals: { fixed: { intervalMs: 10 } } },
  faults: [{ kind: 'duplicate-handle-failure', nthSession: 2 }],
};

describe('runCase', () => {
  it('gives a case stopped at its horizon its figures up to the stop', async () => {
    // Act
    const result = await runCase({ index: 3, file: 'horizon.yaml', input: horizon, seed: 1 });

    // Assert
    expect(result).toMatchObject({
      index: 3,
      verdict: 'error',
      failure: 'error: sim.horizon-exceeded',
      sessions: 11,
      outcomes: { dispatched: 9, 'dispatch-failed': 1 },
      requests: { total: 11, firstTime: 9, afterRetry: 0, gaveUp: 1 },
      expectations: [],
      faultsFired: { 'duplicate-handle-failure': 1 },
    });
    expect(result.error).toMatch(/^The run passed its horizon of 100 ms/);
  });
});
