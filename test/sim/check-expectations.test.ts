// Checking a scenario's expectations (issue 5): a count bound includes its ends (value ==
// max and value == min are met, one past either is not; `equals` only at the value), and a
// `sequence` or `subsequence` with `sessions: all` needs at least one session that shows its
// first event, every one of which must show the rest.
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { checkExpectations, describeBound, withinBound } from '../../src/sim/check-expectations.js';
import type { CountBound, Expectation } from '../../src/scenario/expectation-schema.js';
import { runRecorded } from '../helpers/run-recorded.js';

describe('withinBound', () => {
  it.for([
    [3, 3, true],
    [3, 2, false],
    [3, 4, false],
    [{ max: 3 }, 3, true],
    [{ max: 3 }, 4, false],
    [{ max: 3 }, 0, true],
    [{ min: 3 }, 3, true],
    [{ min: 3 }, 2, false],
    [{ min: 3 }, 99, true],
    [{ equals: 3 }, 3, true],
    [{ equals: 3 }, 2, false],
    [{ equals: 3 }, 4, false],
    [{ min: 2, max: 4 }, 1, false],
    [{ min: 2, max: 4 }, 2, true],
    [{ min: 2, max: 4 }, 4, true],
    [{ min: 2, max: 4 }, 5, false],
    [{ min: 2, max: 4, equals: 3 }, 3, true],
    [{ min: 2, max: 4, equals: 3 }, 4, false],
    [{ max: 0 }, 0, true],
    [{ max: 0 }, 1, false],
  ] as [CountBound, number, boolean][])('%o holds for %i: %s', ([bound, value, met]) => {
    expect(withinBound(bound, value)).toBe(met);
  });
});

describe('describeBound', () => {
  it.for([
    [3, '= 3'],
    [{ equals: 0 }, '= 0'],
    [{ min: 1 }, '>= 1'],
    [{ max: 2 }, '<= 2'],
    [{ min: 1, max: 2 }, 'between 1 and 2'],
    [{ min: 0, equals: 1 }, '= 1 and >= 0'],
    [{ max: 5, equals: 1 }, '= 1 and <= 5'],
  ] as [CountBound, string][])('writes %o as %s', ([bound, words]) => {
    expect(describeBound(bound)).toBe(words);
  });
});

// Three sessions, one every 100 ms; session 2's callback fails (F2: 4008, 4019, 4031).
const threeSessions = (expectations: ScenarioInput['expect']): ScenarioInput => ({
  name: 'three',
  appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
  apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
  workload: { sessions: 3, startMs: 100, arrivals: { fixed: { intervalMs: 100 } } },
  faults: [{ kind: 'worker-callback-failure', nthSession: 2 }],
  ...(expectations === undefined ? {} : { expect: expectations }),
});

async function checked(
  expectations: ScenarioInput['expect'],
): Promise<[string, boolean | null, string][]> {
  const run = await runRecorded(threeSessions(expectations));
  return run.result.expectations.map((e) => [e.description, e.met, e.observed]);
}

describe('checkExpectations', () => {
  it('meets a count at its max and its min, and not one past either', async () => {
    const rows = await checked([
      { event: 4001, count: { max: 3 } },
      { event: 4001, count: { max: 2 } },
      { event: 4001, count: { min: 3 } },
      { event: 4001, count: { min: 4 } },
      { event: 'DispatchSessionFailed', count: { equals: 1 } },
      { event: 'DispatchSessionFailed', count: 0 },
    ]);

    expect(rows).toMatchInlineSnapshot(`
      [
        [
          "event 4001 TransportListenerSessionsReceived count <= 3",
          true,
          "3",
        ],
        [
          "event 4001 TransportListenerSessionsReceived count <= 2",
          false,
          "3",
        ],
        [
          "event 4001 TransportListenerSessionsReceived count >= 3",
          true,
          "3",
        ],
        [
          "event 4001 TransportListenerSessionsReceived count >= 4",
          false,
          "3",
        ],
        [
          "event 4031 DispatchSessionFailed count = 1",
          true,
          "1",
        ],
        [
          "event 4031 DispatchSessionFailed count = 0",
          false,
          "1",
        ],
      ]
    `);
  });

  it('checks Event Log entries, outcomes, counters and requests the same way', async () => {
    const rows = await checked([
      { eventLog: 8, count: 1 },
      { eventLog: 'MessageQueueDuplicatedSocketLeak', count: { max: 0 } },
      { eventLog: 9, count: 0 },
      { outcome: 'dispatched', count: 2 },
      { outcome: 'dispatch-failed', count: { min: 2 } },
      { counter: 'connectionsAccepted', count: 3 },
      { counter: 'dispatchFailures', count: { min: 1 } },
      { requests: 'total', count: 3 },
      { requests: 'gaveUp', count: { min: 1 } },
    ]);

    expect(rows).toMatchInlineSnapshot(`
      [
        [
          "Event Log 8 MessageQueueDuplicatedSocketLeak count = 1",
          true,
          "1",
        ],
        [
          "Event Log 8 MessageQueueDuplicatedSocketLeak count <= 0",
          false,
          "1",
        ],
        [
          "Event Log 9 MessageQueueDuplicatedPipeLeak count = 0",
          true,
          "0",
        ],
        [
          "outcome dispatched count = 2",
          true,
          "2",
        ],
        [
          "outcome dispatch-failed count >= 2",
          false,
          "1",
        ],
        [
          "counter connectionsAccepted = 3",
          true,
          "3",
        ],
        [
          "counter dispatchFailures >= 1",
          false,
          "0",
        ],
        [
          "requests total = 3",
          true,
          "3",
        ],
        [
          "requests gaveUp >= 1",
          true,
          "1",
        ],
      ]
    `);
  });

  it('fails a sequence for every session when no session shows its first event', async () => {
    const rows = await checked([
      { sequence: [4010, 4031], sessions: 'all' },
      { sequence: [4010, 4031], sessions: 'any' },
      { subsequence: [4010], sessions: 'all' },
    ]);

    expect(rows).toMatchInlineSnapshot(`
      [
        [
          "every session shows [4010, 4031] in a row",
          false,
          "0 of 0 sessions with 4010 show it in a row",
        ],
        [
          "some session shows [4010, 4031] in a row",
          false,
          "0 of 0 sessions with 4010 show it in a row",
        ],
        [
          "every session shows [4010] in order",
          false,
          "0 of 0 sessions with 4010 show it in order",
        ],
      ]
    `);
  });

  it('meets a sequence for every session only when each session with its first event shows it', async () => {
    const rows = await checked([
      { sequence: [4001], sessions: 'all' },
      { sequence: [4008, 4019], sessions: 'all' },
      { sequence: [4008, 4030], sessions: 'all' },
      { sequence: [4008, 4030], sessions: 'any' },
      { subsequence: [4001, 4031], sessions: 'all' },
      { subsequence: [4001, 4031], sessions: 'any' },
    ]);

    expect(rows).toMatchInlineSnapshot(`
      [
        [
          "every session shows [4001] in a row",
          true,
          "3 of 3 sessions with 4001 show it in a row; e.g. session 1 [4001, 4008, 4019, 4030]",
        ],
        [
          "every session shows [4008, 4019] in a row",
          true,
          "3 of 3 sessions with 4008 show it in a row; e.g. session 1 [4001, 4008, 4019, 4030]",
        ],
        [
          "every session shows [4008, 4030] in a row",
          false,
          "0 of 3 sessions with 4008 show it in a row; closest miss: session 1 [4001, 4008, 4019, 4030], 1 of 2 in a row",
        ],
        [
          "some session shows [4008, 4030] in a row",
          false,
          "0 of 3 sessions with 4008 show it in a row; closest miss: session 1 [4001, 4008, 4019, 4030], 1 of 2 in a row",
        ],
        [
          "every session shows [4001, 4031] in order",
          false,
          "1 of 3 sessions with 4001 show it in order; closest miss: session 1 [4001, 4008, 4019, 4030], 1 of 2 in order",
        ],
        [
          "some session shows [4001, 4031] in order",
          true,
          "1 of 3 sessions with 4001 show it in order; e.g. session 2 [4001, 4008, 4019, 4031]",
        ],
      ]
    `);
  });

  it('reports the books and leaves determinism unchecked in a single run', async () => {
    const rows = await checked([{ invariant: 'balanced' }, { invariant: 'deterministic' }]);

    expect(rows).toMatchInlineSnapshot(`
      [
        [
          "the books balance",
          true,
          "3 sessions, 3 outcomes",
        ],
        [
          "the same seed gives the same trace",
          null,
          "not checked (run twice to check)",
        ],
      ]
    `);
  });

  it('says whether a second run gave the same trace, when told', async () => {
    const run = await runRecorded(threeSessions(undefined));
    const [same] = checkExpectations([{ invariant: 'deterministic' }], run.result, [], true);
    const [differ] = checkExpectations([{ invariant: 'deterministic' }], run.result, [], false);

    expect([same?.met, same?.observed, differ?.met, differ?.observed]).toMatchInlineSnapshot(`
      [
        true,
        "identical traces",
        false,
        "traces differ",
      ]
    `);
  });
});

describe('checkExpectations without a parsed scenario', () => {
  it('counts an event or Event Log entry the catalogue does not know as 0, named as written', async () => {
    const run = await runRecorded(threeSessions(undefined));

    const rows = checkExpectations(
      [
        // Refused by the types too (plain JavaScript can still pass them).
        { event: 9999 as never, count: 0 },
        { eventLog: 'NoSuchEntry' as never, count: { min: 1 } },
      ],
      run.result,
      [],
      undefined,
    ).map((e) => [e.description, e.met, e.observed]);

    expect(rows).toEqual([
      ['event 9999 count = 0', true, '0'],
      ['Event Log NoSuchEntry count >= 1', false, '0'],
    ]);
  });

  it('throws on an invariant it does not know instead of leaving it out', async () => {
    const run = await runRecorded(threeSessions(undefined));
    const unknown = { invariant: 'fast' } as unknown as Expectation;

    expect(() => checkExpectations([unknown], run.result, [], undefined)).toThrow(
      'Unexpected value: "fast"',
    );
  });

  it('leaves a sequence unchecked when its sessions were not tracked', async () => {
    const run = await runRecorded(threeSessions(undefined));

    const [row] = checkExpectations(
      [{ sequence: [4001], sessions: 'all' }],
      run.result,
      undefined,
      undefined,
    );

    expect([row?.met, row?.observed]).toEqual([null, 'not recorded']);
  });
});
