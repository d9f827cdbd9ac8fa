// Longest-prefix routing (domain §3.1 step 6; SMS/RoutingTable.cs): within a pass the
// registration with the most path segments that prefix the via wins, whatever the order of
// registration; a net.pipe client opens the pipe of the longest base address that prefixes
// its via (the dispatcher's listener lookup).
import { describe, expect, it } from 'vitest';
import { RoutingTable, type Route } from '../../src/model/routing-table.js';
import { parseServiceUri, type ServiceUri } from '../../src/scenario/service-uri.js';
import { runRecorded } from '../helpers/run-recorded.js';

function uri(text: string): ServiceUri {
  const parsed = parseServiceUri(text);
  if (typeof parsed === 'string') throw new Error(`${text}: ${parsed}`);
  return parsed;
}

function tableOf(...texts: string[]): RoutingTable<string> {
  const table = new RoutingTable<string>();
  for (const text of texts) table.add({ uri: uri(text), mode: 'strongWildcard', queue: text });
  return table;
}

describe('RoutingTable longest match', () => {
  it.each([
    ['the shorter one first', ['net.tcp://+/a/', 'net.tcp://+/a/b/']],
    ['the longer one first', ['net.tcp://+/a/b/', 'net.tcp://+/a/']],
  ])('routes a via under /a/b/ to /a/b/ with %s registered', (_order, texts) => {
    const table = tableOf(...texts);

    const match = table.lookup(uri('net.tcp://localhost/a/b/service.svc'));

    expect(match?.route.queue).toBe('net.tcp://+/a/b/');
  });

  it('routes a via under /a/ only to /a/', () => {
    const table = tableOf('net.tcp://+/a/b/', 'net.tcp://+/a/', 'net.tcp://+/a/b/c/d/');

    expect(table.lookup(uri('net.tcp://localhost/a/x/service.svc'))?.route.queue).toBe(
      'net.tcp://+/a/',
    );
    expect(table.lookup(uri('net.tcp://localhost/a/b/c/service.svc'))?.route.queue).toBe(
      'net.tcp://+/a/b/',
    );
    expect(table.lookup(uri('net.tcp://localhost/a/b/c/d/service.svc'))?.route.queue).toBe(
      'net.tcp://+/a/b/c/d/',
    );
  });

  it('picks the longest pipe registration too', () => {
    const table = new RoutingTable<string>();
    const routes: Route<string>[] = [
      { uri: uri('net.pipe://localhost/a/'), mode: 'strongWildcard', queue: 'a' },
      { uri: uri('net.pipe://localhost/a/b/'), mode: 'strongWildcard', queue: 'a/b' },
    ];
    for (const route of routes) table.add(route);

    expect(table.lookup(uri('net.pipe://localhost/a/b/service.svc'))?.route.queue).toBe('a/b');
    expect(table.lookup(uri('net.pipe://localhost/a/service.svc'))?.route.queue).toBe('a');
  });
});

describe('the net.pipe listener a client opens', () => {
  it('is the one of the longest base address that prefixes its via', async () => {
    const run = await runRecorded({
      name: 'pipe-longest-match',
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
      apps: [
        { name: 'outer', baseAddress: 'net.pipe://localhost/a/', appPool: 'P', dispatchMs: 5 },
        { name: 'inner', baseAddress: 'net.pipe://localhost/a/b/', appPool: 'P', dispatchMs: 5 },
      ],
      workload: {
        sessions: 2,
        arrivals: { at: [100, 200] },
        vias: [{ via: 'net.pipe://localhost/a/b/service.svc' }],
      },
    });

    // Which pipe each listener listens on (4028), then which listener accepted each session
    // (the acceptor's 1430 on accept carries the listener and the session).
    const pipeOf = new Map(
      run.events
        .filter((e) => e.id === 4028)
        .map((e) => [e.annotations.listenerId, Object.values(e.payload)[0]]),
    );
    const acceptedOn = run.events
      .filter((e) => e.id === 1430 && e.annotations.sessionId !== undefined)
      .map((e) => [e.annotations.sessionId, pipeOf.get(e.annotations.listenerId)]);
    expect(acceptedOn).toEqual([
      [1, 'net.pipe://localhost/a/b/'],
      [2, 'net.pipe://localhost/a/b/'],
    ]);
    expect(run.outcomes.map((o) => [o.sessionId, o.kind, o.app])).toEqual([
      [1, 'dispatched', 'inner'],
      [2, 'dispatched', 'inner'],
    ]);
  });
});
