// OnSessionEnqueued comes before DispatchSession (domain §3.1 step 7, §6.3;
// SMS/MessageQueue.cs EnqueueSessionAndDispatch, SMS/ActivatedMessageQueue.cs): a session
// that finds its WAS queue PendingOpen makes it ask WAS for a listener channel while the
// session is in the FIFO; when that open fails (4025) the queue is Faulted and drops its
// pending sessions, the new one included, even though a registered worker was idle.
import { describe, expect, it } from 'vitest';
import { activityIds, outcomeOf, runRecorded } from '../helpers/run-recorded.js';

describe('a session enqueued on a PendingOpen queue with an idle worker', () => {
  it('is dropped with the queue when the WAS open it triggers fails, not dispatched', async () => {
    // Session 1 opens the listener channel and is dispatched. The protocol-disabled window
    // returns the queue to PendingOpen while the worker stays registered and idle; session 2
    // then triggers the second open, which fails.
    const run = await runRecorded({
      name: 'open-before-dispatch',
      appPools: [{ name: 'P', startupMs: 10, idleTimeoutMs: 0 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: { sessions: 2, arrivals: { at: [0, 200] } },
      faults: [
        { kind: 'protocol-disabled', fromMs: 100, toMs: 150 },
        { kind: 'open-listener-channel-failure', nthSession: 2 },
      ],
    });

    const at200 = run.events.filter((e) => e.atMs === 200).map((e) => e.id);
    expect(at200).toEqual([1430, 4001, 4033, 4034, 4035, 4025, 3346, 1430]);
    expect(activityIds(run, 2)).toEqual([4001]);
    expect(outcomeOf(run, 2).kind).toBe('dropped-unavailable');
    expect(outcomeOf(run, 2).client.fault).toBe('EndpointUnavailable');
  });
});
