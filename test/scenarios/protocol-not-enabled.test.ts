// Scenario protocol-not-enabled (domain §7 enabledProtocols, §6.1 RequestsBlocked).
import { describe, expect, it } from 'vitest';
import { sessionPath } from '../helpers/record-events.js';
import { clientSeen, outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: protocol-not-enabled', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('protocol-not-enabled');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('routes the "http, net.tcp" application but answers every session EndpointUnavailable', async () => {
    const run = await runBundled('protocol-not-enabled');

    const orders = run.outcomes.filter((o) => o.app === 'orders');
    expect(sessionPath(run.events, 1)).toEqual([4001]);
    expect(clientSeen(outcomeOf(run, 1))).toBe(
      'fault EndpointUnavailable EndpointNotFoundException',
    );
    expect(outcomeOf(run, 1).client.message).toBe(
      "The message could not be dispatched because the service at the endpoint address 'net.tcp://localhost/orders/service.svc' is unavailable for the protocol of the address.",
    );
    expect(new Set(orders.map((o) => o.kind))).toEqual(new Set(['unavailable']));
  });

  it('serves the "http,net.tcp" application except while net.tcp is removed from it', async () => {
    const run = await runBundled('protocol-not-enabled');

    const billing = run.outcomes.filter((o) => o.app === 'billing');
    const kindAt = (from: number, to: number): Set<string> =>
      new Set(
        billing.filter((o) => o.arrivedAtMs >= from && o.arrivedAtMs < to).map((o) => o.kind),
      );
    expect(kindAt(0, 1000)).toEqual(new Set(['dispatched']));
    expect(kindAt(1000, 2000)).toEqual(new Set(['unavailable']));
    expect(kindAt(2000, Infinity)).toEqual(new Set(['dispatched']));
  });
});
