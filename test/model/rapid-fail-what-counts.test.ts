// What rapid-fail protection counts (domain §7): a worker process failing (it cannot
// register any listener channel, or it crashes), not one leaving gracefully (idle timeout).
import { describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../src/scenario/fault-schema.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded } from '../helpers/run-recorded.js';

// A pool that one failure disables; sessions at the given instants.
function scenario(arrivals: readonly number[], faults: readonly FaultRuleInput[]): ScenarioInput {
  return {
    name: 'rapid-fail-what-counts',
    appPools: [
      {
        name: 'P',
        startupMs: 100,
        idleTimeoutMs: 1000,
        rapidFailProtection: { maxFailures: 1, intervalMs: 60_000 },
      },
    ],
    apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
    workload: { sessions: arrivals.length, arrivals: { at: [...arrivals] } },
    faults: [...faults],
  };
}

describe('rapid-fail protection', () => {
  it('does not count a worker process that idles out', async () => {
    // The process idles out at 1101 ms; session 2 launches another.
    const run = await runRecorded(scenario([0, 2000], []));

    expect(run.outcomes.map((o) => [o.kind, o.atMs])).toEqual([
      ['dispatched', 101],
      ['dispatched', 2101],
    ]);
  });

  it('counts a worker process that could register no listener channel', async () => {
    const run = await runRecorded(scenario([0], [{ kind: 'registration-failure', count: 1 }]));

    expect(run.outcomes.map((o) => [o.kind, o.atMs, o.reason])).toEqual([
      ['dropped-unavailable', 100, 'rapid-fail protection disabled the application pool'],
    ]);
  });
});
