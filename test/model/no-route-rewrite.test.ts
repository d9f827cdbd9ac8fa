// The `no-route` fault (domain §3.4 EndpointNotFound): the client sends the via of a service
// that moved, under /unregistered/ on the same endpoint: host and port for TCP, host alone
// for a named pipe, then the original path.
import { describe, expect, it } from 'vitest';
import { runRecorded } from '../helpers/run-recorded.js';

describe('a via rewritten by the no-route fault', () => {
  it.each([
    // The default port goes unwritten, as every other via writes it (user report).
    ['net.tcp://localhost/orders/', 'net.tcp://localhost/unregistered/orders/service.svc'],
    [
      'net.tcp://localhost:9000/orders/',
      'net.tcp://localhost:9000/unregistered/orders/service.svc',
    ],
    ['net.pipe://localhost/orders/', 'net.pipe://localhost/unregistered/orders/service.svc'],
  ])('keeps the endpoint of %s and moves the path under /unregistered/', async (base, via) => {
    const run = await runRecorded({
      name: 'no-route-rewrite',
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
      apps: [{ name: 'orders', baseAddress: base, appPool: 'P' }],
      workload: { sessions: 1, arrivals: { at: [10] } },
      faults: [{ kind: 'no-route', nthSession: 1 }],
    });

    expect(run.outcomes.map((o) => [o.kind, o.via])).toEqual([['no-route', via]]);
  });
});
