// The idle timeout of a WAS worker process (IIS idleTimeout, domain §6.1, §6.3): it counts
// from the end of the process's last dispatch, so each dispatch moves the deadline on; a
// process busy at its deadline is not shut down; the next session after a shutdown launches
// a new process.
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded, type RecordedRun } from '../helpers/run-recorded.js';

function scenario(
  arrivals: readonly number[],
  dispatchMs: number,
  pool: { readonly startupMs?: number; readonly maxProcesses?: number } = {},
): ScenarioInput {
  return {
    name: 'idle-timeout',
    appPools: [{ name: 'P', startupMs: 100, idleTimeoutMs: 1000, ...pool }],
    apps: [
      { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P', dispatchMs },
    ],
    workload: { sessions: arrivals.length, arrivals: { at: [...arrivals] } },
  };
}

/** The registrations (4015) as [atMs, pid], and each session's [arrival, pid of its 4008]. */
function summary(run: RecordedRun) {
  return {
    registered: run.events.filter((e) => e.id === 4015).map((e) => [e.atMs, e.annotations.pid]),
    dispatched: run.events
      .filter((e) => e.id === 4008)
      .map((e) => [e.annotations.sessionId, e.atMs, e.annotations.pid]),
  };
}

describe('the idle timeout of a worker process', () => {
  it('counts from the end of the last dispatch', async () => {
    // Dispatches end at 101, 901 and 1851 ms: the deadline moves to 2851 ms.
    const run = await runRecorded(scenario([0, 900, 1850, 2900], 1));

    expect(summary(run)).toEqual({
      registered: [
        [100, 4004],
        [3000, 4008],
      ],
      dispatched: [
        [1, 100, 4004],
        [2, 900, 4004],
        [3, 1850, 4004],
        [4, 3000, 4008],
      ],
    });
  });

  it('spares a process busy at its deadline and counts again from the end of its dispatch', async () => {
    // The dispatch runs from 100 to 2100 ms, past the first deadline (1100 ms); the next one
    // from 3000 to 5000 ms, so the process idles out at 6000 ms.
    const run = await runRecorded(scenario([0, 3000, 7200], 2000));

    expect(summary(run)).toEqual({
      registered: [
        [100, 4004],
        [7300, 4008],
      ],
      dispatched: [
        [1, 100, 4004],
        [2, 3000, 4004],
        [3, 7300, 4008],
      ],
    });
  });

  it('counts from the end of a start-up longer than the timeout, not from the launch', async () => {
    // A web garden of two launched at 0 ms, up at 2000 ms; session 1 goes to 4004, so 4008
    // has had no dispatch: it idles out at 3000 ms, and is still there for session 2.
    const run = await runRecorded(scenario([0, 2500], 1, { startupMs: 2000, maxProcesses: 2 }));

    expect(summary(run)).toEqual({
      registered: [
        [2000, 4004],
        [2000, 4008],
      ],
      dispatched: [
        [1, 2000, 4004],
        [2, 2500, 4008],
      ],
    });
  });
});
