// How self-hosted services start (domain §6.4): each process registers its base address at
// time 0; ServiceHost.Open throws when that first registration fails, so the process ends
// (it does not retry). Port sharing is net.tcp only: a net.pipe service is never self-hosted.
import { describe, expect, it } from 'vitest';
import { runRecorded } from '../helpers/run-recorded.js';

describe('the start of a self-hosted service', () => {
  it('ends a process whose first registration fails: a crash aimed at it finds nothing', async () => {
    // Arrange: two processes of one service; the second conflicts with the first (4014).
    const run = await runRecorded({
      name: 'self-host-start',
      apps: [
        { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', hosting: 'self', workers: 2 },
      ],
      workload: { sessions: 1, arrivals: { at: [60_000] } },
      faults: [{ kind: 'worker-crash', target: { worker: 2 }, atMs: 1000 }],
    });

    // Assert
    expect(run.events.filter((e) => e.id === 4014).map((e) => e.annotations.pid)).toEqual([4008]);
    expect(run.result.faultsFired).toEqual({});
    expect(run.outcomes.map((o) => o.kind)).toEqual(['dispatched']);
  });

  it('refuses a named-pipe service: port sharing is net.tcp only (domain §1)', async () => {
    const running = runRecorded({
      name: 'self-host-start',
      apps: [{ name: 'orders', baseAddress: 'net.pipe://localhost/orders/', hosting: 'self' }],
      workload: { sessions: 1, arrivals: { at: [10] } },
    });

    await expect(running).rejects.toThrow(
      /apps\[0\]\.hosting: expected hosting: was for a net\.pipe address/,
    );
  });

  it('cannot register a TCP service while the port sharing service is stopped', async () => {
    const run = await runRecorded({
      name: 'self-host-start',
      services: { portSharing: 'stopped' },
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', hosting: 'self' }],
      workload: { sessions: 1, arrivals: { at: [10] } },
    });

    expect(run.events.filter((e) => e.id === 4011)).toEqual([]);
    expect(run.outcomes.map((o) => o.kind)).toEqual(['connection-refused']);
  });
});
