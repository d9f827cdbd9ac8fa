// createSimulation's options and its Simulation object: `sessions` overrides the workload
// (and may not exceed an `at` list), a simulation runs once, outcomes can be followed and
// unfollowed or not recorded, `horizonMs` overrides the scenario's, and the result tallies
// what clients saw per outcome.
import { describe, expect, it } from 'vitest';
import { isDispatchsimError } from '../../src/errors/dispatchsim-error.js';
import { UnknownOptionError } from '../../src/errors/unknown-option-error.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { createSimulation, resolveScenario } from '../../src/sim/simulation.js';

const orders = (workload: ScenarioInput['workload'] = { sessions: 5 }): ScenarioInput => ({
  name: 'options',
  appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
  apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders', appPool: 'P' }],
  workload,
  faults: [{ kind: 'worker-callback-failure', nthSession: 2 }],
});

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error: unknown) {
    return error instanceof Error ? error.message : String(error);
  }
  return 'resolved';
}

describe('createSimulation', () => {
  it('runs the number of sessions the options give, instead of the workload’s', async () => {
    const result = await createSimulation(orders(), { sessions: 2 }).run();

    expect(result.sessions).toBe(2);
  });

  it('refuses more sessions than an `at` list has instants', () => {
    const scenario = orders({ sessions: 2, arrivals: { at: [1, 2] } });
    let caught: unknown;
    try {
      createSimulation(scenario, { sessions: 3 });
    } catch (error: unknown) {
      caught = error;
    }

    expect(isDispatchsimError(caught) && [caught.code, caught.message]).toEqual([
      'config.invalid-option',
      "sessions: expected at most 2 (the instants of the scenario's workload.arrivals.at), got 3 (number)",
    ]);
    expect(() => createSimulation(scenario, { sessions: 2 })).not.toThrow();
  });

  it('names a misspelt option and suggests the one meant', () => {
    let caught: unknown;
    try {
      createSimulation(orders(), { sed: 1 } as never);
    } catch (error: unknown) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(UnknownOptionError);
    expect(caught).toMatchObject({
      code: 'config.invalid-option',
      owner: 'createSimulation',
      option: 'sed',
      key: 'sed',
      suggestion: 'seed',
      received: 1,
      message:
        "createSimulation: unknown option 'sed' (known: seed, sessions, horizonMs, tieOrder, recordOutcomes, clientPolicy, onProgress, onStep); did you mean seed?",
    });
  });

  it('sends sessions to each app’s base address + service.svc by default', async () => {
    const sim = createSimulation(orders({ sessions: 1 }));
    await sim.run();

    expect(sim.outcomes().map((o) => o.via)).toEqual(['net.tcp://localhost/orders/service.svc']);
  });

  it('runs once: a second run() rejects with sim.already-run, naming the scenario and seed', async () => {
    const sim = createSimulation(orders(), { seed: 3 });
    await sim.run();

    const caught = await sim.run().catch((error: unknown) => error);

    expect(isDispatchsimError(caught) && [caught.name, caught.code, caught.message]).toEqual([
      'SimulationAlreadyRunError',
      'sim.already-run',
      "Simulation.run() was already called for scenario 'options' (seed 3): a Simulation runs once; create another with createSimulation to run again",
    ]);
    expect(caught).toMatchObject({ scenario: 'options', seed: 3 });
  });

  it('refuses a second run() while the first is still going', async () => {
    const sim = createSimulation(orders());
    const first = sim.run();

    const second = await sim.run().catch((error: unknown) => error);

    expect(isDispatchsimError(second) && second.code).toBe('sim.already-run');
    expect((await first).sessions).toBe(5);
  });

  it('tells outcome listeners until they unsubscribe, and records outcomes unless told not to', async () => {
    const sim = createSimulation(orders());
    const seen: number[] = [];
    const stop = sim.onOutcome((o) => {
      seen.push(o.sessionId);
      if (o.sessionId === 3) stop();
    });
    await sim.run();
    const unrecorded = createSimulation(orders(), { recordOutcomes: false });
    const result = await unrecorded.run();

    expect(seen).toEqual([1, 2, 3]);
    expect(sim.outcomes()).toHaveLength(5);
    expect(unrecorded.outcomes()).toEqual([]);
    expect(result.outcomes.dispatched).toBe(4);
  });

  // A number given as the listener was taken, and the run then failed deep in the model with
  // "listener is not a function", using the simulation up (user report).
  it('refuses an outcome listener that is not a function, when it is given', () => {
    const sim = createSimulation(orders());

    const follow = () => sim.onOutcome(42 as never);

    expect(follow).toThrow(
      expect.objectContaining({
        code: 'config.invalid-option',
        message: 'onOutcome: expected a listener function, got 42 (number)',
      }),
    );
  });

  it('counts what clients saw, per outcome', async () => {
    const result = await createSimulation(orders()).run();

    expect(result.clientSeen.map((c) => [c.outcome, c.result, c.fault, c.count])).toEqual([
      ['dispatched', 'ok', null, 4],
      ['dispatch-failed', 'reset', null, 1],
    ]);
  });

  it('stops at the horizon the options give', async () => {
    const sim = createSimulation(orders({ sessions: 5, arrivals: { at: [1, 2, 3, 4, 50_000] } }), {
      horizonMs: 1000,
    });

    expect(await rejection(sim.run())).toMatch(/^The run passed its horizon of 1000 ms/);
  });

  it('counts a request waiting to retry as open when the run passes its horizon', async () => {
    // Arrange: the second session fails (the fault of `orders`) and its client retries 5 s
    // later, past the horizon; its session has ended, its request has not.
    const sim = createSimulation(
      orders({ sessions: 2, client: { retry: { policy: 'fixed', delayMs: 5000 } } }),
      { horizonMs: 1000 },
    );

    // Act
    const error = await sim.run().catch((e: unknown) => e);

    // Assert
    expect(error).toMatchObject({ code: 'sim.horizon-exceeded', horizonMs: 1000, open: 1 });
  });

  it('counts the sessions yet to arrive as open when the run passes its horizon', async () => {
    // Arrange: four sessions end long before the horizon, the fifth would arrive after it. A
    // user saw "0 sessions or requests had no outcome" for such a run.
    const sim = createSimulation(orders({ sessions: 5, arrivals: { at: [1, 2, 3, 4, 50_000] } }), {
      horizonMs: 1000,
    });
    let outcomes = 0;
    sim.onOutcome(() => outcomes++);

    // Act
    const error = await sim.run().catch((e: unknown) => e);

    // Assert
    expect(outcomes).toBe(4);
    expect(error).toMatchObject({ code: 'sim.horizon-exceeded', open: 1, notArrived: 1 });
    expect(String(error)).toContain(
      '1 first attempt never arrived before the horizon and 0 sessions or requests in flight had no outcome',
    );
  });

  it('reports progress to onProgress', async () => {
    const calls: [number, number][] = [];
    await createSimulation(orders(), {
      onProgress: (done, total) => calls.push([done, total]),
    }).run();

    expect(calls.at(-1)).toEqual([5, 5]);
  });

  it('tells onProgress, every 4096 steps, how many requests have finished, retried or not', async () => {
    // Arrange: 3000 requests, about a third of whose attempts fail; a request that fails
    // twice gives up, so by the first report some succeeded first time, some after a retry,
    // and some gave up.
    const finished = new Set<number>();
    const calls: { done: number; total: number; finished: number }[] = [];
    const sim = createSimulation(
      {
        ...orders({
          sessions: 3000,
          arrivals: { fixed: { intervalMs: 10 } },
          client: { retry: { policy: 'fixed', delayMs: 5, maxAttempts: 2 } },
        }),
        faults: [{ kind: 'worker-callback-failure', probability: 0.3 }],
      },
      {
        seed: 1,
        onProgress: (done, total) => calls.push({ done, total, finished: finished.size }),
      },
    );
    sim.onOutcome((o) => {
      if (o.client.result === 'ok' || o.attempt === 2) finished.add(o.clientId);
    });

    // Act
    const result = await sim.run();

    // Assert
    expect(result.requests.succeededAfterRetry).toBeGreaterThan(0);
    expect(result.requests.gaveUp).toBeGreaterThan(0);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls[0]?.done).toBeLessThan(3000);
    expect(calls.map((c) => c.done)).toEqual(calls.map((c) => c.finished));
    expect(calls.map((c) => c.total)).toEqual(calls.map(() => 3000));
    expect(calls.at(-1)).toEqual({ done: 3000, total: 3000, finished: 3000 });
  });

  it('rejects with an Error that carries, as its cause, a value the client policy threw that is not an Error', async () => {
    const sim = createSimulation(orders(), {
      clientPolicy: () => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- the case under test
        throw 'no retries today';
      },
    });

    const error = await sim.run().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      message: 'The client policy failed with a value that is not an Error',
      cause: 'no retries today',
    });
  });
});

describe('resolveScenario', () => {
  it('names the scenario <scenario> in its error unless given a name', () => {
    const bad = { name: 'bad', apps: [] } as unknown as ScenarioInput;
    const messageOf = (run: () => unknown): string => {
      try {
        run();
      } catch (error: unknown) {
        return isDispatchsimError(error) ? `${error.code} ${error.message.split('\n')[0]}` : '';
      }
      return 'no error';
    };

    expect(messageOf(() => resolveScenario(bad))).toMatch(/^scenario\.invalid .*<scenario>/);
    expect(messageOf(() => resolveScenario(bad, 'mine.yaml'))).toMatch(
      /^scenario\.invalid .*mine\.yaml/,
    );
  });

  // An object that refers to itself overflowed the stack while the refused fields were left
  // out for the cross-field checks (user report).
  it.each([
    ['at the top', (s: Record<string, unknown>) => (s['self'] = s), 'self'],
    [
      'in a section',
      (s: Record<string, unknown>) => ((s['workload'] as Record<string, unknown>)['back'] = s),
      'workload.back',
    ],
    [
      'in a list element',
      (s: Record<string, unknown>) => {
        const [app] = s['apps'] as Record<string, unknown>[];
        if (app !== undefined) app['apps'] = s['apps'];
      },
      'apps[0].apps',
    ],
  ])('refuses an object that refers to itself %s, naming the key', (_where, tie, path) => {
    const scenario = orders() as unknown as Record<string, unknown>;
    tie(scenario);

    const resolve = () => resolveScenario(scenario as unknown as ScenarioInput);

    expect(resolve).toThrow(expect.objectContaining({ code: 'scenario.invalid' }));
    expect(resolve).toThrow(`${path}: expected no such field (unknown key)`);
  });
});
