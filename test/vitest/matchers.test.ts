// The dispatchsim matchers (issue 7): each one passing and failing, and the part of the
// trace its failure message shows.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { failureOf } from '../helpers/matcher-failure.js';
import { installMatchers, runScenario, type ScenarioRun } from '../../src/vitest/index.js';

installMatchers();

const via = 'net.tcp://localhost/orders/service.svc';

// Five sessions to a WAS app; the handle duplication of the second fails (F1: 4016, 4031 and
// Event Log 8), the worker is unregistered and a new one takes the rest (domain §3.3, §6.3).
const scenario: ScenarioInput = {
  name: 'matchers',
  seed: 7,
  appPools: [{ name: 'OrdersPool', startMode: 'AlwaysRunning', startupMs: 200, idleTimeoutMs: 0 }],
  apps: [
    {
      name: 'orders',
      baseAddress: 'net.tcp://localhost/orders/',
      appPool: 'OrdersPool',
      dispatchMs: 10,
    },
  ],
  workload: { sessions: 5, startMs: 300, arrivals: { fixed: { intervalMs: 50 } }, vias: [{ via }] },
  faults: [{ kind: 'duplicate-handle-failure', nthSession: 2 }],
};

const activityOf2 = '00000000-0000-0000-0000-000000000002';

let run: ScenarioRun;

beforeAll(async () => {
  run = await runScenario(scenario);
});

describe('runScenario', () => {
  it('records ETW events and Event Log entries merged in seq order', () => {
    const seqs = run.trace.map((record) => record.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(run.trace).toHaveLength(run.events.length + run.eventLog.length);
    expect(run.eventLog.map((entry) => entry.id)).toEqual([8]);
    expect(run.outcomes).toHaveLength(5);
  });

  it('loads a scenario file when given a path', async () => {
    await expect(runScenario('no/such/scenario.yaml')).rejects.toMatchObject({
      code: 'scenario.invalid',
    });
  });
});

describe('toHaveEmitted', () => {
  it('passes on a count that matches, by id or by name', () => {
    expect(run).toHaveEmitted(4031, { equals: 1 });
    expect(run).toHaveEmitted('DispatchSessionSuccess', { min: 3, max: 4 });
    expect(run).toHaveEmitted(4016);
    expect(run).not.toHaveEmitted('PendingSessionQueueFull');
  });

  it('shows the observed count and the matching events when the count is wrong', () => {
    const message = failureOf(() => expect(run).toHaveEmitted(4031, { equals: 2 }));
    expect(message).toMatchInlineSnapshot(`
      "expect(run).toHaveEmitted(4031, { equals: 2 })

      Expected: 4031 DispatchSessionFailed emitted exactly 2 times
      Received: emitted 1 time

      4031 DispatchSessionFailed events:
          #26        350ms  4031 DispatchSessionFailed  session 2  (F1: handle duplication failed (WSA error 10024))"
    `);
  });

  it('says "never emitted" under .not without a count', () => {
    const message = failureOf(() => expect(run).not.toHaveEmitted(4031));
    expect(message).toContain('expect(run).not.toHaveEmitted(4031)');
    expect(message).toContain('Expected: 4031 DispatchSessionFailed never emitted');
    expect(message).toContain('Received: emitted 1 time');
  });

  it('lists the events that were emitted when none matched', () => {
    const message = failureOf(() => expect(run).toHaveEmitted('PendingSessionQueueFull'));
    expect(message).toContain('Expected: 4010 PendingSessionQueueFull emitted at least 1 time');
    expect(message).toContain('Received: emitted 0 times');
    expect(message).toMatch(/Events emitted, by id: .*4030 ×4, 4031 ×1/);
  });

  // toHaveEmitted(4024) failed with "emitted 0 times" alone, where validate says the event
  // is never simulated (user report).
  it('says so when the event is one the simulator never emits', () => {
    const message = failureOf(() => expect(run).toHaveEmitted(4024));

    expect(message).toContain(
      '4024 WasCloseAllListenerChannelInstancesFailed is not simulated: the simulator never emits it, so only a count of 0 meets this',
    );
  });

  it('rejects an event that is not in the catalogue and a run that is not a ScenarioRun', () => {
    // @ts-expect-error 4999 is not an event id of the catalogue
    expect(() => expect(run).toHaveEmitted(4999)).toThrow(/not an event of the catalogue/);
    expect(() => expect({ result: {} }).toHaveEmitted(4031)).toThrow(/takes the ScenarioRun/);
    expect(() => expect(run).toHaveEmitted(4031, { equals: -1 })).toThrow(
      /equals must be an integer >= 0/,
    );
  });

  // A missing `await` passed the run's promise, and the message said only "got {}" (user report).
  it('asks whether runScenario() was awaited when given a promise of a run', () => {
    const pending = Promise.resolve(run);
    const thenable = { then: (): void => undefined };

    expect(() => expect(pending).toHaveEmitted(4031)).toThrow(
      'toHaveEmitted takes the ScenarioRun that runScenario() returns, got a Promise: did you forget to await runScenario()?',
    );
    expect(() => expect(thenable).toBalance()).toThrow(
      'toBalance takes the ScenarioRun that runScenario() returns, got a Promise: did you forget to await runScenario()?',
    );
  });

  it('suggests the catalogue name a misspelt event name stands for', () => {
    expect(() =>
      // @ts-expect-error 'DispatchSessionFailure' is not an event name of the catalogue
      expect(run).toHaveEmitted('DispatchSessionFailure'),
    ).toThrow(
      'toHaveEmitted: DispatchSessionFailure is not an event of the catalogue; did you mean DispatchSessionFailed?',
    );
    expect(() =>
      // @ts-expect-error 'DispatchSesionStart' is not an event name of the catalogue
      expect(run).toHaveEmittedInOrder([4001, 'DispatchSesionStart']),
    ).toThrow(
      'toHaveEmittedInOrder: DispatchSesionStart is not an event of the catalogue; did you mean DispatchSessionStart?',
    );
  });

  it('shows the count it was given in the header, a number as a number and a bound as written', () => {
    expect(failureOf(() => expect(run).toHaveEmitted(4031, 2)).split('\n')[0]).toBe(
      'expect(run).toHaveEmitted(4031, 2)',
    );
    expect(
      failureOf(() => expect(run).not.toHaveEmitted(4031, { min: 1, max: 3 })).split('\n')[0],
    ).toBe('expect(run).not.toHaveEmitted(4031, { min: 1, max: 3 })');
  });

  it("takes a count as a scenario's count does: a number, or equals, min and max", () => {
    expect(run).toHaveEmitted(4031, 1);
    expect(run).toHaveEmitted(4031, { equals: 1, min: 1 });
    expect(run).not.toHaveEmitted(4031, 2);
  });

  it('refuses a count no run can meet, and suggests the key a misspelt one stands for', () => {
    expect(() => expect(run).toHaveEmitted(4031, { equals: 1, min: 2 })).toThrow(
      'toHaveEmitted: the count must be a whole number >= 0, or { equals?, min?, max? } of whole numbers; equals (1) lies outside min..max, so no run can meet it',
    );
    // @ts-expect-error `equal` is not a count key
    expect(() => expect(run).toHaveEmitted(4031, { equal: 1 })).toThrow(
      "'equal' is not one of them; did you mean equals?",
    );
    // "must be a number … got -1 (number)" read as a contradiction (user report).
    expect(() => expect(run).toHaveEmitted(4031, -1)).toThrow(
      'toHaveEmitted: the count must be a whole number >= 0, or { equals?, min?, max? } of whole numbers; got -1 (number)',
    );
  });

  it('still takes the old { times } for one release, with one DeprecationWarning', () => {
    const emitted = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);

    expect(run).toHaveEmitted(4031, { times: 1 });
    expect(run).toHaveOutcome('dispatched', { times: 4 });

    expect(emitted.mock.calls).toEqual([
      [
        "toHaveEmitted: the count { times } is deprecated and will be removed in the next release; write { equals } (or a plain number), as a scenario's count does",
        { type: 'DeprecationWarning', code: 'DISPATCHSIM_COUNT_TIMES' },
      ],
    ]);
  });
});

describe('toHaveLogged', () => {
  it('suggests the Event Log name a misspelt one stands for', () => {
    expect(() =>
      // @ts-expect-error 'MessageQueueDuplicatedSocketLeaks' is not an Event Log name
      expect(run).toHaveLogged('MessageQueueDuplicatedSocketLeaks'),
    ).toThrow(
      'toHaveLogged: MessageQueueDuplicatedSocketLeaks is not an SMSvcHost Event Log id or name; did you mean MessageQueueDuplicatedSocketLeak?',
    );
  });

  it('counts Windows Event Log entries by id or name', () => {
    expect(run).toHaveLogged(8, { equals: 1 });
    expect(run).toHaveLogged('MessageQueueDuplicatedSocketLeak');
    expect(run).not.toHaveLogged('MessageQueueDuplicatedPipeLeak');
  });

  it('shows the entries when the count is wrong', () => {
    const message = failureOf(() => expect(run).toHaveLogged(8, { equals: 2 }));
    expect(message.split('\n')[0]).toBe('expect(run).toHaveLogged(8, { equals: 2 })');
    expect(message).toContain(
      'Expected: Event Log 8 MessageQueueDuplicatedSocketLeak written exactly 2 times',
    );
    expect(message).toContain('Received: written 1 time');
    expect(message).toMatch(
      /#25 +350ms {2}Event Log 8 MessageQueueDuplicatedSocketLeak {2}session 2/,
    );
  });
});

describe('toHaveEmittedInOrder', () => {
  it('passes when some session shows the ids in a row', () => {
    expect(run).toHaveEmittedInOrder([4001, 4008, 4016, 4031]);
    expect(run).toHaveEmittedInOrder([4016, 4031]);
    expect(run).toHaveEmittedInOrder(['TransportListenerSessionsReceived', 4008]);
    expect(run).toHaveEmittedInOrder([4001, 4008, 4016, 4031], { activity: activityOf2 });
  });

  it('fails when other activity events come between the ids (a gap), as `sequence` does', () => {
    const message = failureOf(() => expect(run).toHaveEmittedInOrder([4001, 4016, 4031]));
    expect(message).toContain(
      'Expected: some session to show, in a row (nothing between): 4001 TransportListenerSessionsReceived → 4016',
    );
    expect(message).toContain('shows 1 of 3 in a row and then lacks 4016');
    expect(run).not.toHaveEmittedInOrder(['TransportListenerSessionsReceived', 4030]);
  });

  it('shows the closest session with names and times when no session matches', () => {
    const message = failureOf(() => expect(run).toHaveEmittedInOrder([4001, 4008, 4019, 4031]));
    expect(message).toMatchInlineSnapshot(`
      "expect(run).toHaveEmittedInOrder([4001, 4008, 4019, 4031])

      Expected: some session to show, in a row (nothing between): 4001 TransportListenerSessionsReceived → 4008 DispatchSessionStart → 4019 MessageQueueDuplicatedSocketComplete → 4031 DispatchSessionFailed
      Received: no session does; the closest, session 1 (activity 00000000-0000-0000-0000-000000000001), shows 3 of 4 in a row and then lacks 4031 DispatchSessionFailed

      Sessions checked: 5. The closest session's events (› matched):
        › #9         300ms  4001 TransportListenerSessionsReceived  session 1
        › #13        300ms  4008 DispatchSessionStart  session 1
        › #14        300ms  4019 MessageQueueDuplicatedSocketComplete  session 1
          #17        310ms  4030 DispatchSessionSuccess  session 1"
    `);
  });

  it('checks only the given activity', () => {
    const message = failureOf(() =>
      expect(run).toHaveEmittedInOrder([4001, 4030], { activity: activityOf2 }),
    );
    expect(message.split('\n')[0]).toBe(
      `expect(run).toHaveEmittedInOrder([4001, 4030], { activity: '${activityOf2}' })`,
    );
    expect(message).toContain(`the session of activity ${activityOf2} to show`);
    expect(message).toContain('shows 1 of 2 in a row and then lacks 4030 DispatchSessionSuccess');
    expect(message).toMatch(/› #19 +350ms {2}4001 TransportListenerSessionsReceived {2}session 2/);
    expect(
      failureOf(() => expect(run).toHaveEmittedInOrder([4001], { activity: 'no-such-activity' })),
    ).toContain('Received: no event carries activity no-such-activity');
  });

  // From JavaScript a misspelt option was dropped and any session could match (user report).
  it('refuses options it does not take, and an activity that is not text', () => {
    expect(() =>
      // @ts-expect-error activty is not an option
      expect(run).toHaveEmittedInOrder([4001], { activty: activityOf2 }),
    ).toThrow(
      "toHaveEmittedInOrder: the options are { activity? }; 'activty' is not one of them; did you mean activity?",
    );
    expect(() =>
      // @ts-expect-error the activity is an ActivityId string
      expect(run).toHaveEmittedSubsequence([4001], { activity: 2 }),
    ).toThrow(
      'toHaveEmittedSubsequence: the options are { activity? }; activity must be an ActivityId string, got 2 (number)',
    );
    expect(() =>
      // @ts-expect-error the options are an object
      expect(run).toHaveEmittedInOrder([4001], 'some session'),
    ).toThrow("toHaveEmittedInOrder: the options are { activity? }; got 'some session' (string)");
  });

  it('shows the session that matches under .not', () => {
    const message = failureOf(() => expect(run).not.toHaveEmittedInOrder([4008, 4016, 4031]));
    expect(message).toContain('Expected: some session not to show, in a row (nothing between):');
    expect(message).toContain(`Received: session 2 (activity ${activityOf2}) shows it`);
    expect(message).toContain('(F1: handle duplication failed (WSA error 10024))');
  });
});

describe('toHaveEmittedSubsequence', () => {
  it('passes when some session shows the ids in order, with other events between', () => {
    expect(run).toHaveEmittedSubsequence([4001, 4016, 4031]);
    expect(run).toHaveEmittedSubsequence(['TransportListenerSessionsReceived', 4030]);
    expect(run).toHaveEmittedSubsequence([4001, 4031], { activity: activityOf2 });
  });

  it('shows the closest session when no session shows them in order', () => {
    const message = failureOf(() => expect(run).toHaveEmittedSubsequence([4001, 4019, 4031]));
    expect(message).toContain(
      'Expected: some session to show, in order (others may come between): 4001',
    );
    expect(message).toContain('shows 2 of 3 in order and then lacks 4031 DispatchSessionFailed');
    expect(failureOf(() => expect(run).not.toHaveEmittedSubsequence([4001, 4031]))).toContain(
      `Received: session 2 (activity ${activityOf2}) shows it`,
    );
  });
});

describe('toHaveOutcome', () => {
  it('counts sessions by outcome kind', () => {
    expect(run).toHaveOutcome('dispatched', { equals: 4 });
    expect(run).toHaveOutcome('dispatch-failed');
    expect(run).not.toHaveOutcome('queue-full');
  });

  it('shows the tallies and the sessions of that kind when the count is wrong', () => {
    const message = failureOf(() => expect(run).toHaveOutcome('dispatch-failed', { equals: 0 }));
    expect(message).toMatchInlineSnapshot(`
      "expect(run).toHaveOutcome('dispatch-failed', { equals: 0 })

      Expected: dispatch-failed exactly 0 times
      Received: 1 time

      Outcomes of the run: dispatched 4, dispatch-failed 1

      Sessions that ended dispatch-failed:
          session 2 (request 2, attempt 1) @ 350ms: dispatch-failed, client fault ConnectionDispatchFailed; F1: handle duplication failed (WSA error 10024)"
    `);
  });
});

describe('toBalance', () => {
  it('passes when every session has exactly one outcome', () => {
    expect(run).toBalance();
  });

  it('names sessions without an outcome, with their last event', () => {
    const unbalanced: ScenarioRun = { ...run, outcomes: run.outcomes.slice(1) };
    const message = failureOf(() => expect(unbalanced).toBalance());
    expect(message).toContain(
      'Received: 5 sessions, 4 outcomes recorded, 5 tallied; 1 without an outcome, 0 with several',
    );
    expect(message).toMatch(/session 1: #17 +310ms {2}4030 DispatchSessionSuccess/);
  });

  it('names sessions with several outcomes', () => {
    const twice: ScenarioRun = { ...run, outcomes: [...run.outcomes, ...run.outcomes.slice(0, 1)] };
    const message = failureOf(() => expect(twice).toBalance());
    expect(message).toContain('1 with several');
    expect(message).toContain('session 1: dispatched, dispatched');
  });
});

describe('toHaveRequests', () => {
  it('checks the per-request figures given, exactly or with a bound', () => {
    expect(run).toHaveRequests({ total: 5, succeededFirstTime: 4, gaveUp: 1 });
    expect(run).toHaveRequests({ succeededAfterRetry: 0, attempts: { max: 5 } });
  });

  it('shows expected and received figures and the requests that gave up', () => {
    const message = failureOf(() => expect(run).toHaveRequests({ gaveUp: 0, total: 5 }));
    expect(message).toMatchInlineSnapshot(`
      "expect(run).toHaveRequests({"gaveUp":0,"total":5})

        ✗ gaveUp  expected 0, received 1
          total   expected 5, received 5

      All figures: total 5, succeededFirstTime 4, succeededAfterRetry 0, gaveUp 1, attempts 5

      Requests that gave up:
          request 2: #1 dispatch-failed (ConnectionDispatchFailed) @ 350ms"
    `);
  });

  it('refuses an expectation that names no figure, which would check nothing', () => {
    const nothing =
      'toHaveRequests: give at least one figure to check (total, succeededFirstTime, succeededAfterRetry, gaveUp, attempts)';
    expect(() => expect(run).toHaveRequests({})).toThrow(`${nothing}, got {}`);
    expect(() => expect(run).not.toHaveRequests({})).toThrow(nothing);
    // @ts-expect-error a figure is not undefined (exactOptionalPropertyTypes); JavaScript may pass one
    expect(() => expect(run).toHaveRequests({ gaveUp: undefined })).toThrow(nothing);
  });

  it('rejects figures it does not know', () => {
    // @ts-expect-error 'retries' is not a per-request figure
    expect(() => expect(run).toHaveRequests({ retries: 1 })).toThrow(/'retries' is not one of/);
  });
});

describe('toMeetExpectations', () => {
  // The matchers scenario with its own `expect:` list, as a saved (shrunk) scenario has one:
  // two promises it keeps and two it breaks (request 2 gives up, and there is one 4031).
  const withExpect: ScenarioInput = {
    ...scenario,
    name: 'matchers-expect',
    expect: [
      { event: 'DispatchSessionFailed', count: 1 },
      { requests: 'gaveUp', count: { max: 0 } },
      { outcome: 'dispatched', count: 5 },
      { invariant: 'balanced' },
    ],
  };
  let unmet: ScenarioRun;

  beforeAll(async () => {
    unmet = await runScenario(withExpect);
  });

  it("passes when every expectation of the scenario's expect list is met", async () => {
    const kept = await runScenario({ ...withExpect, expect: withExpect.expect?.slice(0, 1) });

    expect(kept).toMeetExpectations();
    expect(unmet).not.toMeetExpectations();
  });

  it('lists each expectation with the figure seen, as the CLI summary does', () => {
    const message = failureOf(() => expect(unmet).toMeetExpectations());

    expect(message).toMatchInlineSnapshot(`
      "expect(run).toMeetExpectations()

      Expected: every expectation of the scenario matchers-expect met
      Received: 2 of 4 not met

        met      event 4031 DispatchSessionFailed count = 1  saw 1
        NOT MET  requests gaveUp <= 0                        saw 1
        NOT MET  outcome dispatched count = 5                saw 4
        met      the books balance                           saw 5 sessions, 5 outcomes"
    `);
  });

  it('shows the expectations, all met, under .not', async () => {
    const kept = await runScenario({ ...withExpect, expect: withExpect.expect?.slice(0, 1) });

    const message = failureOf(() => expect(kept).not.toMeetExpectations());

    expect(message).toMatchInlineSnapshot(`
      "expect(run).not.toMeetExpectations()

      Expected: some expectation of the scenario matchers-expect not met
      Received: 1 of 1 met

        met  event 4031 DispatchSessionFailed count = 1  saw 1"
    `);
  });

  it('fails, negated or not, on a scenario with no expectation to check', () => {
    for (const assertion of [
      () => expect(run).toMeetExpectations(),
      () => expect(run).not.toMeetExpectations(),
    ]) {
      expect(failureOf(assertion)).toContain('the scenario matchers has no expect: list');
    }
  });

  it('fails, negated or not, when one run can check none of them (deterministic)', async () => {
    const once = await runScenario({ ...withExpect, expect: [{ invariant: 'deterministic' }] });

    for (const assertion of [
      () => expect(once).toMeetExpectations(),
      () => expect(once).not.toMeetExpectations(),
    ]) {
      expect(failureOf(assertion).split('\n').slice(2)).toEqual([
        'the one expectation of the scenario matchers-expect cannot be checked in one run: `deterministic` needs a second (dispatchsim run --check-determinism)',
        '',
        '  not checked  the same seed gives the same trace  saw not checked (run twice to check)',
      ]);
    }
  });
});
