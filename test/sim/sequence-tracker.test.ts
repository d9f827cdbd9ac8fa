// `sequence` and `subsequence` expectations (issue 11 item 10): a sequence is a contiguous run
// of the session's own activity events, a subsequence allows gaps, and the session quoted in
// the report is one that matches, or the closest one, labelled as such. The tracker keeps
// only the open sessions' events (bounded memory).
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { SequenceTracker } from '../../src/sim/sequence-tracker.js';
import { runRecorded } from '../helpers/run-recorded.js';

describe('SequenceTracker', () => {
  it('counts a sequence only where the ids come one right after the other', () => {
    const tracker = new SequenceTracker([
      { ids: [4001, 4031], contiguous: true },
      { ids: [4001, 4031], contiguous: false },
    ]);
    for (const id of [4001, 4008, 4016, 4031]) tracker.onEvent(1, id);
    tracker.onOutcome(1);

    const [sequence, subsequence] = tracker.finish();

    expect(sequence).toEqual({
      candidates: 1,
      matching: 0,
      firstMatch: undefined,
      closestMiss: { sessionId: 1, events: [4001, 4008, 4016, 4031] },
      closestMatched: 1,
    });
    expect(subsequence?.matching).toBe(1);
    expect(subsequence?.firstMatch).toEqual({ sessionId: 1, events: [4001, 4008, 4016, 4031] });
  });

  it('finds a run anywhere in the session and keeps the closest miss', () => {
    const tracker = new SequenceTracker([{ ids: [4008, 4019, 4031], contiguous: true }]);
    const sessions: Record<number, number[]> = {
      1: [4001, 4008, 4019, 4030],
      2: [4001, 4008, 4016, 4031],
      3: [4001, 4008, 4019, 4031],
    };
    for (const [id, events] of Object.entries(sessions)) {
      for (const event of events) tracker.onEvent(Number(id), event);
      tracker.onOutcome(Number(id));
    }

    const [tally] = tracker.finish();

    expect(tally?.matching).toBe(1);
    expect(tally?.firstMatch?.sessionId).toBe(3);
    expect(tally?.closestMiss).toEqual({ sessionId: 1, events: [4001, 4008, 4019, 4030] });
    expect(tally?.closestMatched).toBe(2);
    expect(tracker.openSessions).toBe(0);
  });

  it('drops a session’s events at its outcome, keeping only the sessions still open', () => {
    const tracker = new SequenceTracker([{ ids: [4001, 4008], contiguous: true }]);
    for (const sessionId of [1, 2, 3]) tracker.onEvent(sessionId, 4001);

    tracker.onOutcome(2);
    tracker.onOutcome(9);

    expect(tracker.openSessions).toBe(2);
  });
});

// Five sessions; the duplication for the second fails (F1): it shows 4001, 4008, 4016, 4031.
const scenario = (expect: ScenarioInput['expect']): ScenarioInput => ({
  name: 'sequences',
  appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
  apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
  workload: { sessions: 5, arrivals: { fixed: { intervalMs: 10 } } },
  faults: [{ kind: 'duplicate-handle-failure', nthSession: 2 }],
  expect,
});

describe('sequence and subsequence expectations', () => {
  it('does not meet a sequence whose ids have other events between them; a subsequence does', async () => {
    const run = await runRecorded(
      scenario([{ sequence: [4001, 4031] }, { subsequence: [4001, 4031] }]),
    );

    const [sequence, subsequence] = run.result.expectations;

    expect(sequence).toMatchObject({
      met: false,
      description: 'some session shows [4001, 4031] in a row',
      observed:
        '0 of 5 sessions with 4001 show it in a row; closest miss: session 1 [4001, 4008, 4019, 4030], 1 of 2 in a row',
    });
    expect(subsequence).toMatchObject({
      met: true,
      description: 'some session shows [4001, 4031] in order',
      observed:
        '1 of 5 sessions with 4001 show it in order; e.g. session 2 [4001, 4008, 4016, 4031]',
    });
  });

  it('quotes a session that matches, not one that does not', async () => {
    const run = await runRecorded(scenario([{ sequence: [4001, 4008, 4016, 4031] }]));

    expect(run.result.expectations[0]).toMatchObject({
      met: true,
      observed:
        '1 of 5 sessions with 4001 show it in a row; e.g. session 2 [4001, 4008, 4016, 4031]',
    });
  });

  it('quotes the first session to reach its outcome, not the first to arrive', async () => {
    // Session 1 arrives first and its worker hangs for 100 ms; session 2 arrives at 10 ms
    // with a via nobody registered and ends at once.
    const run = await runRecorded({
      name: 'late-first',
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: { sessions: 2, arrivals: { at: [0, 10] } },
      faults: [
        { kind: 'worker-hang', nthSession: 1, hangMs: 100 },
        { kind: 'no-route', nthSession: 2 },
      ],
      expect: [{ sequence: [4001] }],
    });

    expect(run.outcomes.map((o) => o.sessionId)).toEqual([2, 1]);
    expect(run.result.expectations[0]?.observed).toBe(
      '2 of 2 sessions with 4001 show it in a row; e.g. session 2 [4001]',
    );
  });

  it('labels the closest session that misses when `all` is not met', async () => {
    const run = await runRecorded(
      scenario([{ sequence: [4001, 4008, 4019, 4030], sessions: 'all' }]),
    );

    expect(run.result.expectations[0]).toMatchObject({
      met: false,
      description: 'every session shows [4001, 4008, 4019, 4030] in a row',
      observed:
        '4 of 5 sessions with 4001 show it in a row; closest miss: session 2 [4001, 4008, 4016, 4031], 2 of 4 in a row',
    });
  });
});
