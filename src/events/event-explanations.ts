// Event explanations: for every catalogue event, when real SMSvcHost (or the worker) writes it,
// what causes it, what the client sees and what it is commonly confused with. Plain data written
// from the domain reference (§2.1–§2.4 events, §3.1 pipeline, §3.3/§3.4 failure paths, §5
// client faults, §6 WAS behaviour, §7 field causes). Statements the reference marks as inferred
// say "inferred". This file is long because it is a table, not logic.

import type { CatalogEntry } from './event-catalog.js';

/** A plain-language account of one ETW event, for reports and the CLI's `explain` output. */
export interface EventExplanation {
  /** One paragraph: when the real process writes the event and what triggers it. */
  readonly summary: string;
  /** Each concrete cause, one per entry. */
  readonly triggers: readonly string[];
  /** What the connecting client observes (domain §5). */
  readonly clientSees: string;
  /** Situations people confuse with this event, each with how to tell them apart. */
  readonly mistakenFor: readonly string[];
  /** Domain-reference sections the explanation rests on, e.g. `'§3.3'`. */
  readonly domainSections: readonly string[];
}

const ENDPOINT_NOT_FOUND_TEXT =
  'There was no endpoint listening at {via} that could accept the message. This is often caused by an incorrect address or SOAP action. See InnerException, if present, for more details.';
const ENDPOINT_UNAVAILABLE_TEXT =
  "The message could not be dispatched because the service at the endpoint address '{via}' is unavailable for the protocol of the address.";
const CONNECTION_DISPATCH_FAILED_TEXT =
  "The message could not be dispatched to the service at address '{via}'. Refer to the server Event Log for more details";

/**
 * The explanation of every catalogue event, keyed by ETW id. Keyed by the catalogue's id
 * union, so a catalogue row without an explanation (or a stray id) fails to compile.
 */
export const eventExplanations: Readonly<Record<CatalogEntry['id'], EventExplanation>> = {
  1419: {
    summary:
      "Written by the shared System.ServiceModel ConnectionAcceptor inside SMSvcHost when an accept completes and the connections accepted but not yet handed off (still reading their preamble) reach the transport's maxPendingConnections (default 100). The acceptor then stops posting accepts until a slot is released, so further clients wait in the kernel listen backlog. The payload is the resource text of TraceCodeMaxPendingConnectionsReached, 'Maximum number of pending connections has been reached.'; nothing is aborted. Each connection later accepted from the backlog into a freed slot reaches the limit again and writes another 1419.",
    triggers: [
      'An accept completes while the accepted-but-not-yet-routed count plus one reaches maxPendingConnections on that listener (§3.1 step 2, §4.1).',
      'Clients that connect but send their preamble slowly or not at all hold acceptor slots until receiveTimeout (30 s by default) expires (§3.1 steps 3–4).',
      'A burst of new connections larger than maxPendingConnections on one listening endpoint.',
    ],
    clientSees:
      'Nothing for the connection that triggered it. Later clients are not accepted until a slot frees; they wait in the listen backlog, and when that backlog (listenBacklog) is full the OS refuses the connect (inferred) (§4.1).',
    mistakenFor: [
      '4010 PendingSessionQueueFull: the same setting used as the per-queue limit after routing; 4010 aborts the session, 1419 aborts nothing (§4.1).',
      '1430/4035 ratio events: routine Verbose telemetry, not a limit being hit.',
    ],
    domainSections: ['§2.3', '§3.1', '§4.1'],
  },
  1430: {
    summary:
      'Verbose quota telemetry from the ConnectionAcceptor inside SMSvcHost. After an accept that stays below the limit, and after every release of an acceptor slot, it reports how many connections are accepted but not yet handed off, against maxPendingConnections. A slot is released right after the via has been decoded and the session handed to the transport listener, or when the preamble reader gives up on the connection.',
    triggers: [
      'An accept completed below maxPendingConnections (at the limit 1419 is written instead) (§3.1 step 2).',
      'A connection left the preamble stage: handed off after its via was decoded (§3.1 step 5), or dropped by the preamble reader (§3.4).',
    ],
    clientSees: 'Nothing: telemetry only.',
    mistakenFor: [
      '4035 PendingSessionQueueRatio: counts routed sessions waiting for a worker in one message queue, not connections still reading their preamble (§3.1 step 7).',
      '1419 MaxPendingConnectionsExceeded: the event that marks the acceptor limit itself.',
    ],
    domainSections: ['§2.3', '§3.1', '§4.1'],
  },
  1439: {
    summary:
      'Written by the ConnectionAcceptor inside SMSvcHost when an accept completes and no other accept is outstanding on that listener. The acceptor posts new accepts right away unless maxPendingConnections throttles it, so a lone 1439 is routine; repeated 1439 next to 1419 means the listener is not accepting new connections for a while.',
    triggers: [
      'An accept completed and it was the last one posted (maxPendingAccepts accepts were all consumed) (§3.1 step 2).',
      'The acceptor cannot post new accepts because accepted-but-unrouted connections plus pending accepts have reached maxPendingConnections (§3.1 step 2, §4.1).',
    ],
    clientSees:
      'Nothing directly. While accepts stay at zero because of the maxPendingConnections throttle, new clients wait in the listen backlog (inferred) (§4.1).',
    mistakenFor: [
      'A stopped listener: when the last registration of an endpoint goes away the listening socket is closed and routes are removed (4013), which is not 1439 (§3.3).',
      '1419 MaxPendingConnectionsExceeded, which is the throttle itself.',
    ],
    domainSections: ['§2.3', '§3.1', '§4.1'],
  },
  3346: {
    summary:
      'Written by the shared InitialServerConnectionReader.SendFault, which SMSvcHost calls through TransportListener.SendFault for every framing fault it writes. The payload is the fault URI. After the event SMSvcHost writes the Fault record, shuts down its send side, drains at most 64 KB of client bytes within one minute and closes the connection; any error turns into an abort. It is written before the write is attempted, so it also appears when the write then fails (inferred from the code order).',
    triggers: [
      'No route for the via: EndpointNotFound (§3.4).',
      'The queue cannot dispatch (port sharing or activation service paused, app disabled or blocked, pool stopped, adapter not ready, queue faulted): EndpointUnavailable at enqueue time (§3.4).',
      'Queued sessions dropped because the app or pool was disabled, the app deleted or the queue faulted: one EndpointUnavailable per session (§3.4, §6.3).',
      'Every 4031: ConnectionDispatchFailed; it reaches the client only on path F1 (§3.3).',
    ],
    clientSees: `The exception matching the fault (§5): EndpointNotFound gives EndpointNotFoundException "${ENDPOINT_NOT_FOUND_TEXT}"; EndpointUnavailable gives EndpointNotFoundException "${ENDPOINT_UNAVAILABLE_TEXT}"; ConnectionDispatchFailed gives CommunicationException "${CONNECTION_DISPATCH_FAILED_TEXT}".`,
    mistakenFor: [
      'Aborts: a full queue (4010), preamble errors and a self-hosted queue closing with sessions pending drop the connection without any fault and without 3346 (§3.4).',
      'Faults sent by the worker (ServiceActivationFailed, EndpointNotFound for an unknown .svc): the worker writes them over the duplicated connection after SMSvcHost has logged 4030 (§3.3, §5).',
    ],
    domainSections: ['§2.3', '§3.3', '§3.4', '§5'],
  },
  3358: {
    summary:
      "Written in the worker process (System.ServiceModel), not in SMSvcHost, when the worker's SharedConnectionListener builds a socket from the duplicated socket information that SMSvcHost sent in its dispatch callback, replaying the preamble bytes SMSvcHost had already read, and queues it for its own channel listener. The payload is the via. TCP only: a duplicated pipe has no ETW counterpart. For WAS, the first via of a listener runs the hosting callback (service activation) before this point.",
    triggers: [
      "SMSvcHost duplicated the socket into this worker (4019) and called IConnectionDuplicator.BeginDuplicate over the worker's control session (§3.1 step 9).",
    ],
    clientSees:
      "Nothing by itself. SMSvcHost writes 4030 only when the worker's own acceptor dequeues the connection; after that the worker processes the preamble and, on failure, answers with its own fault (§3.1 steps 9–10, §5).",
    mistakenFor: [
      "4019 MessageQueueDuplicatedSocketComplete: SMSvcHost's side of the same hand-off, written before the callback (§2.1).",
      '4030 DispatchSessionSuccess: written later, when the worker dequeues the connection. If the worker exits between 3358 and that point SMSvcHost logs 4031 (path F2) (§3.3).',
    ],
    domainSections: ['§2.1', '§3.1'],
  },
  3364: {
    summary:
      "Written in the worker process when it starts registering with SMSvcHost's control endpoint: a self-hosted service with portSharingEnabled (queueId 0) or a WAS worker's AppDomain protocol handler (listener-channel id and token) calls Register with its version, PID, base address, queue id, token and security event name. SMSvcHost answers with 4011 and then 4015, 4014 or 4012; the worker ends with 3365 or 3366.",
    triggers: [
      'A self-hosted service opens a port-shared endpoint (§6.4).',
      'A WAS worker (w3wp) starts the protocol handler for a listener channel that SMSvcHost asked WAS to open (§6.2, §6.3).',
      'A self-hosted service re-registers after its control channel faulted (after a 4031, a queue close or a service restart), with back-off from 30 s up to 5 min (§3.3).',
    ],
    clientSees:
      'Nothing. Until registration completes no session can be dispatched to this worker; WAS sessions wait in the queue meanwhile (§6.3).',
    mistakenFor: [
      '4011 MessageQueueRegisterStart: the SMSvcHost half of the same call (§2.1).',
      'A new service: a repeated 3364 for the same base address usually means the worker lost its control session and is re-registering (§3.3, §6.4).',
    ],
    domainSections: ['§2.1', '§6.2', '§6.4'],
  },
  3365: {
    summary:
      "Written in the worker process as soon as Register on SMSvcHost's control endpoint returns Success (SMSvcHost has written 4015 and signalled the worker's security event). From then on SMSvcHost holds one idle token for this worker and can dispatch sessions to it.",
    triggers: [
      'SMSvcHost accepted the registration: queue found or created, worker added, security event signalled (§2.1 4015).',
    ],
    clientSees:
      'Nothing directly. Sessions waiting in the queue start to be dispatched to the new worker in FIFO order (4008) (§3.1 step 8, §6.3).',
    mistakenFor: [
      "4021/4029 listener start-up: those are SMSvcHost's listening sockets, opened when an endpoint is first registered, not the worker (§3.1 step 1).",
      '4013 MessageQueueUnregisterSucceeded: the end of a registration, whereas 3365 is the Stop opcode of the register call itself (§2.1).',
    ],
    domainSections: ['§2.1', '§6.2'],
  },
  3366: {
    summary:
      'Written in the worker process when Register returns a non-success status. The worker then throws AddressAlreadyInUseException for ConflictingRegistration and FailedToListen, and CommunicationException otherwise, so the service host fails to open. SMSvcHost normally logs 4014 for the same call; after a 4012 abort the worker may see a communication error instead of a status (inferred).',
    triggers: [
      'ConflictingRegistration: another process already registered the same base path (self-hosted queues cannot be shared) (§6.4).',
      'FailedToListen: SMSvcHost could not listen on the endpoint (§2.1).',
      'VersionUnsupported, PathTooLong (base URI over 2048 bytes), ProtocolUnsupported (§2.1, §4.2).',
      'InvalidArgument: unknown listener-channel id or wrong token for a WAS worker (§2.1).',
    ],
    clientSees: `The service is not reachable through this registration. If nothing else routes the via, clients get EndpointNotFoundException "${ENDPOINT_NOT_FOUND_TEXT}" (§5).`,
    mistakenFor: [
      'A worker identity missing from allowAccounts: it fails while reading the shared-memory endpoint name or connecting to the control pipe, before Register, so there is no 3364/3366 and no SMSvcHost event (§4.1, §6.2, §7).',
      '4031: registration failures never produce dispatch events (§3.3).',
    ],
    domainSections: ['§2.1', '§4.1', '§6.2', '§6.4'],
  },
  4001: {
    summary:
      "Written by TransportListener.OnDupHandle when SMSvcHost has read a new connection's preamble far enough to know its via and hands the session over, just before the routing lookup. It is the first event of a session and the only one that carries the via; it is written with the session's fresh ActivityId, so later session events (4010, 4008, 4016/4019, 4030/4031) are joined to it on that id.",
    triggers: [
      'A client connected and sent a valid Version and Mode (duplex or singleton) and its Via (plus the encoding record for duplex) within receiveTimeout (§3.1 steps 3–5).',
    ],
    clientSees: 'Nothing yet: the outcome follows (4030, 4010, or a fault) (§3.1).',
    mistakenFor: [
      'Preamble failures (timeout, bad record, unsupported version or mode, via over 2048 bytes) never reach 4001: those connections are aborted without an event (§3.4).',
      'A routable via: a routing miss also starts with 4001, then 4033/4034 and an EndpointNotFound fault (§3.4).',
    ],
    domainSections: ['§2.1', '§2.2', '§3.1', '§3.4'],
  },
  4002: {
    summary:
      'Written by ListenerAdapter.HandleUnknownError when an unexpected exception escapes a WAS callback in the Net.Tcp or Net.Pipe listener adapter. The serialized exception is the payload; SMSvcHost also logs Event Log 4 (UnknownListenerAdapterError) and then terminates its own process.',
    triggers: [
      'An unexpected exception while handling a WAS listener-adapter callback: app pool or application created, deleted or changed, listener channel notifications, config manager connected, disconnected or initialization completed (§1, §2.1).',
    ],
    clientSees:
      'Every service hosted in the SMSvcHost process goes down with it, port sharing included: in-flight connections are cut and new ones fail until the services restart (inferred) (§1, §2.1).',
    mistakenFor: [
      '4032 WasConnectionTimedout: the activator service stops itself in an orderly way after WAS stayed disconnected for 120 s (§6.3).',
      'Event Log 10 SharingUnhandledException: an unhandled exception in the sharing service, not in a WAS callback (§2.4).',
    ],
    domainSections: ['§2.1', '§2.4'],
  },
  4003: {
    summary:
      'Written by SharingService.StartControlService when opening the control endpoint net.pipe://<service>/<guid>/ throws CommunicationException. SMSvcHost retries with a fresh GUID, up to 5 attempts, writing one 4003 per failed attempt; the endpoint name is the payload. It carries no activity.',
    triggers: [
      "Opening the registration endpoint's service host fails with CommunicationException at service start (§1).",
      'Each further failed retry, up to MaxRetries = 5 (§4.2).',
    ],
    clientSees:
      'Nothing while a retry succeeds. If all attempts fail, workers cannot register with the sharing service, so no service becomes reachable through it (inferred) (§1).',
    mistakenFor: [
      'Registration failures of one worker (4012, 4014, 3366) after the control endpoint is up (§2.1).',
      'Worker-side failures to read the shared-memory endpoint name (SharedEndpointReadDenied, SharedEndpointReadNotFound), which happen in the worker and write no 4003 (§6.2).',
    ],
    domainSections: ['§1', '§2.1', '§4.2'],
  },
  4008: {
    summary:
      'Written by MessageQueue.StartDispatchSession when a pending session has been paired with an idle registered worker, right before the handle is duplicated into that worker and the worker is called back. Every 4030 and 4031 follows a 4008 of the same session; a session still waiting in the queue has its 4001 but no 4008 (the 4035 of its enqueue carries no ActivityId).',
    triggers: [
      'A session is enqueued while an idle worker token is available (§3.1 step 8).',
      'A worker becomes idle with sessions pending: it registered, or finished its previous dispatch (one dispatch in flight per worker) (§3.1 steps 8 and 10).',
    ],
    clientSees:
      'Nothing yet: the client is still waiting for the service to answer its preamble (§3.1).',
    mistakenFor: [
      'A slow dispatch: a long gap between the 4001 and the 4008 of a session (both carry its ActivityId; 4035 carries none) means no idle worker (all busy, or none registered while WAS starts a new one); queued sessions are never timed out (§3.1, §4.1, §6.3).',
      'A lost outcome: 4008 with neither 4030 nor 4031 is the edge case where BeginDispatchSession threw synchronously and the session was dropped (§3.3).',
    ],
    domainSections: ['§2.1', '§3.1', '§3.3'],
  },
  4010: {
    summary:
      'Written by MessageQueue.EnqueueSessionAndDispatch when a routed session finds its queue already holding maxQueueSize pending sessions (maxQueueSize is the transport\'s maxPendingConnections, 100 by default). The via and the pending count are the payload; the connection is aborted without a fault and the "Dispatch Failures" counter is incremented.',
    triggers: [
      'No worker takes sessions for long enough while clients keep arriving: worker crashed or recycled and WAS has not started a new one, or every worker is busy with a slow dispatch (§3.1 step 8, §6.3).',
      'maxPendingConnections set too low for the load (§4.1, §7).',
      'A maxPendingConnections of 0 would make every enqueue "full" (inferred) (§4.1).',
    ],
    clientSees:
      'An abort without a fault: a CommunicationException ("The socket connection was aborted…" over TCP, a pipe-ended error over named pipes) (inferred) (§5).',
    mistakenFor: [
      '1419 MaxPendingConnectionsExceeded: the same setting at the acceptor stage; it aborts nothing (§4.1).',
      '4031: a session rejected with 4010 never reaches dispatch (no 4008) (§3.4).',
      'A ServerTooBusy fault: defined for clients but never sent by SMSvcHost; "too busy" is this abort (§5).',
    ],
    domainSections: ['§2.1', '§3.4', '§4.1', '§5'],
  },
  4011: {
    summary:
      'Written at the entry of WorkerProcess.IConnectionRegister.Register in SMSvcHost, when a worker calls Register on the control endpoint. Exactly one of 4015 (completed), 4014 (failed) or 4012 (aborted) follows for the same worker activity.',
    triggers: [
      'A worker registers (the worker writes 3364): a self-hosted service opening, a WAS protocol handler starting, or a re-registration after reconnect (§6.2, §6.4).',
    ],
    clientSees: 'Nothing.',
    mistakenFor: [
      "3364 SharedListenerProxyRegisterStart: the worker's half of the same call (§2.1).",
      '4020/4028 listener start: written during a registration only when it is the first to need that endpoint (§3.1 step 1).',
    ],
    domainSections: ['§2.1', '§2.2', '§6.2'],
  },
  4012: {
    summary:
      "Written when Register fails in a way that makes SMSvcHost abort the worker's control session, with the status (InvalidArgument) and the base URI. No dispatch can go to that worker.",
    triggers: [
      'The base path or the security event name is null (§2.1).',
      "On Vista and later, the PID the worker claims differs from the named-pipe client's PID (§2.1).",
      'queueId is 0 and the path is null (§2.1).',
      "The worker's security event cannot be opened or signalled (§2.1).",
    ],
    clientSees:
      'Nothing for this worker. Clients of a self-hosted service get EndpointNotFound if nothing else routes their via; for a WAS app, sessions wait in the queue until another worker registers (inferred) (§5, §6.3).',
    mistakenFor: [
      '4014 MessageQueueRegisterFailed: a refused registration that closes the control session gracefully (2 s) instead of aborting it (§2.1).',
      'A worker identity missing from allowAccounts: it cannot reach Register at all, so there is no 4011/4012 (§4.1).',
    ],
    domainSections: ['§2.1', '§6.2'],
  },
  4013: {
    summary:
      "Written by MessageQueue.Unregister(path), once per registered base path, when a queue is closed or deleted or its bindings are replaced. The routes for that path are removed, so later connections to it get EndpointNotFound; it is written under the queue's own activity.",
    triggers: [
      'Self-hosted: the last worker of the queue left (clean close, crash, or unregistered after a 4031); pending sessions are aborted (§3.3, §6.4).',
      'WAS: the application or its pool was deleted, or its bindings changed (§6.3).',
      'Service stop (MessageQueue.CloseAll): every queue of the transport is closed (§3.4).',
    ],
    clientSees: `New connections to the path get EndpointNotFoundException "${ENDPOINT_NOT_FOUND_TEXT}". Sessions still queued are aborted without a fault when a self-hosted queue closes, or get EndpointUnavailable when a WAS app is deleted (§3.4, §5).`,
    mistakenFor: [
      'A WAS worker leaving: removing the last worker of an activated queue does nothing else and writes no 4013; sessions wait for a new worker (§3.3, §6.3).',
      '4021/4029 "Stop" events: they mark the end of listener start-up, not a shutdown (§2.1).',
    ],
    domainSections: ['§2.1', '§3.3', '§3.4', '§6.3'],
  },
  4014: {
    summary:
      "Written when Register returns a non-success status without aborting: SMSvcHost then closes the worker's control session gracefully (2 s). The worker logs 3366 and its service host fails to open.",
    triggers: [
      'VersionUnsupported: the worker announced a newer protocol version (§2.1).',
      'ConflictingRegistration: the base path is already registered by another process (§6.4).',
      'FailedToListen: the endpoint could not be listened on (§2.1).',
      'PathTooLong: the base URI exceeds 2048 bytes (§4.2).',
      'ProtocolUnsupported: the scheme does not match the queue (§2.1).',
      'InvalidArgument: unknown listener-channel id or wrong token (§2.1).',
    ],
    clientSees: `The service is not reachable through this registration; if nothing else routes the via, clients get EndpointNotFoundException "${ENDPOINT_NOT_FOUND_TEXT}" (§5).`,
    mistakenFor: [
      '4012 MessageQueueRegisterAbort: the variant that aborts the control session (§2.1).',
      "3366 SharedListenerProxyRegisterFailed: the worker's half of the same failure (§2.1).",
    ],
    domainSections: ['§2.1', '§6.2', '§6.4'],
  },
  4015: {
    summary:
      'Written when Register succeeds: the queue was found (WAS) or created with its routes and listener (self-hosted), the worker was added with one idle token, and its security event was signalled. For a WAS queue this moves it to Connected and resets its listener-channel failure counter; queued sessions start to be dispatched.',
    triggers: [
      'A valid registration: self-hosted with a free base path, or a WAS worker with the right listener-channel id and token (§6.2, §6.3, §6.4).',
    ],
    clientSees:
      'Nothing directly; queued sessions begin dispatching to the new worker (4008) (§3.1 step 8).',
    mistakenFor: [
      "3365 SharedListenerProxyRegisterStop: the worker's half of the same call (§2.1).",
      '4030: a registration completing says nothing about any session reaching the service (§3.1).',
    ],
    domainSections: ['§2.1', '§6.3'],
  },
  4016: {
    summary:
      'Written by TcpWorkerProcess.DuplicateConnection when Socket.DuplicateAndClose(workerPid) (WSADuplicateSocket) throws. TCP only. It is always followed by 4031 for the same session (path F1): Event Log 8, the worker is unregistered, and SMSvcHost, which still owns the connection, writes the ConnectionDispatchFailed fault.',
    triggers: [
      'SMSvcHost has no right to duplicate handles into the worker (WSA error 10022) (§3.3).',
      'The worker process is exiting or has exited (WSA error 10024) (§3.3).',
      'Layered service providers interfering with WSADuplicateSocket (§7).',
    ],
    clientSees: `CommunicationException "${CONNECTION_DISPATCH_FAILED_TEXT}" (ConnectionDispatchFailed fault) (§5).`,
    mistakenFor: [
      'The same failure on a named pipe: it has no ETW counterpart and shows only as 4031 plus Event Log 9 (§2.1, §3.3).',
      '4019 MessageQueueDuplicatedSocketComplete: the success counterpart (§2.1).',
    ],
    domainSections: ['§2.1', '§3.3', '§5', '§7'],
  },
  4019: {
    summary:
      "Written by TcpWorkerProcess.DuplicateConnection when Socket.DuplicateAndClose succeeded, before SMSvcHost calls the worker back. SMSvcHost's own copy of the socket is closed at this point, so a failure after 4019 is path F2 or F3: 4031 without a usable fault. The message is the event's own name.",
    triggers: ['The TCP socket was duplicated into the worker process (§3.1 step 9).'],
    clientSees: 'Nothing yet (§3.1).',
    mistakenFor: [
      '4030 DispatchSessionSuccess: 4019 does not mean the worker accepted the connection (§3.1 steps 9–10).',
      'A pipe dispatch: the pipe path has no 4019 (§2.1).',
    ],
    domainSections: ['§2.1', '§3.1', '§3.3'],
  },
  4020: {
    summary:
      'Written by the TCP TransportListener constructor, i.e. by the first registration that needs a given IP endpoint; later registrations share the ref-counted listener. Despite the field name the payload is address:port, with the marker 255.255.255.255:<port> for host-name registrations, which listen on IPv4 Any and IPv6 Any of that port.',
    triggers: [
      'The first self-hosted registration or WAS application binding that uses this IP endpoint (§3.1 step 1).',
    ],
    clientSees: 'Nothing; the port starts accepting once 4021 is written (§3.1 step 1).',
    mistakenFor: [
      'A new listener per service: registrations on an endpoint that is already listened on share it and write no 4020 (§1).',
      'A URI: the payload is an address:port string (§2.1).',
    ],
    domainSections: ['§1', '§2.1', '§3.1'],
  },
  4021: {
    summary:
      'Written at the end of the TCP TransportListener constructor, when listening has started. The name says "Stop" because it closes the start-up span that 4020 opened; the message says the listener is listening.',
    triggers: ['The TCP listener for an IP endpoint finished starting (§3.1 step 1).'],
    clientSees: 'Nothing; connections to the port are accepted from now on (§3.1 step 2).',
    mistakenFor: ['A listener shutdown: there is no ETW event when a TCP listener stops (§2.1).'],
    domainSections: ['§2.1', '§3.1'],
  },
  4022: {
    summary:
      'Written by ListenerAdapterBase.Close after calling WebhostUnregisterProtocol when the listener adapter closes. Despite its name it is written whenever the event is enabled, even when the hresult is 0, because the event call sits outside the failure check.',
    triggers: ['The Net.Tcp or Net.Pipe listener adapter (activator service) stops (§6.3).'],
    clientSees:
      'Nothing from the event itself; stopping the activator stops WAS activation for that protocol (§6.3).',
    mistakenFor: ['A failure: check the hresult; "Error Code:0" is a success (§2.1).'],
    domainSections: ['§2.1', '§6.3'],
  },
  4023: {
    summary:
      "Written when WebhostCloseAllListenerChannelInstances returns 0: SMSvcHost asked WAS to stop the workers of an application's listener channel, then waits for the all-instances-stopped notification to finish the pending action.",
    triggers: [
      'An application with running instances is deleted or its bindings, pool or requests-blocked setting change (§6.3).',
      'The activator service stops while instances run (§6.3).',
    ],
    clientSees:
      "The app's workers shut down; sessions queued meanwhile are handled by the follow-up action (for a deleted app they get EndpointUnavailable) (§6.3).",
    mistakenFor: [
      '4024 WasCloseAllListenerChannelInstancesFailed: the same call returning non-zero (§2.1).',
    ],
    domainSections: ['§2.1', '§6.1', '§6.3'],
  },
  4024: {
    summary:
      'Written when WebhostCloseAllListenerChannelInstances returns a non-zero hresult, which is the payload.',
    triggers: [
      'Closing the listener channel instances of an application failed during app delete, settings change or adapter stop (§6.3).',
    ],
    clientSees:
      'Nothing directly; the pending app action may not complete as expected (inferred) (§6.3).',
    mistakenFor: ['4023: the success case of the same call (§2.1).'],
    domainSections: ['§2.1', '§6.3'],
  },
  4025: {
    summary:
      "Written when WebhostOpenListenerChannelInstance returns non-zero, with that HRESULT as the adapter's int.ToString() writes it, in decimal (0x80070005 is 'Error Code:-2147024891'). SMSvcHost had asked WAS to start a listener channel instance (a worker process, or the application in a running one) for an application's queue; the queue goes to Faulted, its pending sessions get EndpointUnavailable (the session whose enqueue asked for the open included: the open comes before the dispatch), and new sessions get EndpointUnavailable until it returns to PendingOpen after 15 s (plus up to 5 s of timer skew), or until a worker registers for it (OnListenerChannelConnected).",
    triggers: [
      'A session was enqueued for a WAS app in state PendingOpen and the WAS open call failed (§6.3).',
      'WAS said a new listener channel instance may be opened (a worker process exited, crashed, idled out or ended a non-overlapped recycle, or an app domain was torn down after a 4031) while sessions were pending, and the reopen the queue asked for at once failed (ActivatedMessageQueue.LaunchQueueInstance) (§6.3).',
      'An AlwaysRunning pool opening its applications without a session, at start or when the pool or application is enabled again, and the open failed (§6.3).',
    ],
    clientSees: `EndpointNotFoundException "${ENDPOINT_UNAVAILABLE_TEXT}" (EndpointUnavailable fault) for pending and new sessions during the throttle (§5, §6.3).`,
    mistakenFor: [
      'More than 6 consecutive "can open new instance" notifications without a worker registering also fault the queue, with no 4025 (§6.3).',
      '4031: no worker is involved, so nothing is dispatched (§3.3).',
    ],
    domainSections: ['§2.1', '§6.3', '§5'],
  },
  4026: {
    summary:
      "Written on WAS's config-manager-connected callback: at adapter start and when WAS comes back after a disconnect, after which the configuration is replayed.",
    triggers: [
      'The listener adapter connects to WAS at start (§6.1).',
      'WAS reconnects within 120 s after a 4027 (§6.3).',
    ],
    clientSees:
      'Nothing directly; after a reconnect the apps are recreated and dispatching can resume (§6.3).',
    mistakenFor: [
      'Ready to dispatch: the adapter can dispatch only once WAS reports that its initial configuration is complete, which has no ETW event of its own (§3.4).',
    ],
    domainSections: ['§2.1', '§6.3'],
  },
  4027: {
    summary:
      'Written when WAS disconnects while the adapter is open ("WAS has crashed"). SMSvcHost logs Event Log 5, deletes all apps (queued sessions get EndpointUnavailable, routes are removed), cannot dispatch, and waits 120 s for WAS to reconnect (4026) before giving up (4032).',
    triggers: ['The WAS service crashed or was stopped while the activator was running (§6.3).'],
    clientSees: `Queued sessions get EndpointNotFoundException "${ENDPOINT_UNAVAILABLE_TEXT}". Deleting the apps unregisters their paths, and RoutingTable.Stop stops a port's listener with its last registration, so new connections to a port only WAS apps used are refused (TCP error 10061); on a port another registration still holds they get EndpointNotFound (§5, §6.3; SMS/RoutingTable.cs, SMS/TransportListener.cs).`,
    mistakenFor: [
      '4032 WasConnectionTimedout: the follow-up when WAS does not return within 120 s (§6.3).',
    ],
    domainSections: ['§2.1', '§2.4', '§6.3'],
  },
  4028: {
    summary:
      'Written by the named-pipe TransportListener constructor for a pipe base address (pipe listeners are not shared). The base address is the payload.',
    triggers: ['A registration or WAS binding needs a new pipe base address (§3.1 step 1).'],
    clientSees: 'Nothing; the pipe accepts connections once 4029 is written (§3.1 step 1).',
    mistakenFor: [
      '4020: the TCP counterpart, whose payload is address:port rather than a URI (§2.1).',
    ],
    domainSections: ['§1', '§2.1', '§3.1'],
  },
  4029: {
    summary:
      'Written at the end of the named-pipe TransportListener constructor, when the pipe listener has started, despite the "Stop" in its name.',
    triggers: ['The pipe listener for a base address finished starting (§3.1 step 1).'],
    clientSees: 'Nothing; pipe connections are accepted from now on (§3.1 step 2).',
    mistakenFor: ['A listener shutdown (§2.1).'],
    domainSections: ['§2.1', '§3.1'],
  },
  4030: {
    summary:
      'Written by MessageQueue.TraceDispatchCompleted(true) when the worker\'s reply to the dispatch callback arrives, which happens only after the worker\'s own acceptor has dequeued the duplicated connection. SMSvcHost increments "Connections Dispatched" and puts the worker back in the idle FIFO. It only means the hand-off worked: the worker can still fail the session afterwards.',
    triggers: [
      'Handle duplication and the callback to the worker both succeeded (§3.1 steps 9–10).',
      'The worker answered the session itself with a fault (service activation failed, unknown .svc) or aborted it because its listener stopped, and still reported success (§3.3).',
    ],
    clientSees:
      'Usually a working channel. If the worker failed the session it sends its own fault: ServiceActivationFailed (ServiceActivationException) or EndpointNotFound (EndpointNotFoundException), or aborts the connection (§5).',
    mistakenFor: [
      'End-to-end success: worker-side activation failures are faults sent after a 4030, never 4031 (§3.3, §8).',
    ],
    domainSections: ['§2.1', '§3.1', '§3.3', '§5', '§8'],
  },
  4031: {
    summary:
      'Written by MessageQueue.TraceDispatchCompleted(false), its only call site, when WorkerProcess.EndDispatchSession returns false: ending the dispatch threw a CommunicationException (ServiceActivationException, FaultException, aborted or faulted channel), ObjectDisposedException or TimeoutException. The payload is only the AppDomain: the via comes from the 4001 with the same ActivityId. On every path SMSvcHost logs Event Log 8 (TCP) or 9 (pipe), unregisters the worker, aborts its control channel and tries to write a ConnectionDispatchFailed fault; the session is never retried and the "Dispatch Failures" counter is not incremented.',
    triggers: [
      'F1, handle duplication fails: TCP DuplicateAndClose throws (no right to duplicate, WSA 10022; worker exiting, 10024), after 4016; or, for pipes, OpenProcess/DuplicateHandle fails (§3.3).',
      'F2, the callback to the worker fails after duplication (after 4019 on TCP): the worker process crashed or exited, its control session closed or faulted (app domain recycle, w3wp shutdown, listener stopped), or its BeginDuplicate threw an exception returned as a SOAP fault (§3.3, §7).',
      'F3, the callback timed out: historic 3.0/3.5 behaviour with a one-minute operation timeout; 4.x sets it to infinite, so this path should not occur there (§3.3, §7).',
      'Side effects on every path, in this order: Event Log 8 (TCP) or 9 (pipe) with the worker PID; the worker unregistered and its control channel aborted (a self-hosted queue losing its last worker closes: 4013, pending sessions aborted); then 4031 and the ConnectionDispatchFailed write (3346). The session is never retried (§3.3, §6.3).',
    ],
    clientSees: `F1: SMSvcHost still owns the connection and writes the ConnectionDispatchFailed framing fault, so the client gets a CommunicationException "${CONNECTION_DISPATCH_FAILED_TEXT}". F2/F3: the handle already lives in the worker and SMSvcHost's fault write fails silently, so the client usually sees a connection reset or its own open/send timeout (inferred) (§5).`,
    mistakenFor: [
      'Service activation failure in the worker: the worker sends a ServiceActivationFailed fault and SMSvcHost logs 4030, not 4031 (§3.3).',
      'Unknown .svc or endpoint in the worker: EndpointNotFound fault from the worker, with 4030 (§3.3).',
      'No route for the via: EndpointNotFound fault from SMSvcHost after 4001/4033/4034, no 4031 (§3.4).',
      'Queue full: 4010 and an abort without a fault (§3.4).',
      'Preamble errors and timeouts: the connection is aborted with no event at all (§3.4).',
      'Paused or disabled service, app or pool, or a faulted queue: EndpointUnavailable fault, no 4031 (§3.4).',
      'A session dropped because BeginDispatchSession threw synchronously: 4008 followed by neither 4030 nor 4031 (§3.3).',
    ],
    domainSections: ['§2.1', '§2.2', '§2.4', '§3.3', '§3.4', '§5', '§7'],
  },
  4032: {
    summary:
      'Written when WAS has not reconnected within 120 s after a 4027 disconnect. SMSvcHost logs Event Log 6 and the activator service stops itself.',
    triggers: ['WAS stayed down longer than WasConnectTimeout (120 s) (§4.2, §6.3).'],
    clientSees:
      'WAS-activated services of that protocol stay unreachable until the activator is restarted (inferred) (§6.3).',
    mistakenFor: [
      '4002 FailFastException: a crash of the whole SMSvcHost process, not an orderly stop of one activator (§2.1).',
    ],
    domainSections: ['§2.1', '§2.4', '§4.2', '§6.3'],
  },
  4033: {
    summary:
      'Written at the entry of RoutingTable.Lookup on the Debug channel, with no activity: once per new session (after 4001) and once per ValidateUriRoute call from a worker.',
    triggers: [
      'A session needs routing (§3.1 step 6).',
      'A worker validates a via against the routing table (ValidateUriRoute) (§2.1).',
    ],
    clientSees: 'Nothing (§3.1).',
    mistakenFor: [
      'A session event: it carries no ActivityId, so it cannot be joined to a session by id, only by order (§2.2).',
    ],
    domainSections: ['§2.1', '§2.2', '§3.1'],
  },
  4034: {
    summary:
      'Written at the exit of RoutingTable.Lookup on the Debug channel, with no activity, whether the lookup hit or missed: the result is not in the payload.',
    triggers: ['Every routing lookup completes, hit or miss (§3.1 step 6).'],
    clientSees: `Nothing by itself. After a miss SMSvcHost sends EndpointNotFound: EndpointNotFoundException "${ENDPOINT_NOT_FOUND_TEXT}" (§3.4, §5).`,
    mistakenFor: [
      'A successful lookup: a miss also writes 4034; what follows tells them apart: 4035 or 4010 after a hit, an EndpointUnavailable fault after a hit on a queue that cannot dispatch, an EndpointNotFound fault after a miss (§3.4).',
    ],
    domainSections: ['§2.1', '§3.1', '§3.4'],
  },
  4035: {
    summary:
      'Written after each successful enqueue into a message queue, on the Debug channel with keyword Quota and no activity: the pending count after the enqueue against maxQueueSize (maxPendingConnections). A rising ratio means sessions are waiting for a worker.',
    triggers: ['A routed session was accepted into its queue (§3.1 step 7).'],
    clientSees: 'Nothing; the session waits for a worker (§3.1 step 8).',
    mistakenFor: [
      '1430 PendingConnectionsRatio: counts connections still reading their preamble at the acceptor (§2.3).',
      '4010: the event written instead when the queue is full (§3.4).',
    ],
    domainSections: ['§2.1', '§3.1', '§4.1'],
  },
};
