// Scenario listener-channel-faulted (domain §6.3 Faulted after more than six failures).
import { describe, expect, it } from 'vitest';
import { sessionPath } from '../helpers/record-events.js';
import { clientSeen, outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: listener-channel-faulted', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('listener-channel-faulted');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('faults the queue on the seventh failed launch and drops the queued sessions', async () => {
    const run = await runBundled('listener-channel-faulted');

    const dropped = run.outcomes.filter((o) => o.kind === 'dropped-unavailable');
    expect(run.result.faultsFired).toEqual({ 'worker-start-failure': 7 });
    expect(dropped.map((o) => [o.sessionId, o.atMs, o.reason])).toEqual([
      [1, 1400, 'the queue was Faulted by listener channel failures'],
      [2, 1400, 'the queue was Faulted by listener channel failures'],
    ]);
    expect(clientSeen(outcomeOf(run, 1))).toBe(
      'fault EndpointUnavailable EndpointNotFoundException',
    );
  });

  it('refuses sessions during the 15-20 s throttle, then opens a listener channel again', async () => {
    const run = await runBundled('listener-channel-faulted');

    const throttled = run.outcomes.filter((o) => o.kind === 'unavailable');
    const firstServed = run.outcomes.find((o) => o.kind === 'dispatched');
    expect(new Set(throttled.map((o) => o.reason))).toEqual(
      new Set(['the queue is Faulted (failure throttle)']),
    );
    expect(sessionPath(run.events, 3)).toEqual([4001]);
    expect(firstServed?.arrivedAtMs).toBeGreaterThanOrEqual(1400 + 15_000);
    expect(firstServed?.arrivedAtMs).toBeLessThanOrEqual(1400 + 20_000 + 1000);
    expect(sessionPath(run.events, firstServed?.sessionId ?? 0)).toEqual([
      4001, 4035, 4008, 4019, 4030,
    ]);
  });
});
