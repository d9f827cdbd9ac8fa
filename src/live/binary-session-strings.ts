// The strings a binary session's client adds to its dictionary, message by message
// ([MC-NBFSE]; WCF's BinaryMessageEncoder.ExtractSessionInformationFromMessage): each message
// of `application/soap+msbinsession1` starts with an mbint byte count and that many bytes of
// strings (each an mbint length and UTF-8), which take the next session ids, 0 up, for this
// message and every later one of the session. Dictionary id 2 * i + 1 of the binary XML names
// string i. As in WCF, the strings of one session may total at most MaxSessionSize bytes
// (2048 by default; the client's writer keeps to the same quota). Pure.

import { readMbint } from './net-framing.js';

/** BinaryMessageEncodingBindingElement.MaxSessionSize's default. */
export const DEFAULT_MAX_SESSION_SIZE = 2048;

/** One session's strings. */
export class BinarySessionStrings {
  readonly #strings: string[] = [];
  #remaining: number;

  /** @param maxSessionSize - the most bytes of strings a session may add */
  constructor(maxSessionSize = DEFAULT_MAX_SESSION_SIZE) {
    this.#remaining = maxSessionSize;
  }

  /**
   * @param index - a session string's index (dictionary id >> 1)
   * @returns the string, or undefined when the session has not added it
   */
  readonly lookup = (index: number): string | undefined => this.#strings[index];

  /**
   * Takes the string table at the start of a message.
   * @param message - a sized envelope's payload
   * @returns the binary XML after the table, or what is wrong with the table
   */
  takeTable(message: Buffer): { readonly body: Buffer } | { readonly problem: string } {
    const size = readMbint(message, 0);
    if (size.kind !== 'value') return { problem: 'the message has no string table size' };
    const end = size.bytes + size.value;
    if (end > message.length) return { problem: 'the string table is longer than the message' };
    if (size.value > this.#remaining) {
      return { problem: 'the session adds more strings than its MaxSessionSize' };
    }
    this.#remaining -= size.value;
    let at = size.bytes;
    while (at < end) {
      const length = readMbint(message, at);
      if (length.kind !== 'value' || at + length.bytes + length.value > end) {
        return { problem: 'a session string runs past the string table' };
      }
      at += length.bytes;
      this.#strings.push(message.toString('utf8', at, at + length.value));
      at += length.value;
    }
    return { body: message.subarray(end) };
  }
}

/** The string table of a reply that adds no session string: a size of 0. */
export const EMPTY_STRING_TABLE: Buffer = Buffer.from([0x00]);
