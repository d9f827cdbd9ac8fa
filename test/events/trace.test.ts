// The NDJSON trace (STYLE rule 31): a fixed key order, sorted annotation keys, no wall-clock
// field, times rounded to the microsecond; parseTrace reads it back.
import { describe, expect, it } from 'vitest';
import type { ClientId, SessionId, WorkerId } from '../../src/core/ids.js';
import { ms } from '../../src/core/millis.js';
import { VirtualClock } from '../../src/core/virtual-clock.js';
import { EventBus, NO_PAYLOAD } from '../../src/events/event-bus.js';
import {
  formatTrace,
  formatTraceLine,
  isEventLogEntry,
  parseTrace,
  type TraceRecord,
} from '../../src/events/trace.js';

const sessionId = (n: number) => n as SessionId;
const workerId = (n: number) => n as WorkerId;
const via = 'net.tcp://localhost/orders/service.svc';

const EVENT_KEYS = [
  'seq',
  'atMs',
  'id',
  'name',
  'level',
  'channel',
  'activityId',
  'message',
  'payload',
  'annotations',
];

const LOG_KEYS = [
  'seq',
  'atMs',
  'log',
  'id',
  'name',
  'level',
  'source',
  'category',
  'message',
  'annotations',
];

/** Emits a small run: a session that fails with 4031 and writes Event Log 8, at odd times. */
function recordTrace(): TraceRecord[] {
  const clock = new VirtualClock();
  const bus = new EventBus(clock);
  const records: TraceRecord[] = [];
  bus.on('event', (e) => records.push(e));
  bus.on('eventLog', (e) => records.push(e));
  bus.emit('TcpTransportListenerListeningStart', { Uri: 'net.tcp://0.0.0.0:808/' }, {});
  clock.scheduleAt(ms(1.23456789), () => {
    bus.emit(
      'TransportListenerSessionsReceived',
      { via },
      { sessionId: sessionId(1), clientId: 1 as ClientId, attempt: 1 },
    );
    bus.emit(
      'PendingSessionQueueFull',
      { Uri: via, count: 3 },
      { sessionId: sessionId(1), clientId: 1 as ClientId, attempt: 1 },
    );
  });
  clock.scheduleAt(ms(2.0004999), () => {
    bus.emit('DispatchSessionFailed', NO_PAYLOAD, {
      workerId: workerId(2),
      via,
      sessionId: sessionId(1),
      clientId: 1 as ClientId,
      attempt: 1,
      reason: 'duplicate handle failed',
      app: 'orders',
      pid: 4242,
      path: 'F1',
    });
    bus.log('MessageQueueDuplicatedSocketLeak', ['Process ID: 4242'], {
      pid: 4242,
      app: 'orders',
    });
  });
  while (clock.fireNext()) {
    // run the two timers
  }
  return records;
}

function keysOfLine(line: string): string[] {
  return Object.keys(JSON.parse(line) as object);
}

describe('formatTraceLine', () => {
  it('writes the keys of a session event in the fixed order', () => {
    // Arrange
    const record = recordTrace().find((r) => r.name === 'DispatchSessionFailed');
    if (record === undefined) throw new Error('no 4031 recorded');

    // Act
    const line = formatTraceLine(record);

    // Assert
    expect(keysOfLine(line)).toEqual(EVENT_KEYS);
  });

  it('leaves activityId out of events that do not carry one, keeping the order of the rest', () => {
    // Arrange
    const record = recordTrace().find((r) => r.name === 'TcpTransportListenerListeningStart');
    if (record === undefined) throw new Error('no 4020 recorded');

    // Act
    const line = formatTraceLine(record);

    // Assert
    expect(keysOfLine(line)).toEqual(EVENT_KEYS.filter((k) => k !== 'activityId'));
  });

  it('writes the keys of an Event Log entry in the fixed order', () => {
    // Arrange
    const record = recordTrace().find((r) => isEventLogEntry(r));
    if (record === undefined) throw new Error('no Event Log entry recorded');

    // Act
    const line = formatTraceLine(record);

    // Assert
    expect(keysOfLine(line)).toEqual(LOG_KEYS);
  });

  it('sorts annotation keys', () => {
    // Arrange
    const records = recordTrace();

    // Act
    const annotationKeys = records.map((r) => {
      const parsed = JSON.parse(formatTraceLine(r)) as { annotations: object };
      return Object.keys(parsed.annotations);
    });

    // Assert
    for (const keys of annotationKeys) expect(keys).toEqual([...keys].sort());
    expect(annotationKeys[3]).toEqual([
      'app',
      'attempt',
      'clientId',
      'path',
      'pid',
      'reason',
      'sessionId',
      'via',
      'workerId',
    ]);
  });

  it('keeps payload keys in manifest order, the AppDomain last', () => {
    // Arrange
    const record = recordTrace().find((r) => r.name === 'PendingSessionQueueFull');
    if (record === undefined) throw new Error('no 4010 recorded');

    // Act
    const parsed = JSON.parse(formatTraceLine(record)) as { payload: object };

    // Assert
    expect(Object.keys(parsed.payload)).toEqual(['Uri', 'count', 'AppDomain']);
  });

  it('rounds times to the microsecond', () => {
    // Arrange
    const records = recordTrace();

    // Act
    const times = records.map((r) => (JSON.parse(formatTraceLine(r)) as { atMs: number }).atMs);

    // Assert
    // The bus stamps the clock's 1.23456789 and 2.0004999 rounded, and the line writes them so.
    expect(records.map((r) => r.atMs)).toEqual([0, 1.235, 1.235, 2, 2]);
    expect(times).toEqual([0, 1.235, 1.235, 2, 2]);
  });

  it('writes exactly the fields of a 4031 line, with no wall-clock field', () => {
    // Arrange
    const record = recordTrace().find((r) => r.name === 'DispatchSessionFailed');
    if (record === undefined) throw new Error('no 4031 recorded');

    // Act
    const line = formatTraceLine(record);

    // Assert
    expect(line).toBe(
      '{"seq":4,"atMs":2,"id":4031,"name":"DispatchSessionFailed","level":"Error","channel":"Analytic",' +
        '"activityId":"00000000-0000-0000-0000-000000000001","message":"Session dispatch failed.",' +
        '"payload":{"AppDomain":"SMSvcHost.exe"},"annotations":{"app":"orders","attempt":1,"clientId":1,"path":"F1","pid":4242,' +
        '"reason":"duplicate handle failed","sessionId":1,"via":"net.tcp://localhost/orders/service.svc",' +
        '"workerId":2}}',
    );
  });

  it('writes the same bytes for the same run', () => {
    // Arrange
    const first = recordTrace();
    const second = recordTrace();

    // Act
    const a = formatTrace(first);
    const b = formatTrace(second);

    // Assert
    expect(b).toBe(a);
  });
});

describe('formatTrace', () => {
  it('writes one line per record, each ending with a newline', () => {
    // Arrange
    const records = recordTrace();

    // Act
    const text = formatTrace(records);

    // Assert
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(records.length + 1);
    expect(formatTrace([])).toBe('');
  });
});

describe('parseTrace', () => {
  it('reads back what formatTrace wrote, byte for byte', () => {
    // Arrange
    const text = formatTrace(recordTrace());

    // Act
    const lines = parseTrace(text);

    // Assert
    expect(lines.map((l) => JSON.stringify(l) + '\n').join('')).toBe(text);
    expect(lines.map((l) => [l.seq, l.atMs, l.id, l.name])).toEqual([
      [1, 0, 4020, 'TcpTransportListenerListeningStart'],
      [2, 1.235, 4001, 'TransportListenerSessionsReceived'],
      [3, 1.235, 4010, 'PendingSessionQueueFull'],
      [4, 2, 4031, 'DispatchSessionFailed'],
      [5, 2, 8, 'MessageQueueDuplicatedSocketLeak'],
    ]);
  });

  it('skips blank lines', () => {
    // Arrange
    const text = '\n{"seq":1,"atMs":0,"id":4026,"name":"WasConnected"}\n\n  \n';

    // Act
    const lines = parseTrace(text);

    // Assert
    expect(lines).toEqual([{ seq: 1, atMs: 0, id: 4026, name: 'WasConnected' }]);
  });

  it.each([
    { lacking: 'seq', line: '{"atMs":0,"id":4026,"name":"WasConnected"}' },
    { lacking: 'atMs', line: '{"seq":1,"id":4026,"name":"WasConnected"}' },
    { lacking: 'id', line: '{"seq":1,"atMs":0,"name":"WasConnected"}' },
    { lacking: 'name', line: '{"seq":1,"atMs":0,"id":4026}' },
    { lacking: 'a numeric seq', line: '{"seq":"1","atMs":0,"id":4026,"name":"WasConnected"}' },
    { lacking: 'an object', line: '[1,0,4026,"WasConnected"]' },
    { lacking: 'an object (null)', line: 'null' },
  ])('rejects a line lacking $lacking', ({ line }) => {
    // Arrange
    const text = `{"seq":1,"atMs":0,"id":4026,"name":"WasConnected"}\n${line}\n`;

    // Act
    const act = () => parseTrace(text);

    // Assert
    expect(act).toThrow(new SyntaxError('trace line 2 lacks seq, atMs, id or name'));
  });

  it('names the line of the text, blank lines included, when it rejects one', () => {
    // Arrange
    const text = '{"seq":1,"atMs":0,"id":4026,"name":"WasConnected"}\n\n{"seq":2}\n';

    // Act
    const act = () => parseTrace(text);

    // Assert
    expect(act).toThrow(new SyntaxError('trace line 3 lacks seq, atMs, id or name'));
  });

  it('rejects a line that is not JSON', () => {
    // Arrange
    const text = '{"seq":1,\n';

    // Act
    const act = () => parseTrace(text);

    // Assert
    expect(act).toThrow(SyntaxError);
  });
});
