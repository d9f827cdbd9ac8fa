// XML text written as .NET Binary XML ([MC-NBFX]), for the worker's echo replies over
// NetTcpBinding's binary session encoding (issue 14). The reply is built as text by
// soap-echo.ts, the one place that knows its shape, and written here with inline names only:
// Element/ShortElement, Attribute/ShortAttribute, XmlnsAttribute/ShortXmlnsAttribute, Chars
// text and EndElement. WCF's binary reader takes any record of the format, so no dictionary
// string is needed (the reply's session string table stays empty). Reads the well-formed
// text soap-echo.ts writes (tags, attributes in double quotes, text, the five entities and
// character references), not arbitrary XML. Pure.

import { encodeMbint } from './net-framing.js';

const TOKEN = /<\/([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=/>]+="[^"]*")*)\s*(\/?)>|([^<]+)/gy;
const ATTRIBUTE = /([^\s=]+)="([^"]*)"/g;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#x([0-9a-fA-F]+)|#([0-9]+));/g;
const NAMED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

function unescape(text: string): string {
  return text.replace(ENTITY, (_, name?: string, hex?: string, dec?: string) =>
    name !== undefined
      ? (NAMED[name] ?? '')
      : String.fromCodePoint(hex !== undefined ? parseInt(hex, 16) : Number(dec)),
  );
}

function stringBytes(text: string): Buffer[] {
  const utf8 = Buffer.from(text, 'utf8');
  return [encodeMbint(utf8.length), utf8];
}

/** A Chars8, Chars16 or Chars32 text record (type made odd for WithEndElement). */
function charsRecord(text: string, withEnd: boolean): Buffer[] {
  const utf8 = Buffer.from(text, 'utf8');
  const end = withEnd ? 1 : 0;
  if (utf8.length <= 0xff) return [Buffer.from([0x98 + end, utf8.length]), utf8];
  if (utf8.length <= 0xffff) {
    const head = Buffer.from([0x9a + end, 0, 0]);
    head.writeUInt16LE(utf8.length, 1);
    return [head, utf8];
  }
  const head = Buffer.from([0x9c + end, 0, 0, 0, 0]);
  head.writeInt32LE(utf8.length, 1);
  return [head, utf8];
}

function split(qualified: string): readonly [prefix: string, name: string] {
  const colon = qualified.indexOf(':');
  return colon < 0 ? ['', qualified] : [qualified.slice(0, colon), qualified.slice(colon + 1)];
}

function attributeRecords(attributes: string): Buffer[] {
  const parts: Buffer[] = [];
  for (const [, qualified = '', raw = ''] of attributes.matchAll(ATTRIBUTE)) {
    const value = unescape(raw);
    const [prefix, name] = split(qualified);
    if (qualified === 'xmlns') parts.push(Buffer.from([0x08]), ...stringBytes(value));
    else if (prefix === 'xmlns') {
      parts.push(Buffer.from([0x09]), ...stringBytes(name), ...stringBytes(value));
    } else if (prefix === '') {
      parts.push(Buffer.from([0x04]), ...stringBytes(name), ...charsRecord(value, false));
    } else {
      parts.push(
        Buffer.from([0x05]),
        ...stringBytes(prefix),
        ...stringBytes(name),
        ...charsRecord(value, false),
      );
    }
  }
  return parts;
}

/**
 * Writes XML text as binary XML.
 * @param xml - well-formed XML as soap-echo.ts writes it
 * @returns the [MC-NBFX] records
 * @throws RangeError on text it does not read (a stray `<`, an unbalanced end tag)
 */
export function xmlTextToBinary(xml: string): Buffer {
  const parts: Buffer[] = [];
  const open: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < xml.length) {
    const at = TOKEN.lastIndex;
    const token = TOKEN.exec(xml);
    if (token === null) throw new RangeError(`not XML the writer reads, at character ${at}`);
    const [, endName, startName, attributes = '', selfClosing, text] = token;
    if (endName !== undefined) {
      if (open.pop() !== endName) throw new RangeError(`an unbalanced </${endName}>`);
      parts.push(Buffer.from([0x01]));
    } else if (startName !== undefined) {
      const [prefix, name] = split(startName);
      parts.push(
        prefix === ''
          ? Buffer.concat([Buffer.from([0x40]), ...stringBytes(name)])
          : Buffer.concat([Buffer.from([0x41]), ...stringBytes(prefix), ...stringBytes(name)]),
        ...attributeRecords(attributes),
      );
      if (selfClosing === '/') parts.push(Buffer.from([0x01]));
      else open.push(startName);
    } else if (text !== undefined && open.length > 0) {
      parts.push(...charsRecord(unescape(text), false));
    }
  }
  if (open.length > 0) throw new RangeError(`<${open.at(-1) ?? ''}> is not closed`);
  return Buffer.concat(parts);
}
