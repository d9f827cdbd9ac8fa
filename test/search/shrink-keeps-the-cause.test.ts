// Shrinking keeps what causes the failure: a scenario whose expectation counts sessions
// (DispatchSessionSuccess count = 20) fails with a fault rule, and also fails with fewer
// sessions and no fault at all. A shrink that took that smaller scenario would hand the
// user a file that fails for a reason the original never had.

import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { shrink } from '../../src/search/shrink.js';

const exactCount: ScenarioInput = {
  name: 'exact-count',
  apps: [{ name: 'a', baseAddress: 'net.tcp://localhost/a/' }],
  workload: { sessions: 20 },
  faults: [
    { kind: 'worker-callback-failure', nthSession: 5 },
    { kind: 'preamble-timeout', nthSession: 9 },
  ],
  expect: [{ event: 'DispatchSessionSuccess', count: 20 }],
};

describe('shrink', () => {
  it('keeps a fault rule that causes the failure rather than dropping sessions until the expectation fails without it', async () => {
    // Act
    const report = await shrink(exactCount, { seed: 1 });
    const withoutFaults = await shrink({ ...report.scenario, faults: [] }, { seed: 1 });

    // Assert
    expect(report.failure).toContain('DispatchSessionSuccess');
    expect(report.scenario.faults).toHaveLength(1);
    expect(withoutFaults.failure).toBeNull();
  });

  it('spends at most its budget in runs, the runs without fault rules included', async () => {
    // The checks without fault rules came on top of the budget: a budget of 1 made 2 runs.
    for (const shrinkBudget of [1, 2, 5, 12]) {
      const report = await shrink(exactCount, { seed: 1, shrinkBudget });
      expect(report.failure).toContain('DispatchSessionSuccess');
      expect(report.evaluations).toBeLessThanOrEqual(shrinkBudget);
      expect(report.evaluations).toBeGreaterThan(0);
    }
  });
});
