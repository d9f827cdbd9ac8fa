// Shrinking keeps what causes the failure: a scenario whose expectation counts sessions
// (DispatchSessionSuccess count = 20) fails with a fault rule, and also fails with fewer
// sessions and no fault at all. A shrink that took that smaller scenario would hand the
// user a file that fails for a reason the original never had. Nor may a failure that the
// rules a swarm added cause shrink to one that the scenario's own rules give alone.

import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import type { FaultRuleInput } from '../../src/scenario/fault-schema.js';
import { runCase } from '../../src/search/run-case.js';
import { shrink, shrinkFailure } from '../../src/search/shrink.js';

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

// One 4031 is the promise, and the scenario's own rule keeps it: the second session's worker
// callback fails. Without any rule there is no 4031, so the scenario fails "the same way"
// at every size without its rules: the cause is not "any rule" but the added ones.
const oneFailure: ScenarioInput = {
  name: 'one-failure',
  apps: [{ name: 'a', baseAddress: 'net.tcp://localhost/a/' }],
  workload: { sessions: 4 },
  faults: [{ kind: 'worker-callback-failure', nthSession: 2 }],
  expect: [{ event: 'DispatchSessionFailed', count: 1 }],
};
// What a swarm adds: the second session times out in its preamble, so no 4031 at all.
const added: FaultRuleInput[] = [{ kind: 'preamble-timeout', nthSession: 2 }];

async function failureOf(input: ScenarioInput): Promise<string | null> {
  return (await runCase({ index: 0, file: 'one-failure', input, seed: 1 })).failure;
}

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

  it('keeps a rule a swarm added when the failure is its, not shrinking to the scenario without it', async () => {
    // Arrange
    const failing = { ...oneFailure, faults: [...(oneFailure.faults ?? []), ...added] };
    const failure = await failureOf(failing);
    expect(failure).toBe('event 4031 DispatchSessionFailed count = 1');
    expect(await failureOf(oneFailure)).toBeNull();

    // Act
    const found = await shrinkFailure(failing, 'one-failure', 1, failure ?? '', {
      addedRules: added.length,
    });

    // Assert
    const kinds = (found.scenario.faults ?? []).map((rule) => rule.kind);
    expect(kinds).toEqual(['worker-callback-failure', 'preamble-timeout']);
    expect(await failureOf(found.scenario)).toBe(failure);
    const ownRulesOnly = { ...found.scenario, faults: found.scenario.faults?.slice(0, 1) ?? [] };
    expect(await failureOf(ownRulesOnly)).toBeNull();
  });

  // A shrink that removed the billing app kept its via: the shrunk file gave a no-route the
  // original never had, and validate warned about it (user report).
  it('removes the vias of an app it removes, so the shrunk file routes as the original', async () => {
    const twoApps: ScenarioInput = {
      name: 'two-apps',
      apps: [
        { name: 'orders', baseAddress: 'net.tcp://localhost/orders/' },
        { name: 'billing', baseAddress: 'net.tcp://localhost/billing/' },
      ],
      workload: {
        sessions: 6,
        vias: [
          { via: 'net.tcp://localhost/billing/service.svc' },
          { via: 'net.tcp://localhost/orders/service.svc' },
        ],
      },
      faults: [{ kind: 'worker-callback-failure', target: { app: 'orders' } }],
      expect: [{ event: 'DispatchSessionFailed', count: 0 }],
    };

    const report = await shrink(twoApps, { seed: 1 });

    expect(report.scenario.apps.map((app) => app.name)).toEqual(['orders']);
    expect(report.scenario.workload?.vias).toEqual([
      { via: 'net.tcp://localhost/orders/service.svc' },
    ]);
    const replay = await runCase({ index: 0, file: 'two-apps', input: report.scenario, seed: 1 });
    expect(replay.outcomes['no-route']).toBe(0);
  });
});
