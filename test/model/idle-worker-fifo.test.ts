// The idle workers of a message queue form a FIFO (domain §3.1 step 8; SMS/MessageQueue.cs):
// the next session goes to the worker that has been idle longest, so sessions arriving one at
// a time go round the workers in the order they registered, not back to the one just freed.
import { describe, expect, it } from 'vitest';
import { runRecorded } from '../helpers/run-recorded.js';

describe('the idle workers of a MessageQueue', () => {
  it('are taken first-in first-out: one session at a time goes round a web garden of three', async () => {
    const run = await runRecorded({
      name: 'idle-worker-fifo',
      appPools: [
        {
          name: 'P',
          startMode: 'AlwaysRunning',
          startupMs: 100,
          idleTimeoutMs: 0,
          maxProcesses: 3,
        },
      ],
      apps: [
        { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P', dispatchMs: 5 },
      ],
      workload: { sessions: 7, startMs: 500, arrivals: { fixed: { intervalMs: 100 } } },
    });

    // The three processes register in order at 100 ms (4015), then each session is dispatched
    // (4008) alone, after the previous one has ended and given its worker's token back.
    const registered = run.events.filter((e) => e.id === 4015).map((e) => e.annotations.pid);
    const dispatchedTo = run.events
      .filter((e) => e.id === 4008)
      .map((e) => [e.annotations.sessionId, e.annotations.pid]);
    expect(registered).toEqual([4004, 4008, 4012]);
    expect(dispatchedTo).toEqual([
      [1, 4004],
      [2, 4008],
      [3, 4012],
      [4, 4004],
      [5, 4008],
      [6, 4012],
      [7, 4004],
    ]);
    expect(run.result.outcomes.dispatched).toBe(7);
  });
});
