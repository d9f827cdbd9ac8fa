// IIS enabledProtocols (domain §7): the string form is split at commas without trimming and
// compared case-sensitively, so "http, net.tcp" does not enable net.tcp; no setting enables
// the application's own scheme.
import { describe, expect, it } from 'vitest';
import { isProtocolEnabled } from '../../src/scenario/enabled-protocols.js';

describe('isProtocolEnabled', () => {
  it.each([
    [undefined, 'net.tcp', true],
    ['http,net.tcp', 'net.tcp', true],
    ['http, net.tcp', 'net.tcp', false],
    ['net.tcp', 'net.pipe', false],
    ['NET.TCP', 'net.tcp', false],
    [['http', 'net.pipe'], 'net.pipe', true],
    [['http', ' net.pipe'], 'net.pipe', false],
    [[], 'net.tcp', false],
  ] as const)('enabledProtocols %j allows %s: %s', (enabledProtocols, scheme, allowed) => {
    expect(isProtocolEnabled(enabledProtocols as string | string[] | undefined, scheme)).toBe(
      allowed,
    );
  });
});
