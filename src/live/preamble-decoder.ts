// The part of the MC-NMF preamble SMSvcHost reads before it routes (domain §3.1 steps 3-4;
// net-framing.md A1): version (major 1), mode, via (mbint length, at most 2048 UTF-8 bytes)
// and, in duplex mode, the encoding record (a content type at most 256 bytes). It stops
// there ("PreUpgradeStart"); a singleton-mode reader stops right after the via. A via that is
// no absolute URI is bad as soon as it is read. Whatever follows (upgrade requests, the
// preamble end) belongs to the worker. Pure and incremental: give it every byte received so
// far.

import { MAX_VIA_BYTES } from '../scenario/service-uri.js';
import { FramingMode, FramingRecord, readMbint } from './net-framing.js';

/** SMSvcHost's limit on an extensible encoding's content type (ListenerConstants.cs). */
export const MAX_CONTENT_TYPE_BYTES = 256;

/** The encoding the client announced. */
export type AnnouncedEncoding =
  | { readonly kind: 'known'; readonly value: number }
  | { readonly kind: 'extensible'; readonly contentType: string };

/** What the preamble decoder made of the bytes so far. */
export type PreambleDecode =
  | { readonly kind: 'incomplete' }
  | {
      readonly kind: 'complete';
      /** The framing mode byte. */
      readonly mode: number;
      readonly via: string;
      /** Undefined in singleton mode, which routes right after the via. */
      readonly encoding: AnnouncedEncoding | undefined;
      /** How many bytes the records read so far took. */
      readonly consumed: number;
    }
  | BadPreamble;

/**
 * A preamble SMSvcHost aborts, and which of its readers finds the problem: the mode reader
 * (version and mode), or the dup-handle reader (via and encoding), which alone counts Protocol
 * Failures (domain §2.5, §3.4).
 */
export interface BadPreamble {
  readonly kind: 'bad';
  readonly problem: string;
  readonly stage: PreambleStage;
}

/** The reader of a preamble's records: version and mode, then via and encoding. */
export type PreambleStage = 'mode' | 'dup-handle';

/** The bytes of the version and mode records: the mode reader's part of a preamble. */
export const MODE_STAGE_BYTES = 5;

type StringRead =
  | { readonly kind: 'value'; readonly text: string; readonly next: number }
  | { readonly kind: 'incomplete' }
  | BadPreamble;

function readString(buffer: Buffer, offset: number, max: number, what: string): StringRead {
  const length = readMbint(buffer, offset);
  if (length.kind === 'incomplete') return length;
  if (length.kind === 'invalid')
    return { kind: 'bad', problem: `${what} length is ${length.problem}`, stage: 'dup-handle' };
  if (length.value > max) {
    return {
      kind: 'bad',
      problem: `${what} is longer than ${max} bytes (${length.value})`,
      stage: 'dup-handle',
    };
  }
  const start = offset + length.bytes;
  const end = start + length.value;
  if (buffer.length < end) return { kind: 'incomplete' };
  return { kind: 'value', text: buffer.toString('utf8', start, end), next: end };
}

const incomplete: PreambleDecode = Object.freeze({ kind: 'incomplete' });

/**
 * Decodes version, mode, via and (duplex) the encoding record from the start of a connection.
 * @param buffer - every byte received so far
 * @returns `incomplete` until those records are all there, `complete` with the via, or `bad`
 *   with the problem (wrong version, unsupported mode, a via or content type too long, a via
 *   that is no absolute URI, an unexpected record): SMSvcHost aborts such a connection
 *   without a fault (domain §3.4)
 */
export function decodePreamble(buffer: Buffer): PreambleDecode {
  if (buffer.length < 3) {
    if (buffer.length >= 1 && buffer[0] !== FramingRecord.version) {
      return modeProblem(`expected the version record 0x00, got 0x${hex(buffer[0])}`);
    }
    return incomplete;
  }
  if (buffer[0] !== FramingRecord.version) {
    return modeProblem(`expected the version record 0x00, got 0x${hex(buffer[0])}`);
  }
  if (buffer[1] !== 1) return modeProblem(`unsupported version ${buffer[1]}.${buffer[2]}`);
  if (buffer.length < 5) return incomplete;
  if (buffer[3] !== FramingRecord.mode) {
    return modeProblem(`expected the mode record 0x01, got 0x${hex(buffer[3])}`);
  }
  const mode = buffer[4] ?? 0;
  if (mode !== FramingMode.duplex && mode !== FramingMode.singletonUnsized) {
    return modeProblem(`unsupported mode 0x${hex(mode)}`);
  }
  if (buffer.length <= MODE_STAGE_BYTES) return incomplete;
  if (buffer[MODE_STAGE_BYTES] !== FramingRecord.via) {
    return {
      kind: 'bad',
      problem: `expected the via record 0x02, got 0x${hex(buffer[MODE_STAGE_BYTES])}`,
      stage: 'dup-handle',
    };
  }
  const via = readString(buffer, MODE_STAGE_BYTES + 1, MAX_VIA_BYTES, 'the via');
  if (via.kind !== 'value') return via.kind === 'incomplete' ? incomplete : via;
  // The via decoder makes an absolute System.Uri of the via as soon as it has read it (new
  // Uri(via) in ViaStringDecoder.OnComplete); one that is none is a decode error: an abort
  // (domain §3.4). Its StringDecoder completes a via of 0 bytes only when it is next called,
  // which its reader does once another byte has come. Any scheme is a URI: it is routed.
  if (via.text.length === 0 && buffer.length === via.next) return incomplete;
  if (!URL.canParse(via.text)) {
    return { kind: 'bad', problem: 'the via is not an absolute URI', stage: 'dup-handle' };
  }
  if (mode === FramingMode.singletonUnsized) {
    return { kind: 'complete', mode, via: via.text, encoding: undefined, consumed: via.next };
  }
  const type = buffer[via.next];
  if (type === undefined) return incomplete;
  if (type === FramingRecord.knownEncoding) {
    const value = buffer[via.next + 1];
    if (value === undefined) return incomplete;
    return {
      kind: 'complete',
      mode,
      via: via.text,
      encoding: { kind: 'known', value },
      consumed: via.next + 2,
    };
  }
  if (type === FramingRecord.extensibleEncoding) {
    const contentType = readString(
      buffer,
      via.next + 1,
      MAX_CONTENT_TYPE_BYTES,
      'the content type',
    );
    if (contentType.kind !== 'value')
      return contentType.kind === 'incomplete' ? incomplete : contentType;
    return {
      kind: 'complete',
      mode,
      via: via.text,
      encoding: { kind: 'extensible', contentType: contentType.text },
      consumed: contentType.next,
    };
  }
  return {
    kind: 'bad',
    problem: `expected an encoding record, got 0x${hex(type)}`,
    stage: 'dup-handle',
  };
}

function modeProblem(problem: string): BadPreamble {
  return { kind: 'bad', problem, stage: 'mode' };
}

function hex(byte: number | undefined): string {
  return (byte ?? 0).toString(16).padStart(2, '0').toUpperCase();
}
