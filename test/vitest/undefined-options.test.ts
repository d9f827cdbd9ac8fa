// Options left undefined mean "not given" at runtime, as their types now say (user report:
// `{ seed: maybeSeed }` was a type error under exactOptionalPropertyTypes, though it ran).
import { beforeAll, describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/index.js';
import { installMatchers, runScenario } from '../../src/vitest/index.js';

beforeAll(() => {
  installMatchers();
});

describe('options left undefined', () => {
  it('run as if not given', async () => {
    const given = await runScenario('dup-handle-failure', {
      seed: undefined,
      sessions: undefined,
      horizonMs: undefined,
      tieOrder: undefined,
      recordOutcomes: undefined,
      clientPolicy: undefined,
      onProgress: undefined,
      onStep: undefined,
      record: undefined,
    });
    const plain = await runScenario('dup-handle-failure');

    expect(given.trace).toEqual(plain.trace);
    expect(given).toHaveEmittedInOrder([4001, 4008, 4016, 4031], { activity: undefined });
  });

  it('take a retry decision without afterMs as a retry at once', async () => {
    const simulation = createSimulation(
      {
        name: 'retry-at-once',
        apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/' }],
        workload: { sessions: 1 },
        faults: [{ kind: 'no-route', count: 1 }],
      },
      { clientPolicy: () => ({ retry: true, afterMs: undefined }) },
    );

    const result = await simulation.run();

    expect(result.requests.succeededAfterRetry).toBe(1);
  });
});
