// The acceptor's quota events (domain §2.3, §3.1 step 2; ConnectionAcceptor.cs): 1419 on the
// accept whose connections + 1 reach maxPendingConnections (not at the first connection
// that waits in the backlog), with the TraceCodeMaxPendingConnectionsReached text; 1430 on
// other accepts and on each release, with the count after the release.
import { describe, expect, it } from 'vitest';
import { runRecorded } from '../helpers/run-recorded.js';

describe('the acceptor of a TransportListener', () => {
  it('writes 1419 and 1439 on the accept that reaches maxPendingConnections', async () => {
    const run = await runRecorded({
      name: 'acceptor',
      config: { maxPendingConnections: 2, listenBacklog: 5 },
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: { sessions: 3, arrivals: { at: [1, 1, 1] }, preambleMs: 100 },
    });

    const quota = run.events
      .filter((e) => e.id === 1419 || e.id === 1430 || e.id === 1439)
      .map((e) => {
        const { AppDomain, ...fields } = e.payload;
        expect(AppDomain).toBe('SMSvcHost.exe');
        return [e.atMs, e.id, e.annotations.sessionId ?? null, fields];
      });

    expect(quota).toEqual([
      [1, 1430, 1, { cur: 1, max: 2 }],
      [1, 1419, 2, { data1: 'Maximum number of pending connections has been reached.' }],
      [1, 1439, null, {}],
      // Session 1's via is decoded: its slot is released, then session 3 is accepted into it.
      [101, 1430, null, { cur: 1, max: 2 }],
      [101, 1419, 3, { data1: 'Maximum number of pending connections has been reached.' }],
      [101, 1439, null, {}],
      [101, 1430, null, { cur: 1, max: 2 }],
      [201, 1430, null, { cur: 0, max: 2 }],
    ]);
    expect(run.result.balanced).toBe(true);
  });
});
