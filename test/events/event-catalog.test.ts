import { describe, expect, it } from 'vitest';
import { eventCatalog, findEvent, formatMessage } from '../../src/events/event-catalog.js';

type Row = readonly [id: number, name: string, level: string, channel: string, message: string];

// Written independently from the domain reference (§2.1 both tables, §2.3 related events), so
// any drift between the catalogue and the reference fails here.
const expectedRows: readonly Row[] = [
  [1419, 'MaxPendingConnectionsExceeded', 'Information', 'Debug', '%1'],
  [1430, 'PendingConnectionsRatio', 'Verbose', 'Analytic', 'Pending connections ratio: %1/%2'],
  [1439, 'PendingAcceptsAtZero', 'Information', 'Debug', 'Zero pending accepts left'],
  [3346, 'ConnectionReaderSendFault', 'Error', 'Debug', "Connection reader sending fault '%1'."],
  [3358, 'PortSharingDuplicatedSocket', 'Verbose', 'Debug', 'Socket duplicated for %1.'],
  [
    3364,
    'SharedListenerProxyRegisterStart',
    'Verbose',
    'Analytic',
    "SharedListenerProxy registration started for uri '%1'.",
  ],
  [
    3365,
    'SharedListenerProxyRegisterStop',
    'Verbose',
    'Analytic',
    'SharedListenerProxy Register Stop.',
  ],
  [
    3366,
    'SharedListenerProxyRegisterFailed',
    'Error',
    'Analytic',
    "SharedListenerProxy register failed with status '%1'.",
  ],
  [
    4001,
    'TransportListenerSessionsReceived',
    'Verbose',
    'Analytic',
    "Transport listener session received with via '%1'",
  ],
  [4002, 'FailFastException', 'Critical', 'Analytic', 'FailFastException.'],
  [4003, 'ServiceStartPipeError', 'Error', 'Analytic', 'Service start pipe error.'],
  [4008, 'DispatchSessionStart', 'Verbose', 'Analytic', 'Session dispatch started.'],
  [
    4010,
    'PendingSessionQueueFull',
    'Warning',
    'Analytic',
    "Session dispatch for '%1' failed since pending session queue is full with '%2' pending items.",
  ],
  [4011, 'MessageQueueRegisterStart', 'Verbose', 'Analytic', 'Message queue register start.'],
  [
    4012,
    'MessageQueueRegisterAbort',
    'Error',
    'Analytic',
    "Message queue registration aborted with status:'%1' for uri:'%2'.",
  ],
  [
    4013,
    'MessageQueueUnregisterSucceeded',
    'Verbose',
    'Analytic',
    "Message queue unregister succeeded for uri:'%1'.",
  ],
  [
    4014,
    'MessageQueueRegisterFailed',
    'Error',
    'Analytic',
    "Message queue registration for uri:'%1' failed with status:'%2'.",
  ],
  [
    4015,
    'MessageQueueRegisterCompleted',
    'Information',
    'Analytic',
    "Message queue registration completed for uri '%1'.",
  ],
  [
    4016,
    'MessageQueueDuplicatedSocketError',
    'Error',
    'Analytic',
    'Message queue failed duplicating socket.',
  ],
  [
    4019,
    'MessageQueueDuplicatedSocketComplete',
    'Verbose',
    'Analytic',
    'MessageQueueDuplicatedSocketComplete',
  ],
  [
    4020,
    'TcpTransportListenerListeningStart',
    'Verbose',
    'Analytic',
    "Tcp transport listener starting to listen on uri:'%1'.",
  ],
  [
    4021,
    'TcpTransportListenerListeningStop',
    'Verbose',
    'Analytic',
    'Tcp transport listener listening.',
  ],
  [4022, 'WebhostUnregisterProtocolFailed', 'Error', 'Analytic', 'Error Code:%1'],
  [
    4023,
    'WasCloseAllListenerChannelInstancesCompleted',
    'Information',
    'Analytic',
    'Was closing all listener channel instances completed.',
  ],
  [4024, 'WasCloseAllListenerChannelInstancesFailed', 'Error', 'Analytic', 'Error Code:%1'],
  [4025, 'OpenListenerChannelInstanceFailed', 'Error', 'Analytic', 'Error Code:%1'],
  [4026, 'WasConnected', 'Verbose', 'Analytic', 'WAS Connected.'],
  [4027, 'WasDisconnected', 'Verbose', 'Analytic', 'WAS Disconnected.'],
  [
    4028,
    'PipeTransportListenerListeningStart',
    'Verbose',
    'Analytic',
    'Pipe transport listener listening start on uri:%1.',
  ],
  [
    4029,
    'PipeTransportListenerListeningStop',
    'Verbose',
    'Analytic',
    'Pipe transport listener listening stop.',
  ],
  [4030, 'DispatchSessionSuccess', 'Information', 'Analytic', 'Session dispatch succeeded.'],
  [4031, 'DispatchSessionFailed', 'Error', 'Analytic', 'Session dispatch failed.'],
  [4032, 'WasConnectionTimedout', 'Critical', 'Analytic', 'WAS connection timed out.'],
  [4033, 'RoutingTableLookupStart', 'Verbose', 'Debug', 'Routing table lookup started.'],
  [4034, 'RoutingTableLookupStop', 'Verbose', 'Debug', 'Routing table lookup completed.'],
  [4035, 'PendingSessionQueueRatio', 'Verbose', 'Debug', 'Pending session queue ratio: %1/%2'],
];

describe('eventCatalog', () => {
  it('matches the domain reference row for row (id, name, level, channel, message)', () => {
    const actual = eventCatalog.map((e) => [e.id, e.name, e.level, e.channel, e.message]);

    expect(actual).toEqual(expectedRows);
  });

  it.each([4004, 4005, 4006, 4007, 4009, 4017, 4018])('has no event %i', (id) => {
    expect(eventCatalog.some((e) => e.id === id)).toBe(false);
    expect(findEvent(id)).toBeUndefined();
  });

  it('holds unique ids in ascending order', () => {
    const ids = eventCatalog.map((e) => e.id);

    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('holds unique symbolic names', () => {
    const names = eventCatalog.map((e) => e.name.toLowerCase());

    expect(new Set(names).size).toBe(names.length);
  });

  it.each(eventCatalog.map((e) => [e.id, e] as const))(
    'gives every numbered marker in the message of %i a payload field',
    (_id, entry) => {
      const markers = [...entry.message.matchAll(/%(\d+)/g)].map((m) => Number(m[1]));

      for (const n of markers) expect(n).toBeLessThanOrEqual(entry.payload.length);
    },
  );

  it.each([
    { id: 4031, keywords: '0x2000000000000800' },
    { id: 4033, keywords: '0x1000000000000800' },
    { id: 4034, keywords: '0x1000000000000800' },
    { id: 4035, keywords: '0x1000000000400000' },
    { id: 1419, keywords: '0x1000000000400000' },
    { id: 1430, keywords: '0x2000000000400000' },
    { id: 3346, keywords: '0x1000000000001000' },
    { id: 3358, keywords: '0x1000000000000800' },
    { id: 3364, keywords: '0x2000000000000800' },
  ])('gives $id the keyword mask $keywords', ({ id, keywords }) => {
    expect(findEvent(id)?.keywords).toBe(keywords);
  });

  it('sets the channel bit of every keyword mask from the channel', () => {
    const channelBit = { Analytic: 0x2000000000000000n, Debug: 0x1000000000000000n } as const;

    for (const entry of eventCatalog) {
      expect(BigInt(entry.keywords) & 0xf000000000000000n).toBe(channelBit[entry.channel]);
    }
  });

  it('types the int32 payload fields of 4010 and 4035 as the domain does', () => {
    expect(findEvent(4010)?.payload).toEqual([
      { name: 'Uri', type: 'string' },
      { name: 'count', type: 'int32' },
    ]);
    expect(findEvent(4035)?.payload).toEqual([
      { name: 'curr', type: 'int32' },
      { name: 'max', type: 'int32' },
    ]);
  });

  it('leaves 4031 with no payload before the AppDomain', () => {
    expect(findEvent(4031)?.payload).toEqual([]);
  });

  it('marks the worker-side events with the worker emitter', () => {
    const workerIds = eventCatalog.filter((e) => e.emitter === 'worker').map((e) => e.id);

    expect(workerIds).toEqual([3358, 3364, 3365, 3366]);
  });

  it('writes the session events of domain §2.2 with the session activity', () => {
    const sessionIds = eventCatalog.filter((e) => e.activity === 'session').map((e) => e.id);

    expect(sessionIds).toEqual([4001, 4008, 4010, 4016, 4019, 4030, 4031]);
  });

  it.each([4003, 4033, 4034, 4035])('writes %i with no activity', (id) => {
    expect(findEvent(id)?.activity).toBe('none');
  });

  it('uses the opcode ids that go with the opcode names', () => {
    const opcodeIds = { Info: 0, Start: 1, Stop: 2, Receive: 240, Connected: 132, Disconnect: 133 };

    for (const { opcode } of eventCatalog) expect(opcode.id).toBe(opcodeIds[opcode.name]);
  });
});

describe('findEvent', () => {
  it('finds an event by numeric id', () => {
    expect(findEvent(4031)?.name).toBe('DispatchSessionFailed');
  });

  it('finds an event by numeric string', () => {
    expect(findEvent('4031')?.name).toBe('DispatchSessionFailed');
  });

  it('finds an event by name in any letter case', () => {
    expect(findEvent('dispatchSESSIONfailed')?.id).toBe(4031);
  });

  it.each([0, 9999, '4017', '', 'NoSuchEvent', '40 31'])('returns undefined for %j', (key) => {
    expect(findEvent(key)).toBeUndefined();
  });

  it.each(['+4031', '4031e0', '4.031e3', '0x0FBF'])(
    'reads only plain digits as an id, not a sign, exponent, fraction or hex: %j',
    (key) => {
      expect(findEvent(key)).toBeUndefined();
    },
  );
});

describe('formatMessage', () => {
  it('fills %1 and %2 in order', () => {
    expect(formatMessage('Pending session queue ratio: %1/%2', [3, 100])).toBe(
      'Pending session queue ratio: 3/100',
    );
  });

  it('fills the 4010 template with a via and a count', () => {
    const template = findEvent(4010)?.message ?? '';

    expect(formatMessage(template, ['net.tcp://host/app/svc.svc', 100])).toBe(
      "Session dispatch for 'net.tcp://host/app/svc.svc' failed since pending session queue is full with '100' pending items.",
    );
  });

  it('fills markers of two digits, %10 taking the tenth value', () => {
    const values = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

    expect(formatMessage('%1 … %10', values)).toBe('a … j');
  });

  it('leaves a marker without a value untouched', () => {
    expect(formatMessage('Error Code:%1', [])).toBe('Error Code:%1');
  });

  it('returns a template without markers unchanged', () => {
    expect(formatMessage('Session dispatch failed.', ['ignored'])).toBe('Session dispatch failed.');
  });
});
