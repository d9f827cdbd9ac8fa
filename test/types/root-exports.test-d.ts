// Type-level tests of the package root (STYLE rule 38): every error a documented code names,
// and every type a public signature names, can be imported from 'dispatchsim' itself, as a
// user's strict project imports them (user report: `import { LivelockError }` gave TS2305).
import { describe, expectTypeOf, it } from 'vitest';
import type {
  DispatchsimError,
  DispatchsimErrorCode,
  EventBus,
  EventOf,
  EventOfId,
  LivelockError,
  RunResult,
  RunStopCode,
  Scenario,
  ScenarioInput,
  SimulationAlreadyRunError,
  StoppedRunResult,
} from '../../src/index.js';
import { createSimulation, isStoppedRunResult, resultOfStoppedRun } from '../../src/index.js';
import {
  resultOfStoppedRun as resultOfStoppedRunInVitest,
  stoppedScenarioRun,
  type ScenarioRun,
  type StoppedRunResult as StoppedRunResultInVitest,
  type StoppedScenarioRun,
} from '../../src/vitest/index.js';

declare const bus: EventBus;

describe("the 'dispatchsim' root", () => {
  it('exports LivelockError, the error of the documented code sim.livelock', () => {
    expectTypeOf<LivelockError>().toExtend<DispatchsimError>();
    expectTypeOf<LivelockError['code']>().toEqualTypeOf<DispatchsimErrorCode>();
    expectTypeOf<LivelockError['owner']>().toEqualTypeOf<string>();
    expectTypeOf<LivelockError['repeats']>().toEqualTypeOf<number>();
    expectTypeOf<LivelockError['retriedRequest']>().toEqualTypeOf<number | undefined>();
  });

  it('exports SimulationAlreadyRunError, the error of a second run()', () => {
    expectTypeOf<SimulationAlreadyRunError>().toExtend<DispatchsimError>();
    expectTypeOf<SimulationAlreadyRunError['scenario']>().toEqualTypeOf<string>();
    expectTypeOf<SimulationAlreadyRunError['seed']>().toEqualTypeOf<number>();
  });

  it('exports EventOfId, which EventBus.on names in its signature by id', () => {
    expectTypeOf<EventOfId<4031>>().toEqualTypeOf<EventOf<'DispatchSessionFailed'>>();
    const listener = (event: EventOfId<4010>): number => event.payload.count;
    expectTypeOf(bus.on(4010, listener)).toEqualTypeOf<() => void>();
  });

  it('exports resultOfStoppedRun, which gives a stopped run its figures without expectations', () => {
    expectTypeOf(resultOfStoppedRun).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(resultOfStoppedRun).returns.toEqualTypeOf<StoppedRunResult | undefined>();
    expectTypeOf<StoppedRunResult['stoppedBy']>().toEqualTypeOf<RunStopCode>();
    expectTypeOf<StoppedRunResult['outcomes']>().toEqualTypeOf<RunResult['outcomes']>();
    expectTypeOf<StoppedRunResult>().not.toHaveProperty('expectations');
  });

  it('exports isStoppedRunResult, which tells a stopped run from a finished one (user report: declared, not exported)', () => {
    const result = {} as RunResult | StoppedRunResult;
    if (isStoppedRunResult(result)) expectTypeOf(result).toEqualTypeOf<StoppedRunResult>();
    else expectTypeOf(result).toEqualTypeOf<RunResult>();
  });

  it("gives resultOfStoppedRun from 'dispatchsim/vitest' too, beside runScenario (user report)", () => {
    expectTypeOf(resultOfStoppedRunInVitest).toEqualTypeOf(resultOfStoppedRun);
    expectTypeOf<StoppedRunResultInVitest>().toEqualTypeOf<StoppedRunResult>();
  });

  it("gives stoppedScenarioRun from 'dispatchsim/vitest': a recording whose result is a stopped run's (user report)", () => {
    expectTypeOf(stoppedScenarioRun).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(stoppedScenarioRun).returns.toEqualTypeOf<StoppedScenarioRun>();
    expectTypeOf<StoppedScenarioRun['result']>().toEqualTypeOf<StoppedRunResult>();
    expectTypeOf<StoppedScenarioRun['events']>().toEqualTypeOf<ScenarioRun['events']>();
  });
});

// A scenario's expectations name events by the catalogue's ids and names, as the matchers do
// (user report: `{ event: 'DispatchSessionFaild' }` compiled).
describe('ScenarioInput expect', () => {
  it('takes catalogue ids and names, and refuses others', () => {
    const good: ScenarioInput['expect'] = [
      { event: 'DispatchSessionFailed', count: 1 },
      { event: 4031, count: 1 },
      { sequence: [4001, 'DispatchSessionStart'] },
      { eventLog: 'WasDisconnected', count: 0 },
    ];
    expectTypeOf(good).toExtend<ScenarioInput['expect']>();
    // @ts-expect-error a misspelt name
    const misspelt: ScenarioInput['expect'] = [{ event: 'DispatchSessionFaild', count: 1 }];
    // @ts-expect-error an id the provider does not define
    const unknown: ScenarioInput['expect'] = [{ sequence: [4001, 9999] }];
    expectTypeOf(misspelt).toEqualTypeOf(unknown);
  });
});

// A loaded scenario is frozen at runtime, and its type said it could be changed in place:
// `sc.workload.sessions = 20` compiled and threw a TypeError when run (user report).
describe('Scenario', () => {
  it('is readonly all the way down, as the frozen object is, and copies build a new one', () => {
    const change = (scenario: Scenario): void => {
      // @ts-expect-error a validated scenario is frozen
      scenario.workload.sessions = 20;
      // @ts-expect-error its arrays too: no push, no assignment to a mutable array
      const apps: unknown[] = scenario.apps;
      expectTypeOf(apps).toBeArray();
    };
    expectTypeOf(change).toBeFunction();
    // A copy with a change runs, as the README shows.
    const loaded = {} as Scenario;
    expectTypeOf(createSimulation).toBeCallableWith({
      ...loaded,
      workload: { ...loaded.workload, sessions: 20 },
    });
  });
});
