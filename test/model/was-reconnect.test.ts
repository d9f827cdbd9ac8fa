// The listener adapters' connection to WAS (domain §6.3, §4.2 WasConnectTimeout): a disconnect
// while already disconnected changes nothing; WAS coming back within 120 s replays the
// configuration (4026) and an AlwaysRunning pool's worker starts again without a session;
// after 120 s the adapters give up (4032) and stop, and a later return of WAS is ignored.
import { describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../src/scenario/fault-schema.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded, type RecordedRun } from '../helpers/run-recorded.js';

function scenario(faults: readonly FaultRuleInput[], arrivals: readonly number[]): ScenarioInput {
  return {
    name: 'was-reconnect',
    appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 100, idleTimeoutMs: 0 }],
    apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
    workload: { sessions: arrivals.length, arrivals: { at: [...arrivals] } },
    faults: [...faults],
  };
}

/** The WAS connection events (4026, 4027, 4032) and registrations (4015), with their time. */
const connection = (run: RecordedRun): [number, number][] =>
  run.events.filter((e) => [4015, 4026, 4027, 4032].includes(e.id)).map((e) => [e.id, e.atMs]);

describe('the connection to WAS', () => {
  it('ignores a disconnect while already disconnected', async () => {
    const run = await runRecorded(
      scenario(
        [
          { kind: 'was-disconnect', atMs: 1000, reconnectAfterMs: 2000 },
          { kind: 'was-disconnect', atMs: 2000, reconnectAfterMs: 500 },
        ],
        [2600, 3200],
      ),
    );

    // The second disconnect's reconnect (2500 ms) does not happen: WAS is back at 3000 ms.
    expect(connection(run)).toEqual([
      [4026, 0],
      [4015, 100],
      [4027, 1000],
      [4026, 3000],
      [4015, 3100],
    ]);
    expect(run.outcomes.map((o) => [o.arrivedAtMs, o.kind])).toEqual([
      [2600, 'connection-refused'],
      [3200, 'dispatched'],
    ]);
  });

  it('does not give up when WAS came back within 120 s', async () => {
    const run = await runRecorded(
      scenario([{ kind: 'was-disconnect', atMs: 1000, reconnectAfterMs: 2000 }], [130_000]),
    );

    expect(connection(run)).toEqual([
      [4026, 0],
      [4015, 100],
      [4027, 1000],
      [4026, 3000],
      [4015, 3100],
    ]);
    expect(run.outcomes.map((o) => o.kind)).toEqual(['dispatched']);
  });

  it('gives up after 120 s and ignores WAS coming back later', async () => {
    const run = await runRecorded(
      scenario([{ kind: 'was-disconnect', atMs: 1000, reconnectAfterMs: 150_000 }], [200_000]),
    );

    expect(connection(run)).toEqual([
      [4026, 0],
      [4015, 100],
      [4027, 1000],
      [4032, 121_000],
    ]);
    expect(run.outcomes.map((o) => o.kind)).toEqual(['connection-refused']);
  });
});
