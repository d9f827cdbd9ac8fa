// The via of 4001 (and 4010, 3358) is session.Via.ToString(): the canonical URI with the
// scheme and host lower-cased and the default port dropped, not the client's spelling
// (TransportListener.OnDupHandle; domain §2.1).
import { describe, expect, it } from 'vitest';
import { parseServiceUri } from '../../src/scenario/service-uri.js';
import { runRecorded } from '../helpers/run-recorded.js';

describe('the via written in 4001', () => {
  it.each([
    ['NET.TCP://LocalHost:808/Orders/Service.svc', 'net.tcp://localhost/Orders/Service.svc'],
    ['net.tcp://LOCALHOST:9000/Orders/', 'net.tcp://localhost:9000/Orders/'],
    ['Net.Pipe://LocalHost/Orders/x.svc', 'net.pipe://localhost/Orders/x.svc'],
    ['net.tcp://localhost', 'net.tcp://localhost/'],
  ])('is %s written as %s', (text, canonical) => {
    const uri = parseServiceUri(text);

    expect(typeof uri === 'string' ? uri : uri.canonical).toBe(canonical);
  });

  it('is the canonical text in 4001, 4010 and 3358, while the outcome keeps the client’s', async () => {
    const via = 'NET.TCP://LocalHost/Orders/Service.svc';
    const run = await runRecorded({
      name: 'canonical',
      config: { maxPendingConnections: 1 },
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0 }],
      apps: [
        {
          name: 'orders',
          baseAddress: 'net.tcp://localhost/orders/',
          appPool: 'P',
          dispatchMs: 50,
        },
      ],
      workload: { sessions: 3, arrivals: { at: [10, 11, 12] }, vias: [{ via }] },
    });

    const written = run.events
      .filter((e) => e.id === 4001 || e.id === 4010 || e.id === 3358)
      .map((e) => [e.id, Object.values(e.payload)[0]]);
    expect(written).toEqual([
      [4001, 'net.tcp://localhost/Orders/Service.svc'],
      [3358, 'net.tcp://localhost/Orders/Service.svc'],
      [4001, 'net.tcp://localhost/Orders/Service.svc'],
      [4001, 'net.tcp://localhost/Orders/Service.svc'],
      [4010, 'net.tcp://localhost/Orders/Service.svc'],
      [3358, 'net.tcp://localhost/Orders/Service.svc'],
    ]);
    expect(run.outcomes[0]?.via).toBe(via);
  });
});
