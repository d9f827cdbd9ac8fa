// Scenario service-activation-failure (domain §3.3 "Not 4031", §5 ServiceActivationFailed).
import { describe, expect, it } from 'vitest';
import { sessionPath } from '../helpers/record-events.js';
import { clientSeen, outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: service-activation-failure', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('service-activation-failure');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('emits 4030, not 4031, then the worker answers ServiceActivationFailed', async () => {
    const run = await runBundled('service-activation-failure');

    expect(sessionPath(run.events, 1)).toEqual([4001, 4035, 4008, 4019, 4030]);
    expect(clientSeen(outcomeOf(run, 1))).toBe(
      'fault ServiceActivationFailed ServiceActivationException',
    );
    expect(outcomeOf(run, 1).client.message).toBe(
      "The requested service, 'net.tcp://localhost/orders/service.svc' could not be activated. See the server's diagnostic trace logs for more information.",
    );
  });

  it('has the worker, not SMSvcHost, answer a missing .svc with EndpointNotFound', async () => {
    const run = await runBundled('service-activation-failure');

    const missing = run.outcomes.filter((o) => o.via.endsWith('/missing.svc'));
    expect(missing.length).toBeGreaterThan(0);
    expect(new Set(missing.map((o) => `${o.kind} ${clientSeen(o)}`))).toEqual(
      new Set(['dispatched fault EndpointNotFound EndpointNotFoundException']),
    );
    expect(run.events.some((e) => e.name === 'ConnectionReaderSendFault')).toBe(false);
  });

  it('serves the healthy service once the broken deployment is fixed', async () => {
    const run = await runBundled('service-activation-failure');

    const later = run.outcomes.filter(
      (o) => o.arrivedAtMs >= 500 && o.via.endsWith('/service.svc'),
    );
    expect(new Set(later.map(clientSeen))).toEqual(new Set(['ok - -']));
  });
});
