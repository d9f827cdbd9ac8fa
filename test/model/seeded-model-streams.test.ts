// The model draws from three named child streams of the run's seed (STYLE rule 30, domain
// §8): `preamble` (how long a client takes), `dispatch` (handle duplication and callback) and
// `workers` (start-up, failure-throttle skew). The same seed gives the same draws, so a run
// replays exactly; these are seed 1's.
import { describe, expect, it } from 'vitest';
import { sessionTimeline } from '../helpers/record-events.js';
import { runRecorded } from '../helpers/run-recorded.js';

describe('the model streams of seed 1', () => {
  it('give the same preamble, duplication, callback and start-up times', async () => {
    const run = await runRecorded(
      {
        name: 'seeded-model-streams',
        config: { dupHandleMs: { uniform: [0, 10] } },
        appPools: [{ name: 'P', startupMs: { uniform: [100, 200] }, idleTimeoutMs: 0 }],
        apps: [
          {
            name: 'orders',
            baseAddress: 'net.tcp://localhost/orders/',
            appPool: 'P',
            dispatchMs: { uniform: [0, 10] },
          },
        ],
        workload: { sessions: 1, arrivals: { at: [0] }, preambleMs: { uniform: [0, 10] } },
      },
      { seed: 1 },
    );

    // Preamble 7.758 ms, start-up 166.999 ms, duplication 5.414 ms, callback 7.48 ms.
    expect(sessionTimeline(run.events, 1)).toEqual([
      [4001, 7.758],
      [4035, 7.758],
      [4008, 174.757],
      [4019, 180.171],
      [4030, 187.651],
    ]);
  });
});
