// The last registration on an endpoint going stops its transport listener (domain §3.4,
// TransportListener.Stop): connections still waiting in the kernel backlog are refused, and
// a self-hosted queue's pending sessions are aborted, each with its reason.
import { describe, expect, it } from 'vitest';
import { runRecorded } from '../helpers/run-recorded.js';

describe('a transport listener that stops', () => {
  it('refuses the connections waiting in its backlog', async () => {
    // One connection is read at a time (maxPendingConnections 1, preamble 50 ms): at 20 ms
    // sessions 2 and 3 wait in the backlog when the only self-hosted worker crashes.
    const run = await runRecorded({
      name: 'listener-stop-backlog',
      config: { maxPendingConnections: 1, listenBacklog: 10 },
      apps: [{ name: 'stock', baseAddress: 'net.tcp://localhost/stock/', hosting: 'self' }],
      workload: { sessions: 3, arrivals: { at: [1, 2, 3] }, preambleMs: 50 },
      faults: [{ kind: 'worker-crash', target: { app: 'stock' }, atMs: 20 }],
    });

    expect(run.outcomes.map((o) => `${o.sessionId} ${o.kind}: ${o.reason}`)).toEqual([
      '2 connection-refused: the listener stopped while the connection waited in the backlog',
      '3 connection-refused: the listener stopped while the connection waited in the backlog',
      '1 no-route: no registration matched the via',
    ]);
  });

  it('aborts a self-hosted queue’s waiting sessions, without a framing fault', async () => {
    // Session 1 is dispatched (1 to 101 ms), session 2 waits; the worker crashes at 50 ms: its
    // queue closes (session 2 aborted) before the dispatch's 4031 (domain §3.3).
    const run = await runRecorded({
      name: 'self-hosted-queue-closes',
      apps: [
        {
          name: 'stock',
          baseAddress: 'net.tcp://localhost/stock/',
          hosting: 'self',
          dispatchMs: 100,
        },
      ],
      workload: { sessions: 2, arrivals: { at: [1, 2] } },
      faults: [{ kind: 'worker-crash', target: { app: 'stock' }, atMs: 50 }],
    });

    expect(run.outcomes.map((o) => `${o.sessionId} ${o.kind}: ${o.reason}`)).toEqual([
      '2 dropped-aborted: the self-hosted queue closed: its last worker left',
      '1 dispatch-failed: F2: the worker process exited during the callback (CommunicationObjectAbortedException)',
    ]);
    expect(run.events.filter((e) => e.id === 3346).map((e) => e.annotations.sessionId)).toEqual([
      1,
    ]);
  });
});
