// Scenario was-disconnect (domain §6.3 WAS disconnect, §2.1 4026/4027, §2.4 Event Log 5).
import { describe, expect, it } from 'vitest';
import { project, sessionPath } from '../helpers/record-events.js';
import { clientSeen, outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: was-disconnect', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('was-disconnect');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('emits 4027 and Event Log 5, then deletes the application (4013)', async () => {
    const run = await runBundled('was-disconnect');

    const adapter = run.events
      .map(project)
      .filter(([id]) => [4026, 4027, 4013].includes(id))
      .map(([id, , , atMs]) => [id, atMs]);
    expect(adapter).toEqual([
      [4026, 0],
      [4027, 810],
      [4013, 810],
      [4026, 1810],
    ]);
    expect(run.eventLog.map((e) => [e.id, e.name, e.level])).toEqual([
      [5, 'WasDisconnected', 'Warning'],
    ]);
  });

  it('refuses connections while WAS is away (the port stopped listening) and dispatches again after it reconnects', async () => {
    const run = await runBundled('was-disconnect');

    const away = run.outcomes.filter((o) => o.arrivedAtMs > 810 && o.arrivedAtMs < 1810);
    const back = run.outcomes.filter((o) => o.arrivedAtMs >= 1810);
    expect(sessionPath(run.events, 12)).toEqual([]);
    expect(clientSeen(outcomeOf(run, 12))).toBe('refused - EndpointNotFoundException');
    expect(new Set(away.map((o) => o.kind))).toEqual(new Set(['connection-refused']));
    expect(new Set(back.map((o) => o.kind))).toEqual(new Set(['dispatched']));
    expect(run.events.filter((e) => e.id === 4020).map((e) => e.atMs)).toEqual([0, 1810]);
  });
});
