// A worker that registers while its queue is Faulted brings it to Connected (domain §6.3;
// SMS/ActivatedMessageQueue.cs Register → OnListenerChannelConnected sets the state
// unconditionally), so sessions are dispatched again during the 15 s throttle.
import { describe, expect, it } from 'vitest';
import { outcomeOf, runRecorded } from '../helpers/run-recorded.js';

describe('a registration during the failure throttle', () => {
  it('connects the Faulted queue: the next session is dispatched, not EndpointUnavailable', async () => {
    // Session 1 opens the channel: WAS launches a two-process web garden (1000 ms start-up).
    // Process 1 crashes while starting: "can open" while OpenedPendingConnect, so the queue
    // opens again, and that second open fails (4025): Faulted, session 1 dropped. Process 2
    // registers at 1000 ms, inside the throttle.
    const run = await runRecorded({
      name: 'registered-while-faulted',
      appPools: [
        { name: 'P', startupMs: 1000, idleTimeoutMs: 0, rapidFailProtection: { enabled: false } },
      ],
      apps: [
        { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P', workers: 2 },
      ],
      workload: { sessions: 2, arrivals: { at: [0, 2000] } },
      faults: [
        { kind: 'worker-crash', target: { worker: 1 }, atMs: 100 },
        { kind: 'open-listener-channel-failure', nthSession: 2 },
      ],
    });

    expect(
      run.events.filter((e) => e.id === 4025 || e.id === 4015).map((e) => [e.id, e.atMs]),
    ).toEqual([
      [4025, 100],
      [4015, 1000],
    ]);
    expect(outcomeOf(run, 1).kind).toBe('dropped-unavailable');
    expect(outcomeOf(run, 2).kind).toBe('dispatched');
    expect(outcomeOf(run, 2).atMs).toBeLessThan(2010);
  });
});
