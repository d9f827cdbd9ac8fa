// Registrar: worker registration on the control endpoint, and the life of queues, routes and
// listeners that follows from it (domain §1, §2.1 events 4011-4015 and 3364-3366, §3.3 side
// effects, §6.4). Self-hosted queues live while they have workers; WAS queues live while
// their application exists in the listener adapter's mirror of WAS.

import { NO_PAYLOAD } from '../events/event-bus.js';
import { clientViews } from '../events/session-outcome.js';
import type { RegistrationFailureStatus } from './registration-status.js';
import { ActivatedQueueStateMachine } from './activated-queue-state.js';
import { MessageQueue, type StartDispatch } from './message-queue.js';
import { HeldConnection } from './held-connection.js';
import type { Session } from './session.js';
import { TransportListener } from './transport-listener.js';
import type { WorkerProcess } from './worker-process.js';
import type { AppRuntime, World } from './world.js';
import { exceedsViaLimit, type ServiceUri } from '../scenario/service-uri.js';

/** How pending sessions leave a closing queue (domain §3.4). */
export type DropKind = 'dropped-unavailable' | 'dropped-aborted';

/** Registers workers and opens and closes queues, routes and listeners. */
export class Registrar {
  readonly #world: World;
  readonly #startDispatch: StartDispatch;

  /**
   * @param world - the machine
   * @param startDispatch - how queues start dispatches
   */
  constructor(world: World, startDispatch: StartDispatch) {
    this.#world = world;
    this.#startDispatch = startDispatch;
  }

  /**
   * Listens on the endpoint of a base address, or adds a reference to its listener
   * (4020/4021 for TCP, 4028/4029 for pipes on first use).
   * @param uri - a base address
   */
  acquireListener(uri: ServiceUri): void {
    const world = this.#world;
    const key = TransportListener.keyOf(uri);
    let listener = world.listeners.get(key);
    if (listener === undefined) {
      listener = new TransportListener<Session | HeldConnection>(
        world.listenerIds.next(),
        uri,
        world.tcpListenEndpoint,
      );
      world.listeners.set(key, listener);
      const notes = { listenerId: listener.id, transport: uri.transport };
      if (uri.transport === 'tcp') {
        world.bus.emit('TcpTransportListenerListeningStart', { Uri: listener.listenUri }, notes);
        world.bus.emit('TcpTransportListenerListeningStop', NO_PAYLOAD, notes);
      } else {
        world.bus.emit('PipeTransportListenerListeningStart', { Uri: listener.listenUri }, notes);
        world.bus.emit('PipeTransportListenerListeningStop', NO_PAYLOAD, notes);
      }
    }
    listener.refs++;
  }

  /**
   * Drops a reference to a listener; the last one stops listening, and connections
   * waiting in its backlog are refused. This holds for WAS applications too: when a WAS
   * disconnect (or an activator stop) deletes every application, RoutingTable.Stop →
   * TransportListener.Stop(endpoint) → DelRef() reaching 0 → Stop() disposes the demuxers
   * (SMS/RoutingTable.cs, SMS/TransportListener.cs), so a port that no other registration
   * keeps listening refuses new connections. The domain reference (§6.3) says new connections
   * then get EndpointNotFound; that is what a port still listened on for another
   * registration (e.g. a self-hosted service) gives.
   * @param uri - a base address
   */
  releaseListener(uri: ServiceUri): void {
    const world = this.#world;
    const key = TransportListener.keyOf(uri);
    const listener = world.listeners.get(key);
    if (listener === undefined) return;
    listener.refs--;
    if (listener.refs > 0) return;
    world.listeners.delete(key);
    for (const session of listener.drainBacklog()) {
      if (session instanceof HeldConnection) {
        session.refuse();
        continue;
      }
      world.finish(
        session,
        'connection-refused',
        clientViews.refused(session.via, listener.transport),
        'the listener stopped while the connection waited in the backlog',
      );
    }
  }

  /**
   * Creates an application's queue and routes its base address (MessageQueue.Register).
   * Self-hosted queues also take a listener reference per path.
   * @param app - the application
   * @returns the queue
   */
  openQueue(app: AppRuntime): MessageQueue {
    const world = this.#world;
    const queue = new MessageQueue(
      world.queueIds.next(),
      app.name,
      app.hosting,
      [app.uri],
      this.#startDispatch,
      world.clock,
    );
    app.queue = queue;
    if (app.hosting === 'was') {
      app.activation ??= new ActivatedQueueStateMachine();
      // Registering the queue's URIs returns it to PendingOpen (domain §6.3).
      app.activation.onReset();
    }
    for (const path of queue.paths) {
      // MessageQueue.Register(path) → RoutingTable.Start: TransportListener.Listen takes a
      // reference on the endpoint's listener (the first one starts it: 4020/4021 or
      // 4028/4029), then the path is routed. The same for WAS and self-hosted queues.
      this.acquireListener(path);
      world.routing.add({ uri: path, mode: app.spec.hostNameComparisonMode, queue });
      world.counters.add(app.transport, 'urisRegistered');
      // MessageQueue.OnRegisterCompleted: a self-hosted queue counts each registered path
      // in Registrations Active; ActivatedMessageQueue overrides it and counts enabled
      // applications instead (SetEnabledState, see WasHost).
      if (app.hosting === 'self') world.counters.add(app.transport, 'registrationsActive');
    }
    return queue;
  }

  /**
   * Closes an application's queue: 4013 per path, routes removed, workers unregistered,
   * pending sessions dropped (domain §3.3 side effects, §3.4).
   * @param app - the application
   * @param drop - what pending sessions get
   * @param reason - why, for the dropped sessions' outcomes
   */
  closeQueue(app: AppRuntime, drop: DropKind, reason: string): void {
    const world = this.#world;
    const queue = app.queue;
    if (queue === undefined) return;
    queue.closed = true;
    app.queue = undefined;
    for (const path of queue.paths) {
      world.bus.emit(
        'MessageQueueUnregisterSucceeded',
        { Uri: path.text },
        { app: app.name, queueId: queue.id },
      );
      world.counters.add(app.transport, 'urisUnregistered');
      // OnUnregisterCompleted (self-hosted only; see openQueue).
      if (app.hosting === 'self') world.counters.add(app.transport, 'registrationsActive', -1);
    }
    world.routing.removeQueue(queue);
    for (const worker of [...queue.workers]) queue.removeWorker(worker);
    this.dropPending(app, queue, drop, reason);
    // RoutingTable.Stop → TransportListener.Stop drops the path's listener reference; the
    // last registration on an endpoint stops its listener, so new connections to it are
    // refused, not answered with EndpointNotFound (see releaseListener).
    for (const path of queue.paths) this.releaseListener(path);
    if (app.hosting === 'was') app.activation?.onReset();
  }

  /**
   * Drops a queue's pending sessions.
   * @param app - the application
   * @param queue - its queue
   * @param drop - EndpointUnavailable or abort
   * @param reason - why
   */
  dropPending(app: AppRuntime, queue: MessageQueue, drop: DropKind, reason: string): void {
    const world = this.#world;
    queue.dropPending((session) => {
      const client =
        drop === 'dropped-unavailable'
          ? clientViews.endpointUnavailable(session.via)
          : clientViews.abort(app.transport);
      if (drop === 'dropped-unavailable') world.sendFault(session, 'EndpointUnavailable');
      world.finish(session, drop, client, reason);
    });
  }

  /**
   * The registration protocol (domain §6.2): worker 3364, SMSvcHost 4011, then 4015 and
   * worker 3365, or 4014/4012 and worker 3366.
   * @param app - the application the worker serves
   * @param worker - the worker
   * @returns the failure status, or undefined when the worker is registered
   */
  register(app: AppRuntime, worker: WorkerProcess): RegistrationFailureStatus | undefined {
    const world = this.#world;
    const notes = { app: app.name, workerId: worker.id, pid: worker.pid };
    const uri = app.uri.text;
    app.registrations++;
    world.bus.emit('SharedListenerProxyRegisterStart', { Uri: uri }, notes);
    world.bus.emit('MessageQueueRegisterStart', NO_PAYLOAD, notes);
    const status = this.#registrationStatus(app, worker);
    if (status !== undefined) {
      if (status.abort) {
        world.bus.emit('MessageQueueRegisterAbort', { Status: status.status, Uri: uri }, notes);
      } else {
        world.bus.emit('MessageQueueRegisterFailed', { Uri: uri, Status: status.status }, notes);
        world.bus.emit('SharedListenerProxyRegisterFailed', { Status: status.status }, notes);
      }
      return status;
    }
    const queue = app.queue ?? this.openQueue(app);
    worker.state = 'registered';
    world.bus.emit('MessageQueueRegisterCompleted', { Uri: uri }, notes);
    world.bus.emit('SharedListenerProxyRegisterStop', NO_PAYLOAD, notes);
    app.activation?.onWorkerRegistered();
    // MessageQueue.OnNewWorkerAvailable schedules the first dispatch to a new worker on
    // another thread ("offload draining the IO queues to this new worker"), so Register
    // has returned (4015) before the worker takes a session. Joining the queue last keeps
    // that order: a dispatch that fails at once (F1, dupHandleMs 0) and takes the worker
    // out can no longer come before its registration completes.
    queue.addWorker(worker);
    return undefined;
  }

  /**
   * Unregisters a worker (its control session closed or aborted). For a self-hosted queue
   * the last worker leaving closes the queue and aborts its pending sessions (§3.3).
   * @param app - the application
   * @param worker - the worker
   */
  unregister(app: AppRuntime, worker: WorkerProcess): void {
    const queue = app.queue;
    if (queue === undefined || !queue.removeWorker(worker)) return;
    // Stryker disable next-line ConditionalExpression: a self-hosted queue has one worker (a second one's registration conflicts), so its leaving is the last one's
    if (app.hosting === 'self' && queue.workers.size === 0) {
      this.closeQueue(app, 'dropped-aborted', 'the self-hosted queue closed: its last worker left');
    }
  }

  #registrationStatus(
    app: AppRuntime,
    worker: WorkerProcess,
  ): RegistrationFailureStatus | undefined {
    const world = this.#world;
    if (exceedsViaLimit(app.uri.text)) return { status: 'PathTooLong', abort: false };
    const rule = world.faults.decide('registration', {
      atMs: world.clock.now(),
      nth: app.registrations,
      app: app.name,
      pool: app.pool?.spec.name,
      worker: worker.ordinal,
    });
    if (rule !== undefined) return { status: rule.status, abort: rule.abort };
    if (app.hosting === 'self') {
      // CanShare is false for self-hosted queues (domain §6.4): a second process of the
      // service conflicts with the first.
      // Stryker disable next-line ConditionalExpression,EqualityOperator: a self-hosted queue exists only while a worker is registered (its last one leaving closes it)
      if (app.queue !== undefined && app.queue.workers.size > 0) {
        return { status: 'ConflictingRegistration', abort: false };
      }
      // So does a process of another service (another app here) registering the same base
      // address: MessageQueue.Register finds the path's queue in its registry, or
      // RoutingTable.Start finds the path routed, and answers ConflictingRegistration.
      const held = world.routing.registered(app.uri, app.spec.hostNameComparisonMode);
      if (held !== undefined && held.queue !== app.queue) {
        return { status: 'ConflictingRegistration', abort: false };
      }
      return undefined;
    }
    // A WAS worker registers with its listener channel id and token; an application that
    // no longer exists in the adapter's mirror does not know them.
    // Stryker disable next-line ConditionalExpression,LogicalOperator,ObjectLiteral,StringLiteral,BooleanLiteral: defensive; PoolProcesses registers only a created WAS application, which has its queue
    if (!app.created || app.queue === undefined) return { status: 'InvalidArgument', abort: false };
    return undefined;
  }
}
