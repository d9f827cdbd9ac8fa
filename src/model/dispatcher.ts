// Dispatcher: the front of the pipeline, from a client's connect to the enqueue (domain §3.1
// steps 2-7): acceptor, preamble reader (receiveTimeout over mode and via), 4001, routing
// (4033/4034), and the enqueue with its three answers: EndpointUnavailable, 4010 + abort,
// or 4035 and a place in the queue.

import { NO_PAYLOAD, UNHEARD } from '../events/event-bus.js';
import { sample } from '../core/distribution.js';
import type { ClientId } from '../core/ids.js';
import { createSessionIds } from '../core/ids.js';
import { ms } from '../core/millis.js';
import { TimerPriority } from '../core/virtual-clock.js';
import { clientViews } from '../events/session-outcome.js';
import type { FaultRuleOf } from '../scenario/fault-schema.js';
import {
  DEFAULT_TCP_PORT,
  isPathPrefix,
  exceedsViaLimit,
  MAX_VIA_BYTES,
  parseServiceUri,
  type ServiceUri,
  type Transport,
} from '../scenario/service-uri.js';
import type { Session } from './session.js';
import { TransportListener, type AcceptResult } from './transport-listener.js';
import { HeldConnection } from './held-connection.js';
import type { AppRuntime, Listener, World } from './world.js';

/**
 * The payload of 1419: ConnectionAcceptor passes the resource text
 * SR.TraceCodeMaxPendingConnectionsReached, which dotnet/docs gives for the trace code
 * System.ServiceModel.Channels.MaxPendingConnectionsReached (domain §2.3).
 */
export const MAX_PENDING_CONNECTIONS_REACHED = Object.freeze({
  data1: 'Maximum number of pending connections has been reached.',
});

/** A connection a client makes: one attempt of a logical request. */
export interface Connect {
  readonly clientId: ClientId;
  readonly attempt: number;
  readonly via: string;
  readonly localPort?: number | undefined;
  /**
   * The transport whose listener took the connection, when the caller's listener did (live
   * mode: TCP, whatever the via's scheme). The via is then an absolute URI the caller
   * decoded, of any scheme, and is looked up in that transport's routing table only, as
   * TransportListener.OnDupHandle does (RoutingTable.Lookup picks the TCP table for a socket):
   * a net.pipe or http via over TCP misses and gets EndpointNotFound (domain §3.1 step 6,
   * §3.4). By default the via's own transport, as a simulated client connects.
   */
  readonly transport?: Transport | undefined;
  /**
   * Live mode: the real connection, accepted by {@link Dispatcher.acceptHeld} before its via
   * was read, whose acceptor slot this session takes over (no second accept: no 1430, no
   * Connections Accepted).
   */
  readonly held?: HeldConnection | undefined;
}

/** Reacts to sessions entering an application's queue (the WAS host opens listener channels). */
export type OnEnqueued = (app: AppRuntime) => void;

type PreambleRule = FaultRuleOf<'preamble-timeout' | 'bad-preamble'>;

/** Takes connections from arrival to enqueue. */
export class Dispatcher {
  readonly #world: World;
  readonly #onEnqueued: OnEnqueued;
  readonly #sessionIds = createSessionIds();
  readonly #parsedVias = new Map<string, ServiceUri | undefined>();
  readonly #reactions = new Map<AppRuntime, () => void>();

  /**
   * @param world - the machine
   * @param onEnqueued - called after each successful enqueue
   */
  constructor(world: World, onEnqueued: OnEnqueued) {
    this.#world = world;
    this.#onEnqueued = onEnqueued;
  }

  /** Sessions created so far. */
  get sessions(): number {
    return this.#sessionIds.count;
  }

  /**
   * A client connects now.
   * @param connect - who connects to which via
   * @returns the new session
   */
  connect(connect: Connect): Session {
    const world = this.#world;
    const id = this.#sessionIds.next();
    const session: Session = {
      id,
      clientId: connect.clientId,
      attempt: connect.attempt,
      nth: this.#sessionIds.count,
      arrivedAtMs: world.clock.now(),
      via: connect.via,
      viaUri: this.#parse(connect.via),
      localPort: connect.localPort,
      // Stryker disable next-line StringLiteral: bookkeeping only; nothing reads a session's state but to test for 'finished'
      state: 'backlogged',
      app: null,
      notes: undefined,
    };
    world.ledger.arrive();
    const uri = session.viaUri;
    // Stryker disable next-line StringLiteral,LogicalOperator: every via parses (the scenario schema validates vias, and the no-route rewrite builds a valid one), so uri is never undefined
    const transport = connect.transport ?? uri?.transport ?? 'tcp';
    const listener =
      connect.transport === 'tcp'
        ? this.#world.listeners.get(TransportListener.tcpKeyOf(connect.localPort ?? uri?.port ?? 0))
        : uri === undefined
          ? undefined
          : this.#listenerFor(uri, connect.localPort);
    // Live mode: the session takes over the acceptor slot its real connection holds since its
    // accept (one real port: the acceptor of the model's first TCP listener counts them all;
    // the via still routes on its own port). A listener stopped since then is gone, and the
    // slot with it.
    const held = connect.held;
    const heldBy = held?.listener;
    if (held !== undefined && heldBy !== undefined && world.listeners.get(heldBy.key) === heldBy) {
      held.listener = undefined;
      this.#readPreamble(heldBy, session);
      return session;
    }
    if (held !== undefined) this.releaseHeld(held);
    if (listener === undefined) {
      world.finish(
        session,
        'connection-refused',
        clientViews.refused(session.via, transport),
        `nothing listens on the endpoint of the via: ${this.#whyNothingListens(transport)}`,
      );
      return session;
    }
    // listenBacklog is a TCP socket's kernel backlog (domain §4.1, net.tcp only): a named
    // pipe has none, and a client that finds every pipe instance busy waits for one (a real
    // one until its OpenTimeout; a simulated client has none).
    const result = listener.offer(
      session,
      world.config.maxPendingConnections,
      listener.transport === 'pipe' ? Number.POSITIVE_INFINITY : world.config.listenBacklog,
    );
    if (result === 'accepted') {
      this.#accepted(listener, session);
    } else if (result === 'refused') {
      world.finish(
        session,
        'connection-refused',
        clientViews.refused(session.via, transport),
        'the listen backlog was full',
      );
    }
    return session;
  }

  /**
   * Live mode: a real connection accepted on a TCP port, its via not yet read. The acceptor
   * counts it against maxPendingConnections from now until its session connects with it
   * ({@link Connect.held}) or {@link Dispatcher.releaseHeld} frees its slot: 1430, or 1419 and
   * 1439 at the limit, and Connections Accepted; beyond the limit it waits in the backlog, and
   * the acceptor calls `held.start` when a slot frees (domain §3.1 step 2).
   * @param held - the connection
   * @param localPort - the TCP port of the model's listener it arrived on
   * @returns `accepted` (read its preamble now), `backlogged` (wait for `held.start`),
   *   `refused` (the backlog is full), or undefined when no model listener is on the port
   */
  acceptHeld(held: HeldConnection, localPort: number): AcceptResult | undefined {
    const world = this.#world;
    const listener = world.listeners.get(TransportListener.tcpKeyOf(localPort));
    if (listener === undefined) return undefined;
    const result = listener.offer(
      held,
      world.config.maxPendingConnections,
      world.config.listenBacklog,
    );
    if (result === 'accepted') this.#acceptorAccepted(listener, held, undefined);
    return result;
  }

  /**
   * Live mode: the preamble of a held connection ended before its via was decoded (a
   * timeout, a bad preamble, the client gone): its acceptor slot is freed, and the next
   * connection in the backlog accepted.
   * @param held - the connection, as given to {@link Dispatcher.acceptHeld}
   */
  releaseHeld(held: HeldConnection): void {
    const listener = held.listener;
    if (listener === undefined) return;
    held.listener = undefined;
    // A listener stopped since then is gone, with its backlog.
    if (this.#world.listeners.get(listener.key) === listener) this.#release(listener);
    else listener.release();
  }

  // Why no listener took a connection (user report: the reason never said): the services a
  // transport's listeners stand on, in the order they are needed, else no registration.
  #whyNothingListens(transport: Transport): string {
    const world = this.#world;
    const services = world.services;
    if (transport === 'tcp' && services.portSharing !== 'running')
      return `the Net.Tcp Port Sharing Service is ${services.portSharing}`;
    const activator = transport === 'tcp' ? services.tcpActivator : services.pipeActivator;
    if (activator !== 'running')
      return `the ${transport === 'tcp' ? 'Net.Tcp' : 'Net.Pipe'} Listener Adapter is ${activator}`;
    if (!world.wasConnected) return 'the listener adapter is not connected to WAS';
    return transport === 'tcp'
      ? 'no application registers an address on its port'
      : 'no application registers an address under its path';
  }

  // TCP: the listener of the port the connection arrives on. Pipes: the client opens the pipe
  // of the longest base address that is a prefix of its via.
  #listenerFor(uri: ServiceUri, localPort: number | undefined): Listener | undefined {
    const listeners = this.#world.listeners;
    if (uri.transport === 'tcp') {
      return listeners.get(TransportListener.tcpKeyOf(localPort ?? uri.port));
    }
    let best: Listener | undefined;
    for (const listener of listeners.values()) {
      if (listener.transport !== 'pipe' || !isPathPrefix(listener.uri, uri)) continue;
      if (best === undefined || listener.uri.segments.length > best.uri.segments.length)
        best = listener;
    }
    return best;
  }

  #parse(via: string): ServiceUri | undefined {
    // Stryker disable next-line ConditionalExpression: a cache; parsing the via again gives an equal result
    if (this.#parsedVias.has(via)) return this.#parsedVias.get(via);
    // A client's via may carry a query: routed by its path (live mode, user report).
    const parsed = parseServiceUri(via, { query: true });
    // Stryker disable next-line ConditionalExpression,StringLiteral: every via parses (see connect), so parsed is never an error message
    const uri = typeof parsed === 'string' ? undefined : parsed;
    this.#parsedVias.set(via, uri);
    return uri;
  }

  // ConnectionAcceptor.HandleCompletedAccept (SM/Channels/ConnectionAcceptor.cs): an accept
  // that brings the accepted-but-unrouted connections to maxPendingConnections (connections
  // + 1 >= max) writes 1419 instead of 1430; accepts are then no longer posted, so that was
  // the last one outstanding and 1439 follows. Each accept from the backlog into a freed
  // slot reaches the limit again.
  #accepted(listener: Listener, session: Session): void {
    this.#acceptorAccepted(listener, undefined, session);
    this.#readPreamble(listener, session);
  }

  // The acceptor's part of an accept: Connections Accepted, then 1430, or 1419 and 1439 at the
  // limit. A held live connection keeps the listener whose slot it took; it has no session yet.
  #acceptorAccepted(
    listener: Listener,
    held: HeldConnection | undefined,
    session: Session | undefined,
  ): void {
    const world = this.#world;
    world.counters.add(listener.transport, 'connectionsAccepted');
    const bus = world.bus;
    if (held !== undefined) held.listener = listener;
    if (listener.acceptedUnrouted >= world.config.maxPendingConnections) {
      bus.emit(
        'MaxPendingConnectionsExceeded',
        MAX_PENDING_CONNECTIONS_REACHED,
        session === undefined ? listener.notes : { listenerId: listener.id, sessionId: session.id },
      );
      bus.emit('PendingAcceptsAtZero', NO_PAYLOAD, listener.notes);
    } else {
      bus.emit(
        'PendingConnectionsRatio',
        world.acceptorRatio(listener.acceptedUnrouted),
        !bus.hears('PendingConnectionsRatio')
          ? UNHEARD
          : session === undefined
            ? listener.notes
            : { listenerId: listener.id, sessionId: session.id },
      );
    }
  }

  // The preamble reader: receiveTimeout over mode and via, then routing or an abort.
  #readPreamble(listener: Listener, session: Session): void {
    const world = this.#world;
    // Stryker disable next-line StringLiteral: bookkeeping only; nothing reads a session's state but to test for 'finished'
    session.state = 'reading-preamble';
    const rule: PreambleRule | undefined = world.faults.has('preamble')
      ? world.faults.decide('preamble', {
          atMs: world.clock.now(),
          nth: session.nth,
          via: session.via,
        })
      : undefined;
    const timeoutMs = world.config.receiveTimeoutMs;
    const preambleMs = sample(world.scenario.workload.preambleMs, world.streams.preamble);
    let delayMs: number;
    let abort: string | undefined;
    let protocolFailure = true;
    if (rule?.kind === 'preamble-timeout' || preambleMs > timeoutMs) {
      delayMs = timeoutMs;
      abort =
        rule === undefined
          ? 'the preamble took longer than receiveTimeout'
          : 'the client stalled: receiveTimeout expired';
    } else {
      delayMs = preambleMs;
      if (rule?.kind === 'bad-preamble') {
        abort = `bad preamble: ${rule.variant}`;
        // Version and mode are read by the mode reader; only the dup-handle readers count
        // Protocol Failures (domain §2.5, §3.4).
        protocolFailure = rule.variant === 'bad-record' || rule.variant === 'via-too-long';
        // A via that is no net.tcp or net.pipe URI gets here only through Connect.transport, as
        // an absolute URI of another scheme (the caller's listener checked it): routed, a miss.
      } else if (exceedsViaLimit(session.via)) {
        abort = `bad preamble: via longer than ${MAX_VIA_BYTES} bytes`;
      }
    }
    const next =
      abort === undefined
        ? () => this.#viaDecoded(listener, session)
        : () => this.#preambleAborted(listener, session, abort, protocolFailure);
    if (delayMs === 0) next();
    // Stryker disable next-line StringLiteral: a timer's owner is named only in a livelock error, and each session sets this timer once
    else world.clock.scheduleIn(ms(delayMs), next, TimerPriority.normal, 'preamble');
  }

  #preambleAborted(
    listener: Listener,
    session: Session,
    reason: string,
    protocolFailure: boolean,
  ): void {
    const world = this.#world;
    if (protocolFailure) world.counters.add(listener.transport, 'protocolFailures');
    world.finish(session, 'preamble-aborted', clientViews.abort(listener.transport), reason);
    this.#release(listener);
  }

  // TransportListener.OnDupHandle: 4001, the routing lookup, the enqueue; the acceptor slot
  // is released right after (domain §3.1 step 5).
  #viaDecoded(listener: Listener, session: Session): void {
    const world = this.#world;
    // Stryker disable next-line StringLiteral: bookkeeping only; nothing reads a session's state but to test for 'finished'
    session.state = 'routed';
    // Stryker disable next-line ConditionalExpression: has() only spares building the context; decide() finds no route rule and returns undefined
    if (world.faults.has('route')) {
      const rule = world.faults.decide('route', {
        atMs: world.clock.now(),
        nth: session.nth,
        via: session.via,
      });
      // (A via of another scheme misses anyway.)
      if (rule !== undefined && session.viaUri !== undefined) this.#rewriteToUnregistered(session);
    }
    const uri = session.viaUri;
    // OnDupHandle writes session.Via.ToString(): the canonical URI, not the client's text (a
    // via of another scheme, over live mode's TCP, as the client sent it).
    world.bus.emit(
      'TransportListenerSessionsReceived',
      world.viaPayload(uri?.canonical ?? session.via),
      world.notesFor('TransportListenerSessionsReceived', session),
    );
    world.bus.emit(
      'RoutingTableLookupStart',
      NO_PAYLOAD,
      world.notesFor('RoutingTableLookupStart', session),
    );
    // The listener's transport picks the table: a via of another scheme never matches.
    const match =
      uri?.transport === listener.transport
        ? world.routing.lookup(uri, session.localPort ?? uri.port)
        : undefined;
    const app = match === undefined ? undefined : world.apps.get(match.route.queue.app);
    world.bus.emit(
      'RoutingTableLookupStop',
      NO_PAYLOAD,
      world.bus.hears('RoutingTableLookupStop')
        ? {
            sessionId: session.id,
            clientId: session.clientId,
            attempt: session.attempt,
            matched: app?.name ?? null,
            pass: match?.pass ?? null,
          }
        : UNHEARD,
    );
    // Stryker disable next-line ConditionalExpression,LogicalOperator: app is undefined exactly when match is (every route's queue names a known app); both are tested for the type checker
    if (app === undefined || match === undefined) {
      world.sendFault(session, 'EndpointNotFound');
      world.counters.add(listener.transport, 'dispatchFailures');
      world.finish(
        session,
        'no-route',
        clientViews.endpointNotFound(session.via),
        'no registration matched the via',
      );
    } else {
      this.#enqueue(app, session);
    }
    this.#release(listener);
  }

  #enqueue(app: AppRuntime, session: Session): void {
    const world = this.#world;
    session.app = app.name;
    const queue = app.queue;
    // Stryker disable next-line ConditionalExpression: canDispatch is false for an app without a queue too; the first test narrows the type
    if (queue === undefined || !world.canDispatch(app)) {
      world.sendFault(session, 'EndpointUnavailable');
      world.counters.add(app.transport, 'dispatchFailures');
      world.finish(
        session,
        'unavailable',
        clientViews.endpointUnavailable(session.via),
        this.#unavailableReason(app),
      );
      return;
    }
    const max = world.config.maxPendingConnections;
    const pending = queue.pendingCount;
    if (pending >= max) {
      world.bus.emit(
        'PendingSessionQueueFull',
        // session.Via.ToString(), like 4001 (MessageQueue.EnqueueSessionAndDispatch).
        // Stryker disable next-line OptionalChaining: a session is enqueued only after routing, which read its parsed via
        { Uri: session.viaUri?.canonical ?? session.via, count: pending },
        { ...world.sessionNotes(session), app: app.name },
      );
      world.counters.add(app.transport, 'dispatchFailures');
      world.finish(
        session,
        'queue-full',
        clientViews.abort(app.transport),
        `the pending queue held ${pending} sessions (maxPendingConnections ${max})`,
      );
      return;
    }
    // Unheard, the event is only counted: a queue deeper than the world shares ratios for
    // would build a payload per enqueue for nothing.
    const heard = world.bus.hears('PendingSessionQueueRatio');
    world.bus.emit(
      'PendingSessionQueueRatio',
      heard ? world.queueRatio(pending + 1) : UNHEARD,
      heard
        ? {
            sessionId: session.id,
            clientId: session.clientId,
            attempt: session.attempt,
            app: app.name,
          }
        : UNHEARD,
    );
    queue.enqueue(session, this.#enqueuedReaction(app));
  }

  // The OnSessionEnqueued reaction of an app, built once per app: every enqueue passes it.
  #enqueuedReaction(app: AppRuntime): () => void {
    let reaction = this.#reactions.get(app);
    // Stryker disable next-line ConditionalExpression: a cache; a new closure per enqueue does the same
    if (reaction === undefined) {
      reaction = () => this.#onEnqueued(app);
      this.#reactions.set(app, reaction);
    }
    return reaction;
  }

  #unavailableReason(app: AppRuntime): string {
    const world = this.#world;
    if (app.transport === 'tcp' && world.services.portSharing !== 'running')
      return 'the Net.Tcp Port Sharing Service is paused';
    if (app.paused > 0) return 'the queue cannot dispatch (paused)';
    // Stryker disable next-line ConditionalExpression,StringLiteral: unreachable: a routed self-hosted app can always dispatch but when paused or without port sharing (checked above), since its routes go with its queue
    if (app.hosting === 'self') return 'the queue cannot dispatch';
    const activator =
      app.transport === 'tcp' ? world.services.tcpActivator : world.services.pipeActivator;
    if (activator !== 'running')
      return `the ${app.transport === 'tcp' ? 'Net.Tcp' : 'Net.Pipe'} Listener Adapter is ${activator}`;
    // Stryker disable next-line ConditionalExpression,StringLiteral: unreachable, a WAS disconnect deletes every WAS application and its routes
    if (!world.wasConnected) return 'the listener adapter is not connected to WAS';
    // Stryker disable next-line OptionalChaining: a WAS application with a queue has its activation state machine (Registrar.openQueue)
    if (app.activation?.state === 'Faulted') return 'the queue is Faulted (failure throttle)';
    // Stryker disable next-line ConditionalExpression: every WAS application has a pool (DefaultAppPool when it names none)
    if (app.pool !== undefined && !app.pool.started)
      return `the application pool ${app.pool.spec.name} is stopped`;
    // Stryker disable next-line OptionalChaining: every WAS application has a pool (DefaultAppPool when it names none)
    if (app.pool?.rapidFailDisabled === true)
      return `the application pool ${app.pool.spec.name} was disabled by rapid-fail protection`;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the last cause left (isAppEnabled is false only for a stopped or disabled pool, checked above, or a blocked protocol), so this test always holds here
    if (app.protocolBlockedByConfig || app.protocolDisabled > 0)
      return `the protocol ${app.uri.scheme} is not in enabledProtocols (requests blocked)`;
    // Stryker disable next-line StringLiteral: unreachable, the test above always holds
    return 'the queue cannot dispatch';
  }

  #rewriteToUnregistered(session: Session): void {
    const uri = session.viaUri as ServiceUri;
    // The default port unwritten, as a client's address (and System.Uri) leaves it out.
    const authority =
      uri.transport === 'tcp' && uri.port !== DEFAULT_TCP_PORT
        ? `${uri.host}:${uri.port}`
        : uri.host;
    session.via = `${uri.scheme}://${authority}/unregistered/${uri.segments.join('/')}`;
    session.viaUri = this.#parse(session.via);
  }

  // OnConnectionDequeued: 1430 with the count after the release, then the accept posted
  // again takes the oldest backlogged connection.
  #release(listener: Listener): void {
    const world = this.#world;
    listener.release();
    world.bus.emit(
      'PendingConnectionsRatio',
      world.acceptorRatio(listener.acceptedUnrouted),
      listener.notes,
    );
    const next = listener.acceptBacklogged(world.config.maxPendingConnections);
    if (next instanceof HeldConnection) {
      this.#acceptorAccepted(listener, next, undefined);
      next.start();
    } else if (next !== undefined) this.#accepted(listener, next);
  }
}
