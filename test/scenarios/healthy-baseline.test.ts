// Scenario healthy-baseline (domain §3.1, §6.3): the happy path every failure departs from.
import { describe, expect, it } from 'vitest';
import { sessionPath } from '../helpers/record-events.js';
import { runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: healthy-baseline', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('healthy-baseline');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('takes every session through 4001, 4035, 4008, 4019 and 4030', async () => {
    const run = await runBundled('healthy-baseline');

    const paths = new Set(run.outcomes.map((o) => sessionPath(run.events, o.sessionId).join(' ')));
    expect([...paths]).toEqual(['4001 4035 4008 4019 4030']);
  });

  it('launches the web garden on the first session and keeps the others queued until it registers', async () => {
    const run = await runBundled('healthy-baseline');

    const registered = run.events.filter((e) => e.name === 'MessageQueueRegisterCompleted');
    const firstDispatch = run.events.find((e) => e.name === 'DispatchSessionStart');
    expect(registered.map((e) => [e.annotations.workerId, e.atMs])).toEqual([
      [1, 400],
      [2, 400],
    ]);
    expect(firstDispatch?.atMs).toBe(400);
    expect(run.eventLog).toEqual([]);
    expect(run.result.counters.connectionsDispatched).toBe(run.result.counters.connectionsAccepted);
  });
});
