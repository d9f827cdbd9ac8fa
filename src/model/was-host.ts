// WasHost: the WAS side of activation (domain §6): the listener adapter's mirror of apps and
// pools, opening listener channel instances, the ActivatedMessageQueue state machine's side
// effects, enabled states, rapid-fail protection, and the pools' stop, start and recycle. The
// pools' worker processes are in pool-processes.ts; the WAS connection itself (4026/4027/
// 4032) is in was-connection.ts.
// Simplification: exits after a 4031 do not count towards rapid-fail protection (a 4031 tears
// down one application's app domain, not the process: see pool-processes.ts).

import { ms } from '../core/millis.js';
import { TimerPriority } from '../core/virtual-clock.js';
import { FAILURE_THROTTLING_TIMEOUT_MS } from './activated-queue-state.js';
import { NO_PAYLOAD } from '../events/event-bus.js';
import { PoolProcesses } from './pool-processes.js';
import type { Registrar } from './registrar.js';
import type { W3wpProcess } from './w3wp-process.js';
import type { WorkerProcess } from './worker-process.js';
import type { AppPoolRuntime, AppRuntime, World } from './world.js';
import { hresultText } from './hresult-text.js';

/** How long a worker of a stopped or disabled pool takes to exit. */
export const POOL_SHUTDOWN_MS = 1000;

/** Runs the WAS-hosted applications. */
export class WasHost {
  readonly #world: World;
  readonly #registrar: Registrar;
  readonly #processes: PoolProcesses;

  /**
   * @param world - the machine
   * @param registrar - registration, queues and listeners
   */
  constructor(world: World, registrar: Registrar) {
    this.#world = world;
    this.#registrar = registrar;
    this.#processes = new PoolProcesses(world, registrar, {
      canOpen: (app) => this.#canOpen(app),
      failed: (pool) => this.#recordFailure(pool),
    });
  }

  /** @returns the WAS-hosted applications */
  apps(): AppRuntime[] {
    return [...this.#world.apps.values()].filter((app) => app.hosting === 'was');
  }

  /** The adapters connect to WAS and receive the configuration (time 0). */
  start(): void {
    if (this.apps().length === 0) return;
    this.#world.bus.emit('WasConnected', NO_PAYLOAD, {});
    this.receiveConfiguration();
  }

  /**
   * An adapter (re)connected to WAS receives the configuration: every application it can
   * host is created in its mirror, and AlwaysRunning pools start a worker without waiting for
   * a session (at start, on a WAS reconnect, when a stopped service starts again).
   */
  receiveConfiguration(): void {
    const apps = this.apps();
    for (const app of apps) this.createApp(app);
    this.startAlwaysRunning(apps);
  }

  /** @param apps - the applications whose AlwaysRunning pools get workers without a session */
  startAlwaysRunning(apps: readonly AppRuntime[]): void {
    for (const app of apps) {
      // Stryker disable next-line OptionalChaining: a WAS application always has a pool, an activation state machine and, once created, a queue
      if (app.pool?.spec.startMode !== 'AlwaysRunning' || !this.#world.isAppEnabled(app)) continue;
      if (app.activation?.onEnqueue() === 'open') this.#open(app);
    }
  }

  /** @param app - creates the app in the adapter's mirror: listener, queue and routes */
  createApp(app: AppRuntime): void {
    const world = this.#world;
    const activator =
      app.transport === 'tcp' ? world.services.tcpActivator : world.services.pipeActivator;
    if (app.created || activator === 'stopped' || !world.wasConnected) return;
    if (app.transport === 'tcp' && world.services.portSharing === 'stopped') return;
    app.created = true;
    // Registering the queue's path listens on its endpoint (RoutingTable.Start).
    this.#registrar.openQueue(app);
    // CompleteAppCreation: the new queue starts disabled, then takes the app's state.
    this.#setEnabledState(app, world.isAppEnabled(app));
  }

  /**
   * Deletes the app from the mirror: pending sessions get EndpointUnavailable, routes are
   * removed (4013), its listener channel closes in every worker process, and processes left
   * with nothing to host exit (domain §6.3).
   * @param app - the application
   * @param reason - why, for the dropped sessions
   */
  deleteApp(app: AppRuntime, reason: string): void {
    if (!app.created) return;
    app.created = false;
    // ActivatedMessageQueue.Delete: SetEnabledState(false), then Close.
    // Stryker disable next-line BooleanLiteral: app.created is already false, and #setEnabledState enables only a created application
    this.#setEnabledState(app, false);
    this.#registrar.closeQueue(app, 'dropped-unavailable', reason);
    this.#processes.closeChannel(app);
  }

  /** @param app - a session was enqueued: PendingOpen asks WAS for an instance (§6.3) */
  readonly onEnqueued = (app: AppRuntime): void => {
    // Stryker disable next-line OptionalChaining: a WAS application always has a pool, an activation state machine and, once created, a queue
    if (app.activation?.onEnqueue() === 'open') this.#open(app);
  };

  #open(app: AppRuntime): void {
    const world = this.#world;
    app.opens++;
    const rule = world.faults.decide('openListenerChannel', {
      atMs: world.clock.now(),
      nth: app.opens,
      app: app.name,
      // Stryker disable next-line OptionalChaining: a WAS application always has a pool, an activation state machine and, once created, a queue
      pool: app.pool?.spec.name,
    });
    if (rule !== undefined) {
      world.bus.emit(
        'OpenListenerChannelInstanceFailed',
        { hresult: hresultText(rule.hresult) },
        { app: app.name },
      );
      // Stryker disable next-line OptionalChaining: a WAS application always has a pool, an activation state machine and, once created, a queue
      app.activation?.onOpenFailed();
      this.#fault(app);
      return;
    }
    this.#processes.open(app);
  }

  #canOpen(app: AppRuntime): void {
    if (!app.created || app.activation === undefined || app.queue === undefined) return;
    // The queue learns that no instance runs even while the app is disabled: it once kept
    // Connected with no worker left, and the first session after the app was enabled
    // again waited for an open that never came. A disabled app just opens nothing.
    const enabled = this.#world.isAppEnabled(app);
    // An AlwaysRunning pool keeps a worker up, so it opens again with no session waiting.
    // Stryker disable next-line OptionalChaining: a WAS application always has a pool, an activation state machine and, once created, a queue
    const alwaysRunning = app.pool?.spec.startMode === 'AlwaysRunning';
    const action = app.activation.onCanOpenNewInstance(
      enabled && (app.queue.pendingCount > 0 || alwaysRunning),
    );
    if (action === 'open') this.#open(app);
    else if (action === 'fault') this.#fault(app);
  }

  // Faulted: pending sessions get EndpointUnavailable; after the throttle (15 s plus up to
  // 5 s of timer skew) the queue returns to PendingOpen (domain §6.3).
  #fault(app: AppRuntime): void {
    const world = this.#world;
    // Stryker disable next-line ConditionalExpression: a WAS application always has a pool, an activation state machine and, once created, a queue
    if (app.queue !== undefined) {
      this.#registrar.dropPending(
        app,
        app.queue,
        'dropped-unavailable',
        'the queue was Faulted by listener channel failures',
      );
    }
    const skewMs = world.streams.workers.nextFloat() * 5000;
    world.clock.scheduleIn(
      ms(Math.round(FAILURE_THROTTLING_TIMEOUT_MS + skewMs)),
      () => {
        // Stryker disable next-line OptionalChaining: a WAS application always has a pool, an activation state machine and, once created, a queue
        app.activation?.onThrottleElapsed();
      },
      TimerPriority.control,
      // Stryker disable next-line StringLiteral: a timer's owner only names it in a livelock error
      'failure-throttle',
    );
  }

  // Rapid-fail protection (domain §7): maxFailures within intervalMs disables the pool.
  #recordFailure(pool: AppPoolRuntime): void {
    const world = this.#world;
    const rfp = pool.spec.rapidFailProtection;
    const now = world.clock.now();
    pool.failures.push(now);
    while ((pool.failures[0] ?? now) < now - rfp.intervalMs) pool.failures.shift();
    if (rfp.enabled && !pool.rapidFailDisabled && pool.failures.length >= rfp.maxFailures) {
      pool.rapidFailDisabled = true;
      this.#poolDisabled(pool, 'rapid-fail protection disabled the application pool');
    }
  }

  #poolDisabled(pool: AppPoolRuntime, reason: string): void {
    for (const app of this.apps()) if (app.pool === pool) this.#disabled(app, reason);
    // WAS shuts the pool's processes down gracefully: a dispatch in flight may still end
    // (the stopping worker aborts the connection yet reports 4030).
    this.#processes.shutdownAll(pool, POOL_SHUTDOWN_MS);
  }

  /**
   * The control channel of a worker failed after a 4031 (§3.3).
   * @param app - its application
   * @param worker - the worker
   */
  controlChannelLost(app: AppRuntime, worker: WorkerProcess): void {
    this.#processes.controlChannelLost(app, worker);
  }

  /**
   * A dispatch to the worker ended: its process was active.
   * @param _app - its application
   * @param worker - the worker
   */
  workerIdle(_app: AppRuntime, worker: WorkerProcess): void {
    this.#processes.workerIdle(worker);
  }

  /**
   * @param app - a WAS application
   * @param ordinal - the ordinal of a process of its pool, when a fault rule names one
   * @returns the process a `worker-crash` aimed at the application hits
   */
  pickProcess(app: AppRuntime, ordinal: number | undefined): W3wpProcess | undefined {
    return this.#processes.pick(app, ordinal);
  }

  /**
   * A worker process crashes (fault `worker-crash`): every application's registration in it
   * goes, and its dispatches in flight fail (F2).
   * @param process - the process
   */
  crash(process: W3wpProcess): void {
    this.#processes.crash(process);
  }

  /**
   * Recycles a pool's worker processes (fault `app-pool-recycle`, domain §6.3, §7).
   * @param pool - the pool
   * @param overlapped - start the new process before the old one leaves
   * @param shutdownMs - how long an old process takes to shut down
   */
  recycle(pool: AppPoolRuntime, overlapped: boolean, shutdownMs: number): void {
    this.#processes.recycle(pool, overlapped, shutdownMs);
  }

  /** @param pool - stopped by the administrator (fault `app-pool-stop`) */
  stopPool(pool: AppPoolRuntime): void {
    pool.started = false;
    this.#poolDisabled(pool, `the application pool ${pool.spec.name} was stopped`);
  }

  /** @param pool - started again: an AlwaysRunning pool launches its workers at once */
  startPool(pool: AppPoolRuntime): void {
    pool.started = true;
    pool.rapidFailDisabled = false;
    pool.failures.length = 0;
    const apps = this.apps().filter((app) => app.pool === pool);
    for (const app of apps) this.#setEnabledState(app, this.#world.isAppEnabled(app));
    this.startAlwaysRunning(apps);
  }

  /**
   * An application's protocol stops being enabled, or is enabled again (RequestsBlocked).
   * @param app - the application
   * @param blocked - true when requests become blocked
   */
  setProtocolBlocked(app: AppRuntime, blocked: boolean): void {
    const wasEnabled = this.#world.isAppEnabled(app);
    app.protocolDisabled += blocked ? 1 : -1;
    if (wasEnabled && !this.#world.isAppEnabled(app)) {
      this.#disabled(app, `the protocol ${app.uri.scheme} was removed from enabledProtocols`);
    } else if (!wasEnabled && this.#world.isAppEnabled(app)) {
      this.#setEnabledState(app, true);
      // Enabled again: an AlwaysRunning pool's worker starts without waiting for a session.
      this.startAlwaysRunning([app]);
    }
  }

  // SetEnabledState(false): pending sessions get EndpointUnavailable, and the listener
  // channel starts over from PendingOpen once the app is enabled again (domain §6.1, §6.3).
  #disabled(app: AppRuntime, reason: string): void {
    this.#setEnabledState(app, false);
    if (app.queue !== undefined) {
      this.#registrar.dropPending(app, app.queue, 'dropped-unavailable', reason);
    }
    app.activation?.onReset();
  }

  // ActivatedMessageQueue.SetEnabledState: Registrations Active counts enabled WAS
  // applications, not workers (ActivatedMessageQueue overrides OnRegisterCompleted and
  // OnUnregisterCompleted, so registered paths do not count for WAS queues).
  #setEnabledState(app: AppRuntime, enabled: boolean): void {
    const next = enabled && app.created;
    if (app.queueEnabled === next) return;
    app.queueEnabled = next;
    this.#world.counters.add(app.transport, 'registrationsActive', next ? 1 : -1);
  }
}
