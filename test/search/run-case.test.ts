// runCase judges a search case as `dispatchsim run` judges a run: a case that stopped early
// is an error, and, as `run` now reports it, gives its figures up to the stop (user report).
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runCase } from '../../src/search/run-case.js';
import { horizonScenario } from '../helpers/horizon-scenario.js';

// 11 sessions arrive, 10 have an outcome; the second one's handle duplication fails.
const horizon: ScenarioInput = {
  ...horizonScenario,
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
