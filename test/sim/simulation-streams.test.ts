// A simulation's randomness (STYLE rules 30, 32): one seed, one named stream per concern.
// Poisson arrival instants come from the `arrivals` stream alone, so a fault rule or a
// shuffled tie order leaves them where they were and a recorded seed replays them; with
// `tieOrder: 'shuffled'` timers due at one instant fire in an order drawn from the
// `tie-order` stream, the same for the same seed, and the other draws (which app each
// session goes to) stay as they were.
import { describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../src/scenario/fault-schema.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import type { RunOptions } from '../../src/sim/run-options.js';
import { runRecorded } from '../helpers/run-recorded.js';

// Five sessions, poisson arrivals at 100 per second, one warm worker.
const poisson = (faults: FaultRuleInput[] = []): ScenarioInput => ({
  name: 'poisson',
  appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
  apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
  workload: { sessions: 5, arrivals: { poisson: { ratePerSec: 100 } } },
  faults,
});

// Six sessions at time 0 over eight apps, each with its own warm worker: the dispatches
// that start at once end together at 1 ms, a tie (two sessions that go to one app wait).
const pools = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const ties: ScenarioInput = {
  name: 'ties',
  appPools: pools.map((name) => ({
    name,
    startMode: 'AlwaysRunning',
    startupMs: 0,
    idleTimeoutMs: 0,
  })),
  apps: pools.map((name) => ({
    name,
    baseAddress: `net.tcp://localhost/${name}/`,
    appPool: name,
  })),
  workload: { sessions: 6, arrivals: { at: [0, 0, 0, 0, 0, 0] } },
};

async function arrivals(scenario: ScenarioInput, options: RunOptions): Promise<number[]> {
  const run = await runRecorded(scenario, options);
  return run.outcomes.map((o) => o.arrivedAtMs);
}

async function endings(options: RunOptions): Promise<string[]> {
  const run = await runRecorded(ties, options);
  return run.outcomes.map((o) => `${o.sessionId} ${o.app ?? '-'} @${o.atMs}`);
}

describe('createSimulation: random streams', () => {
  it('draws poisson arrival instants from the seed’s arrivals stream, whatever the faults and the tie order', async () => {
    const seed1 = [0, 9.387, 25.773, 30.798, 31.7];

    expect(await arrivals(poisson(), { seed: 1 })).toEqual(seed1);
    expect(
      await arrivals(poisson([{ kind: 'worker-callback-failure', probability: 0.5 }]), {
        seed: 1,
      }),
    ).toEqual(seed1);
    expect(await arrivals(poisson(), { seed: 1, tieOrder: 'shuffled' })).toEqual(seed1);
    expect(await arrivals(poisson(), { seed: 2 })).toEqual([0, 8.196, 9.874, 19.962, 26.912]);
  });

  it('fires timers due at one instant in an order drawn from the seed with tieOrder shuffled, the same every run', async () => {
    const fifo = await endings({ seed: 4 });
    const shuffled = await endings({ seed: 4, tieOrder: 'shuffled' });

    expect(fifo).toEqual(['1 h @1', '2 c @1', '3 d @1', '5 b @1', '4 h @2', '6 c @2']);
    expect(shuffled).toEqual(['2 c @1', '1 h @1', '5 b @1', '3 d @1', '4 h @2', '6 c @2']);
    expect(await endings({ seed: 4, tieOrder: 'shuffled' })).toEqual(shuffled);
    // Only the order changed: each session went to the same app and ended at the same time.
    expect([...shuffled].sort()).toEqual([...fifo].sort());
  });
});
