// Type-level tests of the dispatchsim/vitest toolkit (STYLE rule 38): the matchers are typed
// on every `expect(…)` through the `Matchers` augmentation, with their argument types.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Scenario, ScenarioInput, ScenarioLike, TraceRecord } from '../../src/index.js';
import { createSimulation, shrink, swarm, sweep } from '../../src/index.js';
import type { DispatchEventName } from '../../src/events/dispatch-event.js';
import {
  dispatchsimMatchers,
  runScenario,
  type Count,
  type CountOptions,
  type EventRef,
  type InOrderOptions,
  type RequestsExpectation,
  type ScenarioRun,
} from '../../src/vitest/index.js';

declare const run: ScenarioRun;

describe('runScenario', () => {
  it('takes a file path or URL, a scenario as written or a parsed scenario and resolves to a ScenarioRun', () => {
    expectTypeOf(runScenario).toBeCallableWith('dup-handle-failure');
    expectTypeOf(runScenario).toBeCallableWith('scenarios/dup-handle-failure.yaml');
    expectTypeOf(runScenario).toBeCallableWith(new URL('./soak.yaml', import.meta.url));
    expectTypeOf(runScenario).toBeCallableWith({ name: 'x', apps: [] } satisfies ScenarioInput);
    expectTypeOf(runScenario).parameter(0).toEqualTypeOf<string | URL | ScenarioLike>();
    expectTypeOf(runScenario).toBeCallableWith({} as Scenario);
    expectTypeOf(runScenario).returns.resolves.toEqualTypeOf<ScenarioRun>();
    expectTypeOf(run.trace).toEqualTypeOf<readonly TraceRecord[]>();
  });
});

describe('the matchers on expect(run)', () => {
  it('type toHaveEmitted with catalogue ids and names and a count bound', () => {
    expectTypeOf(expect(run).toHaveEmitted).parameter(0).toEqualTypeOf<EventRef>();
    expectTypeOf(expect(run).toHaveEmitted).parameter(1).toEqualTypeOf<Count | undefined>();
    expectTypeOf(expect(run).toHaveEmitted).toBeCallableWith(4031, { equals: 1 });
    expectTypeOf(expect(run).toHaveEmitted).toBeCallableWith(4031, 1);
    expectTypeOf(expect(run).toHaveEmitted).toBeCallableWith(4031, { min: 1, max: 3 });
    expectTypeOf(expect(run).toHaveEmitted).toBeCallableWith('DispatchSessionFailed');
    expectTypeOf(expect(run).toHaveEmitted).returns.toEqualTypeOf<void>();
    expectTypeOf<EventRef>().toExtend<number | DispatchEventName>();
    expectTypeOf<4031>().toExtend<EventRef>();
    expectTypeOf<'DispatchSessionFailed'>().toExtend<EventRef>();
    expectTypeOf<4999>().not.toExtend<EventRef>();
    expectTypeOf<'DispatchFailed'>().not.toExtend<EventRef>();
    expectTypeOf<CountOptions>().toEqualTypeOf<{
      readonly equals?: number;
      readonly min?: number;
      readonly max?: number;
      readonly times?: number;
    }>();
    expectTypeOf<Count>().toEqualTypeOf<number | CountOptions>();
  });

  it('types the other matchers', () => {
    expectTypeOf(expect(run).toHaveEmittedInOrder)
      .parameter(0)
      .toEqualTypeOf<readonly EventRef[]>();
    expectTypeOf(expect(run).toHaveEmittedInOrder)
      .parameter(1)
      .toEqualTypeOf<InOrderOptions | undefined>();
    expectTypeOf(expect(run).toHaveEmittedInOrder).toBeCallableWith(
      [4001, 'DispatchSessionFailed'],
      {
        activity: '00000000-0000-0000-0000-000000000002',
      },
    );
    expectTypeOf(expect(run).toHaveEmittedSubsequence)
      .parameter(0)
      .toEqualTypeOf<readonly EventRef[]>();
    expectTypeOf(expect(run).toHaveEmittedSubsequence)
      .parameter(1)
      .toEqualTypeOf<InOrderOptions | undefined>();
    expectTypeOf(expect(run).toHaveOutcome)
      .parameter(0)
      .toEqualTypeOf<
        | 'dispatched'
        | 'dispatch-failed'
        | 'no-route'
        | 'unavailable'
        | 'queue-full'
        | 'preamble-aborted'
        | 'dropped-unavailable'
        | 'dropped-aborted'
        | 'connection-refused'
      >();
    expectTypeOf(expect(run).toBalance).toEqualTypeOf<() => void>();
    expectTypeOf(expect(run).toMeetExpectations).toEqualTypeOf<() => void>();
    expectTypeOf(expect(run).toHaveRequests).parameter(0).toEqualTypeOf<RequestsExpectation>();
    expectTypeOf<{ gaveUp: 0; attempts: { max: 5 } }>().toExtend<RequestsExpectation>();
    expectTypeOf<{ retries: 1 }>().not.toExtend<RequestsExpectation>();
    expectTypeOf(expect(run).toHaveLogged).parameter(0).toExtend<number | string>();
    // An ETW id where an Event Log id belongs compiled, and failed only when it ran (user report).
    expectTypeOf(expect(run).toHaveLogged).toBeCallableWith(8);
    expectTypeOf(expect(run).toHaveLogged).toBeCallableWith('MessageQueueDuplicatedSocketLeak');
    // @ts-expect-error: 4031 is an ETW event, not an Event Log entry
    expect(run).toHaveLogged(4031);
  });

  it('offers the same matchers after .not', () => {
    expectTypeOf(expect(run).not.toHaveEmitted).toEqualTypeOf(expect(run).toHaveEmitted);
    expectTypeOf(expect(run).not.toBalance).toEqualTypeOf<() => void>();
    expectTypeOf(expect(run).not.toMeetExpectations).toEqualTypeOf<() => void>();
  });

  it('registers through expect.extend with the matching implementations', () => {
    expectTypeOf(expect.extend).toBeCallableWith(dispatchsimMatchers);
  });
});

// A copy of a parsed scenario with a field replaced, and an `as const` literal, ran but failed
// tsc: each fitted neither the written nor the parsed type (user report).
declare const parsed: Scenario;

describe('a scenario object', () => {
  it('may be a parsed one with fields as written, or readonly all the way down', () => {
    expectTypeOf(runScenario).toBeCallableWith({
      ...parsed,
      faults: [{ kind: 'duplicate-handle-failure', probability: 0.5 }],
    });
    expectTypeOf(runScenario).toBeCallableWith({
      name: 'as-const',
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/' }],
      workload: { sessions: 10 },
    } as const);
  });

  it('is taken so by createSimulation, sweep, swarm and shrink too', () => {
    const asConst = {
      name: 'as-const',
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/' }],
    } as const;
    expectTypeOf(createSimulation).toBeCallableWith(asConst);
    expectTypeOf(sweep).toBeCallableWith([{ file: 'dup', scenario: parsed }], {
      seeds: { from: 1, to: 3 },
    });
    expectTypeOf(swarm).toBeCallableWith({ file: 'x', input: asConst }, { runs: 2 });
    expectTypeOf(shrink).toBeCallableWith({ ...parsed, faults: [{ kind: 'no-route' }] });
  });

  it('still refuses a misspelt field or a wrong type', () => {
    // @ts-expect-error: no such field
    void runScenario({ ...parsed, fualts: [] });
    // @ts-expect-error: sessions is a number
    void runScenario({ ...parsed, workload: { sessions: 'ten' } });
  });
});
