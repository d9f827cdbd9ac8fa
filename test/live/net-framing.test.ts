// MC-NMF encoders and the SMSvcHost preamble reader (issue 14), against the byte values of
// net-framing.md A1/A3.
import { describe, expect, it } from 'vitest';
import {
  encodeFault,
  encodeMbint,
  encodeSizedEnvelope,
  readMbint,
} from '../../src/live/net-framing.js';
import { decodePreamble } from '../../src/live/preamble-decoder.js';

const hex = (bytes: Buffer): string => bytes.toString('hex');

describe('mbint', () => {
  it.each([
    [5, '05'],
    [127, '7f'],
    [128, '8001'],
    [300, 'ac02'],
    [2048, '8010'],
    [16384, '808001'],
    [0x7fffffff, 'ffffffff07'],
  ])('encodes %i as %s and reads it back', (value, bytes) => {
    expect(hex(encodeMbint(value))).toBe(bytes);
    expect(readMbint(Buffer.from(bytes, 'hex'), 0)).toEqual({
      kind: 'value',
      value,
      bytes: bytes.length / 2,
    });
  });

  it('refuses values beyond 31 bits and reports what is missing or invalid', () => {
    expect(() => encodeMbint(0x80000000)).toThrow(RangeError);
    expect(readMbint(Buffer.from('80', 'hex'), 0)).toEqual({ kind: 'incomplete' });
    expect(readMbint(Buffer.from('ffffffff08', 'hex'), 0).kind).toBe('invalid');
  });
});

describe('records', () => {
  it('writes the faults SMSvcHost writes with the lengths net-framing.md gives', () => {
    expect(hex(encodeFault('EndpointNotFound').subarray(0, 2))).toBe('0847');
    expect(hex(encodeFault('EndpointUnavailable').subarray(0, 2))).toBe('084a');
    expect(hex(encodeFault('ConnectionDispatchFailed').subarray(0, 2))).toBe('084f');
    expect(hex(encodeFault('ServiceActivationFailed').subarray(0, 2))).toBe('084e');
    expect(encodeFault('EndpointNotFound').subarray(2).toString()).toBe(
      'http://schemas.microsoft.com/ws/2006/05/framing/faults/EndpointNotFound',
    );
  });

  it('frames an envelope with its size and refuses an empty one', () => {
    expect(hex(encodeSizedEnvelope(Buffer.alloc(300, 0x61)).subarray(0, 3))).toBe('06ac02');
    expect(() => encodeSizedEnvelope(Buffer.alloc(0))).toThrow(RangeError);
  });
});

describe('decodePreamble', () => {
  const via = 'net.tcp://localhost/orders/Service.svc';
  // net-framing.md A3: 00 01 00  01 02  02 2A <42 bytes via>  03 08  0C (here a 38-byte via).
  const netTcp = Buffer.concat([
    Buffer.from('000100010202', 'hex'),
    encodeMbint(Buffer.byteLength(via)),
    Buffer.from(via),
    Buffer.from('03080c', 'hex'),
  ]);

  it('reads version, mode, via and encoding, and stops before the preamble end', () => {
    expect(decodePreamble(netTcp)).toEqual({
      kind: 'complete',
      mode: 2,
      via,
      encoding: { kind: 'known', value: 8 },
      consumed: netTcp.length - 1,
    });
  });

  // SMSvcHost's StringDecoder completes a string of 0 bytes only on its next Decode call,
  // which its reader makes when a byte follows (DupHandleConnectionReader never decodes 0
  // bytes): an empty via alone waits for more, up to the receive timeout.
  it('waits for a byte after an empty via before it finds the via is no URI', () => {
    expect(decodePreamble(Buffer.from('00010001020200', 'hex'))).toEqual({ kind: 'incomplete' });
  });

  it('is incomplete on every proper prefix', () => {
    for (let length = 0; length < netTcp.length - 1; length++) {
      expect(decodePreamble(netTcp.subarray(0, length))).toEqual({ kind: 'incomplete' });
    }
  });

  it('reads an extensible encoding record and a singleton-mode via', () => {
    const gzip = Buffer.concat([
      netTcp.subarray(0, netTcp.length - 3),
      Buffer.from([0x04, 33]),
      Buffer.from('application/soap+msbinsession1+gz'),
    ]);
    expect(decodePreamble(gzip)).toMatchObject({
      kind: 'complete',
      encoding: { kind: 'extensible', contentType: 'application/soap+msbinsession1+gz' },
    });
    const singleton = Buffer.from(netTcp);
    singleton[4] = 0x01;
    expect(decodePreamble(singleton)).toMatchObject({
      kind: 'complete',
      mode: 1,
      encoding: undefined,
    });
  });

  // The stage says which of SMSvcHost's readers finds it: only the dup-handle reader counts
  // Protocol Failures (domain §2.5).
  it.each([
    ['a wrong first record', '09', 'expected the version record 0x00, got 0x09', 'mode'],
    ['version 2', '000200', 'unsupported version 2.0', 'mode'],
    ['simplex mode', '0001000103', 'unsupported mode 0x03', 'mode'],
    ['no via record', '000100010203', 'expected the via record 0x02, got 0x03', 'dup-handle'],
    [
      'a via of 2049 bytes',
      '0001000102028110',
      'the via is longer than 2048 bytes (2049)',
      'dup-handle',
    ],
    [
      'no encoding record',
      '00010001020203' + '613a62' + '07',
      'expected an encoding record, got 0x07',
      'dup-handle',
    ],
    // ViaStringDecoder.OnComplete makes a System.Uri of the via as soon as it is read: a
    // relative or empty one fails there, before any encoding record.
    ['a relative via', '00010001020203' + '616263', 'the via is not an absolute URI', 'dup-handle'],
    [
      'an empty via and a byte',
      '000100010202' + '00' + '03',
      'the via is not an absolute URI',
      'dup-handle',
    ],
  ])('calls %s a bad preamble, and says which reader finds it', (_, bytes, problem, stage) => {
    expect(decodePreamble(Buffer.from(bytes, 'hex'))).toEqual({ kind: 'bad', problem, stage });
  });
});
