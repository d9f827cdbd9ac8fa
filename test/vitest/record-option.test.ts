// runScenario's `record` option: a large run keeps only what its test looks at, and the
// matchers still count from the run's tallies, or refuse to look where nothing was kept.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { failureOf } from '../helpers/matcher-failure.js';
import { installMatchers, runScenario, type ScenarioRun } from '../../src/vitest/index.js';

installMatchers();

// Forty sessions to a WAS app; the handle duplication of the 2nd and the 30th fails (F1:
// 4016, 4031 and Event Log 8), and a new worker takes the rest (domain §3.3).
const scenario: ScenarioInput = {
  name: 'record-option',
  seed: 11,
  appPools: [{ name: 'OrdersPool', startMode: 'AlwaysRunning', startupMs: 200, idleTimeoutMs: 0 }],
  apps: [
    {
      name: 'orders',
      baseAddress: 'net.tcp://localhost/orders/',
      appPool: 'OrdersPool',
      dispatchMs: 10,
    },
  ],
  workload: { sessions: 40, startMs: 300, arrivals: { fixed: { intervalMs: 50 } } },
  faults: [
    { kind: 'duplicate-handle-failure', nthSession: 2 },
    { kind: 'duplicate-handle-failure', nthSession: 30 },
  ],
};

let full: ScenarioRun;
let failuresOnly: ScenarioRun;
let tallies: ScenarioRun;

beforeAll(async () => {
  full = await runScenario(scenario);
  failuresOnly = await runScenario(scenario, {
    record: { events: ['DispatchSessionFailed', 4008], outcomes: false },
  });
  tallies = await runScenario(scenario, {
    record: { events: [], eventLog: false, outcomes: false },
  });
});

describe('runScenario with record', () => {
  it('keeps exactly the listed events of the full run, in seq order, with the Event Log', () => {
    const kept = full.events.filter((event) => event.id === 4031 || event.id === 4008);
    expect(failuresOnly.events).toEqual(kept);
    expect(failuresOnly.events.map((event) => event.id)).toContain(4031);
    expect(failuresOnly.eventLog).toEqual(full.eventLog);
    expect(failuresOnly.trace.map((record) => record.seq)).toEqual(
      full.trace
        .filter((record) => !('task' in record) || record.id === 4031 || record.id === 4008)
        .map((record) => record.seq),
    );
    expect(failuresOnly.recorded).toEqual({
      events: [4008, 4031],
      eventLog: true,
      outcomes: false,
    });
  });

  it('keeps no outcomes, in the run nor in its simulation, when outcomes is false', () => {
    expect(full.outcomes).toHaveLength(40);
    expect(failuresOnly.outcomes).toHaveLength(0);
    expect(failuresOnly.simulation.outcomes()).toHaveLength(0);
    expect(failuresOnly.result).toEqual(full.result);
  });

  it('keeps nothing but the tallies when told so', () => {
    expect(tallies.trace).toHaveLength(0);
    expect(tallies.eventLog).toHaveLength(0);
    expect(tallies.result).toEqual(full.result);
  });

  it('names a misspelt event, an unknown key and a bad value', async () => {
    await expect(
      runScenario(scenario, { record: { events: [4031, 'DispatchSessionFailure'] } } as never),
    ).rejects.toThrow(
      "record.events[1]: expected an ETW event id or name of the catalogue (did you mean DispatchSessionFailed?), got 'DispatchSessionFailure' (string)",
    );
    await expect(runScenario(scenario, { record: { events: [4999] } } as never)).rejects.toThrow(
      'record.events[0]: expected an ETW event id or name of the catalogue, got 4999 (number)',
    );
    await expect(runScenario(scenario, { record: { outcome: false } } as never)).rejects.toThrow(
      /did you mean outcomes\?/,
    );
    await expect(runScenario(scenario, { record: { eventLog: 'no' } } as never)).rejects.toThrow(
      "record.eventLog: expected true or false, got 'no' (string)",
    );
    await expect(runScenario(scenario, { record: [4031] } as never)).rejects.toMatchObject({
      code: 'config.invalid-option',
      option: 'record',
    });
  });

  // The error named createSimulation, which the caller never called, and left `record` out of
  // the options it listed (user report).
  it('names itself, and lists record among its options, for a misspelt option', async () => {
    await expect(runScenario(scenario, { sead: 1 } as never)).rejects.toThrow(
      "runScenario: unknown option 'sead' (known: seed, sessions, horizonMs, tieOrder, recordOutcomes, clientPolicy, onProgress, onStep, record, beforeRun); did you mean seed?",
    );
    await expect(runScenario(scenario, { records: {} } as never)).rejects.toThrow(
      /^runScenario: unknown option 'records' \(known: .*\); did you mean record\?$/,
    );
  });

  it('names a bag that is not an object', async () => {
    await expect(runScenario(scenario, 'seed 7' as never)).rejects.toMatchObject({
      code: 'config.invalid-option',
      option: 'options',
    });
  });
});

describe('the matchers on a run that recorded part of it', () => {
  it('count every event from the tallies, recorded or not', () => {
    expect(tallies).toHaveEmitted(4031, 2);
    expect(tallies).toHaveEmitted('DispatchSessionSuccess', 38);
    expect(tallies).not.toHaveEmitted('PendingSessionQueueFull');
    expect(failuresOnly).toHaveEmitted(4016, 2);
    expect(tallies).toHaveLogged(8, 2);
    expect(tallies).toHaveOutcome('dispatched', 38);
    expect(tallies).toHaveRequests({ gaveUp: 2 });
  });

  it('say in a failure that the events were not recorded, and show those that were', () => {
    const unrecorded = failureOf(() => expect(failuresOnly).toHaveEmitted(4030, 1));
    expect(unrecorded).toContain('Received: emitted 38 times');
    expect(unrecorded).toContain(
      '(4030 DispatchSessionSuccess events were not recorded: record: { events: [4008, 4031], outcomes: false })',
    );
    const recorded = failureOf(() => expect(failuresOnly).toHaveEmitted(4031, 1));
    expect(recorded).toContain('Received: emitted 2 times');
    expect(recorded).toMatch(/4031 DispatchSessionFailed/);
    expect(recorded).not.toContain('not recorded');
    expect(failureOf(() => expect(tallies).toHaveLogged(8, 1))).toContain(
      '(Event Log entries were not recorded: record: { events: [], eventLog: false, outcomes: false })',
    );
    expect(failureOf(() => expect(tallies).toHaveOutcome('dispatched', 1))).toContain(
      '(Outcomes were not recorded',
    );
  });

  it('check a subsequence among the recorded events, and refuse one never recorded', () => {
    expect(failuresOnly).toHaveEmittedSubsequence([4008, 4031]);
    expect(() => expect(failuresOnly).toHaveEmittedSubsequence([4008, 4016, 4031])).toThrow(
      'toHaveEmittedSubsequence: 4016 MessageQueueDuplicatedSocketError was not recorded (record: { events: [4008, 4031], outcomes: false }); add it to record.events',
    );
  });

  it('refuse to check events in a row unless every event was recorded', () => {
    expect(() => expect(failuresOnly).toHaveEmittedInOrder([4008, 4031])).toThrow(
      /toHaveEmittedInOrder: the run recorded only some events .* and events in a row need them all/,
    );
    expect(full).toHaveEmittedInOrder([4008, 4016, 4031]);
  });

  it('balance the books from the tallies, and fail when the run did not balance', () => {
    expect(tallies).toBalance();
    const unbalanced = { ...tallies, result: { ...tallies.result, balanced: false } };
    const message = failureOf(() => expect(unbalanced).toBalance());
    expect(message).toContain(
      "40 sessions, 40 outcomes tallied, the run's books unbalanced (outcomes not recorded",
    );
  });
});
