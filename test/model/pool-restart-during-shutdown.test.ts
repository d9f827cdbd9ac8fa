// A stopped pool's processes take POOL_SHUTDOWN_MS to exit; a stopping process no longer holds
// a slot of the web garden, so a pool started again before they are gone launches new
// processes at once (domain §6.1, §6.3).
import { describe, expect, it } from 'vitest';
import { runRecorded } from '../helpers/run-recorded.js';

describe('an application pool started again while its processes shut down', () => {
  it('launches a new process at once instead of waiting for the old one to exit', async () => {
    const run = await runRecorded({
      name: 'pool-restart-during-shutdown',
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 100, idleTimeoutMs: 0 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: { sessions: 1, arrivals: { at: [600] } },
      // Stopped at 300 ms (its process exits at 1300 ms), started again at 400 ms.
      faults: [{ kind: 'app-pool-stop', pool: 'P', atMs: 300, restartAfterMs: 100 }],
    });

    expect(run.events.filter((e) => e.id === 4015).map((e) => [e.annotations.pid, e.atMs])).toEqual(
      [
        [4004, 100],
        [4008, 500],
      ],
    );
    const dispatch = run.events.find((e) => e.id === 4008);
    expect([dispatch?.annotations.pid, dispatch?.atMs]).toEqual([4008, 600]);
  });
});
