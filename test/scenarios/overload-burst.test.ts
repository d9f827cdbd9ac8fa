// Scenario overload-burst (domain §3.4 pending queue full, §4.1 maxPendingConnections).
import { describe, expect, it } from 'vitest';
import { sessionPath } from '../helpers/record-events.js';
import { clientSeen, outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: overload-burst', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('overload-burst');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('queues 20 sessions behind the one in flight and aborts the 22nd of the burst with 4010', async () => {
    const run = await runBundled('overload-burst');

    expect(sessionPath(run.events, 21)).toEqual([4001, 4035, 4008, 4019, 4030]);
    expect(sessionPath(run.events, 22)).toEqual([4001, 4010]);
    expect(clientSeen(outcomeOf(run, 22))).toBe('abort - CommunicationException');
  });

  it('reports the pending count in 4010 and the ratio up to 20/20 in 4035', async () => {
    const run = await runBundled('overload-burst');

    const full = run.events.find((e) => e.name === 'PendingSessionQueueFull');
    const ratios = run.events.flatMap((e) =>
      e.name === 'PendingSessionQueueRatio' ? [e.payload.curr] : [],
    );
    expect(full?.payload).toEqual({
      Uri: 'net.tcp://localhost/orders/service.svc',
      count: 20,
      AppDomain: 'SMSvcHost.exe',
    });
    expect(full?.message).toBe(
      "Session dispatch for 'net.tcp://localhost/orders/service.svc' failed since pending session queue is full with '20' pending items.",
    );
    expect(Math.max(...ratios)).toBe(20);
  });
});
