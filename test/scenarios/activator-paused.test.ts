// Scenario activator-paused (domain §3.4 CanDispatch: activation service paused).
import { describe, expect, it } from 'vitest';
import { sessionPath } from '../helpers/record-events.js';
import { outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: activator-paused', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('activator-paused');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('refuses only the WAS application while NetTcpActivator is paused', async () => {
    const run = await runBundled('activator-paused');

    const refused = run.outcomes.filter((o) => o.kind === 'unavailable');
    const paused = run.outcomes.filter((o) => o.arrivedAtMs >= 1000 && o.arrivedAtMs < 2000);
    expect(new Set(refused.map((o) => `${o.app}: ${o.reason}`))).toEqual(
      new Set(['orders: the Net.Tcp Listener Adapter is paused']),
    );
    expect(new Set(paused.filter((o) => o.app === 'inventory').map((o) => o.kind))).toEqual(
      new Set(['dispatched']),
    );
    expect(sessionPath(run.events, 22)).toEqual([4001]);
    expect(outcomeOf(run, 22).client.fault).toBe('EndpointUnavailable');
  });
});
