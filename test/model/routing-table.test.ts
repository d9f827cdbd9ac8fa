// RoutingTable (domain §3.1 step 6; SMS/RoutingTable.cs): three passes in order (strong
// wildcard on the local port, exact host on the via's port, weak wildcard), TCP ports must
// match, a base address registers once per mode, and removing a queue removes its routes.
import { describe, expect, it } from 'vitest';
import { RoutingTable, type HostNameComparisonMode } from '../../src/model/routing-table.js';
import { parseServiceUri, type ServiceUri } from '../../src/scenario/service-uri.js';

function uri(text: string): ServiceUri {
  const parsed = parseServiceUri(text);
  if (typeof parsed === 'string') throw new Error(`${text}: ${parsed}`);
  return parsed;
}

function table(...routes: [string, HostNameComparisonMode][]): RoutingTable<string> {
  const t = new RoutingTable<string>();
  for (const [text, mode] of routes) t.add({ uri: uri(text), mode, queue: `${mode} ${text}` });
  return t;
}

const hit = (t: RoutingTable<string>, via: string, localPort?: number): string => {
  const match = t.lookup(uri(via), localPort);
  return match === undefined ? 'miss' : `${match.pass}: ${match.route.queue}`;
};

describe('RoutingTable', () => {
  it('prefers the strong wildcard, then the exact host, then the weak wildcard', () => {
    const all = table(
      ['net.tcp://*/orders/', 'weakWildcard'],
      ['net.tcp://localhost/orders/', 'exact'],
      ['net.tcp://+/orders/', 'strongWildcard'],
    );
    const noStrong = table(
      ['net.tcp://*/orders/', 'weakWildcard'],
      ['net.tcp://localhost/orders/', 'exact'],
    );
    const weakOnly = table(['net.tcp://*/orders/', 'weakWildcard']);

    const via = 'net.tcp://localhost/orders/a.svc';

    expect(hit(all, via)).toBe('strong-wildcard: strongWildcard net.tcp://+/orders/');
    expect(hit(noStrong, via)).toBe('exact: exact net.tcp://localhost/orders/');
    expect(hit(weakOnly, via)).toBe('weak-wildcard: weakWildcard net.tcp://*/orders/');
  });

  it('matches an exact registration only on its host', () => {
    const t = table(['net.tcp://localhost/orders/', 'exact']);

    expect(hit(t, 'net.tcp://localhost/orders/a.svc')).toBe(
      'exact: exact net.tcp://localhost/orders/',
    );
    expect(hit(t, 'net.tcp://otherhost/orders/a.svc')).toBe('miss');
  });

  it('compares wildcard registrations with the local port and exact ones with the via’s', () => {
    const t = table(
      ['net.tcp://+:9000/orders/', 'strongWildcard'],
      ['net.tcp://localhost:808/orders/', 'exact'],
    );

    // The via names port 808; the connection arrived on 9000 (a port-forwarding client).
    expect(hit(t, 'net.tcp://localhost/orders/a.svc', 9000)).toBe(
      'strong-wildcard: strongWildcard net.tcp://+:9000/orders/',
    );
    expect(hit(t, 'net.tcp://localhost/orders/a.svc')).toBe(
      'exact: exact net.tcp://localhost:808/orders/',
    );
    expect(hit(t, 'net.tcp://localhost:9000/orders/a.svc', 808)).toBe('miss');
  });

  it('ignores ports on pipes and keeps the transports apart', () => {
    const t = table(['net.pipe://+/orders/', 'strongWildcard']);

    expect(hit(t, 'net.pipe://localhost/orders/a.svc', 1234)).toBe(
      'strong-wildcard: strongWildcard net.pipe://+/orders/',
    );
    expect(hit(t, 'net.tcp://localhost/orders/a.svc')).toBe('miss');
  });

  it('misses a via outside every registered path', () => {
    const t = table(['net.tcp://+/orders/', 'strongWildcard']);

    expect(hit(t, 'net.tcp://localhost/billing/a.svc')).toBe('miss');
    expect(hit(t, 'net.tcp://localhost/')).toBe('miss');
  });

  it('registers a base address once per mode', () => {
    const t = new RoutingTable<string>();

    const first = t.add({ uri: uri('net.tcp://+/orders/'), mode: 'strongWildcard', queue: 'a' });
    const again = t.add({ uri: uri('net.tcp://+/Orders'), mode: 'strongWildcard', queue: 'b' });
    const weak = t.add({ uri: uri('net.tcp://+/orders/'), mode: 'weakWildcard', queue: 'c' });
    const otherPort = t.add({
      uri: uri('net.tcp://+:9000/orders/'),
      mode: 'strongWildcard',
      queue: 'd',
    });
    const pipe = t.add({ uri: uri('net.pipe://+/orders/'), mode: 'strongWildcard', queue: 'e' });

    expect([first, again, weak, otherPort, pipe]).toEqual([true, false, true, true, true]);
    expect(t.routes().map((r) => r.queue)).toEqual(['a', 'c', 'd', 'e']);
  });

  it('removes every route of a queue, on both transports, and returns them', () => {
    const t = new RoutingTable<string>();
    t.add({ uri: uri('net.tcp://+/orders/'), mode: 'strongWildcard', queue: 'orders' });
    t.add({ uri: uri('net.tcp://+/billing/'), mode: 'strongWildcard', queue: 'billing' });
    t.add({ uri: uri('net.pipe://+/orders/'), mode: 'strongWildcard', queue: 'orders' });

    const removed = t.removeQueue('orders');

    expect(removed.map((r) => r.uri.text)).toEqual(['net.tcp://+/orders/', 'net.pipe://+/orders/']);
    expect(t.routes().map((r) => r.queue)).toEqual(['billing']);
    expect(hit(t, 'net.tcp://localhost/orders/a.svc')).toBe('miss');
    expect(t.removeQueue('orders')).toEqual([]);
  });
});
