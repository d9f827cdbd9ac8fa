// 1419 MaxPendingConnectionsExceeded and 1439 PendingAcceptsAtZero mark the accept that
// reaches maxPendingConnections (domain §2.3, §3.1 step 2; ConnectionAcceptor.cs): once per
// time the limit is reached, however many connections then wait in the kernel backlog; the
// connections that wait write nothing until an accept from the backlog reaches it again.
import { describe, expect, it } from 'vitest';
import { runRecorded } from '../helpers/run-recorded.js';

describe('the acceptor with several connections in the backlog', () => {
  it('writes 1419 and 1439 once when the limit is reached, not once per waiting connection', async () => {
    const run = await runRecorded({
      name: 'backlog-episode',
      config: { maxPendingConnections: 2, listenBacklog: 5 },
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: { sessions: 5, arrivals: { at: [1, 1, 1, 1, 1] }, preambleMs: 100 },
    });

    const quota = run.events
      .filter((e) => e.id === 1419 || e.id === 1430 || e.id === 1439)
      .map((e) => [e.atMs, e.id, e.annotations.sessionId ?? null]);

    expect(quota).toEqual([
      // Sessions 3, 4 and 5 wait in the backlog at 1 ms: one 1419/1439 pair, for session 2.
      [1, 1430, 1],
      [1, 1419, 2],
      [1, 1439, null],
      // Sessions 1 and 2 are decoded: each release takes one from the backlog, reaching the
      // limit again.
      [101, 1430, null],
      [101, 1419, 3],
      [101, 1439, null],
      [101, 1430, null],
      [101, 1419, 4],
      [101, 1439, null],
      [201, 1430, null],
      [201, 1419, 5],
      [201, 1439, null],
      // The backlog is empty: releases only.
      [201, 1430, null],
      [301, 1430, null],
    ]);
    expect(run.result.outcomes.dispatched).toBe(5);
  });

  // listenBacklog is the kernel accept backlog of a TCP socket (domain §4.1: net.tcp only); a
  // named pipe has none, and a client finding every instance busy waits for one. Pipe
  // clients were refused "There was no endpoint listening" when the TCP backlog was full
  // (domain review).
  it('makes a pipe client wait for an accept, however many wait, where a TCP client is refused', async () => {
    const burst = (baseAddress: string) =>
      runRecorded({
        name: 'pipe-backlog',
        config: { maxPendingConnections: 2, listenBacklog: 1 },
        appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
        apps: [{ name: 'orders', baseAddress, appPool: 'P' }],
        workload: { sessions: 6, arrivals: { at: [1, 1, 1, 1, 1, 1] }, preambleMs: 100 },
      });

    const pipe = await burst('net.pipe://localhost/orders/');
    const tcp = await burst('net.tcp://localhost/orders/');

    expect(pipe.result.outcomes).toMatchObject({ dispatched: 6, 'connection-refused': 0 });
    expect(tcp.result.outcomes).toMatchObject({ dispatched: 3, 'connection-refused': 3 });
  });
});
