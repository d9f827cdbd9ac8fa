// An application pool recycle acts on the pool's running worker processes (domain §6.3, §7):
// a process still starting up is left to come up; no replacement is launched for it.
import { describe, expect, it } from 'vitest';
import { runRecorded } from '../helpers/run-recorded.js';

describe('a recycle during a worker start-up', () => {
  it.each([true, false])(
    'leaves the starting process alone (overlapped: %s)',
    async (overlapped) => {
      const run = await runRecorded({
        name: 'recycle-starting-process',
        appPools: [{ name: 'P', startupMs: 500, idleTimeoutMs: 0 }],
        apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
        workload: { sessions: 1, arrivals: { at: [0] } },
        faults: [{ kind: 'app-pool-recycle', pool: 'P', atMs: 100, overlapped }],
      });

      expect(
        run.events.filter((e) => e.id === 4015).map((e) => [e.atMs, e.annotations.pid]),
      ).toEqual([[500, 4004]]);
      expect(run.outcomes.map((o) => [o.kind, o.atMs])).toEqual([['dispatched', 501]]);
    },
  );
});
