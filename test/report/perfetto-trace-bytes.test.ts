// A Perfetto trace line is joined from cached JSON fragments (issue 12), and must stay byte for
// byte what JSON.stringify of its Chrome trace event gives: checked against that plain reference
// for random records and outcomes with awkward text, for payloads shared by several events, for
// unfrozen payloads changed between two lines, and for values JSON.stringify treats specially.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DispatchEvent } from '../../src/events/dispatch-event.js';
import type { SessionOutcome } from '../../src/events/session-outcome.js';
import { TRACE_PID, toMicros, type ChromeTraceEvent } from '../../src/report/chrome-trace-event.js';
import {
  counterLine,
  counterLineOf,
  dispatchBeginLine,
  dispatchEndLine,
  etwInstantLine,
  sessionSliceLines,
} from '../../src/report/chrome-trace-lines.js';
import { jsonMember } from '../../src/events/json-fragment.js';
import { awkwardText, handMadeEvent } from '../helpers/hand-made-records.js';

const SEED = 20261203;

/** An ETW event's instant as JSON.stringify writes it: the format's definition. */
function referenceInstant(record: DispatchEvent, tid: number): string {
  const event: ChromeTraceEvent = {
    name: `${record.id} ${record.name}`,
    cat: 'etw',
    ph: 'i',
    s: 't',
    ts: toMicros(record.atMs),
    pid: TRACE_PID,
    tid,
    args: {
      seq: record.seq,
      level: record.level,
      channel: record.channel,
      ...('activityId' in record ? { activityId: record.activityId } : {}),
      message: record.message,
      payload: record.payload,
      annotations: record.annotations,
    },
  };
  return JSON.stringify(event);
}

/** A session's async slice as JSON.stringify writes it. */
function referenceSlice(outcome: SessionOutcome, tid: number): [string, string] {
  const common = { name: outcome.kind, cat: 'session', id: outcome.sessionId, pid: TRACE_PID, tid };
  const begin = {
    ...common,
    ph: 'b',
    ts: toMicros(outcome.arrivedAtMs),
    args: {
      sessionId: outcome.sessionId,
      clientId: outcome.clientId,
      attempt: outcome.attempt,
      via: outcome.via,
      app: outcome.app,
      outcome: outcome.kind,
      client: outcome.client.result,
      fault: outcome.client.fault,
      exception: outcome.client.exception,
      reason: outcome.reason,
    },
  };
  return [
    JSON.stringify(begin),
    JSON.stringify({ ...common, ph: 'e', ts: toMicros(outcome.atMs) }),
  ];
}

const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e21, 5e-7),
);
const value = fc.oneof(
  number,
  awkwardText,
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.record({ nested: awkwardText }),
);
const objectArb = fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), value, {
  maxKeys: 6,
});
const frozenOrNot = <T extends object>(arb: fc.Arbitrary<T>) =>
  fc.tuple(arb, fc.boolean()).map(([object, frozen]) => (frozen ? Object.freeze(object) : object));

const recordArb = fc
  .record({
    seq: fc.integer(),
    atMs: number,
    id: fc.constantFrom(4008, 4030, 4031, 1430),
    name: awkwardText,
    level: fc.constantFrom('Error', 'Verbose', 'Information'),
    channel: awkwardText,
    message: awkwardText,
    payload: frozenOrNot(objectArb),
    annotations: frozenOrNot(objectArb),
    activityId: fc.option(awkwardText, { nil: undefined }),
    hasActivityId: fc.boolean(),
  })
  .map(({ hasActivityId, activityId, ...fields }) =>
    handMadeEvent(hasActivityId ? { ...fields, activityId } : fields),
  );

const outcomeArb = fc.record({
  kind: awkwardText,
  sessionId: fc.integer(),
  clientId: fc.integer(),
  attempt: number,
  via: awkwardText,
  app: fc.option(awkwardText, { nil: null }),
  arrivedAtMs: number,
  atMs: number,
  client: fc.record({
    result: awkwardText,
    fault: fc.option(awkwardText, { nil: null }),
    exception: fc.option(awkwardText, { nil: null }),
    message: fc.option(awkwardText, { nil: null }),
  }),
  reason: awkwardText,
}) as unknown as fc.Arbitrary<SessionOutcome>;

describe('Perfetto trace lines', () => {
  it(`are JSON.stringify of their instant for any record (seed ${SEED})`, () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 4 }), fc.integer(), (records, tid) => {
        // Act and Assert: several records in a row, so caches by id are exercised
        for (const record of records) {
          expect(etwInstantLine(record, tid)).toBe(referenceInstant(record, tid));
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it(`are JSON.stringify of their session slice for any outcome (seed ${SEED})`, () => {
    fc.assert(
      fc.property(outcomeArb, fc.integer(), (outcome, tid) => {
        expect(sessionSliceLines(outcome, tid)).toEqual(referenceSlice(outcome, tid));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it(`are JSON.stringify of their dispatch slice and counter for any value (seed ${SEED})`, () => {
    fc.assert(
      fc.property(
        fc.integer(),
        number,
        fc.integer(),
        fc.option(awkwardText, { nil: undefined }),
        awkwardText,
        (sessionId, ts, tid, activityId, text) => {
          const name = `dispatch session ${sessionId}`;
          const begin: ChromeTraceEvent = {
            name,
            cat: 'dispatch',
            ph: 'B',
            ts,
            pid: TRACE_PID,
            tid,
            args: { sessionId, activityId },
          };
          expect(dispatchBeginLine(sessionId, ts, tid, activityId)).toBe(JSON.stringify(begin));
          const end: ChromeTraceEvent = {
            name,
            cat: 'dispatch',
            ph: 'E',
            ts,
            pid: TRACE_PID,
            tid,
            args: { end: text },
          };
          expect(dispatchEndLine(sessionId, ts, tid, text)).toBe(JSON.stringify(end));
          const counter: ChromeTraceEvent = {
            name: `queue length (${text})`,
            ph: 'C',
            ts,
            pid: TRACE_PID,
            tid: 0,
            args: { sessions: sessionId },
          };
          const parts = counterLineOf(`queue length (${text})`, 'sessions');
          expect(counterLine(parts, ts, sessionId)).toBe(JSON.stringify(counter));
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('follow an unfrozen payload and annotations changed between two lines', () => {
    // Arrange
    const payload: Record<string, unknown> = { via: 'net.tcp://a/' };
    const annotations: Record<string, unknown> = { sessionId: 1 };
    const record = handMadeEvent({ payload, annotations });
    const first = etwInstantLine(record, 1);

    // Act
    payload['via'] = 'net.tcp://"b"/\n';
    annotations['reason'] = 'changed </script>';

    // Assert
    expect(first).toBe(
      referenceInstant(
        handMadeEvent({ payload: { via: 'net.tcp://a/' }, annotations: { sessionId: 1 } }),
        1,
      ),
    );
    expect(etwInstantLine(record, 1)).toBe(referenceInstant(record, 1));
    expect(etwInstantLine(record, 1)).toContain('"reason":"changed </script>"');
  });

  it('follow a frozen payload whose nested object changes, and reuse a deeply frozen one', () => {
    // Arrange
    const nested = { n: 1 };
    const shallow = Object.freeze({ nested });
    const deep = Object.freeze({ Uri: 'net.pipe://x/"y"', inner: Object.freeze({ a: '\\' }) });
    const first = etwInstantLine(handMadeEvent({ payload: shallow }), 1);

    // Act
    nested.n = 2;

    // Assert
    expect(first).toContain('"nested":{"n":1}');
    expect(etwInstantLine(handMadeEvent({ payload: shallow }), 1)).toContain('"nested":{"n":2}');
    for (const id of [4008, 4030]) {
      const record = handMadeEvent({ id, payload: deep });
      expect(etwInstantLine(record, 2)).toBe(referenceInstant(record, 2));
    }
  });

  it('write annotations that are an array or have a toJSON as JSON.stringify does', () => {
    class Noted {
      readonly sessionId: number;
      constructor(sessionId: number) {
        this.sessionId = sessionId;
      }
      toJSON(key: string): string {
        return `${key}: session ${this.sessionId}`;
      }
    }
    const odd = [
      ['a', 'b'],
      { sessionId: 1, toJSON: (key: string) => ({ key }) },
      new Noted(7),
      new Date(0),
    ];
    for (const annotations of odd) {
      // Act
      const record = handMadeEvent({ annotations });

      // Assert
      expect(etwInstantLine(record, 1)).toBe(referenceInstant(record, 1));
    }
  });

  it('write a member as JSON.stringify writes it inside its object, toJSON and all', () => {
    // Arrange
    const withToJson = { toJSON: (key: string) => `key ${key}` };
    const omitted = { toJSON: () => undefined };
    const members: [string, unknown][] = [
      ['payload', withToJson],
      ['payload', omitted],
      ['x', new Date(0)],
      ['x', () => 1],
      ['x', Symbol('s')],
      ['x', undefined],
      ['x', Object.freeze([1, 'two', null])],
      ['"odd\nkey"', 'value'],
    ];

    for (const [key, member] of members) {
      // Act
      const text = `{"first":0${jsonMember(key)(member)}}`;

      // Assert
      expect(text).toBe(JSON.stringify({ first: 0, [key]: member }));
    }
  });
});
