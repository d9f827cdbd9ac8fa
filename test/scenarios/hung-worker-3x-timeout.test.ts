// Scenario hung-worker-3x-timeout (domain §3.3 F3, §7 Jon Cole's Event ID 8).
import { describe, expect, it } from 'vitest';
import { sessionTimeline } from '../helpers/record-events.js';
import { clientSeen, outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: hung-worker-3x-timeout', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('hung-worker-3x-timeout');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('fails session 2 with 4031 exactly one minute after 4019 (F3)', async () => {
    const run = await runBundled('hung-worker-3x-timeout');

    const failed = run.events.find((e) => e.name === 'DispatchSessionFailed');
    expect(sessionTimeline(run.events, 2)).toEqual([
      [4001, 2000],
      [4035, 2000],
      [4008, 2000],
      [4019, 2000],
      [4031, 62_000],
    ]);
    expect(failed?.annotations).toMatchObject({ path: 'F3', sessionId: 2 });
    expect(clientSeen(outcomeOf(run, 2))).toBe('reset - CommunicationException');
  });

  it('writes Event Log 8 with a System.TimeoutException', async () => {
    const run = await runBundled('hung-worker-3x-timeout');

    expect(run.eventLog.map((e) => [e.id, e.atMs])).toEqual([[8, 62_000]]);
    expect(run.eventLog[0]?.message).toContain('Exception: System.TimeoutException');
  });

  it('keeps the sessions behind the hung one queued for the whole minute', async () => {
    const run = await runBundled('hung-worker-3x-timeout');

    expect(sessionTimeline(run.events, 3)).toEqual([
      [4001, 3000],
      [4035, 3000],
      [4008, 62_500],
      [4019, 62_500],
      [4030, 62_510],
    ]);
  });
});
