// The event catalogue: one `as const` row per ETW event the simulator knows, with everything
// the manifest says about it (domain §2.1 for the ActivationServices events of SMSvcHost and of
// the worker, §2.3 for the shared System.ServiceModel events SMSvcHost also writes, §2.2 for
// which ActivityId each one carries). The DispatchEvent union is derived from this table.
//
// Provenance of the values the domain reference does not state (marked "inferred" below):
// task/opcode ids and payload field names of 1419, 1430, 1439 and 3346 come from
// microsoft/perfview src/TraceEvent/Parsers/ApplicationServerTraceEventParser.cs (generated from
// the real manifest). Their activities come from the TD call sites in System.ServiceModel
// (ConnectionAcceptor, InitialServerConnectionReader, SharedConnectionListener), read in the
// referencesource copies; the ServiceModel TD.Designer.cs itself was not available.

import type { EventDescriptor } from './event-descriptor.js';

/** Keyword mask of an Analytic-channel ActivationServices event: Analytic bit | 0x800 (domain §0). */
const ANALYTIC_ACTIVATION = '0x2000000000000800';

/** Keyword mask of a Debug-channel ActivationServices event: Debug bit | 0x800 (domain §0). */
const DEBUG_ACTIVATION = '0x1000000000000800';

/** The ids within the provider's range that it defines no event for (domain §2.1). */
export const UNDEFINED_EVENT_IDS: readonly number[] = [4004, 4005, 4006, 4007, 4009, 4017, 4018];

/**
 * Every ETW event of the simulated dispatcher, sorted by id (domain §2.1, §2.3).
 *
 * @remarks
 * IDs 4004–4007, 4009, 4017 and 4018 are not defined by the provider and are absent on purpose.
 * The `message` templates are the English manifest texts verbatim, quirks included (4019's
 * message is its own name; 4021 says "listening" although it is named "…Stop").
 */
export const eventCatalog = [
  {
    id: 1419,
    name: 'MaxPendingConnectionsExceeded',
    level: 'Information',
    channel: 'Debug',
    // PV: task 2560 "Quotas", opcode 0 "Info".
    task: { id: 2560, name: 'Quotas' },
    opcode: { id: 0, name: 'Info' },
    // Debug channel bit | Quota (domain §0, §2.3).
    keywords: '0x1000000000400000',
    // The manifest message is the single string argument ("{data1}"); the docs page's "1%" is a typo.
    message: '%1',
    // PV: TwoStringsTemplateA = data1 + AppDomain.
    payload: [{ name: 'data1', type: 'string' }],
    // Inferred: ConnectionAcceptor calls TD.MaxPendingConnectionsExceeded(string) with no
    // EventTraceActivity, on an accept-completion thread where SMSvcHost sets no activity.
    activity: 'none',
    emitter: 'SMSvcHost',
  },
  {
    id: 1430,
    name: 'PendingConnectionsRatio',
    level: 'Verbose',
    channel: 'Analytic',
    // PV: task 2560 "Quotas", opcode 0 "Info".
    task: { id: 2560, name: 'Quotas' },
    opcode: { id: 0, name: 'Info' },
    // Analytic channel bit | Quota (domain §0, §2.3).
    keywords: '0x2000000000400000',
    message: 'Pending connections ratio: %1/%2',
    // PV: Multidata58Template = cur (int32), max (int32), AppDomain.
    payload: [
      { name: 'cur', type: 'int32' },
      { name: 'max', type: 'int32' },
    ],
    // Inferred: TD.PendingConnectionsRatio(int, int) takes no EventTraceActivity (see 1419).
    activity: 'none',
    emitter: 'SMSvcHost',
  },
  {
    id: 1439,
    name: 'PendingAcceptsAtZero',
    level: 'Information',
    channel: 'Debug',
    // PV: task 2560 "Quotas", opcode 0 "Info".
    task: { id: 2560, name: 'Quotas' },
    opcode: { id: 0, name: 'Info' },
    keywords: '0x1000000000400000',
    message: 'Zero pending accepts left',
    // PV: OneStringsTemplateA = AppDomain only.
    payload: [],
    // Inferred: TD.PendingAcceptsAtZero() takes no EventTraceActivity (see 1419).
    activity: 'none',
    emitter: 'SMSvcHost',
  },
  {
    id: 3346,
    name: 'ConnectionReaderSendFault',
    level: 'Error',
    channel: 'Debug',
    // PV: task 2519 "Connect", opcode 0 "Info".
    task: { id: 2519, name: 'Connect' },
    opcode: { id: 0, name: 'Info' },
    // Debug channel bit | Channel (domain §0, §2.3).
    keywords: '0x1000000000001000',
    message: "Connection reader sending fault '%1'.",
    // PV: Multidata47Template = FaultString + AppDomain. The value is the framing fault URI.
    payload: [{ name: 'FaultString', type: 'string' }],
    // Inferred: InitialServerConnectionReader.SendFault calls TD.ConnectionReaderSendFault(string)
    // with no EventTraceActivity; the session's activity is never placed on the thread.
    activity: 'none',
    emitter: 'SMSvcHost',
  },
  {
    id: 3358,
    name: 'PortSharingDuplicatedSocket',
    level: 'Verbose',
    channel: 'Debug',
    task: { id: 2501, name: 'ActivationDuplicateSocket' },
    opcode: { id: 0, name: 'Info' },
    keywords: DEBUG_ACTIVATION,
    message: 'Socket duplicated for %1.',
    payload: [{ name: 'Uri', type: 'string' }],
    // Inferred: the worker takes the activity from the incoming duplicate callback on its control
    // session (EventTraceActivityHelper.TryExtractActivity); SMSvcHost never attaches the
    // session's ActivityId to that call, so this is not the session activity of §2.2.
    activity: 'worker',
    emitter: 'worker',
  },
  {
    id: 3364,
    name: 'SharedListenerProxyRegisterStart',
    level: 'Verbose',
    channel: 'Analytic',
    task: { id: 2502, name: 'ActivationListenerOpen' },
    opcode: { id: 1, name: 'Start' },
    keywords: ANALYTIC_ACTIVATION,
    message: "SharedListenerProxy registration started for uri '%1'.",
    payload: [{ name: 'Uri', type: 'string' }],
    // Inferred: written by the worker's SharedListenerProxy.Register with no explicit activity,
    // i.e. under the registering worker's own activity (the counterpart of 4011–4015).
    activity: 'worker',
    emitter: 'worker',
  },
  {
    id: 3365,
    name: 'SharedListenerProxyRegisterStop',
    level: 'Verbose',
    channel: 'Analytic',
    task: { id: 2502, name: 'ActivationListenerOpen' },
    opcode: { id: 2, name: 'Stop' },
    keywords: ANALYTIC_ACTIVATION,
    message: 'SharedListenerProxy Register Stop.',
    payload: [],
    // Inferred: as 3364.
    activity: 'worker',
    emitter: 'worker',
  },
  {
    id: 3366,
    name: 'SharedListenerProxyRegisterFailed',
    level: 'Error',
    channel: 'Analytic',
    task: { id: 2502, name: 'ActivationListenerOpen' },
    opcode: { id: 0, name: 'Info' },
    keywords: ANALYTIC_ACTIVATION,
    message: "SharedListenerProxy register failed with status '%1'.",
    payload: [{ name: 'Status', type: 'string' }],
    // Inferred: as 3364.
    activity: 'worker',
    emitter: 'worker',
  },
  {
    id: 4001,
    name: 'TransportListenerSessionsReceived',
    level: 'Verbose',
    channel: 'Analytic',
    task: { id: 2500, name: 'ActivationDispatchSession' },
    opcode: { id: 240, name: 'Receive' },
    keywords: ANALYTIC_ACTIVATION,
    message: "Transport listener session received with via '%1'",
    payload: [{ name: 'via', type: 'string' }],
    activity: 'session',
    emitter: 'SMSvcHost',
  },
  {
    id: 4002,
    name: 'FailFastException',
    level: 'Critical',
    channel: 'Analytic',
    task: { id: 2603, name: 'WASActivation' },
    opcode: { id: 0, name: 'Info' },
    keywords: ANALYTIC_ACTIVATION,
    message: 'FailFastException.',
    payload: [{ name: 'SerializedException', type: 'string' }],
    activity: 'adapter',
    emitter: 'SMSvcHost',
  },
  {
    id: 4003,
    name: 'ServiceStartPipeError',
    level: 'Error',
    channel: 'Analytic',
    task: { id: 2505, name: 'ActivationServiceStart' },
    opcode: { id: 0, name: 'Info' },
    keywords: ANALYTIC_ACTIVATION,
    message: 'Service start pipe error.',
    payload: [{ name: 'Endpoint', type: 'string' }],
    activity: 'none',
    emitter: 'SMSvcHost',
  },
  {
    id: 4008,
    name: 'DispatchSessionStart',
    level: 'Verbose',
    channel: 'Analytic',
    task: { id: 2500, name: 'ActivationDispatchSession' },
    opcode: { id: 1, name: 'Start' },
    keywords: ANALYTIC_ACTIVATION,
    message: 'Session dispatch started.',
    payload: [],
    activity: 'session',
    emitter: 'SMSvcHost',
  },
  {
    id: 4010,
    name: 'PendingSessionQueueFull',
    level: 'Warning',
    channel: 'Analytic',
    task: { id: 2500, name: 'ActivationDispatchSession' },
    opcode: { id: 0, name: 'Info' },
    keywords: ANALYTIC_ACTIVATION,
    message:
      "Session dispatch for '%1' failed since pending session queue is full with '%2' pending items.",
    payload: [
      { name: 'Uri', type: 'string' },
      { name: 'count', type: 'int32' },
    ],
    activity: 'session',
    emitter: 'SMSvcHost',
  },
  {
    id: 4011,
    name: 'MessageQueueRegisterStart',
    level: 'Verbose',
    channel: 'Analytic',
    task: { id: 2557, name: 'MessageQueueRegister' },
    opcode: { id: 1, name: 'Start' },
    keywords: ANALYTIC_ACTIVATION,
    message: 'Message queue register start.',
    payload: [],
    activity: 'worker',
    emitter: 'SMSvcHost',
  },
  {
    id: 4012,
    name: 'MessageQueueRegisterAbort',
    level: 'Error',
    channel: 'Analytic',
    task: { id: 2557, name: 'MessageQueueRegister' },
    opcode: { id: 0, name: 'Info' },
    keywords: ANALYTIC_ACTIVATION,
    message: "Message queue registration aborted with status:'%1' for uri:'%2'.",
    payload: [
      { name: 'Status', type: 'string' },
      { name: 'Uri', type: 'string' },
    ],
    activity: 'worker',
    emitter: 'SMSvcHost',
  },
  {
    id: 4013,
    name: 'MessageQueueUnregisterSucceeded',
    level: 'Verbose',
    channel: 'Analytic',
    task: { id: 2557, name: 'MessageQueueRegister' },
    opcode: { id: 2, name: 'Stop' },
    keywords: ANALYTIC_ACTIVATION,
    message: "Message queue unregister succeeded for uri:'%1'.",
    payload: [{ name: 'Uri', type: 'string' }],
    activity: 'queue',
    emitter: 'SMSvcHost',
  },
  {
    id: 4014,
    name: 'MessageQueueRegisterFailed',
    level: 'Error',
    channel: 'Analytic',
    task: { id: 2557, name: 'MessageQueueRegister' },
    opcode: { id: 0, name: 'Info' },
    keywords: ANALYTIC_ACTIVATION,
    message: "Message queue registration for uri:'%1' failed with status:'%2'.",
    payload: [
      { name: 'Uri', type: 'string' },
      { name: 'Status', type: 'string' },
    ],
    activity: 'worker',
    emitter: 'SMSvcHost',
  },
  {
    id: 4015,
    name: 'MessageQueueRegisterCompleted',
    level: 'Information',
    channel: 'Analytic',
    task: { id: 2557, name: 'MessageQueueRegister' },
    opcode: { id: 0, name: 'Info' },
    keywords: ANALYTIC_ACTIVATION,
    message: "Message queue registration completed for uri '%1'.",
    payload: [{ name: 'Uri', type: 'string' }],
    activity: 'worker',
    emitter: 'SMSvcHost',
  },
  {
    id: 4016,
    name: 'MessageQueueDuplicatedSocketError',
    level: 'Error',
    channel: 'Analytic',
    task: { id: 2500, name: 'ActivationDispatchSession' },
    opcode: { id: 0, name: 'Info' },
    keywords: ANALYTIC_ACTIVATION,
    message: 'Message queue failed duplicating socket.',
    payload: [],
    activity: 'session',
    emitter: 'SMSvcHost',
  },
  {
    id: 4019,
    name: 'MessageQueueDuplicatedSocketComplete',
    level: 'Verbose',
    channel: 'Analytic',
    task: { id: 2500, name: 'ActivationDispatchSession' },
    opcode: { id: 2, name: 'Stop' },
    keywords: ANALYTIC_ACTIVATION,
    // Quirk kept from the manifest: the message is the symbolic name.
    message: 'MessageQueueDuplicatedSocketComplete',
    payload: [],
    activity: 'session',
    emitter: 'SMSvcHost',
  },
  {
    id: 4020,
    name: 'TcpTransportListenerListeningStart',
    level: 'Verbose',
    channel: 'Analytic',
    task: { id: 2506, name: 'ActivationTcpListenerListening' },
    opcode: { id: 1, name: 'Start' },
    keywords: ANALYTIC_ACTIVATION,
    message: "Tcp transport listener starting to listen on uri:'%1'.",
    // Despite its name the value is "address:port" (domain §2.1).
    payload: [{ name: 'Uri', type: 'string' }],
    activity: 'listener',
    emitter: 'SMSvcHost',
  },
  {
    id: 4021,
    name: 'TcpTransportListenerListeningStop',
    level: 'Verbose',
    channel: 'Analytic',
    task: { id: 2506, name: 'ActivationTcpListenerListening' },
    opcode: { id: 2, name: 'Stop' },
    keywords: ANALYTIC_ACTIVATION,
    // Quirk kept from the manifest: "…Stop" marks the end of start-up.
    message: 'Tcp transport listener listening.',
    payload: [],
    activity: 'listener',
    emitter: 'SMSvcHost',
  },
  {
    id: 4022,
    name: 'WebhostUnregisterProtocolFailed',
    level: 'Error',
    channel: 'Analytic',
    task: { id: 2603, name: 'WASActivation' },
    opcode: { id: 0, name: 'Info' },
    keywords: ANALYTIC_ACTIVATION,
    message: 'Error Code:%1',
    payload: [{ name: 'hresult', type: 'string' }],
    activity: 'adapter',
    emitter: 'SMSvcHost',
  },
  {
    id: 4023,
    name: 'WasCloseAllListenerChannelInstancesCompleted',
    level: 'Information',
    channel: 'Analytic',
    task: { id: 2603, name: 'WASActivation' },
    opcode: { id: 2, name: 'Stop' },
    keywords: ANALYTIC_ACTIVATION,
    message: 'Was closing all listener channel instances completed.',
    payload: [],
    activity: 'adapter',
    emitter: 'SMSvcHost',
  },
  {
    id: 4024,
    name: 'WasCloseAllListenerChannelInstancesFailed',
    level: 'Error',
    channel: 'Analytic',
    task: { id: 2603, name: 'WASActivation' },
    opcode: { id: 2, name: 'Stop' },
    keywords: ANALYTIC_ACTIVATION,
    message: 'Error Code:%1',
    payload: [{ name: 'hresult', type: 'string' }],
    activity: 'adapter',
    emitter: 'SMSvcHost',
  },
  {
    id: 4025,
    name: 'OpenListenerChannelInstanceFailed',
    level: 'Error',
    channel: 'Analytic',
    task: { id: 2603, name: 'WASActivation' },
    opcode: { id: 0, name: 'Info' },
    keywords: ANALYTIC_ACTIVATION,
    message: 'Error Code:%1',
    payload: [{ name: 'hresult', type: 'string' }],
    activity: 'adapter',
    emitter: 'SMSvcHost',
  },
  {
    id: 4026,
    name: 'WasConnected',
    level: 'Verbose',
    channel: 'Analytic',
    task: { id: 2603, name: 'WASActivation' },
    opcode: { id: 132, name: 'Connected' },
    keywords: ANALYTIC_ACTIVATION,
    message: 'WAS Connected.',
    payload: [],
    activity: 'adapter',
    emitter: 'SMSvcHost',
  },
  {
    id: 4027,
    name: 'WasDisconnected',
    level: 'Verbose',
    channel: 'Analytic',
    task: { id: 2603, name: 'WASActivation' },
    opcode: { id: 133, name: 'Disconnect' },
    keywords: ANALYTIC_ACTIVATION,
    message: 'WAS Disconnected.',
    payload: [],
    activity: 'adapter',
    emitter: 'SMSvcHost',
  },
  {
    id: 4028,
    name: 'PipeTransportListenerListeningStart',
    level: 'Verbose',
    channel: 'Analytic',
    task: { id: 2503, name: 'ActivationPipeListenerListening' },
    opcode: { id: 1, name: 'Start' },
    keywords: ANALYTIC_ACTIVATION,
    message: 'Pipe transport listener listening start on uri:%1.',
    payload: [{ name: 'Uri', type: 'string' }],
    activity: 'listener',
    emitter: 'SMSvcHost',
  },
  {
    id: 4029,
    name: 'PipeTransportListenerListeningStop',
    level: 'Verbose',
    channel: 'Analytic',
    task: { id: 2503, name: 'ActivationPipeListenerListening' },
    opcode: { id: 2, name: 'Stop' },
    keywords: ANALYTIC_ACTIVATION,
    message: 'Pipe transport listener listening stop.',
    payload: [],
    activity: 'listener',
    emitter: 'SMSvcHost',
  },
  {
    id: 4030,
    name: 'DispatchSessionSuccess',
    level: 'Information',
    channel: 'Analytic',
    task: { id: 2500, name: 'ActivationDispatchSession' },
    opcode: { id: 2, name: 'Stop' },
    keywords: ANALYTIC_ACTIVATION,
    message: 'Session dispatch succeeded.',
    payload: [],
    activity: 'session',
    emitter: 'SMSvcHost',
  },
  {
    id: 4031,
    name: 'DispatchSessionFailed',
    level: 'Error',
    channel: 'Analytic',
    task: { id: 2500, name: 'ActivationDispatchSession' },
    opcode: { id: 0, name: 'Info' },
    keywords: ANALYTIC_ACTIVATION,
    message: 'Session dispatch failed.',
    // Only the implied AppDomain (domain §2.2): no reason, no via, no pid.
    payload: [],
    activity: 'session',
    emitter: 'SMSvcHost',
  },
  {
    id: 4032,
    name: 'WasConnectionTimedout',
    level: 'Critical',
    channel: 'Analytic',
    task: { id: 2603, name: 'WASActivation' },
    opcode: { id: 0, name: 'Info' },
    keywords: ANALYTIC_ACTIVATION,
    message: 'WAS connection timed out.',
    payload: [],
    activity: 'adapter',
    emitter: 'SMSvcHost',
  },
  {
    id: 4033,
    name: 'RoutingTableLookupStart',
    level: 'Verbose',
    channel: 'Debug',
    task: { id: 2504, name: 'ActivationRoutingTableLookup' },
    opcode: { id: 1, name: 'Start' },
    keywords: DEBUG_ACTIVATION,
    message: 'Routing table lookup started.',
    payload: [],
    activity: 'none',
    emitter: 'SMSvcHost',
  },
  {
    id: 4034,
    name: 'RoutingTableLookupStop',
    level: 'Verbose',
    channel: 'Debug',
    task: { id: 2504, name: 'ActivationRoutingTableLookup' },
    opcode: { id: 2, name: 'Stop' },
    keywords: DEBUG_ACTIVATION,
    message: 'Routing table lookup completed.',
    payload: [],
    activity: 'none',
    emitter: 'SMSvcHost',
  },
  {
    id: 4035,
    name: 'PendingSessionQueueRatio',
    level: 'Verbose',
    channel: 'Debug',
    task: { id: 2560, name: 'Quotas' },
    opcode: { id: 0, name: 'Info' },
    // Quota, not ActivationServices (domain §2.1).
    keywords: '0x1000000000400000',
    message: 'Pending session queue ratio: %1/%2',
    payload: [
      { name: 'curr', type: 'int32' },
      { name: 'max', type: 'int32' },
    ],
    activity: 'none',
    emitter: 'SMSvcHost',
  },
] as const satisfies readonly EventDescriptor[];

/** One row of {@link eventCatalog}, with its literal id, name, level and payload fields. */
export type CatalogEntry = (typeof eventCatalog)[number];

/**
 * The catalogue events the simulator never emits: their causes (a crash of SMSvcHost in a
 * WAS callback, a control endpoint that cannot be opened, WAS failing to close listener
 * channels) are not modelled. The README's event reference marks them "sim: no", and
 * validation warns about an expectation that needs one of them.
 */
export const unsimulatedEventIds: ReadonlySet<CatalogEntry['id']> = new Set([4002, 4003, 4024]);

const byId = new Map<number, CatalogEntry>(eventCatalog.map((entry) => [entry.id, entry]));
const byName = new Map<string, CatalogEntry>(
  eventCatalog.map((entry) => [entry.name.toLowerCase(), entry]),
);

/**
 * Looks an event up by its ETW id or its symbolic name.
 *
 * @param idOrName - the id as a number (`4031`) or a numeric string (`'4031'`), or the
 *   symbolic name in any letter case (`'dispatchsessionfailed'`)
 * @returns the catalogue row, or `undefined` when no event matches
 * @example
 * findEvent('DispatchSessionFailed')?.id; // 4031
 */
export function findEvent(idOrName: number | string): CatalogEntry | undefined {
  if (typeof idOrName === 'number') return byId.get(idOrName);
  const key = idOrName.trim();
  if (/^\d+$/.test(key)) return byId.get(Number(key));
  return byName.get(key.toLowerCase());
}

/**
 * Fills an ETW message template: `%1` takes the first value, `%2` the second, and so on.
 * A marker without a matching value is left as it is, so a missing field stays visible.
 *
 * @param template - an English manifest message, e.g. `'Pending session queue ratio: %1/%2'`
 * @param values - the payload values in manifest order
 * @returns the filled message
 * @example
 * formatMessage('Pending session queue ratio: %1/%2', [3, 100]); // 'Pending session queue ratio: 3/100'
 */
export function formatMessage(template: string, values: readonly (string | number)[]): string {
  return template.replace(/%(\d+)/g, (marker, index: string) => {
    const value = values[Number(index) - 1];
    return value === undefined ? marker : String(value);
  });
}
