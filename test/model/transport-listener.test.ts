// TransportListener's acceptor (domain §3.1 steps 1-2; ConnectionAcceptor.cs): it accepts up
// to maxPendingConnections unrouted connections, then queues in the kernel backlog up to
// listenBacklog, then refuses; a release frees a slot that the oldest backlogged connection
// takes; closing drains the backlog. One listener per TCP port, one per pipe base address.
import { describe, expect, it } from 'vitest';
import { createListenerIds } from '../../src/core/ids.js';
import { TransportListener } from '../../src/model/transport-listener.js';
import { parseServiceUri, type ServiceUri } from '../../src/scenario/service-uri.js';

function uri(text: string): ServiceUri {
  const parsed = parseServiceUri(text);
  if (typeof parsed === 'string') throw new Error(`${text}: ${parsed}`);
  return parsed;
}

const listener = (text = 'net.tcp://localhost:9000/orders/') =>
  new TransportListener<string>(createListenerIds().next(), uri(text));

describe('TransportListener', () => {
  it('accepts up to the limit, backlogs up to the backlog size, then refuses', () => {
    const l = listener();

    const results = ['a', 'b', 'c', 'd', 'e'].map((s) => l.offer(s, 2, 2));

    expect(results).toEqual(['accepted', 'accepted', 'backlogged', 'backlogged', 'refused']);
    expect([l.acceptedUnrouted, l.backlogged]).toEqual([2, 2]);
  });

  it('gives a released slot to the oldest backlogged connection, one at a time', () => {
    const l = listener();
    for (const s of ['a', 'b', 'c', 'd']) l.offer(s, 1, 5);

    const whileFull = l.acceptBacklogged(1);
    l.release();
    const first = l.acceptBacklogged(1);
    const whileFullAgain = l.acceptBacklogged(1);
    l.release();
    const second = l.acceptBacklogged(1);

    expect([whileFull, first, whileFullAgain, second]).toEqual([undefined, 'b', undefined, 'c']);
    expect([l.acceptedUnrouted, l.backlogged]).toEqual([1, 1]);
  });

  it('takes nothing from an empty backlog', () => {
    const l = listener();
    l.offer('a', 2, 5);

    expect(l.acceptBacklogged(2)).toBeUndefined();
    expect(l.acceptedUnrouted).toBe(1);
  });

  it('drains the waiting connections, in order, when it closes', () => {
    const l = listener();
    for (const s of ['a', 'b', 'c', 'd']) l.offer(s, 1, 5);
    l.release();
    l.acceptBacklogged(1);

    expect(l.drainBacklog()).toEqual(['c', 'd']);
    expect(l.backlogged).toBe(0);
    expect(l.drainBacklog()).toEqual([]);
  });

  it('keeps its order over many connections through the backlog', () => {
    const l = listener();
    const names = Array.from({ length: 3000 }, (_, i) => `s${i}`);
    for (const s of names) l.offer(s, 1, 5000);

    const taken: (string | undefined)[] = [];
    for (let i = 1; i < names.length; i++) {
      l.release();
      taken.push(l.acceptBacklogged(1));
    }

    expect(taken).toEqual(names.slice(1));
    expect(l.backlogged).toBe(0);
  });

  it('is keyed by port for TCP and by base address for pipes, with the Uri ETW logs', () => {
    const tcp = listener('net.tcp://localhost:9000/orders/');
    const pipe = listener('net.pipe://localhost/Orders/');

    expect([tcp.key, tcp.listenUri, tcp.transport]).toEqual([
      'tcp:9000',
      '255.255.255.255:9000',
      'tcp',
    ]);
    expect([pipe.key, pipe.listenUri, pipe.transport]).toEqual([
      'pipe:localhost/orders',
      'net.pipe://localhost/Orders/',
      'pipe',
    ]);
    expect(TransportListener.keyOf(uri('net.tcp://otherhost:9000/billing/x.svc'))).toBe('tcp:9000');
    expect(tcp.notes).toEqual({ listenerId: tcp.id });
    expect(Object.isFrozen(tcp.notes)).toBe(true);
  });

  it('keeps the segments of a pipe base address apart in its key: /a/bc/ and /ab/c/ listen apart', () => {
    const keys = ['net.pipe://localhost/a/bc/', 'net.pipe://localhost/ab/c/'].map((text) =>
      TransportListener.keyOf(uri(text)),
    );

    expect(keys).toEqual(['pipe:localhost/a/bc', 'pipe:localhost/ab/c']);
  });

  it('gives each TCP port its own key, the same on every call', () => {
    const keys = [9101, 9102, 9101].map((port) => TransportListener.tcpKeyOf(port));

    expect(keys).toEqual(['tcp:9101', 'tcp:9102', 'tcp:9101']);
  });
});
