// Event Log explanations: for every Windows Event Log entry SMSvcHost writes (domain §2.4),
// when it is written, what causes it, what the client sees and what it is confused with, in
// the same shape as the ETW events' explanations (event-explanations.ts). Written from the
// domain reference (§2.4 entries, §3.3 failure paths, §6.3 WAS behaviour, §7 field causes)
// and the SMSvcHost source it cites; statements the reference does not make say "inferred".
// This file is long because it is a table, not logic.

import type { EventExplanation } from './event-explanations.js';
import type { eventLogCatalog } from './event-log-entry.js';

/** An Event Log id of SMSvcHost (1-10). */
export type EventLogId = (typeof eventLogCatalog)[number]['id'];

const ENDPOINT_UNAVAILABLE_TEXT =
  "The message could not be dispatched because the service at the endpoint address '{via}' is unavailable for the protocol of the address.";
const CONNECTION_DISPATCH_FAILED_TEXT =
  "The message could not be dispatched to the service at address '{via}'. Refer to the server Event Log for more details";
const NOT_MODELLED = 'The simulator does not model its causes and never writes it.';

/**
 * The explanation of every SMSvcHost Event Log entry, keyed by its id. Keyed by the
 * catalogue's id union, so an entry without an explanation fails to compile.
 */
export const eventLogExplanations: Readonly<Record<EventLogId, EventExplanation>> = {
  1: {
    summary: `Written by the sharing service at start when it cannot publish the name of its control endpoint in shared memory (Global\\NetTcpPortSharing/endpoint or Global\\NetPipeActivator/endpoint), which workers read to find where to register (inferred from the entry's name and §1). ${NOT_MODELLED}`,
    triggers: [
      'Creating or writing the shared-memory endpoint name fails while the service starts (inferred) (§1).',
    ],
    clientSees:
      'No worker can find the registration endpoint, so no port-shared or WAS-activated service of that transport becomes reachable (inferred) (§1).',
    mistakenFor: [
      '4003 ServiceStartPipeError: one failed attempt to open the control endpoint itself, retried up to 5 times (§2.1, §4.2).',
      'SharedEndpointReadDenied in a worker: the name is published, but the worker identity may not read it (allowAccounts) (§4.1, §6.2).',
    ],
    domainSections: ['§1', '§2.4'],
  },
  2: {
    summary: `Written by the listener adapter (ListenerAdapter.RegisterBindings) when a binding of an application cannot be turned into a base address (UriFormatException), and only for the site root application. The application is then disabled for an invalid binding, so its queue answers EndpointUnavailable. ${NOT_MODELLED}`,
    triggers: [
      'A malformed binding for the protocol on the site root, such as a net.tcp binding information string that does not form a URI (§6.1).',
    ],
    clientSees: `EndpointNotFoundException "${ENDPOINT_UNAVAILABLE_TEXT}" (EndpointUnavailable fault) for the disabled application (§5, §6.1).`,
    mistakenFor: [
      'Event Log 3 LAFailedToListenForApp: the binding formed a base address, but registering it failed (§6.1).',
      'An application whose enabledProtocols lacks the protocol: also EndpointUnavailable, but no Event Log entry (§6.1, §7).',
    ],
    domainSections: ['§2.4', '§6.1'],
  },
  3: {
    summary: `Written by the listener adapter (ListenerAdapter.RegisterBindings) when registering a base address of the site root application with its queue fails (for example ConflictingRegistration, FailedToListen or PathTooLong). The addresses already registered are rolled back and the application is disabled for an invalid binding. ${NOT_MODELLED}`,
    triggers: [
      'Another registration already holds the base address (ConflictingRegistration) (§6.1).',
      'SMSvcHost cannot listen on the endpoint (FailedToListen), or the address is longer than 2048 bytes (PathTooLong) (§4.2).',
    ],
    clientSees:
      'With its addresses rolled back the application has no route: EndpointNotFound, or a refused connection when nothing else listens on the port (inferred) (§3.4, §5).',
    mistakenFor: [
      'Event Log 2 BindingError: the binding did not even form a URI (§6.1).',
      "4014 MessageQueueRegisterFailed: a worker's registration refused, not the listener adapter's (§2.1).",
    ],
    domainSections: ['§2.4', '§6.1'],
  },
  4: {
    summary: `Written by ListenerAdapter.HandleUnknownError, with 4002 FailFastException, when an unexpected exception escapes a WAS callback in the Net.Tcp or Net.Pipe listener adapter; SMSvcHost then terminates its own process. ${NOT_MODELLED}`,
    triggers: [
      'An unexpected exception while handling a WAS listener-adapter callback (app pool or application created, deleted or changed, listener channel notifications, config manager notifications) (§1, §2.1).',
    ],
    clientSees:
      'Every service hosted in the SMSvcHost process goes down with it, port sharing included: connections in flight are cut and new ones fail until the services restart (inferred) (§1, §2.1).',
    mistakenFor: [
      '4002 FailFastException: the ETW event written for the same failure (§2.1).',
      'Event Log 10 SharingUnhandledException: an unhandled exception in the sharing service, not in a WAS callback (§2.4).',
    ],
    domainSections: ['§2.1', '§2.4'],
  },
  5: {
    summary:
      'Written by ListenerAdapter.OnConfigManagerDisconnected as a Warning, with the hresult, right after 4027 WasDisconnected, when WAS disconnects while the listener adapter is open ("WAS has crashed"). Every application is deleted from the adapter\'s mirror and the adapter waits 120 s for WAS to come back.',
    triggers: [
      'The WAS service crashed or was stopped while the activator service was running (§6.3).',
    ],
    clientSees: `Queued sessions get EndpointNotFoundException "${ENDPOINT_UNAVAILABLE_TEXT}". Deleting the applications unregisters their paths, and a port whose last registration goes stops listening, so new connections to it are refused (TCP error 10061); on a port another registration still holds they get EndpointNotFound (§5, §6.3; SMS/RoutingTable.cs, SMS/TransportListener.cs).`,
    mistakenFor: [
      'Event Log 6 WasConnectionTimedout: written when WAS has not come back within the 120 s (§6.3).',
      '4027 WasDisconnected: the ETW event written just before this entry (§2.1).',
    ],
    domainSections: ['§2.4', '§6.3'],
  },
  6: {
    summary:
      'Written by ListenerAdapter.WasConnected as a Warning when WAS did not reconnect within WasConnectTimeout (120 s) after a disconnect, just before 4032 WasConnectionTimedout; the activator service then stops itself.',
    triggers: ['WAS stayed down longer than 120 s after Event Log 5 (§4.2, §6.3).'],
    clientSees:
      'WAS-activated services of that protocol stay unreachable, and connections to ports nothing else listens on are refused, until the activator service is restarted by hand (inferred) (§6.3).',
    mistakenFor: [
      'Event Log 5 WasDisconnected: the start of the outage, not its timeout (§6.3).',
      '4032 WasConnectionTimedout: the ETW event written right after this entry (§2.1).',
    ],
    domainSections: ['§2.4', '§4.2', '§6.3'],
  },
  7: {
    summary: `Written when one of SMSvcHost's services fails to start, for example when its control endpoint cannot be opened after every retry or its configuration is refused, such as an empty allowAccounts list (inferred from the entry's name and §1, §4.1). ${NOT_MODELLED}`,
    triggers: [
      'Opening the control endpoint fails five times in a row, each failure written as 4003 (§1, §4.2).',
      'An invalid <system.serviceModel.activation> section, such as allowAccounts with no entry ("ConfigSectionHasZeroAllowAccounts") (§4.1).',
    ],
    clientSees:
      'Nothing of that service is reachable: workers cannot register, and its ports are not listened on (inferred) (§1).',
    mistakenFor: [
      '4003 ServiceStartPipeError: one failed attempt, retried with a new endpoint name (§2.1).',
    ],
    domainSections: ['§1', '§2.4', '§4.1'],
  },
  8: {
    summary:
      'Written by WorkerProcess.EndDispatchSession (a TcpWorkerProcess) on every TCP 4031: ending the dispatch threw, so SMSvcHost writes this entry first, then closes the worker (it is unregistered and its control channel aborted), then writes 4031 and the ConnectionDispatchFailed fault. The description says the duplicated socket "is now leaked in the process" and carries the worker\'s PID (ID), the source object (TcpWorkerProcess/<hash>) and the exception.',
    triggers: [
      'F1, the socket could not be duplicated into the worker (WSA error 10022, no rights; 10024, the worker is exiting), after 4016: the exception is a ServiceActivationException (§3.3).',
      'F2, the callback to the worker failed after duplication (after 4019): the worker crashed or exited, its control session closed or faulted (app domain recycle, w3wp shutdown), or it returned a fault: a CommunicationException (§3.3, §7).',
      "F3, the callback timed out after one minute on .NET 3.x: a System.TimeoutException (Jon Cole's blog shows this case) (§3.3, §7).",
    ],
    clientSees: `F1: CommunicationException "${CONNECTION_DISPATCH_FAILED_TEXT}" (ConnectionDispatchFailed fault). F2/F3: usually a connection reset or the client's own timeout, because the socket already lives in the worker (inferred) (§3.3, §5).`,
    mistakenFor: [
      'Event Log 9 MessageQueueDuplicatedPipeLeak: the same failure on a named pipe (§2.4).',
      "A leak to fix in SMSvcHost: it is written on every 4031, whatever the cause; look at the exception and the worker's PID (§2.4, §3.3).",
      'Service activation failing in the worker: the worker answers with a fault after 4030, and nothing is written to the Event Log (§3.3).',
    ],
    domainSections: ['§2.4', '§3.3', '§5', '§7'],
  },
  9: {
    summary:
      "The named-pipe variant of Event Log 8, written by WorkerProcess.EndDispatchSession of a NamedPipeWorkerProcess on every net.pipe 4031, in the same place: before the worker is closed and before 4031. The description carries the worker's PID, the source object (NamedPipeWorkerProcess/<hash>) and the exception. (Its first sentence here is inferred from Event Log 8's.)",
    triggers: [
      'F1, the pipe handle could not be duplicated into the worker (OpenProcess or DuplicateHandle failed); net.pipe has no 4016 (§2.1, §3.3).',
      'F2, the callback to the worker failed after the handle was duplicated; net.pipe has no 4019 (§3.3).',
      'F3, the one-minute callback timeout of .NET 3.x (§3.3).',
    ],
    clientSees: `F1: CommunicationException "${CONNECTION_DISPATCH_FAILED_TEXT}". F2/F3: the pipe ends without a fault; the client reads "There was an error reading from the pipe: The pipe has been ended. (109, 0x6d)." (§3.3, §5).`,
    mistakenFor: [
      'Event Log 8: the TCP variant (§2.4).',
      "F1 and F2 on net.pipe look alike in ETW (4008 then 4031): tell them apart by the client's fault, or by the exception in this entry (§3.3).",
    ],
    domainSections: ['§2.1', '§2.4', '§3.3', '§5'],
  },
  10: {
    summary: `Written by the sharing service's handler for unhandled exceptions, when an exception escapes SMSvcHost's code, for example a non-recoverable exception rethrown from a dispatch callback; the process is then likely terminated (inferred) (§3.3). ${NOT_MODELLED}`,
    triggers: [
      'An exception other than CommunicationException, ObjectDisposedException or TimeoutException when a dispatch to a worker ends, which WorkerProcess rethrows (inferred) (§3.3).',
    ],
    clientSees:
      'If the process ends, every service hosted in SMSvcHost goes down with it until the services restart (inferred) (§1).',
    mistakenFor: [
      'Event Log 4 UnknownListenerAdapterError: an unexpected exception in a WAS callback of the listener adapter (§2.4).',
      'Event Log 8/9: a dispatch failure SMSvcHost recovers from, with 4031 (§3.3).',
    ],
    domainSections: ['§1', '§2.4', '§3.3'],
  },
};
