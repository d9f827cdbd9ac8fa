// A trace line is written from cached fragments (issue 12), and must stay byte for byte what
// JSON.stringify of the line's object gives (STYLE rule 31): checked against that plain
// reference for random records, for payloads shared by several events, for payloads changed
// between two lines, and for annotations of every kind of value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundToMicros } from '../../src/core/millis.js';
import type { EventLogEntry } from '../../src/events/event-log-entry.js';
import { sortedKeysJson } from '../../src/events/flat-object-json.js';
import { formatTraceLine, type TraceRecord } from '../../src/events/trace.js';
import { awkwardText, handMadeEvent } from '../helpers/hand-made-records.js';

const SEED = 20261203;

/** The line as JSON.stringify writes it: the trace format's definition. */
function referenceLine(record: TraceRecord): string {
  const annotations = Object.fromEntries(
    Object.keys(record.annotations)
      .sort()
      .map((key) => [key, (record.annotations as Record<string, unknown>)[key]]),
  );
  if ('log' in record) {
    return JSON.stringify({
      seq: record.seq,
      atMs: roundToMicros(record.atMs),
      log: record.log,
      id: record.id,
      name: record.name,
      level: record.level,
      source: record.source,
      category: record.category,
      message: record.message,
      annotations,
    });
  }
  return JSON.stringify({
    seq: record.seq,
    atMs: roundToMicros(record.atMs),
    id: record.id,
    name: record.name,
    level: record.level,
    channel: record.channel,
    activityId: 'activityId' in record ? record.activityId : undefined,
    message: record.message,
    payload: record.payload,
    annotations,
  });
}

const annotationKey = fc.oneof(
  fc.constantFrom('sessionId', 'app', 'via', 'pid', 'reason', 'workerId', 'attempt'),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const annotationValue = fc.oneof(
  fc.integer(),
  fc.double(),
  awkwardText,
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.constant(-0),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.record({ nested: awkwardText }),
);
const annotationsArb = fc.dictionary(annotationKey, annotationValue, { maxKeys: 7 });
const payloadArb = fc.dictionary(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.oneof(fc.integer(), fc.double(), awkwardText),
  { maxKeys: 4 },
);

const eventArb = fc.record({
  seq: fc.nat(),
  atMs: fc.oneof(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.nat()),
  id: fc.constantFrom(4031, 4001, 4008, 4020),
  name: fc.constantFrom('DispatchSessionFailed', 'TransportListenerSessionsReceived', 'Other'),
  level: fc.constantFrom('Error', 'Verbose', 'Information'),
  channel: fc.constantFrom('Operational', 'Analytic'),
  activityId: fc.option(awkwardText, { nil: undefined }),
  message: awkwardText,
  payload: payloadArb.map((payload) => Object.freeze(payload)),
  annotations: annotationsArb,
});

const logArb = fc.record({
  seq: fc.nat(),
  atMs: fc.double({ min: 0, max: 1e7, noNaN: true }),
  log: fc.constant('System'),
  id: fc.nat(),
  name: fc.constant('MessageQueueDuplicatedSocketLeak'),
  level: fc.constantFrom('Error', 'Warning'),
  source: fc.constant('SMSvcHost 4.0.0.0'),
  category: fc.constant('SharingService'),
  message: awkwardText,
  annotations: annotationsArb,
});

describe(`a trace line (fast-check seed ${SEED})`, () => {
  it('is the JSON.stringify of its record, for any event', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 8 }), (fields) => {
        for (const f of fields) {
          const record = handMadeEvent(f);
          expect(formatTraceLine(record)).toBe(referenceLine(record));
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('is the JSON.stringify of its record, for any Event Log entry', () => {
    fc.assert(
      fc.property(logArb, (entry) => {
        const record = entry as unknown as EventLogEntry;
        expect(formatTraceLine(record)).toBe(referenceLine(record));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('writes each message beside a payload that several events share', () => {
    const shared = Object.freeze({ AppDomain: 'SMSvcHost.exe' });
    const first = handMadeEvent({ payload: shared, message: 'WAS Connected.' });
    const second = handMadeEvent({ payload: shared, message: 'Tcp transport listener listening.' });
    for (const record of [first, second, first]) {
      expect(formatTraceLine(record)).toBe(referenceLine(record));
    }
  });

  it('writes the values a payload has now when it is not frozen', () => {
    const payload: Record<string, unknown> = { Uri: 'net.tcp://a/' };
    const record = handMadeEvent({ payload });
    expect(formatTraceLine(record)).toContain('"payload":{"Uri":"net.tcp://a/"}');
    payload['Uri'] = 'net.tcp://b/';
    expect(formatTraceLine(record)).toContain('"payload":{"Uri":"net.tcp://b/"}');
  });

  it('writes the values a frozen payload holds now when one is an object', () => {
    const inner = { port: 808 };
    const record = handMadeEvent({ payload: Object.freeze({ endpoint: inner }) });
    expect(formatTraceLine(record)).toContain('"payload":{"endpoint":{"port":808}}');
    inner.port = 809;
    expect(formatTraceLine(record)).toContain('"payload":{"endpoint":{"port":809}}');
  });

  it("writes a record's own level and channel when its name is paired with others", () => {
    const error = handMadeEvent({ level: 'Error', channel: 'Operational' });
    const verbose = handMadeEvent({ level: 'Verbose', channel: 'Analytic' });
    expect(formatTraceLine(error)).toBe(referenceLine(error));
    expect(formatTraceLine(verbose)).toBe(referenceLine(verbose));
    expect(formatTraceLine(error)).toBe(referenceLine(error));
  });
});

describe('sortedKeysJson', () => {
  it('tells apart shapes with as many keys', () => {
    expect(sortedKeysJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(sortedKeysJson({ d: 1, c: 2 })).toBe('{"c":2,"d":1}');
    expect(sortedKeysJson({ b: 3, a: 4 })).toBe('{"a":4,"b":3}');
  });

  it('keeps a __proto__ key as a key', () => {
    const value = JSON.parse('{"z":1,"__proto__":{"x":2}}') as object;
    expect(sortedKeysJson(value)).toBe('{"__proto__":{"x":2},"z":1}');
    const flat = JSON.parse('{"z":1,"__proto__":3}') as object;
    expect(sortedKeysJson(flat)).toBe('{"__proto__":3,"z":1}');
  });

  it('stays right past the number of shapes it keeps', () => {
    for (let index = 0; index < 600; index++) {
      const value = { [`k${index}`]: index, a: index };
      expect(sortedKeysJson(value)).toBe(`{"a":${index},"k${index}":${index}}`);
    }
    expect(sortedKeysJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('refuses a bigint as JSON.stringify does', () => {
    expect(() => sortedKeysJson({ n: 1n })).toThrow(TypeError);
  });
});
