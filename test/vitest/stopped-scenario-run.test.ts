// A recorded run that stops early (its horizon, a stall, a livelock) keeps what it recorded up
// to the stop: stoppedScenarioRun(error) gives it, and the matchers take it (user report: a
// stopped runScenario left only counts, so toHaveEmitted could not look at its events).
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { failureOf } from '../helpers/matcher-failure.js';
import { horizonScenario } from '../helpers/horizon-scenario.js';
import {
  installMatchers,
  resultOfStoppedRun,
  runScenario,
  stoppedScenarioRun,
  type StoppedScenarioRun,
} from '../../src/vitest/index.js';

installMatchers();

// The horizon scenario (11 sessions arrive, the last in flight at the stop), the second
// one's handle duplication failing (F1: 4031).
const horizon: ScenarioInput = {
  ...horizonScenario,
  faults: [{ kind: 'duplicate-handle-failure', nthSession: 2 }],
  expect: [{ event: 4031, count: 1 }],
};

let error: unknown;
let stopped: StoppedScenarioRun;

beforeAll(async () => {
  error = await runScenario(horizon, { seed: 1 }).catch((e: unknown) => e);
  stopped = stoppedScenarioRun(error);
});

describe('stoppedScenarioRun', () => {
  it('gives the events, Event Log entries and outcomes recorded up to the stop', () => {
    // Assert
    expect(error).toMatchObject({ code: 'sim.horizon-exceeded' });
    const run = stopped;
    expect(run.result).toBe(resultOfStoppedRun(error));
    expect(run.result).toMatchObject({ stoppedBy: 'sim.horizon-exceeded', sessions: 11 });
    expect(run.events.filter((event) => event.id === 4001)).toHaveLength(11);
    expect(run.events.map((event) => event.id)).toContain(4031);
    expect(run.eventLog.length).toBeGreaterThan(0);
    expect(run.outcomes).toHaveLength(10);
    expect(run.trace.map((record) => record.seq)).toEqual(
      [...run.trace].map((record) => record.seq).sort((a, b) => a - b),
    );
    expect(run.simulation.seed).toBe(1);
  });

  it('is what the event matchers take', () => {
    // Assert
    expect(stopped).toHaveEmitted(4031, 1);
    expect(stopped).toHaveEmitted('TransportListenerSessionsReceived', 11);
    expect(stopped).toHaveEmittedInOrder([4016, 4031]);
    expect(stopped).toHaveOutcome('dispatch-failed', 1);
  });

  it('does not balance: toBalance names the stop and each session in flight', () => {
    // Act
    const message = failureOf(() => expect(stopped).toBalance());

    // Assert
    expect(message).toContain(
      'the run stopped early (sim.horizon-exceeded) at 100 ms: 1 session in flight, 89 first attempts not arrived',
    );
    expect(message).toContain('session 11:');
  });

  it('has no expectations to meet: toMeetExpectations fails either way and says why', () => {
    // Act
    const message = failureOf(() => expect(stopped).toMeetExpectations());
    const negated = failureOf(() => expect(stopped).not.toMeetExpectations());

    // Assert
    const why =
      'the run stopped early (sim.horizon-exceeded) at 100 ms, so the expectations of the scenario horizon, judged on a whole run, were not checked';
    expect(message).toContain(why);
    expect(negated).toContain(why);
  });

  it('keeps only what the record option asked for', async () => {
    // Act
    const caught = await runScenario(horizon, {
      seed: 1,
      record: { events: [4031], eventLog: false, outcomes: false },
    }).catch((e: unknown) => e);
    const run = stoppedScenarioRun(caught);

    // Assert
    expect(run.events.map((event) => event.id)).toEqual([4031]);
    expect(run.eventLog).toEqual([]);
    expect(run.outcomes).toEqual([]);
    expect(run.result.eventCounts['4001']).toBe(11);
  });

  it('rethrows anything but a stopped run of runScenario, so a test fails on the real error (user report)', async () => {
    // Arrange
    const bad = await runScenario({ name: 'bad' } as ScenarioInput).catch((e: unknown) => e);
    const plain = new Error('x');

    // Act and assert
    expect(() => stoppedScenarioRun(bad)).toThrow(bad);
    expect(bad).toMatchObject({ code: 'scenario.invalid' });
    expect(() => stoppedScenarioRun(plain)).toThrow(plain);
    expect(() => stoppedScenarioRun('text')).toThrow('text');
  });
});
