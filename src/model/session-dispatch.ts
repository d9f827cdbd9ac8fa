// SessionDispatch: pairing a queued session with a worker and handing it over (domain §3.1
// steps 9-10, §3.3): 4008, the handle duplication (TCP: 4019 or 4016), the callback to the
// worker, then 4030 or 4031 with its side effects (Event Log 8/9, worker unregistered).

import { NO_PAYLOAD, UNHEARD } from '../events/event-bus.js';
import { sample } from '../core/distribution.js';
import { ms } from '../core/millis.js';
import { TimerPriority, type TimerHandle } from '../core/virtual-clock.js';
import type { AnnotationsOf, DispatchFailurePath } from '../events/dispatch-event.js';
import { clientViews, type ClientView } from '../events/session-outcome.js';
import type { MessageQueue } from './message-queue.js';
import type { Session } from './session.js';
import type { InFlightDispatch, WorkerProcess } from './worker-process.js';
import type { AppRuntime, World } from './world.js';

/** What the model does around a dispatch: worker loss and worker activity. */
export interface DispatchHooks {
  /** The worker's control channel failed (after a 4031): unregister it and react (§3.3). */
  controlChannelLost(app: AppRuntime, worker: WorkerProcess): void;
  /** A dispatch to the worker ended and it is idle again. */
  workerIdle(app: AppRuntime, worker: WorkerProcess): void;
}

const exceptionNamespace: Readonly<Record<string, string>> = {
  ObjectDisposedException: 'System',
  TimeoutException: 'System',
};

/** Dispatches sessions to workers. */
export class SessionDispatch {
  readonly #world: World;
  readonly #hooks: DispatchHooks;

  /**
   * @param world - the machine
   * @param hooks - the reactions to worker loss and idleness
   */
  constructor(world: World, hooks: DispatchHooks) {
    this.#world = world;
    this.#hooks = hooks;
  }

  /**
   * Starts the dispatch of a session to an idle worker (a p-queue task of its queue).
   * @param queue - the session's queue
   * @param session - the session
   * @param worker - the idle worker it is paired with
   * @param done - called once when the dispatch ends
   */
  readonly start = (
    queue: MessageQueue,
    session: Session,
    worker: WorkerProcess,
    done: () => void,
  ): void => {
    const world = this.#world;
    const app = world.apps.get(queue.app) as AppRuntime;
    worker.busy = true;
    // Stryker disable next-line StringLiteral: bookkeeping only; nothing reads a session's state but to test for 'finished'
    session.state = 'dispatching';
    // The pairing is not in the ETW payload; the worker is an annotation (domain §8 point 3).
    const bus = world.bus;
    bus.emit(
      'DispatchSessionStart',
      NO_PAYLOAD,
      this.#pairingNotes('DispatchSessionStart', app, session, worker),
    );
    const dupMs = sample(world.config.dupHandleMs, world.streams.dispatch);
    if (dupMs === 0) this.#duplicate(app, session, worker, done);
    else
      world.clock.scheduleIn(
        dupMs,
        () => this.#duplicate(app, session, worker, done),
        TimerPriority.normal,
        // Stryker disable next-line StringLiteral: a timer's owner is named only in a livelock error, and each dispatch sets this timer once
        'duplicate-handle',
      );
  };

  #duplicate(app: AppRuntime, session: Session, worker: WorkerProcess, done: () => void): void {
    const world = this.#world;
    const rule = world.faults.has('dupHandle')
      ? world.faults.decide('dupHandle', this.#faultContext(app, session, worker))
      : undefined;
    // A worker that exited in the meantime fails the duplication naturally (WSA 10024).
    const wsaError = rule?.wsaError ?? (worker.state === 'exited' ? 10024 : undefined);
    if (wsaError !== undefined) {
      if (app.transport === 'tcp') {
        world.bus.emit(
          'MessageQueueDuplicatedSocketError',
          NO_PAYLOAD,
          world.sessionNotes(session),
        );
      }
      this.#fail(
        app,
        session,
        worker,
        done,
        'F1',
        'ServiceActivationException',
        // WSA errors belong to the TCP path; a pipe handle fails in DuplicateHandle (§3.3 F1).
        app.transport === 'tcp'
          ? `handle duplication failed (WSA error ${wsaError})`
          : 'handle duplication failed (DuplicateHandle into the worker)',
      );
      return;
    }
    if (app.transport === 'tcp') {
      world.bus.emit(
        'MessageQueueDuplicatedSocketComplete',
        NO_PAYLOAD,
        world.notesFor('MessageQueueDuplicatedSocketComplete', session),
      );
    }
    this.#callBack(app, session, worker, done);
  }

  #callBack(app: AppRuntime, session: Session, worker: WorkerProcess, done: () => void): void {
    const world = this.#world;
    const stream = world.streams.dispatch;
    let durationMs: number = sample(app.spec.dispatchMs, stream);
    // The worker's first-via activation comes first (HandleOnVia); only then does it wrap
    // the socket (3358) and queue it for its own acceptor, whose dequeue is the answer.
    const activationMs = worker.activated ? 0 : sample(app.spec.firstViaMs, stream);
    durationMs += activationMs;
    const rule = world.faults.has('workerCallback')
      ? world.faults.decide('workerCallback', this.#faultContext(app, session, worker))
      : undefined;
    const callback = new CallbackInFlight(this.#cutShort, app, session, worker, done);
    if (rule?.kind === 'worker-callback-failure') callback.failWith = rule.exception;
    else if (rule?.kind === 'worker-hang')
      durationMs += sample(rule.hangMs, world.faults.samplesOf(rule));
    else if (rule?.kind === 'service-activation-failure') callback.workerFault = rule.fault;
    const timeoutMs = world.config.callbackTimeoutMs;
    // F3: the 3.x one-minute OperationTimeout on the callback ends it first (domain §3.3),
    // whatever the worker's answer would be: it answers, even with a fault, only after its
    // acceptor dequeued the connection (§3.1 step 10).
    callback.timesOut = timeoutMs !== null && durationMs > timeoutMs;
    // A wrap at the answer's instant comes first (it is scheduled first); one after a
    // timeout never happens, as far as SMSvcHost's trace goes.
    const wraps =
      app.transport === 'tcp' && !(callback.timesOut && activationMs >= (timeoutMs ?? 0));
    if (wraps && activationMs === 0) this.#wrapSocket(callback);
    else if (wraps) {
      callback.wrapTimer = world.clock.scheduleIn(
        ms(activationMs),
        () => this.#wrapSocket(callback),
        TimerPriority.normal,
        // Stryker disable next-line StringLiteral: a timer's owner is named only in a livelock error
        'worker-wraps-socket',
      );
    }
    callback.timer = world.clock.scheduleIn(
      ms(callback.timesOut ? (timeoutMs ?? 0) : durationMs),
      () => this.#answered(callback),
      TimerPriority.normal,
      // Stryker disable next-line StringLiteral: a timer's owner is named only in a livelock error, and each dispatch sets this timer once
      'worker-callback',
    );
    worker.inFlight = callback;
  }

  // The worker wraps the duplicated socket after its first-via activation and writes 3358
  // (SharedConnectionListener.BuildDuplicatedTcpConnection), before it queues the socket for
  // its acceptor: whatever the answer turns out to be, even a failure, comes after it.
  #wrapSocket(callback: CallbackInFlight): void {
    callback.wrapTimer = undefined;
    const { app, session, worker } = callback;
    const world = this.#world;
    // The worker writes duplicateContext.Via.ToString(): the canonical URI, as 4001 does.
    // Stryker disable next-line OptionalChaining: a session reaches dispatch only after routing, which reads its parsed via
    const via = session.viaUri?.canonical ?? session.via;
    // Written in the worker, so its AppDomain is the application's (`app`), as 3364-3366.
    world.bus.emit(
      'PortSharingDuplicatedSocket',
      world.uriPayload(via),
      this.#pairingNotes('PortSharingDuplicatedSocket', app, session, worker),
    );
  }

  // The annotations of an event about a session and the worker it is paired with, built
  // only when someone hears it (the pairing is not in the ETW payload, domain §8 point 3).
  #pairingNotes(
    name: 'DispatchSessionStart' | 'PortSharingDuplicatedSocket',
    app: AppRuntime,
    session: Session,
    worker: WorkerProcess,
  ): AnnotationsOf<'DispatchSessionStart'> {
    return this.#world.bus.hears(name)
      ? {
          sessionId: session.id,
          clientId: session.clientId,
          attempt: session.attempt,
          app: app.name,
          workerId: worker.id,
          pid: worker.pid,
        }
      : UNHEARD;
  }

  // The callback's timer fired: the worker answered, or the callback timed out.
  #answered(callback: CallbackInFlight): void {
    const { app, session, worker, done } = callback;
    worker.inFlight = undefined;
    if (callback.timesOut) {
      const reason = `the callback to the worker timed out after ${this.#world.config.callbackTimeoutMs} ms`;
      this.#fail(app, session, worker, done, 'F3', 'TimeoutException', reason);
    } else if (callback.failWith !== undefined) {
      const reason = `the callback to the worker failed (${callback.failWith})`;
      this.#fail(app, session, worker, done, 'F2', callback.failWith, reason);
    } else {
      this.#succeed(app, session, worker, done, callback.workerFault);
    }
  }

  // A crash or exit of the worker, or the loss of its control channel, while the callback is
  // in flight fails it now (F2). One function for every callback, not closures per dispatch.
  readonly #cutShort = (callback: CallbackInFlight, exception: string, cause: string): void => {
    const { app, session, worker, done } = callback;
    this.#world.clock.cancel(callback.timer as TimerHandle);
    // Cut short during the first-via activation: the worker never wrapped the socket.
    if (callback.wrapTimer !== undefined) this.#world.clock.cancel(callback.wrapTimer);
    worker.inFlight = undefined;
    this.#fail(
      app,
      session,
      worker,
      done,
      'F2',
      exception,
      `${cause} during the callback (${exception})`,
    );
  };

  #succeed(
    app: AppRuntime,
    session: Session,
    worker: WorkerProcess,
    done: () => void,
    workerFault: 'ServiceActivationFailed' | 'EndpointNotFound' | undefined,
  ): void {
    const world = this.#world;
    const bus = world.bus;
    worker.activated = true;
    bus.emit(
      'DispatchSessionSuccess',
      NO_PAYLOAD,
      world.notesFor('DispatchSessionSuccess', session),
    );
    world.counters.add(app.transport, 'connectionsDispatched');
    let client: ClientView;
    let reason: string;
    if (worker.state === 'stopping') {
      // The worker's listener is stopping: it aborts the connection yet reports success.
      client = clientViews.abort(app.transport);
      reason =
        'the worker was shutting down: it took the connection and aborted it (Sharing_ListenerProxyStopped)';
    } else if (workerFault === 'ServiceActivationFailed') {
      client = clientViews.serviceActivationFailed(session.via);
      reason = 'the worker could not activate the service and answered with a fault (not a 4031)';
    } else if (workerFault === 'EndpointNotFound') {
      client = clientViews.endpointNotFound(session.via);
      reason = 'the worker found no service at the via and answered with a fault (not a 4031)';
    } else {
      client = clientViews.ok();
      reason = 'the worker accepted the connection';
    }
    world.finish(session, 'dispatched', client, reason);
    worker.busy = false;
    // The queue that unregistered the worker during the dispatch, else the app's: a queue
    // closes only with its workers' dispatches cut short (failNow), so one is there.
    // Stryker disable next-line OptionalChaining: see above
    (worker.orphanedFrom ?? app.queue)?.dispatchEnded(worker);
    this.#hooks.workerIdle(app, worker);
    done();
  }

  #fail(
    app: AppRuntime,
    session: Session,
    worker: WorkerProcess,
    done: () => void,
    path: DispatchFailurePath,
    exception: string,
    reason: string,
  ): void {
    const world = this.#world;
    const notes = world.sessionNotes(session);
    // The order of MessageQueue.CompleteDispatchSession and WorkerProcess.EndDispatchSession
    // (SMS/MessageQueue.cs, SMS/WorkerProcess.cs): ending the dispatch throws, so the worker
    // first writes Event Log 8/9, then closes itself (WorkerProcess.Close: the queue
    // unregisters it, and a self-hosted queue losing its last worker closes: 4013, pending
    // sessions aborted) and aborts its control channel; only then does the queue trace 4031
    // (TraceDispatchCompleted(false)) and write the ConnectionDispatchFailed fault (3346).
    const exceptionType = `${exceptionNamespace[exception] ?? 'System.ServiceModel'}.${exception}`;
    const source = app.transport === 'tcp' ? 'TcpWorkerProcess' : 'NamedPipeWorkerProcess';
    world.bus.log(
      app.transport === 'tcp'
        ? 'MessageQueueDuplicatedSocketLeak'
        : 'MessageQueueDuplicatedPipeLeak',
      [
        `ID: ${worker.pid}`,
        `Source: System.ServiceModel.Activation.${source}/${worker.id}`,
        `Exception: ${exceptionType}`,
      ],
      { ...notes, app: app.name, workerId: worker.id, pid: worker.pid, reason },
    );
    worker.busy = false;
    // A worker told to stop gives the slot its dispatch kept back (MessageQueue.removeWorker).
    worker.orphanedFrom?.dispatchEnded(worker);
    // WorkerProcess.Close(): the worker is unregistered and its control channel aborted.
    this.#hooks.controlChannelLost(app, worker);
    world.bus.emit('DispatchSessionFailed', NO_PAYLOAD, {
      ...notes,
      app: app.name,
      via: session.via,
      workerId: worker.id,
      pid: worker.pid,
      path,
      reason,
    });
    // SMSvcHost writes ConnectionDispatchFailed on the connection; after F2/F3 it no longer
    // owns the handle, so the write fails silently and the client sees a reset (§3.3).
    world.sendFault(session, 'ConnectionDispatchFailed');
    const client =
      path === 'F1'
        ? clientViews.connectionDispatchFailed(session.via)
        : clientViews.reset(app.transport);
    world.finish(session, 'dispatch-failed', client, `${path}: ${reason}`);
    done();
  }

  #faultContext(app: AppRuntime, session: Session, worker: WorkerProcess) {
    return {
      atMs: this.#world.clock.now(),
      nth: session.nth,
      app: app.name,
      pool: app.pool?.spec.name,
      via: session.via,
      worker: worker.ordinal,
    };
  }
}

/**
 * A callback to a worker in flight (domain §3.1 step 10): what its timer brings when it fires,
 * and what cuts it short when the worker dies first. One object per dispatch, without closures
 * of its own (issue 12: the dispatch path allocated five).
 */
class CallbackInFlight implements InFlightDispatch {
  readonly #cutShort: (callback: CallbackInFlight, exception: string, cause: string) => void;
  readonly app: AppRuntime;
  readonly session: Session;
  readonly worker: WorkerProcess;
  readonly done: () => void;
  /** The timer that brings the answer; set right after the object is made. */
  timer: TimerHandle | undefined = undefined;
  /** The timer of the worker's 3358, while its first-via activation runs. */
  wrapTimer: TimerHandle | undefined = undefined;
  /** The callback runs past callbackTimeoutMs (F3). */
  timesOut = false;
  /** The exception the callback fails with (F2), if it does. */
  failWith: string | undefined = undefined;
  /** The fault the worker answers with instead of taking the session, if it does. */
  workerFault: 'ServiceActivationFailed' | 'EndpointNotFound' | undefined = undefined;

  constructor(
    cutShort: (callback: CallbackInFlight, exception: string, cause: string) => void,
    app: AppRuntime,
    session: Session,
    worker: WorkerProcess,
    done: () => void,
  ) {
    this.#cutShort = cutShort;
    this.app = app;
    this.session = session;
    this.worker = worker;
    this.done = done;
  }

  /**
   * @param exception - the exception the dispatch fails with (F2)
   * @param cause - why, for the outcome's reason
   */
  failNow(exception: string, cause: string): void {
    this.#cutShort(this, exception, cause);
  }
}
