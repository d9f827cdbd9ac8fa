// A WAS application that names no pool runs in IIS's DefaultAppPool with its defaults (domain
// §6.1): OnDemand, one worker process, and a fault rule may name it.
import { describe, expect, it } from 'vitest';
import { runRecorded } from '../helpers/run-recorded.js';

describe('an application with no appPool', () => {
  it('runs in DefaultAppPool, which a pool rule can stop', async () => {
    const run = await runRecorded({
      name: 'default-app-pool',
      apps: [
        { name: 'orders', baseAddress: 'net.tcp://localhost/orders/' },
        { name: 'billing', baseAddress: 'net.tcp://localhost/billing/' },
      ],
      workload: {
        sessions: 2,
        arrivals: { at: [10, 5000] },
        vias: [{ via: 'net.tcp://localhost/orders/x' }],
      },
      faults: [{ kind: 'app-pool-stop', pool: 'DefaultAppPool', atMs: 2000 }],
    });

    // OnDemand (the default): the first session launches the process (start-up 500 ms).
    expect(
      run.events
        .filter((e) => e.id === 4015)
        .map((e) => [e.annotations.app, e.annotations.pid, e.atMs]),
    ).toEqual([['orders', 4004, 510]]);
    expect(run.outcomes.map((o) => o.kind)).toEqual(['dispatched', 'unavailable']);
  });
});
