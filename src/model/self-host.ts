// SelfHost: self-hosted services with port sharing (domain §6.4). Their processes run from
// time 0 and register with queueId 0; a second process on the same path conflicts; a worker
// whose control channel failed stays alive and re-registers with back-off (30 s initial,
// doubling to 5 min; SharedConnectionListener ReconnectCallback, domain §3.3).

import { ms } from '../core/millis.js';
import { TimerPriority } from '../core/virtual-clock.js';
import type { Registrar } from './registrar.js';
import { WorkerProcess } from './worker-process.js';
import type { AppRuntime, World } from './world.js';

/** First reconnect delay of a self-hosted worker. */
export const RECONNECT_INITIAL_MS = 30_000;
/** Longest reconnect delay of a self-hosted worker. */
export const RECONNECT_MAX_MS = 300_000;

/** Runs the self-hosted services. */
export class SelfHost {
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

  /** Starts every self-hosted process at time 0; each registers its base address. */
  start(): void {
    for (const app of this.#world.apps.values()) {
      if (app.hosting !== 'self') continue;
      for (let i = 0; i < (app.spec.workers ?? 1); i++) {
        app.launches++;
        const worker = new WorkerProcess(
          this.#world.workerIds.next(),
          this.#world.nextPid(),
          app.name,
          app.launches,
        );
        app.workers.push(worker);
        this.#tryRegister(app, worker, true);
      }
    }
  }

  #tryRegister(app: AppRuntime, worker: WorkerProcess, first: boolean): void {
    // With the sharing service stopped there is no control endpoint to call: no event.
    const status =
      app.transport === 'tcp' && this.#world.services.portSharing === 'stopped'
        ? // Stryker disable next-line ObjectLiteral,BooleanLiteral: the status is only compared with undefined here
          { status: 'FailedToListen' as const, abort: false }
        : this.#registrar.register(app, worker);
    if (status === undefined) {
      worker.reconnectAttempts = 0;
      return;
    }
    if (first) {
      // ServiceHost.Open throws (AddressAlreadyInUseException, CommunicationException): the
      // process ends.
      this.#exit(app, worker);
      return;
    }
    worker.reconnectAttempts++;
    this.#scheduleReconnect(app, worker);
  }

  #scheduleReconnect(app: AppRuntime, worker: WorkerProcess): void {
    const delay = Math.min(RECONNECT_INITIAL_MS * 2 ** worker.reconnectAttempts, RECONNECT_MAX_MS);
    this.#world.clock.scheduleIn(
      ms(delay),
      () => {
        if (worker.state !== 'disconnected') return;
        this.#tryRegister(app, worker, false);
      },
      TimerPriority.control,
      // Stryker disable next-line StringLiteral: a timer's owner only names it in a livelock error
      'self-host-reconnect',
    );
  }

  /**
   * The worker's control channel failed (after a 4031, or the sharing service stopped): it is
   * unregistered, and re-registers later.
   * @param app - its application
   * @param worker - the worker
   */
  controlChannelLost(app: AppRuntime, worker: WorkerProcess): void {
    // A crashed process fails its dispatch in flight first; its registration closes then.
    if (worker.state === 'exited') {
      this.#registrar.unregister(app, worker);
      return;
    }
    if (worker.state === 'disconnected') return;
    worker.state = 'disconnected';
    worker.inFlight?.failNow(
      'CommunicationObjectAbortedException',
      'the worker lost its control channel',
    );
    this.#registrar.unregister(app, worker);
    this.#scheduleReconnect(app, worker);
  }

  /** Self-hosted workers have no idle timeout. */
  workerIdle(): void {}

  /**
   * The process crashes (fault `worker-crash`); nothing restarts it.
   * @param app - its application
   * @param worker - the worker
   */
  crash(app: AppRuntime, worker: WorkerProcess): void {
    this.#exit(app, worker);
  }

  #exit(app: AppRuntime, worker: WorkerProcess): void {
    // Stryker disable next-line ConditionalExpression,StringLiteral: a crash picks among the application's workers, from which an exited one is removed
    if (worker.state === 'exited') return;
    worker.state = 'exited';
    worker.inFlight?.failNow('CommunicationObjectAbortedException', 'the worker process exited');
    this.#registrar.unregister(app, worker);
    // Stryker disable next-line MethodExpression,ArrowFunction,ConditionalExpression,EqualityOperator: memory only; every reader of app.workers skips an exited worker (not registered, filtered out by the crash target)
    app.workers = app.workers.filter((w) => w !== worker);
  }
}
