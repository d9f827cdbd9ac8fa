// PoolProcesses: the worker processes (w3wp) WAS runs for application pools (domain §6.1,
// §6.2, §6.3): launching up to the pool's web garden size, starting each application's
// listener channel in every process of its pool (one registration per application and
// process, one PID), idle timeout, shutdown, crash and exit. A crash, recycle, stop or idle
// timeout acts on a process, and so on every application's registration in it.
// Simplifications: an open makes WAS run the whole web garden (maxProcesses processes), and
// each process of the pool starts every listener channel opened for the pool; a listener
// channel starting in a running process takes the pool's startupMs, like a new process; a
// 4031 tears down that application's app domain only (its listener channel faulted), and
// WAS reports "can open a new instance" for it (domain §6.2 says only that the failure
// surfaces in WAS); a process hosting no application stays up until its idle timeout.

import { sample } from '../core/distribution.js';
import { ms } from '../core/millis.js';
import { TimerPriority } from '../core/virtual-clock.js';
import type { Registrar } from './registrar.js';
import { W3wpProcess } from './w3wp-process.js';
import { WorkerProcess } from './worker-process.js';
import type { AppPoolRuntime, AppRuntime, World } from './world.js';

/** What the WAS host does when processes come and go. */
export interface PoolProcessHooks {
  /** WAS says a new listener channel instance may be opened for the application (§6.3). */
  canOpen(app: AppRuntime): void;
  /** A worker process failed (start failure, crash): rapid-fail protection counts it (§7). */
  failed(pool: AppPoolRuntime): void;
}

/** The worker processes of every application pool. */
export class PoolProcesses {
  readonly #world: World;
  readonly #registrar: Registrar;
  readonly #hooks: PoolProcessHooks;
  /** The process of each WAS registration. */
  readonly #hostOf = new WeakMap<WorkerProcess, W3wpProcess>();

  /**
   * @param world - the machine
   * @param registrar - registration with SMSvcHost
   * @param hooks - the WAS host's reactions
   */
  constructor(world: World, registrar: Registrar, hooks: PoolProcessHooks) {
    this.#world = world;
    this.#registrar = registrar;
    this.#hooks = hooks;
  }

  /**
   * WAS opened a listener channel instance for the application
   * (WebhostOpenListenerChannelInstance succeeded): the channel starts in every process of
   * its pool, and WAS launches processes until the web garden is full.
   * @param app - the application
   */
  open(app: AppRuntime): void {
    const pool = app.pool;
    // Stryker disable next-line ConditionalExpression: only WAS applications open listener channels, and each has a pool
    if (pool === undefined) return;
    pool.channels.add(app);
    let slots = 0;
    for (const process of pool.processes) {
      if (process.holdsSlot) slots++;
      if (process.state === 'running') this.#startChannel(process, app);
    }
    for (; slots < pool.maxProcesses; slots++) this.#launch(pool, app, undefined);
  }

  /**
   * The application leaves WAS's configuration (deleted, WAS gone, activator stopped): its
   * listener channel closes in every process; a process left with nothing to host exits.
   * @param app - the application
   */
  closeChannel(app: AppRuntime): void {
    const pool = app.pool;
    // Stryker disable next-line ConditionalExpression: only WAS applications close listener channels, and each has a pool
    if (pool === undefined) return;
    pool.channels.delete(app);
    for (const process of [...pool.processes]) {
      const worker = process.registrations.get(app.name);
      if (worker !== undefined) {
        this.#closeRegistration(process, app, worker, "the application's listener channel closed");
      }
      if (pool.channels.size === 0 && process.registrations.size === 0) {
        // Stryker disable next-line BooleanLiteral: signalCanOpen: a process hosting nothing, with no channel left to start, has no application to report (the failure flag, also disabled here, is pinned by listener-channel-close.test.ts)
        this.#exit(process, false, false);
      }
    }
  }

  /**
   * Recycles a pool's running processes (fault `app-pool-recycle`, domain §6.3, §7).
   * @param pool - the pool
   * @param overlapped - start the new process before the old one is told to stop
   * @param shutdownMs - how long an old process takes to shut down
   */
  recycle(pool: AppPoolRuntime, overlapped: boolean, shutdownMs: number): void {
    for (const process of [...pool.processes]) {
      if (process.state !== 'running') continue;
      if (overlapped) this.#launch(pool, this.#firstApp(process), { process, shutdownMs });
      else this.#shutdown(process, shutdownMs);
    }
  }

  /**
   * WAS shuts every process of the pool down gracefully (pool stopped or disabled): a
   * dispatch in flight may still end before the exit.
   * @param pool - the pool
   * @param shutdownMs - how long each process takes
   */
  shutdownAll(pool: AppPoolRuntime, shutdownMs: number): void {
    for (const process of [...pool.processes]) this.#shutdown(process, shutdownMs);
  }

  /**
   * The process a `worker-crash` aimed at an application hits.
   * @param app - a WAS application
   * @param ordinal - the process's ordinal in the pool, when the rule names one
   * @returns the process: that ordinal, else the first running one hosting the application,
   *   else the pool's first running, else its first live one
   */
  pick(app: AppRuntime, ordinal: number | undefined): W3wpProcess | undefined {
    // Stryker disable next-line OptionalChaining,ArrayDeclaration: a worker-crash picks a process only for WAS applications, and each has a pool
    const live = app.pool?.processes ?? [];
    if (ordinal !== undefined) return live.find((process) => process.ordinal === ordinal);
    return (
      live.find((p) => p.state === 'running' && p.registrations.get(app.name)?.isRegistered) ??
      live.find((p) => p.state === 'running') ??
      live[0]
    );
  }

  /** @param process - crashes (fault `worker-crash`): a failure for rapid-fail protection */
  crash(process: W3wpProcess): void {
    this.#exit(process, true, true);
  }

  /**
   * The control channel of a registration failed after a 4031 (WorkerProcess.Close, §3.3):
   * SMSvcHost unregisters it; in a process still running, the application's listener channel
   * is faulted and its app domain torn down, and WAS says a new instance may be opened.
   * @param app - the application
   * @param worker - the registration
   */
  controlChannelLost(app: AppRuntime, worker: WorkerProcess): void {
    this.#registrar.unregister(app, worker);
    const process = this.#hostOf.get(worker);
    // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: a registration exits first only when its process exits (which leaves nothing to remove) or its application is deleted (and canOpen ignores a deleted application)
    if (process === undefined || worker.state === 'exited') return;
    worker.state = 'exited';
    // A stopping process keeps it listed, for its exit to report the application to WAS; a
    // running one reports it now.
    if (process.state !== 'running') return;
    process.registrations.delete(app.name);
    this.#hooks.canOpen(app);
  }

  /**
   * A dispatch to the registration ended: its process was active now.
   * @param worker - the registration
   */
  workerIdle(worker: WorkerProcess): void {
    const process = this.#hostOf.get(worker);
    if (process === undefined) return;
    process.lastActiveMs = this.#world.clock.now();
    this.#armIdle(process);
  }

  #firstApp(process: W3wpProcess): AppRuntime | undefined {
    const [name] = process.registrations.keys();
    return name === undefined ? undefined : this.#world.apps.get(name);
  }

  #launch(
    pool: AppPoolRuntime,
    app: AppRuntime | undefined,
    replaces: W3wpProcess['replaces'],
  ): void {
    const world = this.#world;
    pool.launches++;
    const process = new W3wpProcess(
      world.nextPid(),
      pool.spec.name,
      pool.launches,
      world.clock.now(),
    );
    process.replaces = replaces;
    pool.processes.push(process);
    // An identity outside allowAccounts cannot read the endpoint: the process fails before
    // Register, with no SMSvcHost event (domain §4.1).
    const startFailure =
      !pool.spec.identityAllowed ||
      world.faults.decide('workerStart', {
        atMs: world.clock.now(),
        nth: pool.launches,
        app: app?.name,
        pool: pool.spec.name,
        worker: process.ordinal,
      }) !== undefined;
    const startupMs = sample(pool.spec.startupMs, world.streams.workers);
    world.clock.scheduleIn(
      startupMs,
      () => {
        if (process.state !== 'starting') return;
        if (startFailure) {
          this.#exit(process, true, true);
          return;
        }
        process.state = 'running';
        // The idle timeout counts from start-up, not from the launch: a start-up longer
        // than idleTimeoutMs must not schedule the first check in the past.
        process.lastActiveMs = world.clock.now();
        const failed: AppRuntime[] = [];
        for (const channel of [...pool.channels]) {
          if (!this.#register(process, channel, this.#registration(process, channel))) {
            failed.push(channel);
          }
        }
        // No listener channel could register: the process failed at its work and exits.
        // Stryker disable next-line LogicalOperator,EqualityOperator,ConditionalExpression: a process comes up only for a pool with a channel open (closeChannel ends a starting process when the last one closes), so channels are never empty here
        if (failed.length > 0 && failed.length === pool.channels.size) {
          // Stryker disable next-line BooleanLiteral: signalCanOpen: every registration failed and was removed, so the exit has nothing to report; the loop below reports them
          this.#exit(process, true, false);
          for (const channel of failed) this.#hooks.canOpen(channel);
          return;
        }
        for (const channel of failed) this.#hooks.canOpen(channel);
        this.#armIdle(process);
        const old = process.replaces;
        process.replaces = undefined;
        if (old !== undefined) this.#shutdown(old.process, old.shutdownMs);
      },
      TimerPriority.control,
      // Stryker disable next-line StringLiteral: a timer's owner only names it in a livelock error
      'worker-startup',
    );
  }

  // An application's listener channel starts in a running process: its app domain and
  // protocol handler come up (the pool's startupMs), then it registers.
  #startChannel(process: W3wpProcess, app: AppRuntime): void {
    const pool = app.pool;
    if (pool === undefined || process.registrations.has(app.name)) return;
    const world = this.#world;
    const worker = this.#registration(process, app);
    world.clock.scheduleIn(
      sample(pool.spec.startupMs, world.streams.workers),
      () => {
        if (worker.state !== 'starting' || process.state !== 'running') return;
        if (this.#register(process, app, worker)) return;
        if (process.registrations.size === 0) this.#exit(process, true, false);
        this.#hooks.canOpen(app);
      },
      TimerPriority.control,
      // Stryker disable next-line StringLiteral: a timer's owner only names it in a livelock error
      'listener-channel-start',
    );
  }

  #registration(process: W3wpProcess, app: AppRuntime): WorkerProcess {
    const worker = new WorkerProcess(
      this.#world.workerIds.next(),
      process.pid,
      app.name,
      process.ordinal,
    );
    this.#hostOf.set(worker, process);
    process.registrations.set(app.name, worker);
    return worker;
  }

  // The protocol handler registers the application's listener channel (domain §6.2).
  #register(process: W3wpProcess, app: AppRuntime, worker: WorkerProcess): boolean {
    if (app.created && this.#registrar.register(app, worker) === undefined) return true;
    // Stryker disable next-line StringLiteral: the failed registration leaves its process; nothing reads its state again
    worker.state = 'exited';
    process.registrations.delete(app.name);
    return false;
  }

  // The application's listener channel closes in the process (its app domain unloads, or the
  // process exits): `cause` says which, for a dispatch it cuts short.
  #closeRegistration(
    process: W3wpProcess,
    app: AppRuntime,
    worker: WorkerProcess,
    cause: string,
  ): void {
    process.registrations.delete(app.name);
    // Stryker disable next-line ConditionalExpression,StringLiteral: an exited registration was unregistered when it exited and has no dispatch in flight; closing it again changes nothing
    if (worker.state === 'exited') return;
    worker.state = 'exited';
    worker.inFlight?.failNow('CommunicationObjectAbortedException', cause);
    this.#registrar.unregister(app, worker);
  }

  /**
   * A process is told to shut down: WAS stops its listener channels, so SMSvcHost
   * unregisters every registration at once and pairs no new session with them; it exits
   * after `shutdownMs`, and a dispatch still in flight then fails (F2). One that ends before
   * the exit is a 4030 whose connection the stopping worker aborts (§3.3, §6.3, §7).
   */
  #shutdown(process: W3wpProcess, shutdownMs: number): void {
    if (process.state === 'exited' || process.state === 'stopping') return;
    if (process.state === 'starting') {
      this.#exit(process, false, false);
      return;
    }
    process.state = 'stopping';
    for (const worker of process.registrations.values()) {
      if (worker.state !== 'registered' && worker.state !== 'starting') continue;
      worker.state = 'stopping';
      // The protocol handler's StopListenerChannel closes its SharedConnectionListener: the
      // control session closes and WorkerProcess_Closed → Close() unregisters the worker
      // (SMS/WorkerProcess.cs), which DispatchSession then discards (IsRegistered false).
      this.#registrar.unregister(this.#appOf(worker), worker);
    }
    const exit = (): void => this.#exit(process, false, true);
    // Stryker disable next-line ConditionalExpression: the exit timer is of control priority, so at the same instant it runs before anything else can see the process
    if (shutdownMs === 0) exit();
    else
      // Stryker disable next-line StringLiteral: a timer's owner only names it in a livelock error
      this.#world.clock.scheduleIn(ms(shutdownMs), exit, TimerPriority.control, 'worker-shutdown');
  }

  /**
   * A process leaves: the dispatch in flight to each of its registrations fails (F2), each
   * is unregistered, and WAS says a new instance may be opened for each listener channel it
   * ran (or, if it never came up, was to run).
   * @param process - the process
   * @param failure - counts towards rapid-fail protection
   * @param signalCanOpen - WAS signals "can open a new listener channel instance"
   */
  #exit(process: W3wpProcess, failure: boolean, signalCanOpen: boolean): void {
    // Stryker disable next-line ConditionalExpression,StringLiteral: an exited process holds no registration and is no longer in its pool's list, so exiting again does nothing
    if (process.state === 'exited') return;
    const pool = this.#world.pools.get(process.pool);
    const apps =
      process.state === 'starting'
        ? // Stryker disable next-line OptionalChaining,ArrayDeclaration: every process belongs to a pool of the world
          [...(pool?.channels ?? [])]
        : [...process.registrations.values()].map((worker) => this.#appOf(worker));
    process.state = 'exited';
    // Stryker disable next-line ConditionalExpression: an idle timer left armed finds the process exited and returns
    if (process.idleTimer !== undefined) this.#world.clock.cancel(process.idleTimer);
    for (const worker of [...process.registrations.values()]) {
      this.#closeRegistration(process, this.#appOf(worker), worker, 'the worker process exited');
    }
    // Stryker disable next-line ConditionalExpression: every process belongs to a pool of the world
    if (pool === undefined) return;
    pool.processes = pool.processes.filter((p) => p !== process);
    if (failure) this.#hooks.failed(pool);
    if (signalCanOpen) for (const app of apps) this.#hooks.canOpen(app);
  }

  #appOf(worker: WorkerProcess): AppRuntime {
    return this.#world.apps.get(worker.app) as AppRuntime;
  }

  #armIdle(process: W3wpProcess): void {
    // Stryker disable next-line OptionalChaining: every process belongs to a pool of the world
    const idleMs = this.#world.pools.get(process.pool)?.spec.idleTimeoutMs ?? 0;
    // Stryker disable next-line ConditionalExpression: a second timer armed while one is pending only re-arms or finds the process stopped; it costs, it changes nothing
    if (idleMs === 0 || process.idleTimer !== undefined) return;
    const world = this.#world;
    process.idleTimer = world.clock.scheduleAt(
      ms(process.lastActiveMs + idleMs),
      () => {
        process.idleTimer = undefined;
        // Stryker disable next-line ConditionalExpression: a stopping or exited process is not shut down again (#shutdown returns), so returning early only saves the work
        if (process.state !== 'running') return;
        // A busy process is re-armed by workerIdle when its dispatch ends; re-arming here
        // would fire again at the same instant (lastActiveMs + idleMs is not in the future).
        if (process.busy) return;
        // Compared with the deadline computed exactly as the timer's own instant was, never
        // with a recomputed difference: `now - lastActiveMs < idleMs` can hold through float
        // rounding when now is that very instant, which re-armed the timer at the same
        // instant forever. A later deadline means the process was active since: re-arm.
        if (world.clock.now() < process.lastActiveMs + idleMs) {
          this.#armIdle(process);
          return;
        }
        this.#shutdown(process, 0);
      },
      TimerPriority.control,
      // Stryker disable next-line StringLiteral: a timer's owner only names it in a livelock error
      'idle-timeout',
    );
  }
}
