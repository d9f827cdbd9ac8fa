// Parsing net.tcp and net.pipe addresses as SMSvcHost's prefix tables see them (domain §3.1
// step 6): scheme and host in any case, 808 when no port is given, ports 1 to 65535, no port
// on net.pipe; whole lower-cased path segments; System.Uri's canonical text; and the UTF-8
// length of a via (MaxUriSize counts bytes, domain §4.2).
import { describe, expect, it } from 'vitest';
import {
  exceedsViaLimit,
  isPathPrefix,
  MAX_VIA_BYTES,
  parseServiceUri,
  utf8Length,
  type ServiceUri,
} from '../../src/scenario/service-uri.js';

const parsed = (text: string): ServiceUri => {
  const uri = parseServiceUri(text);
  if (typeof uri === 'string') throw new Error(`${text}: ${uri}`);
  return uri;
};

describe('parseServiceUri', () => {
  it('reads a net.tcp address, defaulting the port and lower-casing host and segments', () => {
    expect(parsed('NET.TCP://LocalHost/Orders//Service.svc')).toEqual({
      text: 'NET.TCP://LocalHost/Orders//Service.svc',
      transport: 'tcp',
      scheme: 'net.tcp',
      host: 'localhost',
      port: 808,
      segments: ['orders', 'service.svc'],
      canonical: 'net.tcp://localhost/Orders//Service.svc',
    });
  });

  it('keeps a port other than 808 in the canonical text, and gives a bare host the path /', () => {
    expect([parsed('net.tcp://h:809').canonical, parsed('net.tcp://h:809').port]).toEqual([
      'net.tcp://h:809/',
      809,
    ]);
    expect(parsed('net.tcp://h:0808/x').canonical).toBe('net.tcp://h/x');
    expect(parsed('net.pipe://h/x')).toMatchObject({
      transport: 'pipe',
      scheme: 'net.pipe',
      port: 0,
    });
  });

  it('reads a bracketed IPv6 host, as a client of `serve --host ::1` sends it', () => {
    expect(parsed('net.tcp://[::1]:9000/Orders/x.svc')).toMatchObject({
      host: '[::1]',
      port: 9000,
      segments: ['orders', 'x.svc'],
      canonical: 'net.tcp://[::1]:9000/Orders/x.svc',
    });
    expect(parsed('net.tcp://[FE80::A:1]/x')).toMatchObject({ host: '[fe80::a:1]', port: 808 });
  });

  // A client's via with a query was answered EndpointNotFound; SMSvcHost's prefix tables
  // look up Uri.AbsolutePath, which leaves the query and fragment out (user report).
  it('routes a via with a query or fragment by its path, and keeps them in the canonical text', () => {
    const uri = parseServiceUri('net.tcp://h:9000/Orders/x.svc?a=b#top', { query: true });

    expect(uri).toMatchObject({
      port: 9000,
      segments: ['orders', 'x.svc'],
      canonical: 'net.tcp://h:9000/Orders/x.svc?a=b#top',
    });
    expect(parseServiceUri('net.tcp://h?a=b', { query: true })).toMatchObject({
      segments: [],
      canonical: 'net.tcp://h/?a=b',
    });
  });

  it.each([
    ['net.tcp://h:1/', 1],
    ['net.tcp://h:65535/', 65535],
  ])('accepts %s (port %i)', (text, port) => {
    expect(parsed(text).port).toBe(port);
  });

  it.each([
    ['net.tcp://h:0/', 'a TCP port from 1 to 65535'],
    ['net.tcp://h:65536/', 'a TCP port from 1 to 65535'],
    ['net.pipe://h:808/x', 'a net.pipe URI without a port'],
    ['http://h/x', 'a net.tcp://host[:port]/path or net.pipe://host/path URI'],
    ['net.tcp://h/x?q', 'a net.tcp://host[:port]/path or net.pipe://host/path URI'],
    ['net.tcp:///x', 'a net.tcp://host[:port]/path or net.pipe://host/path URI'],
    ['net.tcp://[::1/x', 'a net.tcp://host[:port]/path or net.pipe://host/path URI'],
    ['net.tcp://::1/x', 'a net.tcp://host[:port]/path or net.pipe://host/path URI'],
  ])('refuses %s: expects %s', (text, expected) => {
    expect(parseServiceUri(text)).toBe(expected);
  });
});

describe('isPathPrefix', () => {
  const base = parsed('net.tcp://h/a/B/');

  it.each([
    ['net.tcp://h/a/b', true],
    ['net.tcp://h/A/b/c.svc', true],
    ['net.tcp://h/a', false],
    ['net.tcp://h/a/bc/x', false],
    ['net.tcp://h/x/b/c', false],
  ])('%s under /a/B/: %s', (via, expected) => {
    expect(isPathPrefix(base, parsed(via))).toBe(expected);
  });

  it('takes the root as a prefix of everything', () => {
    expect(isPathPrefix(parsed('net.tcp://h/'), parsed('net.tcp://h/a'))).toBe(true);
  });
});

describe('utf8Length', () => {
  it.each([
    ['', 0],
    ['\u007f', 1],
    ['\u0080', 2],
    ['\u07ff', 2],
    ['\u0800', 3],
    ['\ud7ff', 3],
    ['😀', 4],
    ['\udbff\udfff', 4],
    ['\udc00', 3],
    ['\ue000', 3],
    ['aé€😀', 10],
  ])('counts %j as %i bytes', (text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
    // As Node's own encoder counts it (a lone surrogate becomes U+FFFD, 3 bytes).
    expect(utf8Length(text)).toBe(Buffer.byteLength(text));
  });
});

describe('exceedsViaLimit', () => {
  it.each([
    ['a', 2048, false],
    ['a', 2049, true],
    ['é', 1024, false],
    ['é', 1025, true],
    ['€', 682, false],
    ['€', 683, true],
    ['😀', 512, false],
    ['😀', 513, true],
  ])('%j repeated %i times: %s', (unit, times, exceeds) => {
    const text = unit.repeat(times);

    expect(exceedsViaLimit(text)).toBe(exceeds);
    expect(exceedsViaLimit(text)).toBe(Buffer.byteLength(text) > MAX_VIA_BYTES);
  });
});
