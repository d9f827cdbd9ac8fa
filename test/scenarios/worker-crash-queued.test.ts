// Scenario worker-crash-queued (domain §6.3 worker loss, §3.3 F2).
import { describe, expect, it } from 'vitest';
import { sessionPath, sessionTimeline } from '../helpers/record-events.js';
import { clientSeen, outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: worker-crash-queued', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('worker-crash-queued');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('fails the session in flight at the crash with 4031 and a reset', async () => {
    const run = await runBundled('worker-crash-queued');

    expect(sessionTimeline(run.events, 1)).toEqual([
      [4001, 300],
      [4035, 300],
      [4008, 300],
      [4019, 300],
      [4031, 325],
    ]);
    expect(clientSeen(outcomeOf(run, 1))).toBe('reset - CommunicationException');
  });

  it('keeps the sessions queued and dispatches them FIFO to the new worker', async () => {
    const run = await runBundled('worker-crash-queued');

    const starts = run.events.filter((e) => e.name === 'DispatchSessionStart').slice(1);
    expect(sessionPath(run.events, 2)).toEqual([4001, 4035, 4008, 4019, 4030]);
    expect(starts.map((e) => e.annotations.sessionId)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(starts[0]?.atMs).toBe(525);
  });
});
