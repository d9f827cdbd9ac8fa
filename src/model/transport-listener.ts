// TransportListener and its acceptor (domain §3.1 steps 1-2; SMS/TransportListener.cs,
// SM/Channels/ConnectionAcceptor.cs). One listener per TCP port (host-name registrations
// listen on IPv4 and IPv6 Any of the port) or per pipe base address, ref-counted by the
// routes that use it. The acceptor holds at most maxPendingConnections connections that are
// accepted but not yet routed (the preamble stage); beyond that, connections wait in the
// kernel backlog (listenBacklog) and are refused when it is full.
// Simplification: an accept completes instantly, so maxPendingAccepts (accepts posted at a
// time) never limits throughput; it is reported but has no effect.

import type { ListenerId } from '../core/ids.js';
import type { ServiceUri, Transport } from '../scenario/service-uri.js';

/** What the acceptor did with a new connection. */
export type AcceptResult = 'accepted' | 'backlogged' | 'refused';

/** TCP listener keys by port. */
const tcpKeys: string[] = [];

/** A listening endpoint with its acceptor. */
export class TransportListener<S> {
  readonly id: ListenerId;
  readonly transport: Transport;
  /** `0.0.0.0:808`-style key for TCP, the base address for pipes. */
  readonly key: string;
  /**
   * The Uri of 4020 (TCP: the IP endpoint listened on, address:port; the host-name marker
   * 255.255.255.255 unless given) or 4028 (pipe: base address).
   */
  readonly listenUri: string;
  /** The base address that made it listen (for pipes, the address it listens on). */
  readonly uri: ServiceUri;
  /** The annotations of its events, built once and shared. */
  readonly notes: { readonly listenerId: ListenerId };
  /** Routes using this listener. */
  refs = 0;
  #acceptedUnrouted = 0;
  readonly #backlog: S[] = [];
  #backlogHead = 0;

  /**
   * @param id - the listener id
   * @param uri - the first base address that made it listen
   * @param tcpEndpoint - TCP: the address:port its socket listens on, when known (live mode);
   *   by default the host-name marker and the base address's port
   */
  constructor(id: ListenerId, uri: ServiceUri, tcpEndpoint?: string) {
    this.id = id;
    this.notes = Object.freeze({ listenerId: id });
    this.uri = uri;
    this.transport = uri.transport;
    this.key = TransportListener.keyOf(uri);
    // SMSvcHost logs IPEndPoint.Address + ":" + Port of the endpoint it listens on (domain
    // §2.1 4020); for host-name registrations, the marker address 255.255.255.255.
    this.listenUri =
      uri.transport === 'tcp' ? (tcpEndpoint ?? `255.255.255.255:${uri.port}`) : uri.text;
  }

  /**
   * @param uri - a base address or a via
   * @returns the key of the listener that would serve it
   */
  static keyOf(uri: ServiceUri): string {
    return uri.transport === 'tcp'
      ? TransportListener.tcpKeyOf(uri.port)
      : `pipe:${uri.host}/${uri.segments.join('/')}`;
  }

  /**
   * @param port - a TCP port
   * @returns the key of the TCP listener on it (built once per port: every connection asks)
   */
  static tcpKeyOf(port: number): string {
    return (tcpKeys[port] ??= `tcp:${port}`);
  }

  /** Connections accepted and still in the preamble stage. */
  get acceptedUnrouted(): number {
    return this.#acceptedUnrouted;
  }

  /** Connections waiting in the kernel backlog. */
  get backlogged(): number {
    return this.#backlog.length - this.#backlogHead;
  }

  /**
   * @param session - a new connection
   * @param maxPendingConnections - the acceptor limit
   * @param listenBacklog - the kernel backlog size
   * @returns what happened to it
   */
  offer(session: S, maxPendingConnections: number, listenBacklog: number): AcceptResult {
    if (this.#acceptedUnrouted < maxPendingConnections) {
      this.#acceptedUnrouted++;
      return 'accepted';
    }
    if (this.backlogged < listenBacklog) {
      this.#backlog.push(session);
      return 'backlogged';
    }
    return 'refused';
  }

  /**
   * Releases an acceptor slot: the session's via was decoded, or its preamble failed
   * (ConnectionAcceptor.OnConnectionDequeued). The caller reports the new ratio (1430), then
   * accepts from the backlog with {@link acceptBacklogged}.
   */
  release(): void {
    this.#acceptedUnrouted--;
  }

  /**
   * Accepts the oldest backlogged connection into a free acceptor slot, if any (the accept
   * SMSvcHost posts again once a slot is free, AcceptIfNecessary).
   * @param maxPendingConnections - the acceptor limit
   * @returns the connection accepted from the backlog
   */
  acceptBacklogged(maxPendingConnections: number): S | undefined {
    if (this.backlogged === 0 || this.#acceptedUnrouted >= maxPendingConnections) return undefined;
    const next = this.#backlog[this.#backlogHead];
    this.#backlog[this.#backlogHead++] = undefined as S;
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,ArithmeticOperator: when to compact the taken head is an optimisation; compacting on every take, or never, hands out the same connections in the same order
    if (this.#backlogHead > 1024 && this.#backlogHead * 2 > this.#backlog.length) {
      this.#backlog.splice(0, this.#backlogHead);
      this.#backlogHead = 0;
    }
    this.#acceptedUnrouted++;
    return next;
  }

  /** @returns every backlogged connection, removed (the listener is closing) */
  drainBacklog(): S[] {
    const rest = this.#backlog.slice(this.#backlogHead);
    this.#backlog.length = 0;
    this.#backlogHead = 0;
    return rest;
  }
}
