// Why sessions ended as they did, in the run result and the summary (user report: a web
// garden's run ended 69 sessions `unavailable` and 100 `dropped-unavailable`, and nothing but
// the HTML report said the queue was Faulted), in bounded memory.
import { describe, expect, it } from 'vitest';
import type { SessionOutcome } from '../../src/events/session-outcome.js';
import { formatSummary } from '../../src/report/summary-report.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import {
  MAX_REASONS_PER_OUTCOME,
  OTHER_REASONS,
  OutcomeReasons,
} from '../../src/sim/outcome-reasons.js';
import { createSimulation, loadScenario } from '../../src/index.js';

// The walkthrough's web garden: each 4031 takes a worker out while a new one starts, and
// the queue, asked too often for a new instance, is Faulted by the failure throttle.
const webGarden: ScenarioInput = {
  name: 'web-garden',
  appPools: [{ name: 'P', startupMs: 500, maxProcesses: 8 }],
  apps: [
    {
      name: 'orders',
      baseAddress: 'net.tcp://localhost/orders/',
      appPool: 'P',
      dispatchMs: { uniform: [0.5, 7.5] },
    },
  ],
  workload: { sessions: 2000, arrivals: { poisson: { ratePerSec: 1000 } } },
  faults: [{ kind: 'worker-callback-failure', probability: 0.01 }],
};

describe('outcome reasons', () => {
  it('say why sessions were unavailable, in the result and in the summary', async () => {
    const result = await createSimulation(webGarden, { seed: 1 }).run();

    const unavailable = result.outcomeReasons.filter((r) => r.outcome === 'unavailable');
    expect(unavailable.map((r) => r.reason)).toEqual(['the queue is Faulted (failure throttle)']);
    expect(unavailable[0]?.count).toBe(result.outcomes.unavailable);
    const counted = result.outcomeReasons.reduce((sum, r) => sum + r.count, 0);
    expect(counted).toBe(Object.values(result.outcomes).reduce((sum, n) => sum + n, 0));
    expect(formatSummary({ file: 'w.yaml', result, wallMs: 1 })).toContain(
      'why: the queue is Faulted (failure throttle)',
    );
  });

  it(`keeps the first ${MAX_REASONS_PER_OUTCOME} reasons of a kind and counts the rest together, last`, () => {
    const reasons = new OutcomeReasons();
    for (let i = 0; i < 20; i++) {
      reasons.add({ kind: 'preamble-aborted', reason: `junk ${i % 12}` } as SessionOutcome);
    }
    for (let i = 0; i < 10; i++) {
      reasons.add({ kind: 'preamble-aborted', reason: 'junk 11' } as SessionOutcome);
    }

    const listed = reasons.list();

    expect(listed).toHaveLength(MAX_REASONS_PER_OUTCOME + 1);
    // Listed last, however many it counts (a walkthrough saw it first, above the named ones).
    expect(listed.at(-1)).toEqual({
      outcome: 'preamble-aborted',
      reason: OTHER_REASONS,
      count: 14,
    });
    expect(listed.reduce((sum, r) => sum + r.count, 0)).toBe(30);
  });

  // `why: nothing listens on the endpoint of the via` in four bundled scenarios, and never
  // why nothing listens (user report).
  it.each([
    ['was-disconnect', 'the listener adapter is not connected to WAS'],
    ['port-sharing-stopped', 'the Net.Tcp Port Sharing Service is stopped'],
    ['self-hosted-last-worker', 'no application registers an address on its port'],
  ])('say why nothing listens in %s', async (name, cause) => {
    const result = await createSimulation(await loadScenario(name)).run();

    const refused = result.outcomeReasons.filter((r) => r.outcome === 'connection-refused');
    expect(refused.map((r) => r.reason)).toEqual([
      `nothing listens on the endpoint of the via: ${cause}`,
    ]);
  });
});
