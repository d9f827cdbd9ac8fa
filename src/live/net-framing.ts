// .NET Message Framing (MC-NMF) records as SMSvcHost and the WCF client write them
// (net-framing.md A1): record type bytes, the multi-byte length (mbint), and the encoders
// live mode needs on its side of the wire: a fault record, a sized envelope, the preamble
// ack and the End record. Pure: bytes in, bytes out.

import { FRAMING_FAULT_NAMESPACE } from '../model/world.js';

/** MC-NMF record type bytes (FramingFormat.cs `FramingRecordType`). */
export const FramingRecord = {
  version: 0x00,
  mode: 0x01,
  via: 0x02,
  knownEncoding: 0x03,
  extensibleEncoding: 0x04,
  unsizedEnvelope: 0x05,
  sizedEnvelope: 0x06,
  end: 0x07,
  fault: 0x08,
  upgradeRequest: 0x09,
  upgradeResponse: 0x0a,
  preambleAck: 0x0b,
  preambleEnd: 0x0c,
} as const;

/** Framing modes (FramingFormat.cs `FramingMode`). */
export const FramingMode = {
  singletonUnsized: 0x01,
  duplex: 0x02,
  simplex: 0x03,
  singletonSized: 0x04,
} as const;

/** Known encodings (FramingFormat.cs `FramingEncodingType`): SOAP 1.2 UTF-8 text is 0x03. */
export const KnownEncoding = {
  soap12Utf8: 0x03,
  binarySession: 0x08,
} as const;

/** The largest value an mbint carries: 31 bits (`IntDecoder` refuses more). */
export const MAX_MBINT = 0x7fffffff;

/**
 * Encodes a length as an MC-NMF mbint: 7 bits per byte, least significant group first, the
 * high bit set on every byte but the last (5 → `05`, 128 → `80 01`, 300 → `AC 02`).
 * @param value - a length, 0 to 2^31 - 1
 * @returns its bytes (1 to 5)
 * @throws RangeError when the value is negative, not an integer or above 2^31 - 1
 */
export function encodeMbint(value: number): Buffer {
  if (!Number.isInteger(value) || value < 0 || value > MAX_MBINT) {
    throw new RangeError(`an mbint holds an integer from 0 to ${MAX_MBINT} (got ${value})`);
  }
  const bytes: number[] = [];
  let rest = value;
  do {
    let byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest > 0);
  return Buffer.from(bytes);
}

/** An mbint read from a buffer. */
export type MbintRead =
  | { readonly kind: 'value'; readonly value: number; readonly bytes: number }
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'invalid'; readonly problem: string };

/**
 * Reads an mbint at an offset.
 * @param buffer - the bytes received so far
 * @param offset - where the mbint starts
 * @returns its value and length, `incomplete` when more bytes are needed, or `invalid` when
 *   it is longer than 5 bytes or above 2^31 - 1 (the client's `FramingSizeTooLarge`)
 */
export function readMbint(buffer: Buffer, offset: number): MbintRead {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const byte = buffer[offset + i];
    if (byte === undefined) return { kind: 'incomplete' };
    if (i === 4 && (byte & 0xf8) !== 0) {
      return { kind: 'invalid', problem: 'an mbint above 2^31 - 1' };
    }
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return { kind: 'value', value, bytes: i + 1 };
  }
  return { kind: 'invalid', problem: 'an mbint longer than 5 bytes' };
}

/**
 * @param type - a record type byte
 * @param text - its UTF-8 string body
 * @returns the record: type, mbint of the UTF-8 byte count, the bytes
 */
export function encodeStringRecord(type: number, text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from([type]), encodeMbint(body.length), body]);
}

/**
 * A framing fault as SMSvcHost writes it (`EncodedFault`): 0x08, the mbint length, and the
 * fault URI `http://schemas.microsoft.com/ws/2006/05/framing/faults/<name>`.
 * @param name - the fault name, e.g. `EndpointNotFound`
 * @returns the record (EndpointNotFound: `08 47` + 71 bytes)
 */
export function encodeFault(name: string): Buffer {
  return encodeStringRecord(FramingRecord.fault, `${FRAMING_FAULT_NAMESPACE}${name}`);
}

/**
 * @param payload - an envelope's bytes (not empty: MC-NMF forbids a size of 0)
 * @returns the sized envelope record: 0x06, mbint size, payload
 * @throws RangeError on an empty payload
 */
export function encodeSizedEnvelope(payload: Buffer): Buffer {
  if (payload.length === 0) throw new RangeError('a sized envelope must not be empty');
  return Buffer.concat([
    Buffer.from([FramingRecord.sizedEnvelope]),
    encodeMbint(payload.length),
    payload,
  ]);
}

/** The preamble ack the worker sends (0x0B). */
export const PREAMBLE_ACK: Buffer = Buffer.from([FramingRecord.preambleAck]);

/** The End record (0x07). */
export const END_RECORD: Buffer = Buffer.from([FramingRecord.end]);
