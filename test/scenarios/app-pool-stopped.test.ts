// Scenario app-pool-stopped (domain §6.1 pool state changed, §6.3 app disabled).
import { describe, expect, it } from 'vitest';
import { sessionPath } from '../helpers/record-events.js';
import { clientSeen, outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: app-pool-stopped', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('app-pool-stopped');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('drops the queued sessions with EndpointUnavailable when the pool stops', async () => {
    const run = await runBundled('app-pool-stopped');

    const dropped = run.outcomes.filter((o) => o.kind === 'dropped-unavailable');
    expect(sessionPath(run.events, 6)).toEqual([4001, 4035]);
    expect(clientSeen(outcomeOf(run, 6))).toBe(
      'fault EndpointUnavailable EndpointNotFoundException',
    );
    expect(new Set(dropped.map((o) => `${o.atMs} ${o.reason}`))).toEqual(
      new Set(['800 the application pool OrdersPool was stopped']),
    );
  });

  it('lets the stopping worker finish its dispatch with 4030 and then abort the connection', async () => {
    const run = await runBundled('app-pool-stopped');

    expect(sessionPath(run.events, 5)).toEqual([4001, 4035, 4008, 4019, 4030]);
    expect(clientSeen(outcomeOf(run, 5))).toBe('abort - CommunicationException');
  });

  it('refuses new sessions at enqueue until the pool starts again', async () => {
    const run = await runBundled('app-pool-stopped');

    const stopped = run.outcomes.filter((o) => o.arrivedAtMs >= 800 && o.arrivedAtMs < 1800);
    const restarted = run.outcomes.filter((o) => o.arrivedAtMs >= 1800);
    expect(new Set(stopped.map((o) => o.kind))).toEqual(new Set(['unavailable']));
    expect(new Set(restarted.map((o) => o.kind))).toEqual(new Set(['dispatched']));
  });
});
