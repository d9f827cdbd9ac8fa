// Scenario port-sharing-paused (domain §3.4 CanDispatch false, §6.4, §5).
import { describe, expect, it } from 'vitest';
import { sessionPath } from '../helpers/record-events.js';
import { clientSeen, outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: port-sharing-paused', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('port-sharing-paused');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('answers EndpointUnavailable to the TCP sessions, self-hosted and WAS alike, while paused', async () => {
    const run = await runBundled('port-sharing-paused');

    const paused = run.outcomes.filter((o) => o.arrivedAtMs >= 1000 && o.arrivedAtMs < 2000);
    const byApp = (app: string): Set<string> =>
      new Set(paused.filter((o) => o.app === app).map((o) => `${o.kind} ${clientSeen(o)}`));
    expect(sessionPath(run.events, 35)).toEqual([4001]);
    expect(outcomeOf(run, 35).reason).toBe('the Net.Tcp Port Sharing Service is paused');
    expect(byApp('inventory')).toEqual(
      new Set(['unavailable fault EndpointUnavailable EndpointNotFoundException']),
    );
    expect(byApp('orders')).toEqual(
      new Set(['unavailable fault EndpointUnavailable EndpointNotFoundException']),
    );
  });

  it('keeps dispatching the net.pipe application, and TCP again once resumed', async () => {
    const run = await runBundled('port-sharing-paused');

    const reports = run.outcomes.filter((o) => o.app === 'reports');
    const afterwards = run.outcomes.filter((o) => o.arrivedAtMs >= 2000);
    expect(new Set(reports.map((o) => o.kind))).toEqual(new Set(['dispatched']));
    expect(new Set(afterwards.map((o) => o.kind))).toEqual(new Set(['dispatched']));
  });
});
