// Type-level tests of the run options (STYLE rule 38): `onStep` takes what a caller naturally
// writes, a function returning nothing or any thenable (the README FAQ's
// `out.writableNeedDrain ? once(out, 'drain') : undefined` resolves to an array), and only that.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createSimulation,
  type RetryDecision,
  type RunOptions,
  type ScenarioInput,
} from '../../src/index.js';
import { runScenario, type InOrderOptions } from '../../src/vitest/index.js';

declare const scenario: ScenarioInput;
declare const out: Writable;

type OnStep = NonNullable<RunOptions['onStep']>;

describe('RunOptions.onStep', () => {
  it("takes the FAQ's drain idiom, whose promise resolves to once()'s array", () => {
    expectTypeOf(createSimulation).toBeCallableWith(scenario, {
      onStep: () => (out.writableNeedDrain ? once(out, 'drain') : undefined),
    });
  });

  it('takes a function declared to return void, an async function and any thenable', () => {
    function tick(): void {}
    const thenable: PromiseLike<string> = Promise.resolve('drained');
    expectTypeOf(createSimulation).toBeCallableWith(scenario, { onStep: tick });
    expectTypeOf(createSimulation).toBeCallableWith(scenario, { onStep: async () => {} });
    expectTypeOf(createSimulation).toBeCallableWith(scenario, { onStep: () => thenable });
    expectTypeOf(createSimulation).toBeCallableWith(scenario, { onStep: () => undefined });
  });

  it('refuses a function that returns a value the run cannot wait for', () => {
    expectTypeOf<() => number>().not.toExtend<OnStep>();
    expectTypeOf<() => string>().not.toExtend<OnStep>();
    expectTypeOf<(done: number) => void>().not.toExtend<OnStep>();
  });
});

// Under exactOptionalPropertyTypes an option passed on from a variable that may be undefined
// was refused (`{ seed: maybeSeed }`: TS2379), where the runtime takes undefined as "not
// given" (user report).
describe('options left undefined', () => {
  it('are taken by createSimulation and runScenario, as the runtime takes them', () => {
    const options = {
      seed: undefined,
      sessions: undefined,
      horizonMs: undefined,
      tieOrder: undefined,
      recordOutcomes: undefined,
      clientPolicy: undefined,
      onProgress: undefined,
      onStep: undefined,
    } as const;
    expectTypeOf(createSimulation).toBeCallableWith(scenario, options);
    expectTypeOf(runScenario).toBeCallableWith(scenario, { ...options, record: undefined });
  });

  it('include the in-order matchers’ activity and a retry decision’s afterMs', () => {
    expectTypeOf<{ activity: undefined }>().toExtend<InOrderOptions>();
    expectTypeOf<{ retry: true; afterMs: undefined }>().toExtend<RetryDecision>();
  });
});
