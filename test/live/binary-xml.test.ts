// The worker's binary encoding (issue 14): .NET Binary XML read into text and written back,
// and a binary session's string table. The fixture is two messages a real WCF client
// (System.ServiceModel.NetTcp 10.1.0, NetTcpBinding(SecurityMode.None), IEcho.EchoAsync)
// sent on one session to `dispatchsim serve`: the first adds the contract's strings to the
// session, the second names them by id only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BinarySessionStrings,
  DEFAULT_MAX_SESSION_SIZE,
} from '../../src/live/binary-session-strings.js';
import { STATIC_DICTIONARY } from '../../src/live/binary-xml-dictionary.js';
import { binaryXmlToText, type BinaryXmlText } from '../../src/live/binary-xml-reader.js';
import { xmlTextToBinary } from '../../src/live/binary-xml-writer.js';
import { encodeMbint } from '../../src/live/net-framing.js';
import { buildEchoReply, parseEchoRequest } from '../../src/live/soap-echo.js';

const [first = '', second = ''] = readFileSync(
  join(import.meta.dirname, 'fixtures', 'nettcpbinding-echo-session.hex'),
  'utf8',
)
  .trim()
  .split('\n');
const firstMessage = Buffer.from(first, 'hex');
const secondMessage = Buffer.from(second, 'hex');

const envelope = (id: string, text: string): string =>
  '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">' +
  '<s:Header><a:Action s:mustUnderstand="1">urn:dispatchsim:echo/IEcho/Echo</a:Action>' +
  `<a:MessageID>urn:uuid:${id}</a:MessageID>` +
  '<a:ReplyTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo>' +
  '<a:To s:mustUnderstand="1">net.tcp://127.0.0.1:44819/orders/service.svc</a:To></s:Header>' +
  `<s:Body><Echo xmlns="urn:dispatchsim:echo"><text>${text}</text></Echo></s:Body></s:Envelope>`;

function read(session: BinarySessionStrings, message: Buffer): BinaryXmlText {
  const table = session.takeTable(message);
  if ('problem' in table) return table;
  return binaryXmlToText(table.body, session.lookup);
}

const noSession = (): undefined => undefined;
const text = (...bytes: number[]): BinaryXmlText =>
  binaryXmlToText(Buffer.from([0x40, 1, 0x76, ...bytes]), noSession);
const value = (xml: string): BinaryXmlText => ({ xml: `<v>${xml}</v>` });

describe("a real WCF client's binary session", () => {
  it('reads the first message, which adds the strings it names', () => {
    expect(read(new BinarySessionStrings(), firstMessage)).toEqual({
      xml: envelope('862230f2-05d9-4874-ab1e-a7a82f897b7e', 'first'),
    });
  });

  it('reads a later message by the strings the first one added', () => {
    const session = new BinarySessionStrings();
    read(session, firstMessage);
    expect(read(session, secondMessage)).toEqual({
      xml: envelope('6bf160f1-2961-4d7d-b27d-b255a9951a35', 'zweite Größe ✓ 😀'),
    });
  });

  it('does not read a later message without them', () => {
    expect(read(new BinarySessionStrings(), secondMessage)).toEqual({
      problem: 'dictionary id 1 names no session string',
    });
  });

  it('gets an echo reply that reads back as the reply text', () => {
    const request = parseEchoRequest(envelope('862230f2-05d9-4874-ab1e-a7a82f897b7e', 'a &amp; b'));
    if ('problem' in request) throw new Error(request.problem);
    const reply = buildEchoReply(request);
    expect(binaryXmlToText(xmlTextToBinary(reply), noSession)).toEqual({ xml: reply });
    expect(reply).toContain('<EchoResult>a &amp; b</EchoResult>');
  });
});

describe('binary XML text records', () => {
  it.each<[string, number[], string]>([
    ['zero', [0x80], '0'],
    ['one', [0x82], '1'],
    ['false', [0x84], 'false'],
    ['true', [0x86], 'true'],
    ['Int8', [0x88, 0xff], '-1'],
    ['Int16', [0x8a, 0x00, 0x80], '-32768'],
    ['Int32', [0x8c, 0x15, 0xcd, 0x5b, 0x07], '123456789'],
    ['Int64', [0x8e, 0, 0, 0, 0, 0, 0, 0, 0x80], '-9223372036854775808'],
    ['UInt64', [0xb2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], '18446744073709551615'],
    ['Float 0.1', [0x90, 0xcd, 0xcc, 0xcc, 0x3d], '0.1'],
    ['Float infinity', [0x90, 0x00, 0x00, 0x80, 0x7f], 'INF'],
    ['Double 1e21', [0x92, ...Buffer.from(new Float64Array([1e21]).buffer)], '1E+21'],
    ['Double NaN', [0x92, ...Buffer.from(new Float64Array([Number.NaN]).buffer)], 'NaN'],
    ['Decimal -1.50', [0x94, 0, 0, 2, 0x80, 0, 0, 0, 0, 150, 0, 0, 0, 0, 0, 0, 0], '-1.50'],
    ['Decimal 0.05', [0x94, 0, 0, 2, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0], '0.05'],
    [
      // 2026-12-03T15:41:49.1234567Z: ticks 639319093091234567, kind UTC (bit 62).
      'DateTime UTC',
      [
        0x96,
        ...Buffer.from(
          (639_319_093_091_234_567n | (1n << 62n)).toString(16).padStart(16, '0'),
          'hex',
        ).reverse(),
      ],
      '2026-12-03T15:41:49.1234567Z',
    ],
    [
      'TimeSpan 1 d 2 h 3.5 s',
      [0xae, ...Buffer.from(936_035_000_000n.toString(16).padStart(16, '0'), 'hex').reverse()],
      'P1DT2H3.5S',
    ],
    ['TimeSpan zero', [0xae, 0, 0, 0, 0, 0, 0, 0, 0], 'PT0S'],
    ['Chars8', [0x98, 2, 0x68, 0x69], 'hi'],
    ['Chars16', [0x9a, 2, 0, 0x68, 0x69], 'hi'],
    ['Chars32', [0x9c, 2, 0, 0, 0, 0x68, 0x69], 'hi'],
    ['Bytes8 as base64', [0x9e, 3, 1, 2, 3], 'AQID'],
    ['Bytes16', [0xa0, 1, 0, 0xff], '/w=='],
    ['UnicodeChars8 (UTF-16)', [0xb6, 4, 0x68, 0, 0x69, 0], 'hi'],
    ['a list', [0xa4, 0x82, 0x88, 0x02, 0xa6], '1 2'],
    ['empty', [0xa8], ''],
    ['a static dictionary string', [0xaa, 0x02], 'Envelope'],
    ['a QName', [0xbc, 0x00, 0x02], 'a:Envelope'],
    ['a bool', [0xb4, 0x01], 'true'],
    [
      'a GUID, first three groups little-endian',
      [
        0xb0, 0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd,
        0xee, 0xff,
      ],
      '00112233-4455-6677-8899-aabbccddeeff',
    ],
    [
      'a UniqueId',
      [
        0xac, 0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd,
        0xee, 0xff,
      ],
      'urn:uuid:00112233-4455-6677-8899-aabbccddeeff',
    ],
    ['escaped text', [0x98, 3, 0x3c, 0x26, 0x3e], '&lt;&amp;&gt;'],
  ])('reads %s', (_, bytes, expected) => {
    // Each text record ends the element, or is followed by EndElement.
    const last = bytes[0] ?? 0;
    expect(text(last + 1, ...bytes.slice(1))).toEqual(value(expected));
    expect(text(...bytes, 0x01)).toEqual(value(expected));
  });
});

describe('binary XML elements, attributes and arrays', () => {
  it('reads every way of naming an element and an attribute', () => {
    const s = (t: string): number[] => [...encodeMbint(Buffer.byteLength(t)), ...Buffer.from(t)];
    const bytes = Buffer.from([
      ...[0x41, ...s('p'), ...s('root')], // Element
      ...[0x09, ...s('p'), ...s('urn:p')], // XmlnsAttribute
      ...[0x0a, 0x04], // ShortDictionaryXmlnsAttribute: static id 4
      ...[0x0b, ...s('q'), 0x06], // DictionaryXmlnsAttribute
      ...[0x04, ...s('plain'), 0x98, 1, 0x78], // ShortAttribute
      ...[0x05, ...s('p'), ...s('full'), 0x82], // Attribute
      ...[0x06, 0x00, 0x86], // ShortDictionaryAttribute: mustUnderstand
      ...[0x07, ...s('q'), 0x08, 0x84], // DictionaryAttribute: q:Header
      ...[0x0c + 18, 0x0a, 0xa8], // PrefixDictionaryAttributeS: s:Action
      ...[0x26 + 15, ...s('x'), 0x98, 2, 0x22, 0x26], // PrefixAttributeP, a quote and an ampersand
      ...[0x40, ...s('short'), 0x01], // ShortElement
      ...[0x42, 0x02, 0x01], // ShortDictionaryElement: Envelope
      ...[0x43, ...s('q'), 0x0e, 0x01], // DictionaryElement: q:Body
      ...[0x44 + 18, 0x08, 0x01], // PrefixDictionaryElementS: s:Header
      ...[0x5e + 1, ...s('b'), 0x01], // PrefixElementB
      ...[0x02, ...s(' note ')], // Comment
      0x01,
    ]);
    expect(binaryXmlToText(bytes, noSession)).toEqual({
      xml:
        '<p:root xmlns:p="urn:p" xmlns="http://www.w3.org/2003/05/soap-envelope" xmlns:q="http://www.w3.org/2005/08/addressing"' +
        ' plain="x" p:full="1" mustUnderstand="true" q:Header="false" s:Action="" p:x="&quot;&amp;">' +
        '<short></short><Envelope></Envelope><q:Body></q:Body><s:Header></s:Header><b:b></b:b><!-- note --></p:root>',
    });
  });

  it('reads an array as one element per value', () => {
    const bytes = Buffer.from([
      0x03, 0x40, 1, 0x6e, 0x01, 0x8d, 3, 1, 0, 0, 0, 2, 0, 0, 0, 0xff, 0xff, 0xff, 0xff,
    ]);
    expect(binaryXmlToText(bytes, noSession)).toEqual({ xml: '<n>1</n><n>2</n><n>-1</n>' });
  });

  it('names session strings by odd ids', () => {
    const session = ['Echo', 'urn:dispatchsim:echo'];
    const bytes = Buffer.from([0x42, 0x01, 0x0a, 0x03, 0x01]);
    expect(binaryXmlToText(bytes, (i) => session[i])).toEqual({
      xml: '<Echo xmlns="urn:dispatchsim:echo"></Echo>',
    });
  });

  it('has the 487 strings of the static dictionary, in their order', () => {
    expect(STATIC_DICTIONARY).toHaveLength(487);
    expect([STATIC_DICTIONARY[0], STATIC_DICTIONARY[1], STATIC_DICTIONARY[486]]).toEqual([
      'mustUnderstand',
      'Envelope',
      'detail',
    ]);
  });

  it.each<[string, number[], string]>([
    ['a record it does not know', [0xff], 'record 0xff where an element or text was expected'],
    ['an end with nothing open', [0x01], 'an end element with no element open'],
    ['an element left open', [0x40, 1, 0x61], 'the document ends with 1 element(s) open'],
    ['a record cut short', [0x40, 5, 0x61], 'the document ends inside a record (at byte 2)'],
    [
      'an attribute valued by an element',
      [0x40, 1, 0x61, 0x04, 1, 0x62, 0x40],
      "an attribute's value is record 0x40, not a text record",
    ],
    ['an unknown static id', [0x42, 0xe8, 0x07], 'dictionary id 1000 names no static string'],
    [
      'a length above 2^31 - 1',
      [0x40, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
      'an mbint above 2^31 - 1 (at byte 1)',
    ],
    ['text ending no element', [0x99, 0], 'a text record ends no element'],
    [
      // 11 bytes that asked for 2^31 values of no bytes each: the worker ran out of memory.
      'an array of values without bytes',
      [0x03, 0x40, 1, 0x6e, 0x01, 0x81, 0xff, 0xff, 0xff, 0xff, 0x07],
      'an array of record 0x81, not of fixed-size values',
    ],
    [
      'an array longer than the document',
      [0x03, 0x40, 1, 0x6e, 0x01, 0x8d, 0x03, 1, 0, 0, 0],
      'an array of 3 values of 4 bytes runs past the document',
    ],
  ])('refuses %s, saying what', (_, bytes, problem) => {
    expect(binaryXmlToText(Buffer.from(bytes), noSession)).toEqual({ problem });
  });
});

describe('binary XML from anywhere', () => {
  it('reads any bytes into text or a problem, never an exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const read = binaryXmlToText(Buffer.from(bytes), (i) => (i < 2 ? `s${i}` : undefined));
        expect('xml' in read || 'problem' in read).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('binary XML written from text', () => {
  const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/);
  const escape = (t: string): string =>
    t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const xml: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
    node: fc
      .tuple(
        fc.option(name, { nil: undefined }),
        name,
        fc.array(
          fc.tuple(fc.option(name, { nil: undefined }), name, fc.string({ unit: 'grapheme' })),
          {
            maxLength: 3,
          },
        ),
        fc.oneof(
          { depthSize: 'small' },
          fc.string({ unit: 'grapheme', minLength: 1 }).map(escape),
          fc.array(tie('node'), { maxLength: 3 }).map((nodes) => nodes.join('')),
        ),
      )
      .map(([prefix, local, attributes, content]) => {
        const qualified = prefix === undefined ? local : `${prefix}:${local}`;
        const seen = new Set<string>();
        const attrs = attributes
          .map(([p, n, v]) => [p === undefined ? n : `${p}:${n}`, v] as const)
          .filter(([n]) => n !== 'xmlns' && !n.startsWith('xmlns:') && !seen.has(n) && seen.add(n))
          .map(([n, v]) => ` ${n}="${escape(v).replace(/"/g, '&quot;')}"`)
          .join('');
        return `<${qualified}${attrs}>${content}</${qualified}>`;
      }),
  })).node;

  it('reads back as the same text, for any element tree', () => {
    fc.assert(
      fc.property(xml, (text) => {
        expect(binaryXmlToText(xmlTextToBinary(text), noSession)).toEqual({ xml: text });
      }),
    );
  });

  it('writes long text as Chars16 and Chars32, and character references as their characters', () => {
    const long = 'y'.repeat(300);
    const huge = 'z'.repeat(70_000);
    expect(xmlTextToBinary(`<a>${long}</a>`).subarray(0, 6)).toEqual(
      Buffer.from([0x40, 1, 0x61, 0x9a, 0x2c, 0x01]),
    );
    expect(xmlTextToBinary(`<a>${huge}</a>`).subarray(3, 8)).toEqual(
      Buffer.from([0x9c, 0x70, 0x11, 0x01, 0x00]),
    );
    expect(binaryXmlToText(xmlTextToBinary('<a>&#x1F600;&#233;&apos;</a>'), noSession)).toEqual({
      xml: "<a>😀é'</a>",
    });
  });

  it('refuses text it does not read', () => {
    expect(() => xmlTextToBinary('<a></b>')).toThrow('an unbalanced </b>');
    expect(() => xmlTextToBinary('<a>')).toThrow('<a> is not closed');
    expect(() => xmlTextToBinary('<a><</a>')).toThrow('not XML the writer reads, at character 3');
  });
});

describe("a binary session's strings", () => {
  const table = (...strings: string[]): Buffer => {
    const body = Buffer.concat(
      strings.flatMap((s) => [encodeMbint(Buffer.byteLength(s)), Buffer.from(s)]),
    );
    return Buffer.concat([encodeMbint(body.length), body]);
  };

  it('gives each new string the next id, message after message', () => {
    const session = new BinarySessionStrings();
    expect(session.takeTable(Buffer.concat([table('a', 'bé'), Buffer.from([0x42])]))).toEqual({
      body: Buffer.from([0x42]),
    });
    session.takeTable(table('c'));
    expect([0, 1, 2, 3].map((i) => session.lookup(i))).toEqual(['a', 'bé', 'c', undefined]);
  });

  it('refuses a table that runs past the message or the session quota', () => {
    expect(new BinarySessionStrings().takeTable(Buffer.from([0x05, 0x01]))).toEqual({
      problem: 'the string table is longer than the message',
    });
    expect(new BinarySessionStrings().takeTable(Buffer.from([0x02, 0x05, 0x61]))).toEqual({
      problem: 'a session string runs past the string table',
    });
    expect(new BinarySessionStrings().takeTable(Buffer.from([]))).toEqual({
      problem: 'the message has no string table size',
    });
    const session = new BinarySessionStrings();
    const half = 'x'.repeat(DEFAULT_MAX_SESSION_SIZE / 2 - 2);
    expect('body' in session.takeTable(table(half))).toBe(true);
    expect('body' in session.takeTable(table(half))).toBe(true);
    expect(session.takeTable(table('one more'))).toEqual({
      problem: 'the session adds more strings than its MaxSessionSize',
    });
  });
});
