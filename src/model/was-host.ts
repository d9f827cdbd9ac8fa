// WasHost: the WAS side of activation (domain §6): the listener adapter's mirror of apps and
// pools, opening listener channel instances (worker launches), the ActivatedMessageQueue
// state machine's side effects, rapid-fail protection, recycling, idle shutdown and crashes.
// The WAS connection itself (4026/4027/4032) is in was-connection.ts.
// Simplifications: an open launches the application's whole web garden (`workers`); a WAS
// worker whose control channel failed (after a 4031) has its app domain torn down and exits,
// which WAS reports as "can open a new instance" (domain §6.2 says only that the failure
// surfaces in WAS); exits after a 4031 do not count towards rapid-fail protection.

import { sample } from '../core/distribution.js';
import { ms } from '../core/millis.js';
import { TimerPriority } from '../core/virtual-clock.js';
import { FAILURE_THROTTLING_TIMEOUT_MS } from './activated-queue-state.js';
import { NO_PAYLOAD } from '../events/event-bus.js';
import type { Registrar } from './registrar.js';
import { WorkerProcess } from './worker-process.js';
import type { AppPoolRuntime, AppRuntime, World } from './world.js';

/** How long a worker of a stopped or disabled pool takes to exit. */
export const POOL_SHUTDOWN_MS = 1000;

/** Runs the WAS-hosted applications. */
export class WasHost {
  readonly #world: World;
  readonly #registrar: Registrar;

  /**
   * @param world - the machine
   * @param registrar - registration, queues and listeners
   */
  constructor(world: World, registrar: Registrar) {
    this.#world = world;
    this.#registrar = registrar;
  }

  /** @returns the WAS-hosted applications */
  apps(): AppRuntime[] {
    return [...this.#world.apps.values()].filter((app) => app.hosting === 'was');
  }

  /** The adapters connect to WAS and receive the configuration (time 0). */
  start(): void {
    const apps = this.apps();
    if (apps.length === 0) return;
    this.#world.bus.emit('WasConnected', NO_PAYLOAD, {});
    for (const app of apps) this.createApp(app);
    this.startAlwaysRunning(apps);
  }

  /** @param apps - the applications whose AlwaysRunning pools get workers without a session */
  startAlwaysRunning(apps: readonly AppRuntime[]): void {
    for (const app of apps) {
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
   * removed (4013), workers exit (domain §6.3).
   * @param app - the application
   * @param reason - why, for the dropped sessions
   */
  deleteApp(app: AppRuntime, reason: string): void {
    if (!app.created) return;
    app.created = false;
    // ActivatedMessageQueue.Delete: SetEnabledState(false), then Close.
    this.#setEnabledState(app, false);
    this.#registrar.closeQueue(app, 'dropped-unavailable', reason);
    for (const worker of [...app.workers]) this.#exit(app, worker, false, false);
  }

  /** @param app - a session was enqueued: PendingOpen asks WAS for an instance (§6.3) */
  readonly onEnqueued = (app: AppRuntime): void => {
    if (app.activation?.onEnqueue() === 'open') this.#open(app);
  };

  #open(app: AppRuntime): void {
    const world = this.#world;
    app.opens++;
    const rule = world.faults.decide('openListenerChannel', {
      atMs: world.clock.now(),
      nth: app.opens,
      app: app.name,
      pool: app.pool?.spec.name,
    });
    if (rule !== undefined) {
      world.bus.emit(
        'OpenListenerChannelInstanceFailed',
        { hresult: rule.hresult },
        { app: app.name },
      );
      app.activation?.onOpenFailed();
      this.#fault(app);
      return;
    }
    const live = app.workers.filter(
      (w) => w.state !== 'stopping' && w.replaces === undefined,
    ).length;
    for (let i = live; i < app.spec.workers; i++) this.#launch(app, undefined);
  }

  #launch(app: AppRuntime, replaces: WorkerProcess['replaces']): void {
    const world = this.#world;
    const pool = app.pool;
    if (pool === undefined) return;
    app.launches++;
    const worker = new WorkerProcess(
      world.workerIds.next(),
      app.name,
      app.launches,
      world.clock.now(),
    );
    worker.replaces = replaces;
    app.workers.push(worker);
    const startFailure =
      !pool.spec.identityAllowed ||
      world.faults.decide('workerStart', {
        atMs: world.clock.now(),
        nth: app.launches,
        app: app.name,
        pool: pool.spec.name,
        worker: worker.ordinal,
      }) !== undefined;
    const startupMs = sample(pool.spec.startupMs, world.streams.workers);
    world.clock.scheduleIn(
      startupMs,
      () => {
        if (worker.state !== 'starting') return;
        // An identity outside allowAccounts cannot read the endpoint: the worker fails
        // before Register, with no SMSvcHost event (domain §4.1).
        if (startFailure || !app.created) {
          this.#exit(app, worker, startFailure, true);
          return;
        }
        if (this.#registrar.register(app, worker) !== undefined) {
          this.#exit(app, worker, true, true);
          return;
        }
        // The idle timeout counts from registration, not from the launch: a start-up
        // longer than idleTimeoutMs must not schedule the first check in the past.
        worker.lastActiveMs = world.clock.now();
        this.#armIdle(app, worker);
        const old = worker.replaces;
        worker.replaces = undefined;
        if (old !== undefined) this.#shutdown(app, old.worker, old.shutdownMs);
      },
      TimerPriority.control,
      'worker-startup',
    );
  }

  /**
   * A worker process leaves: an in-flight dispatch fails (F2), the worker is unregistered,
   * and WAS says a new instance may be opened.
   * @param app - its application
   * @param worker - the worker
   * @param failure - counts towards rapid-fail protection
   * @param signalCanOpen - WAS signals "can open a new listener channel instance"
   */
  #exit(app: AppRuntime, worker: WorkerProcess, failure: boolean, signalCanOpen: boolean): void {
    if (worker.state === 'exited') return;
    worker.state = 'exited';
    if (worker.idleTimer !== undefined) this.#world.clock.cancel(worker.idleTimer);
    worker.inFlight?.failNow('CommunicationObjectAbortedException');
    this.#registrar.unregister(app, worker);
    app.workers = app.workers.filter((w) => w !== worker);
    if (failure && app.pool !== undefined) this.#recordFailure(app.pool);
    if (signalCanOpen) this.#canOpen(app);
  }

  #canOpen(app: AppRuntime): void {
    if (!app.created || app.activation === undefined || app.queue === undefined) return;
    // The queue learns that no instance runs even while the app is disabled: it once kept
    // Connected with no worker left, and the first session after the app was enabled
    // again waited for an open that never came. A disabled app just opens nothing.
    const enabled = this.#world.isAppEnabled(app);
    // An AlwaysRunning pool keeps a worker up, so it opens again with no session waiting.
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
        app.activation?.onThrottleElapsed();
      },
      TimerPriority.control,
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
    for (const app of this.apps()) {
      if (app.pool !== pool) continue;
      this.#disabled(app, reason);
      // WAS shuts the pool's workers down gracefully: a dispatch in flight may still end
      // (the stopping worker aborts the connection yet reports 4030).
      for (const worker of [...app.workers]) this.#shutdown(app, worker, POOL_SHUTDOWN_MS);
    }
  }

  /**
   * A worker is told to shut down: WAS stops its listener channel, so SMSvcHost unregisters
   * it at once and pairs no new session with it; it exits after `shutdownMs`, and a dispatch
   * still in flight then fails (F2). One that ends before the exit is a 4030 whose
   * connection the stopping worker aborts (domain §3.3 "Not 4031", §6.3, §7).
   * @param app - its application
   * @param worker - the worker
   * @param shutdownMs - how long it takes
   */
  #shutdown(app: AppRuntime, worker: WorkerProcess, shutdownMs: number): void {
    if (worker.state === 'exited' || worker.state === 'stopping') return;
    if (worker.state === 'starting') {
      this.#exit(app, worker, false, false);
      return;
    }
    worker.state = 'stopping';
    // The protocol handler's StopListenerChannel closes its SharedConnectionListener: the
    // control session closes and WorkerProcess_Closed → Close() unregisters the worker
    // (SMS/WorkerProcess.cs), which DispatchSession then discards (IsRegistered false).
    this.#registrar.unregister(app, worker);
    const exit = (): void => this.#exit(app, worker, false, true);
    if (shutdownMs === 0) exit();
    else
      this.#world.clock.scheduleIn(ms(shutdownMs), exit, TimerPriority.control, 'worker-shutdown');
  }

  /** @param app - the app of a worker whose control channel failed after a 4031 */
  controlChannelLost(app: AppRuntime, worker: WorkerProcess): void {
    this.#registrar.unregister(app, worker);
    this.#exit(app, worker, false, true);
  }

  /** @param app - the app of a worker that went idle after a dispatch */
  workerIdle(app: AppRuntime, worker: WorkerProcess): void {
    this.#armIdle(app, worker);
  }

  #armIdle(app: AppRuntime, worker: WorkerProcess): void {
    const idleMs = app.pool?.spec.idleTimeoutMs ?? 0;
    if (idleMs === 0 || worker.idleTimer !== undefined) return;
    const world = this.#world;
    worker.idleTimer = world.clock.scheduleAt(
      ms(worker.lastActiveMs + idleMs),
      () => {
        worker.idleTimer = undefined;
        if (worker.state !== 'registered') return;
        // A busy worker is re-armed by workerIdle when its dispatch ends; re-arming here
        // would fire again at the same instant (lastActiveMs + idleMs is not in the future).
        if (worker.busy) return;
        // Compared with the deadline computed exactly as the timer's own instant was, never
        // with a recomputed difference: `now - lastActiveMs < idleMs` can hold through float
        // rounding when now is that very instant, which re-armed the timer at the same
        // instant forever. A later deadline means the worker was active since: re-arm.
        if (world.clock.now() < worker.lastActiveMs + idleMs) {
          this.#armIdle(app, worker);
          return;
        }
        this.#shutdown(app, worker, 0);
      },
      TimerPriority.control,
      'idle-timeout',
    );
  }

  /**
   * A worker process crashes (fault `worker-crash`).
   * @param app - its application
   * @param worker - the worker
   */
  crash(app: AppRuntime, worker: WorkerProcess): void {
    this.#exit(app, worker, true, true);
  }

  /**
   * Recycles a pool's workers (fault `app-pool-recycle`, domain §6.3, §7).
   * @param pool - the pool
   * @param overlapped - start the new worker before the old one leaves
   * @param shutdownMs - how long an old worker takes to shut down
   */
  recycle(pool: AppPoolRuntime, overlapped: boolean, shutdownMs: number): void {
    for (const app of this.apps()) {
      if (app.pool !== pool) continue;
      for (const worker of [...app.workers]) {
        if (worker.state !== 'registered') continue;
        if (overlapped) this.#launch(app, { worker, shutdownMs });
        else this.#shutdown(app, worker, shutdownMs);
      }
    }
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
