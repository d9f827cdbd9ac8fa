// .NET Binary XML ([MC-NBFX]) read into XML text, for the worker's echo over NetTcpBinding's
// binary session encoding (issue 14; net-framing.md A3). Every record of [MC-NBFX] is
// read: elements and attributes with inline, prefixed or dictionary names, xmlns
// declarations, every text record (numbers, dates, GUIDs, UniqueIds, base64, lists, UTF-16
// text, QNames), comments and arrays. Dictionary ids are looked up in the static dictionary
// ([MC-NBFS], even ids) or the session's strings ([MC-NBFSE], odd ids). The text is what
// WCF's text encoder would write for the same infoset, closely enough for the echo's patterns
// (soap-echo.ts): names and namespaces as declared, text and attribute values escaped.
// Simplification: floats, dates and durations are written in XmlConvert's formats for common
// values (a local DateTime is written without its offset, which the bytes do not carry).
// Pure: bytes in, text or a problem out.

import { STATIC_DICTIONARY } from './binary-xml-dictionary.js';
import { readMbint } from './net-framing.js';

/** The session's strings: index i is the string with dictionary id 2 * i + 1. */
export type SessionStringLookup = (index: number) => string | undefined;

/** The XML text of a binary XML document, or why it could not be read. */
export type BinaryXmlText = { readonly xml: string } | { readonly problem: string };

/** Record types of [MC-NBFX] that the reader branches on. */
const RecordType = {
  endElement: 0x01,
  comment: 0x02,
  array: 0x03,
  minAttribute: 0x04,
  maxAttribute: 0x3f,
  minElement: 0x40,
  maxElement: 0x77,
  minText: 0x80,
  maxText: 0xbd,
  startList: 0xa4,
  endList: 0xa6,
} as const;

/**
 * The value records an array may hold ([MC-NBFX], the Array record: Bool, Int16, Int32,
 * Int64, Float, Double, Decimal, DateTime, TimeSpan and Guid text), by type made even, and
 * their sizes.
 */
const ARRAY_VALUE_BYTES: ReadonlyMap<number, number> = new Map([
  [0xb4, 1],
  [0x8a, 2],
  [0x8c, 4],
  [0x8e, 8],
  [0x90, 4],
  [0x92, 8],
  [0x94, 16],
  [0x96, 8],
  [0xae, 8],
  [0xb0, 16],
]);

const TICKS_AT_UNIX_EPOCH = 621_355_968_000_000_000n;
const TICKS_PER_MS = 10_000n;

class Problem extends Error {}

const letter = (n: number): string => String.fromCharCode(0x61 + n);

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

function guidText(bytes: Buffer): string {
  // .NET's Guid byte order: the first three groups little-endian, the last two as they are.
  const hex = (from: number, to: number, reverse: boolean): string => {
    const part = [...bytes.subarray(from, to)];
    if (reverse) part.reverse();
    return part.map((b) => b.toString(16).padStart(2, '0')).join('');
  };
  return `${hex(0, 4, true)}-${hex(4, 6, true)}-${hex(6, 8, true)}-${hex(8, 10, false)}-${hex(10, 16, false)}`;
}

function floatText(value: number, single: boolean): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'INF';
  if (value === Number.NEGATIVE_INFINITY) return '-INF';
  if (Object.is(value, -0)) return '-0';
  let text = String(value);
  if (single) {
    // The shortest text that reads back as the same single (as .NET's "R" writes it).
    for (let digits = 1; digits <= 9; digits++) {
      const candidate = value.toPrecision(digits);
      if (Math.fround(Number(candidate)) === value) {
        text = String(Number(candidate));
        break;
      }
    }
  }
  return text.replace('e', 'E');
}

function decimalText(bytes: Buffer): string {
  const scale = bytes[2] ?? 0;
  const negative = ((bytes[3] ?? 0) & 0x80) !== 0;
  const magnitude = (BigInt(bytes.readUInt32LE(4)) << 64n) | bytes.readBigUInt64LE(8);
  let digits = magnitude.toString().padStart(scale + 1, '0');
  if (scale > 0) digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative && magnitude !== 0n ? `-${digits}` : digits;
}

function dateTimeText(raw: bigint): string {
  const ticks = raw & 0x3fff_ffff_ffff_ffffn;
  const kind = raw >> 62n;
  const sinceEpoch = ticks - TICKS_AT_UNIX_EPOCH;
  let ms = sinceEpoch / TICKS_PER_MS;
  let sub = sinceEpoch % TICKS_PER_MS;
  if (sub < 0n) {
    sub += TICKS_PER_MS;
    ms -= 1n;
  }
  const iso = new Date(Number(ms)).toISOString(); // yyyy-mm-ddThh:mm:ss.fffZ
  const fraction = `${iso.slice(20, 23)}${sub.toString().padStart(4, '0')}`.replace(/0+$/, '');
  const seconds = iso.slice(0, 19) + (fraction === '' ? '' : `.${fraction}`);
  return kind === 1n ? `${seconds}Z` : seconds;
}

function timeSpanText(ticks: bigint): string {
  if (ticks === 0n) return 'PT0S';
  const sign = ticks < 0n ? '-' : '';
  let rest = ticks < 0n ? -ticks : ticks;
  const perSecond = 10_000_000n;
  const days = rest / (86_400n * perSecond);
  rest %= 86_400n * perSecond;
  const hours = rest / (3_600n * perSecond);
  rest %= 3_600n * perSecond;
  const minutes = rest / (60n * perSecond);
  rest %= 60n * perSecond;
  const seconds = rest / perSecond;
  const fraction = (rest % perSecond).toString().padStart(7, '0').replace(/0+$/, '');
  let text = `${sign}P${days > 0n ? `${days}D` : ''}`;
  if (hours > 0n || minutes > 0n || seconds > 0n || fraction !== '') {
    text += 'T';
    if (hours > 0n) text += `${hours}H`;
    if (minutes > 0n) text += `${minutes}M`;
    if (seconds > 0n || fraction !== '')
      text += `${seconds}${fraction === '' ? '' : `.${fraction}`}S`;
  }
  return text;
}

/** A reading position in one document. */
class Cursor {
  #at = 0;
  readonly bytes: Buffer;
  readonly session: SessionStringLookup;

  constructor(bytes: Buffer, session: SessionStringLookup) {
    this.bytes = bytes;
    this.session = session;
  }

  get done(): boolean {
    return this.#at >= this.bytes.length;
  }

  get remaining(): number {
    return this.bytes.length - this.#at;
  }

  peek(): number | undefined {
    return this.bytes[this.#at];
  }

  take(count: number): Buffer {
    if (count < 0 || this.#at + count > this.bytes.length) {
      throw new Problem(`the document ends inside a record (at byte ${this.#at})`);
    }
    const slice = this.bytes.subarray(this.#at, this.#at + count);
    this.#at += count;
    return slice;
  }

  byte(): number {
    return this.take(1)[0] ?? 0;
  }

  mbint(): number {
    const read = readMbint(this.bytes, this.#at);
    if (read.kind === 'incomplete') throw new Problem('the document ends inside a length');
    if (read.kind === 'invalid') throw new Problem(`${read.problem} (at byte ${this.#at})`);
    this.#at += read.bytes;
    return read.value;
  }

  string(): string {
    return this.take(this.mbint()).toString('utf8');
  }

  dictionaryString(): string {
    const key = this.mbint();
    const index = key >>> 1;
    const value = key % 2 === 0 ? STATIC_DICTIONARY[index] : this.session(index);
    if (value === undefined) {
      throw new Problem(
        `dictionary id ${key} names no ${key % 2 === 0 ? 'static' : 'session'} string`,
      );
    }
    return value;
  }

  /** The value of a text record whose type (made even) is `type`. */
  text(type: number): string {
    switch (type) {
      case 0x80:
        return '0';
      case 0x82:
        return '1';
      case 0x84:
        return 'false';
      case 0x86:
        return 'true';
      case 0x88:
        return String(this.take(1).readInt8(0));
      case 0x8a:
        return String(this.take(2).readInt16LE(0));
      case 0x8c:
        return String(this.take(4).readInt32LE(0));
      case 0x8e:
        return String(this.take(8).readBigInt64LE(0));
      case 0x90:
        return floatText(this.take(4).readFloatLE(0), true);
      case 0x92:
        return floatText(this.take(8).readDoubleLE(0), false);
      case 0x94:
        return decimalText(this.take(16));
      case 0x96:
        return dateTimeText(this.take(8).readBigUInt64LE(0));
      case 0x98:
        return this.take(this.byte()).toString('utf8');
      case 0x9a:
        return this.take(this.take(2).readUInt16LE(0)).toString('utf8');
      case 0x9c:
        return this.take(this.take(4).readInt32LE(0)).toString('utf8');
      case 0x9e:
        return this.take(this.byte()).toString('base64');
      case 0xa0:
        return this.take(this.take(2).readUInt16LE(0)).toString('base64');
      case 0xa2:
        return this.take(this.take(4).readInt32LE(0)).toString('base64');
      case RecordType.startList: {
        const items: string[] = [];
        while (this.peek() !== RecordType.endList) {
          const item = this.byte();
          if (
            item < RecordType.minText ||
            item > RecordType.maxText ||
            item === RecordType.startList
          ) {
            throw new Problem(`a list holds a record 0x${item.toString(16)} that is not text`);
          }
          items.push(this.text(item & ~1));
        }
        this.#at++;
        return items.join(' ');
      }
      case 0xa8:
        return '';
      case 0xaa:
        return this.dictionaryString();
      case 0xac:
        return `urn:uuid:${guidText(this.take(16))}`;
      case 0xae:
        return timeSpanText(this.take(8).readBigInt64LE(0));
      case 0xb0:
        return guidText(this.take(16));
      case 0xb2:
        return String(this.take(8).readBigUInt64LE(0));
      case 0xb4:
        return this.byte() === 0 ? 'false' : 'true';
      case 0xb6:
        return this.take(this.byte()).toString('utf16le');
      case 0xb8:
        return this.take(this.take(2).readUInt16LE(0)).toString('utf16le');
      case 0xba:
        return this.take(this.take(4).readInt32LE(0)).toString('utf16le');
      case 0xbc: {
        const prefix = this.byte();
        if (prefix > 25) throw new Problem(`a QName prefix ${prefix} beyond z`);
        return `${letter(prefix)}:${this.dictionaryString()}`;
      }
      default:
        throw new Problem(`record 0x${type.toString(16)} is not a text record`);
    }
  }
}

/** An element's start: its qualified name and start tag. */
interface StartTag {
  readonly name: string;
  readonly tag: string;
}

function qualified(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}:${name}`;
}

function readElementName(cursor: Cursor, type: number): string {
  if (type === 0x40) return cursor.string();
  if (type === 0x41) return qualified(cursor.string(), cursor.string());
  if (type === 0x42) return cursor.dictionaryString();
  if (type === 0x43) return qualified(cursor.string(), cursor.dictionaryString());
  if (type <= 0x5d) return qualified(letter(type - 0x44), cursor.dictionaryString());
  return qualified(letter(type - 0x5e), cursor.string());
}

function readAttributeValue(cursor: Cursor): string {
  const type = cursor.byte();
  if (type < RecordType.minText || type > RecordType.maxText || type % 2 === 1) {
    throw new Problem(`an attribute's value is record 0x${type.toString(16)}, not a text record`);
  }
  return cursor.text(type);
}

function readAttribute(cursor: Cursor, type: number): string {
  let name: string;
  if (type === 0x04) name = cursor.string();
  else if (type === 0x05) name = qualified(cursor.string(), cursor.string());
  else if (type === 0x06) name = cursor.dictionaryString();
  else if (type === 0x07) name = qualified(cursor.string(), cursor.dictionaryString());
  else if (type === 0x08) return ` xmlns="${escapeAttribute(cursor.string())}"`;
  else if (type === 0x09) return ` xmlns:${cursor.string()}="${escapeAttribute(cursor.string())}"`;
  else if (type === 0x0a) return ` xmlns="${escapeAttribute(cursor.dictionaryString())}"`;
  else if (type === 0x0b) {
    return ` xmlns:${cursor.string()}="${escapeAttribute(cursor.dictionaryString())}"`;
  } else if (type <= 0x25) name = qualified(letter(type - 0x0c), cursor.dictionaryString());
  else name = qualified(letter(type - 0x26), cursor.string());
  return ` ${name}="${escapeAttribute(readAttributeValue(cursor))}"`;
}

function readStartTag(cursor: Cursor, type: number): StartTag {
  const name = readElementName(cursor, type);
  let tag = `<${name}`;
  for (;;) {
    const next = cursor.peek();
    if (next === undefined || next < RecordType.minAttribute || next > RecordType.maxAttribute)
      break;
    tag += readAttribute(cursor, cursor.byte());
  }
  return { name, tag: `${tag}>` };
}

function readArray(cursor: Cursor): string {
  const type = cursor.byte();
  if (type < RecordType.minElement || type > RecordType.maxElement) {
    throw new Problem(`an array starts with record 0x${type.toString(16)}, not an element`);
  }
  const start = readStartTag(cursor, type);
  if (cursor.byte() !== RecordType.endElement) throw new Problem("an array's element is not empty");
  const recordType = cursor.byte();
  const size = ARRAY_VALUE_BYTES.get(recordType & ~1);
  if (size === undefined) {
    throw new Problem(`an array of record 0x${recordType.toString(16)}, not of fixed-size values`);
  }
  const valueType = recordType & ~1;
  const count = cursor.mbint();
  // Checked before any value is read: a count of 2^31 in a few bytes must not run the worker
  // out of memory.
  if (count * size > cursor.remaining) {
    throw new Problem(`an array of ${count} values of ${size} bytes runs past the document`);
  }
  let xml = '';
  for (let i = 0; i < count; i++) {
    xml += `${start.tag}${escapeText(cursor.text(valueType))}</${start.name}>`;
  }
  return xml;
}

/**
 * Reads a binary XML document into XML text.
 * @param bytes - the document ([MC-NBFX] records), after any session string table
 * @param session - the session's strings, for odd dictionary ids
 * @returns the XML text, or a problem naming what could not be read
 */
export function binaryXmlToText(bytes: Buffer, session: SessionStringLookup): BinaryXmlText {
  const cursor = new Cursor(bytes, session);
  const open: string[] = [];
  let xml = '';
  try {
    while (!cursor.done) {
      const type = cursor.byte();
      if (type === RecordType.endElement) {
        const name = open.pop();
        if (name === undefined) throw new Problem('an end element with no element open');
        xml += `</${name}>`;
      } else if (type === RecordType.comment) {
        xml += `<!--${cursor.string()}-->`;
      } else if (type === RecordType.array) {
        xml += readArray(cursor);
      } else if (type >= RecordType.minElement && type <= RecordType.maxElement) {
        const start = readStartTag(cursor, type);
        open.push(start.name);
        xml += start.tag;
      } else if (type >= RecordType.minText && type <= RecordType.maxText) {
        xml += escapeText(cursor.text(type & ~1));
        if (type % 2 === 1) {
          const name = open.pop();
          if (name === undefined) throw new Problem('a text record ends no element');
          xml += `</${name}>`;
        }
      } else {
        throw new Problem(`record 0x${type.toString(16)} where an element or text was expected`);
      }
    }
  } catch (error: unknown) {
    if (error instanceof Problem) return { problem: error.message };
    throw error;
  }
  if (open.length > 0) return { problem: `the document ends with ${open.length} element(s) open` };
  return { xml };
}
