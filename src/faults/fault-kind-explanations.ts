// What each fault kind does, as the README's fault rule table says it (a test keeps the two
// the same): its fields, what its `nthSession` counts, and what happens when it fires. Read by
// `dispatchsim explain <fault kind>`.

import type { FaultKind } from '../scenario/fault-schema.js';

/** A fault kind in words. */
export interface FaultKindExplanation {
  /** Its fields besides `kind` (Markdown, as in the README). */
  readonly fields: string;
  /** What its `nthSession` counts, or `—` where it has none. */
  readonly nthSessionCounts: string;
  /** What happens when it fires: the events, the outcome, what the client sees. */
  readonly whatHappens: string;
}

/** Every fault kind in words, in the README's order. */
export const faultKindExplanations: Readonly<Record<FaultKind, FaultKindExplanation>> = {
  'preamble-timeout': {
    fields: 'the fields above',
    nthSessionCounts: 'sessions',
    whatHappens:
      'the client stalls while sending its preamble and SMSvcHost aborts it at `receiveTimeoutMs`: no event, outcome `preamble-aborted`, the client sees an abort',
  },
  'bad-preamble': {
    fields:
      'the fields above; `variant`: `bad-record` (default), `unsupported-version`, `unsupported-mode` or `via-too-long`',
    nthSessionCounts: 'sessions',
    whatHappens: 'a malformed preamble, aborted before 4001: outcome `preamble-aborted`, no fault',
  },
  'no-route': {
    fields: 'the fields above',
    nthSessionCounts: 'sessions',
    whatHappens:
      "the session's via is one no app registered: 4001, 4033, 4034, outcome `no-route`, an EndpointNotFound fault",
  },
  'duplicate-handle-failure': {
    fields:
      'the fields above; `wsaError`: 10024 (default: the worker is exiting) or 10022 (no rights)',
    nthSessionCounts: 'sessions',
    whatHappens:
      'F1: 4008, 4016 (TCP), 4031, Event Log 8 (9 for a pipe), outcome `dispatch-failed`, a ConnectionDispatchFailed fault',
  },
  'worker-callback-failure': {
    fields:
      'the fields above; `exception`: `CommunicationObjectAbortedException` (default), `CommunicationException`, `CommunicationObjectFaultedException`, `FaultException` or `ObjectDisposedException`',
    nthSessionCounts: 'sessions',
    whatHappens:
      'F2: 4008, 4019 and 3358 (TCP), 4031, Event Log 8, outcome `dispatch-failed`, the client sees a reset; F3 when the failure would come after `callbackTimeoutMs`',
  },
  'worker-hang': {
    fields:
      'the fields above; `hangMs`: duration, default 120000, the extra time the worker takes to accept',
    nthSessionCounts: 'sessions',
    whatHappens:
      "the worker wraps the socket (3358) and accepts late (4030 after the hang): the client waits (simulated clients for ever; a real one's `OpenTimeout` ends it first); F3 (4019, 3358, 4031, a reset) when `callbackTimeoutMs` is set and comes first",
  },
  'service-activation-failure': {
    fields: 'the fields above; `fault`: `ServiceActivationFailed` (default) or `EndpointNotFound`',
    nthSessionCounts: 'sessions',
    whatHappens: 'not a 4031: 4030, then the worker answers with the fault; outcome `dispatched`',
  },
  'worker-start-failure': {
    fields: 'the fields above',
    nthSessionCounts: "launches of the pool's worker processes",
    whatHappens:
      'a new WAS worker process fails before it registers: its listener channel never connects, and the failure counts toward rapid-fail protection; the sessions wait in the queue, and once rapid-fail protection disables the pool they get EndpointUnavailable (`dropped-unavailable`, EndpointNotFoundException)',
  },
  'open-listener-channel-failure': {
    fields:
      "the fields above; `hresult`: default `0x80070005` (4025 writes it in decimal, as the listener adapter's `int.ToString()` does: `Error Code:-2147024891`)",
    nthSessionCounts: "the app's listener channel opens",
    whatHappens:
      'WAS cannot open a listener channel instance: 4025, the queue is Faulted for 15 s and its sessions get EndpointUnavailable',
  },
  'registration-failure': {
    fields:
      'the fields above; `status`: `FailedToListen` (default), `ConflictingRegistration`, `PathTooLong`, `ProtocolUnsupported`, `VersionUnsupported` or `InvalidArgument`; `abort`: `false`',
    nthSessionCounts: "the app's registrations",
    whatHappens:
      "a worker's registration fails: 3366 and 4014, or with `abort: true` 4012; the worker is not registered, and its sessions wait as for a `worker-start-failure`",
  },
  'queue-paused': {
    fields: '`target` (`app`, `pool`), `fromMs` (default 0), `toMs` (default: never ends)',
    nthSessionCounts: '\u2014',
    whatHappens:
      "the apps' queues cannot dispatch during the window (CanDispatch false): their sessions get EndpointUnavailable, outcome `unavailable`",
  },
  'protocol-disabled': {
    fields: '`target` (`app`, `pool`), `fromMs` (default 0), `toMs` (default: never ends)',
    nthSessionCounts: '\u2014',
    whatHappens:
      "the WAS apps' `enabledProtocols` lose their protocol during the window: routed, then EndpointUnavailable",
  },
  'worker-crash': {
    fields: '`target` (`app`, `pool`, `worker`), `atMs` (required)',
    nthSessionCounts: '\u2014',
    whatHappens:
      'at `atMs` a worker process of the first targeted app that has one exits (`target.worker` picks it): a dispatch in flight fails (F2, 4031); queued sessions go to a new worker, or, when a self-hosted app loses its last one, its queue closes (4013) and they are aborted',
  },
  'service-pause': {
    fields:
      '`service`: `portSharing` (default), `tcpActivator` or `pipeActivator`; `fromMs` (required), `toMs` (default: never ends)',
    nthSessionCounts: '\u2014',
    whatHappens: 'the service is paused during the window: its queues answer EndpointUnavailable',
  },
  'service-stop': {
    fields: '`service` (as above); `atMs` (required); `restartAfterMs` (default: never)',
    nthSessionCounts: '\u2014',
    whatHappens:
      'the service stops: port sharing stops the Net.TCP adapter first (it depends on it), closes the queues left, aborts what they hold and refuses connections; an adapter deletes its WAS applications, whose pending sessions get EndpointUnavailable; it starts again `restartAfterMs` later; while port sharing is stopped, new clients are refused (`connection-refused`, EndpointNotFoundException, TCP error 10061)',
  },
  'app-pool-stop': {
    fields: '`pool` (required), `atMs` (required), `restartAfterMs` (default: never)',
    nthSessionCounts: '\u2014',
    whatHappens:
      'the pool stops: its workers leave and its apps answer EndpointUnavailable until it starts again',
  },
  'app-pool-recycle': {
    fields:
      '`pool` (required), `atMs` (required), `overlapped` (default `true`), `shutdownMs` (duration, default 1000)',
    nthSessionCounts: '\u2014',
    whatHappens:
      "the pool's workers are replaced; overlapped, the new one starts before the old one leaves (IIS default), and a dispatch still in flight when the old one exits (`shutdownMs` after the new one is up) ends in F2 (4019, 3358, 4031); one that ends before is a 4030 with an aborted connection",
  },
  'was-disconnect': {
    fields: '`atMs` (required), `reconnectAfterMs` (default: never)',
    nthSessionCounts: '\u2014',
    whatHappens:
      'WAS disconnects from the listener adapter: 4027 and Event Log 5; 4026 when it reconnects, or 4032 and Event Log 6 after 120 s without it; the WAS apps are deleted: queued sessions get EndpointUnavailable, and new clients are refused (`connection-refused`) while no registration holds the port',
  },
};
