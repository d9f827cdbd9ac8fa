// How long the callback to the worker takes (domain §3.1 steps 9-10, §3.3 F3): dispatchMs,
// plus firstViaMs on a worker's first via only (its service activates once); with the 3.x
// OperationTimeout (callbackTimeoutMs) a callback that would take longer fails with F3 at the
// timeout, and one that takes exactly the timeout still succeeds.
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded } from '../helpers/run-recorded.js';

function scenario(options: {
  readonly dispatchMs: number;
  readonly firstViaMs?: number;
  readonly callbackTimeoutMs?: number | null;
  readonly arrivals?: readonly number[];
}): ScenarioInput {
  const arrivals = options.arrivals ?? [10];
  return {
    name: 'worker-callback-timing',
    config: { callbackTimeoutMs: options.callbackTimeoutMs ?? null },
    appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
    apps: [
      {
        name: 'orders',
        baseAddress: 'net.tcp://localhost/orders/',
        appPool: 'P',
        dispatchMs: options.dispatchMs,
        firstViaMs: options.firstViaMs ?? 0,
      },
    ],
    workload: { sessions: arrivals.length, arrivals: { at: [...arrivals] } },
  };
}

async function outcomes(input: ScenarioInput) {
  const run = await runRecorded(input);
  return run.outcomes.map((o) => [o.sessionId, o.kind, o.atMs - o.arrivedAtMs]);
}

describe('the callback to the worker', () => {
  it('takes firstViaMs more on the first via a worker takes, and dispatchMs alone after', async () => {
    expect(
      await outcomes(scenario({ dispatchMs: 10, firstViaMs: 50, arrivals: [10, 100, 200] })),
    ).toEqual([
      [1, 'dispatched', 60],
      [2, 'dispatched', 10],
      [3, 'dispatched', 10],
    ]);
  });

  it('succeeds when it takes exactly callbackTimeoutMs', async () => {
    expect(await outcomes(scenario({ dispatchMs: 100, callbackTimeoutMs: 100 }))).toEqual([
      [1, 'dispatched', 100],
    ]);
  });

  it('fails with F3 at callbackTimeoutMs when it would take longer', async () => {
    // Arrange
    const run = await runRecorded(scenario({ dispatchMs: 101, callbackTimeoutMs: 100 }));

    // Assert
    expect(run.outcomes.map((o) => [o.kind, o.atMs - o.arrivedAtMs, o.reason])).toEqual([
      ['dispatch-failed', 100, 'F3: the callback to the worker timed out after 100 ms'],
    ]);
  });

  it('counts the first via towards the timeout, again in the app domain that replaces a failed one', async () => {
    // The 4031 tears the app domain down; the next registration activates the service anew.
    expect(
      await outcomes(
        scenario({ dispatchMs: 60, firstViaMs: 50, callbackTimeoutMs: 100, arrivals: [10, 200] }),
      ),
    ).toEqual([
      [1, 'dispatch-failed', 100],
      [2, 'dispatch-failed', 100],
    ]);
  });
});
