// runCase judges a search case as `dispatchsim run` judges a run: a case that stopped early
// is an error, and, as `run` now reports it, gives its figures up to the stop (user report).
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/index.js';
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
      requests: { total: 11, succeededFirstTime: 9, succeededAfterRetry: 0, gaveUp: 1 },
      expectations: [],
      faultsFired: { 'duplicate-handle-failure': 1 },
    });
    expect(result.error).toMatch(/^The run passed its horizon of 100 ms/);
  });

  // A swarm's cases and totals named them firstTime and afterRetry, and run results and
  // expectations succeededFirstTime and succeededAfterRetry (user report).
  it('names its request figures as a run result names them', async () => {
    const run = await createSimulation(horizonScenario, { seed: 1, horizonMs: 10_000 }).run();

    const result = await runCase({ index: 0, file: 'h.yaml', input: horizonScenario, seed: 1 });

    expect(Object.keys(result.requests)).toHaveLength(4);
    expect(Object.keys(run.requests)).toEqual(expect.arrayContaining(Object.keys(result.requests)));
  });
});
