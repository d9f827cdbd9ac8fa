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

describe('a disconnect from WAS', () => {
  it('logs Event Log 5 and 6 with no insertion strings and ends every session', async () => {
    // The session at 900 ms waits (the worker is busy until 1500 ms): the disconnect at
    // 1000 ms drops it. WAS never comes back: the adapters give up at 121 s.
    const run = await runRecorded({
      ...scenario([{ kind: 'was-disconnect', atMs: 1000 }], [500, 900, 130_000]),
      apps: [
        {
          name: 'orders',
          baseAddress: 'net.tcp://localhost/orders/',
          appPool: 'P',
          dispatchMs: 1000,
        },
      ],
    });

    const wasEntries = run.eventLog.filter((e) => e.id === 5 || e.id === 6);
    expect(wasEntries.map((e) => [e.id, e.name, e.message.split('\n').length])).toEqual([
      [5, 'WasDisconnected', 1],
      [6, 'WasConnectionTimedout', 1],
    ]);
    expect(run.outcomes.map((o) => `${o.sessionId} ${o.kind}: ${o.reason}`)).toEqual([
      '2 dropped-unavailable: the listener adapter lost its connection to WAS',
      "1 dispatch-failed: F2: the application's listener channel closed during the callback (CommunicationObjectAbortedException)",
      '3 connection-refused: nothing listens on the endpoint of the via: the Net.Tcp Listener Adapter is stopped',
    ]);
  });
});
