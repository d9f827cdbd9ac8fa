// SessionOutcome: how each session ends (domain §3.2, §3.4) and what its client sees
// (domain §5). Outcomes are values, not exceptions (STYLE rule 22); every session the
// simulator accepts gets exactly one.

import type { ClientId, SessionId } from '../core/ids.js';
import type { Millis } from '../core/millis.js';

/** The terminal outcomes of a session. */
export const sessionOutcomeKinds = [
  'dispatched',
  'dispatch-failed',
  'no-route',
  'unavailable',
  'queue-full',
  'preamble-aborted',
  'dropped-unavailable',
  'dropped-aborted',
  'connection-refused',
] as const;

/**
 * - `dispatched`: 4030, the worker took the connection (it may still answer with a fault);
 * - `dispatch-failed`: 4031 (F1, F2 or F3 of domain §3.3);
 * - `no-route`: no registration matched the via, EndpointNotFound;
 * - `unavailable`: the queue could not dispatch at enqueue time, EndpointUnavailable;
 * - `queue-full`: 4010, the pending queue was full, the connection was aborted;
 * - `preamble-aborted`: timeout or bad framing while reading mode and via, abort;
 * - `dropped-unavailable`: queued, then dropped with EndpointUnavailable (disable, fault);
 * - `dropped-aborted`: queued, then aborted (self-hosted queue closed, service stopped);
 * - `connection-refused`: nothing listened on the port, or the listen backlog was full.
 */
export type SessionOutcomeKind = (typeof sessionOutcomeKinds)[number];

/** The framing faults SMSvcHost or the worker write (domain §5). */
export type FramingFault =
  | 'EndpointNotFound'
  | 'EndpointUnavailable'
  | 'ConnectionDispatchFailed'
  | 'ServiceActivationFailed';

/** What happened on the wire, from the client's side. */
export type ClientTransportResult = 'ok' | 'fault' | 'abort' | 'reset' | 'refused';

/**
 * The exception a WCF client throws, by its short type name (the types are in
 * `System.ServiceModel`, domain §5): a classifier that compares with
 * `'System.ServiceModel.CommunicationException'` never matches (user report), which this
 * type makes a compile error. `EndpointNotFoundException` and `ServiceActivationException`
 * derive from `CommunicationException` in .NET.
 */
export type ClientException =
  'CommunicationException' | 'EndpointNotFoundException' | 'ServiceActivationException';

/** What the client sees for one attempt (domain §5). */
export interface ClientView {
  readonly result: ClientTransportResult;
  /** The framing fault name when `result` is `fault`. */
  readonly fault: FramingFault | null;
  /** The exception the WCF client throws, or null on success. */
  readonly exception: ClientException | null;
  /** The English exception message with the via filled in, or null on success. */
  readonly message: string | null;
}

/** The end of one session. */
export interface SessionOutcome {
  readonly kind: SessionOutcomeKind;
  readonly sessionId: SessionId;
  /** The logical request this session is an attempt of. */
  readonly clientId: ClientId;
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number;
  readonly via: string;
  /** The application the via routed to, if it routed. */
  readonly app: string | null;
  readonly arrivedAtMs: Millis;
  readonly atMs: Millis;
  readonly client: ClientView;
  /** Why, in the simulator's words (e.g. `F1: duplicate handle failed, WSA error 10024`). */
  readonly reason: string;
}

// TCP: WCFRES TcpConnectionResetError with the default one-minute socket timeout (domain §5).
const socketAborted =
  "The socket connection was aborted. This could be caused by an error processing your message or a receive timeout being exceeded by the remote host, or an underlying network resource issue. Local socket timeout was '00:01:00'.";
// Pipes: the pipe-ended error of domain §5. A client reading from a pipe the server closed
// gets ERROR_BROKEN_PIPE (109), which PipeConnection turns into PipeException
// CreateReadException: SR PipeReadError "There was an error reading from the pipe: {0}."
// filled with PipeError.GetErrorString, i.e. PipeKnownWin32Error "{0} ({1}, 0x{2})" around
// the Win32 text "The pipe has been ended." (referencesource@9a21730
// SM/Channels/PipeConnection.cs; dotnet/wcf NetNamedPipe strings.resx). It is not the
// read-timeout text (PipeConnectionAbortedReadTimedOut): the server aborts, no timer expires.
const pipeEnded = 'There was an error reading from the pipe: The pipe has been ended. (109, 0x6d).';

const okView: ClientView = Object.freeze({
  result: 'ok',
  fault: null,
  exception: null,
  message: null,
});
const viewCache = new Map<string, ClientView>();

// Client views are immutable and depend only on their arguments: built once, then shared.
function cached(key: string, build: () => ClientView): ClientView {
  let view = viewCache.get(key);
  if (view === undefined) {
    view = Object.freeze(build());
    if (viewCache.size > 10_000) viewCache.clear();
    viewCache.set(key, view);
  }
  return view;
}

/** How a client perceives each server action (domain §5; texts from WCFRES). */
export const clientViews = {
  ok: (): ClientView => okView,
  endpointNotFound: (via: string): ClientView =>
    cached(`nf|${via}`, () => ({
      result: 'fault',
      fault: 'EndpointNotFound',
      exception: 'EndpointNotFoundException',
      message: `There was no endpoint listening at ${via} that could accept the message. This is often caused by an incorrect address or SOAP action. See InnerException, if present, for more details.`,
    })),
  endpointUnavailable: (via: string): ClientView =>
    cached(`eu|${via}`, () => ({
      result: 'fault',
      fault: 'EndpointUnavailable',
      exception: 'EndpointNotFoundException',
      message: `The message could not be dispatched because the service at the endpoint address '${via}' is unavailable for the protocol of the address.`,
    })),
  connectionDispatchFailed: (via: string): ClientView =>
    cached(`cdf|${via}`, () => ({
      result: 'fault',
      fault: 'ConnectionDispatchFailed',
      exception: 'CommunicationException',
      message: `The message could not be dispatched to the service at address '${via}'. Refer to the server Event Log for more details`,
    })),
  serviceActivationFailed: (via: string): ClientView =>
    cached(`saf|${via}`, () => ({
      result: 'fault',
      fault: 'ServiceActivationFailed',
      exception: 'ServiceActivationException',
      message: `The requested service, '${via}' could not be activated. See the server's diagnostic trace logs for more information.`,
    })),
  /** The server aborts the connection without a fault (4010, preamble errors, closed queue). */
  abort: (transport: 'tcp' | 'pipe'): ClientView =>
    cached(`abort|${transport}`, () => ({
      result: 'abort',
      fault: null,
      exception: 'CommunicationException',
      message: transport === 'tcp' ? socketAborted : pipeEnded,
    })),
  /** After F2/F3 the duplicated handle dies with the worker: a reset (domain §3.3, inferred). */
  reset: (transport: 'tcp' | 'pipe'): ClientView =>
    cached(`reset|${transport}`, () => ({
      result: 'reset',
      fault: null,
      exception: 'CommunicationException',
      message: transport === 'tcp' ? socketAborted : pipeEnded,
    })),
  /** Nothing accepts the connection (no listener on the port, or the backlog is full). */
  refused: (via: string, transport: 'tcp' | 'pipe'): ClientView =>
    cached(`refused|${transport}|${via}`, () => ({
      result: 'refused',
      fault: null,
      exception: 'EndpointNotFoundException',
      message:
        transport === 'tcp'
          ? `Could not connect to ${via}. TCP error code 10061: No connection could be made because the target machine actively refused it.`
          : `There was no endpoint listening at ${via} that could accept the message. This is often caused by an incorrect address or SOAP action. See InnerException, if present, for more details.`,
    })),
} as const;
