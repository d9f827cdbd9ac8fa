// The worker's side of one duplex session on a socket SMSvcHost handed over (issue 14): it
// replays the preamble bytes SMSvcHost already read, checks the preamble as a WCF
// TcpTransport channel listener does (SOAP 1.2 UTF-8 text, or NetTcpBinding's binary session
// encoding `application/soap+msbinsession1`; no stream upgrade), sends the preamble ack 0x0B
// at the preamble end, answers each sized envelope with the echo reply in the session's
// encoding, and answers End with End. A pooled client connection may start a new
// preamble after End; it is served the same way (the dispatcher never sees it, as in WCF).
// Binding mismatches get the fault a WCF worker writes (ContentTypeInvalid, UpgradeInvalid,
// UnsupportedMode) followed by a FIN; a message over 64 KB gets MaxMessageSizeExceededFault
// (ServerSessionConnectionReader), bytes it cannot read a reset; each refusal is told to
// whoever started the session, with the reason.

import type { Socket } from 'node:net';
import { decodePreamble } from './preamble-decoder.js';
import {
  encodeSizedEnvelope,
  END_RECORD,
  FramingMode,
  FramingRecord,
  KnownEncoding,
  PREAMBLE_ACK,
  readMbint,
} from './net-framing.js';
import { BinarySessionStrings, EMPTY_STRING_TABLE } from './binary-session-strings.js';
import { binaryXmlToText } from './binary-xml-reader.js';
import { xmlTextToBinary } from './binary-xml-writer.js';
import { sendFaultAndClose } from './send-fault.js';
import { buildEchoReply, parseEchoRequest } from './soap-echo.js';

/** The largest envelope the worker takes (WCF's default MaxReceivedMessageSize, 64 KB). */
export const MAX_ENVELOPE_BYTES = 65_536;

type State = 'preamble' | 'after-encoding' | 'session' | 'closed';

/** What a worker session refused, and why. */
export interface SessionRefusal {
  /** The fault it wrote; undefined when it reset the connection. */
  readonly fault: string | undefined;
  readonly reason: string;
}

/** Serves one duplex session (and the sessions of a pooled connection after it). */
export class WorkerSession {
  readonly #socket: Socket;
  #buffer: Buffer;
  #state: State = 'preamble';
  /** The session's dictionary strings when it uses binary encoding; undefined for text. */
  #binary: BinarySessionStrings | undefined;
  readonly #onRefused: (refusal: SessionRefusal) => void;

  /**
   * @param socket - the connection, paused
   * @param preamble - the bytes SMSvcHost read before handing it over
   * @param onRefused - told when it faults or resets the connection for what the client sent
   */
  constructor(
    socket: Socket,
    preamble: Buffer,
    onRefused: (refusal: SessionRefusal) => void = () => undefined,
  ) {
    this.#socket = socket;
    this.#buffer = preamble;
    this.#onRefused = onRefused;
  }

  /** Starts serving: replays the pre-read bytes, then reads the socket. */
  start(): void {
    const socket = this.#socket;
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
      this.#pump();
    });
    socket.on('end', () => {
      if (this.#state !== 'closed') socket.destroy();
      this.#state = 'closed';
    });
    socket.on('error', () => {
      this.#state = 'closed';
    });
    this.#pump();
    socket.resume();
  }

  #pump(): void {
    for (;;) {
      const progressed = this.#step();
      if (!progressed || this.#state === 'closed') return;
    }
  }

  // Consumes one record (or the preamble head); false when more bytes are needed.
  #step(): boolean {
    switch (this.#state) {
      case 'preamble':
        return this.#readPreambleHead();
      case 'after-encoding':
        return this.#readAfterEncoding();
      case 'session':
        return this.#readSessionRecord();
      case 'closed':
        return false;
    }
  }

  #consume(bytes: number): void {
    this.#buffer = this.#buffer.subarray(bytes);
  }

  #fault(name: string, reason: string): void {
    this.#state = 'closed';
    sendFaultAndClose(this.#socket, name);
    this.#onRefused({ fault: name, reason });
  }

  #reset(reason: string): void {
    this.#state = 'closed';
    this.#socket.resetAndDestroy();
    this.#onRefused({ fault: undefined, reason });
  }

  #readPreambleHead(): boolean {
    const decoded = decodePreamble(this.#buffer);
    if (decoded.kind === 'incomplete') return false;
    if (decoded.kind === 'bad') {
      this.#reset(`a bad preamble: ${decoded.problem}`);
      return false;
    }
    this.#consume(decoded.consumed);
    if (decoded.mode !== FramingMode.duplex) {
      this.#fault('UnsupportedMode', `it serves duplex sessions, not mode 0x${hex(decoded.mode)}`);
      return false;
    }
    const { encoding } = decoded;
    const known = encoding?.kind === 'known' ? encoding.value : undefined;
    if (known !== KnownEncoding.soap12Utf8 && known !== KnownEncoding.binarySession) {
      // SMSvcHost dispatched it whatever the encoding: its decoder names a known encoding it
      // does not know "unknown<n>" (ContentTypeStringDecoder.GetString); the worker's encoder
      // refuses the content type (ValidateContentType).
      const got =
        encoding?.kind === 'extensible'
          ? `content type '${encoding.contentType}'`
          : `known encoding 0x${hex(known ?? 0)}`;
      this.#fault(
        'ContentTypeInvalid',
        `it serves SOAP 1.2 text (known encoding 0x03) and binary sessions (0x08), not ${got}`,
      );
      return false;
    }
    // A new session (a pooled connection's too) starts with no dictionary strings.
    this.#binary = known === KnownEncoding.binarySession ? new BinarySessionStrings() : undefined;
    this.#state = 'after-encoding';
    return true;
  }

  #readAfterEncoding(): boolean {
    const type = this.#buffer[0];
    if (type === undefined) return false;
    if (type === FramingRecord.upgradeRequest) {
      this.#fault(
        'UpgradeInvalid',
        'the client asked for a stream upgrade (Transport security); it serves SecurityMode.None',
      );
      return false;
    }
    if (type !== FramingRecord.preambleEnd) {
      this.#reset(`expected the preamble end 0x0C, got 0x${hex(type)}`);
      return false;
    }
    this.#consume(1);
    this.#socket.write(PREAMBLE_ACK);
    this.#state = 'session';
    return true;
  }

  #readSessionRecord(): boolean {
    const type = this.#buffer[0];
    if (type === undefined) return false;
    if (type === FramingRecord.end) {
      this.#consume(1);
      this.#socket.write(END_RECORD);
      // The client may pool the connection and open a new session on it.
      this.#state = 'preamble';
      return true;
    }
    if (type === FramingRecord.version) {
      this.#state = 'preamble';
      return true;
    }
    if (type !== FramingRecord.sizedEnvelope) {
      this.#reset(`expected a sized envelope 0x06 or End 0x07, got 0x${hex(type)}`);
      return false;
    }
    const size = readMbint(this.#buffer, 1);
    if (size.kind === 'incomplete') return false;
    if (size.kind === 'invalid' || size.value === 0 || size.value > MAX_ENVELOPE_BYTES) {
      const message =
        size.kind === 'invalid'
          ? `a message size that is ${size.problem}`
          : size.value === 0
            ? 'a message of 0 bytes'
            : `a message of ${size.value} bytes, over its MaxReceivedMessageSize of ${MAX_ENVELOPE_BYTES}`;
      this.#fault('MaxMessageSizeExceededFault', message);
      return false;
    }
    const start = 1 + size.bytes;
    if (this.#buffer.length < start + size.value) return false;
    const payload = this.#buffer.subarray(start, start + size.value);
    this.#consume(start + size.value);
    const envelope = this.#envelopeText(payload);
    const request = envelope === undefined ? undefined : parseEchoRequest(envelope);
    if (request === undefined || 'problem' in request) {
      this.#reset(
        request === undefined
          ? 'a binary message it cannot read'
          : `a message it cannot answer: ${request.problem}`,
      );
      return false;
    }
    if (request.messageId !== undefined) {
      const reply = buildEchoReply(request);
      this.#socket.write(
        encodeSizedEnvelope(
          this.#binary === undefined
            ? Buffer.from(reply, 'utf8')
            : Buffer.concat([EMPTY_STRING_TABLE, xmlTextToBinary(reply)]),
        ),
      );
    }
    return true;
  }

  // The envelope as XML text; undefined when its binary form cannot be read.
  #envelopeText(payload: Buffer): string | undefined {
    if (this.#binary === undefined) return payload.toString('utf8');
    const table = this.#binary.takeTable(payload);
    if ('problem' in table) return undefined;
    const read = binaryXmlToText(table.body, this.#binary.lookup);
    return 'xml' in read ? read.xml : undefined;
  }
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0').toUpperCase();
}
