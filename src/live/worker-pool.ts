// The live listener's real worker processes (issue 14): one child process per simulated
// worker process the model dispatches to (keyed by its PID), forked on its first dispatch,
// at most `maxProcesses` (beyond that, simulated workers share children round-robin). The
// socket goes over the IPC channel as a handle (net-framing.md A5: SCM_RIGHTS on Unix,
// WSADuplicateSocket on Windows, the call SMSvcHost makes), with the bytes already read.
// One hand-over is in flight per child at a time, as SMSvcHost has one per worker: the next
// waits until the child confirms it holds the socket.

import { fork, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import type {
  FromWorkerMessage,
  RefusedMessage,
  SettleMessage,
  ToWorkerMessage,
} from './worker-messages.js';

/** How a hand-over ended. */
export type HandOverResult = 'holding' | 'lost';

interface PendingHandOver {
  readonly session: number;
  readonly socket: Socket;
  readonly preamble: Buffer;
  readonly done: (result: HandOverResult) => void;
}

class WorkerChild {
  readonly child: ChildProcess;
  readonly #queue: PendingHandOver[] = [];
  #inFlight: PendingHandOver | undefined;
  #exited = false;
  /** The child said it listens (see ReadyMessage): sockets are handed over from then on. */
  #ready = false;
  readonly exited: Promise<void>;

  /**
   * @param script - the worker's entry module
   * @param onClosed - told when a session it serves closes
   * @param onRefused - told when it refuses a session it serves
   * @param onExit - told when it exits, with how (a signal, or an exit code)
   */
  constructor(
    script: string,
    onClosed: (session: number) => void,
    onRefused: (refused: RefusedMessage) => void,
    onExit: (child: WorkerChild, how: string) => void,
  ) {
    this.child = fork(script, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.#exited = true;
        const lost = [...(this.#inFlight === undefined ? [] : [this.#inFlight]), ...this.#queue];
        this.#inFlight = undefined;
        this.#queue.length = 0;
        for (const pending of lost) pending.done('lost');
        onExit(this, signal ?? `exit code ${String(code)}`);
        resolve();
      });
    });
    this.child.on('error', () => undefined);
    this.child.on('message', (message: FromWorkerMessage) => {
      if (message.type === 'ready') {
        this.#ready = true;
        if (this.#inFlight === undefined) this.#next();
        return;
      }
      if (message.type === 'closed') {
        onClosed(message.session);
        return;
      }
      if (message.type === 'refused') {
        onRefused(message);
        return;
      }
      const pending = this.#inFlight;
      if (pending === undefined || pending.session !== message.session) return;
      this.#inFlight = undefined;
      pending.done(message.type);
      this.#next();
    });
  }

  handOver(pending: PendingHandOver): void {
    if (this.#exited) {
      pending.done('lost');
      return;
    }
    this.#queue.push(pending);
    if (this.#inFlight === undefined && this.#ready) this.#next();
  }

  #next(): void {
    const pending = this.#queue.shift();
    if (pending === undefined) return;
    this.#inFlight = pending;
    const message: ToWorkerMessage = {
      type: 'take',
      session: pending.session,
      preamble: pending.preamble,
    };
    this.child.send(message, pending.socket, (error) => {
      if (error === null) return;
      // ERR_IPC_CHANNEL_CLOSED: the socket was not touched and is still ours.
      if (this.#inFlight === pending) this.#inFlight = undefined;
      pending.done('lost');
      this.#next();
    });
  }

  /** Whether the child said it listens (it loaded and started). */
  get ready(): boolean {
    return this.#ready;
  }

  send(message: ToWorkerMessage): void {
    if (this.#exited || !this.child.connected) return;
    this.child.send(message, (error) => {
      void error;
    });
  }
}

/** The real worker processes of a live listener. */
export class WorkerPool {
  readonly #script: string;
  readonly #maxProcesses: number;
  readonly #children: WorkerChild[] = [];
  readonly #byWorker = new Map<number, WorkerChild>();
  readonly #bySession = new Map<number, WorkerChild>();
  readonly #serving = new Map<number, WorkerChild>();
  readonly #onClosed: (session: number) => void;
  readonly #onRefused: (refused: RefusedMessage) => void;
  readonly #onLost: (how: string, sessions: number, replaced: boolean) => void;
  /** Children forked so far, those that exited included. */
  #forked = 0;
  #closing = false;

  /**
   * @param script - the worker's entry module (echo-worker.js)
   * @param maxProcesses - the most children running at once
   * @param onClosed - told when a session a child serves closes (or its child exits)
   * @param onRefused - told when a child refuses a session it serves (a fault or a reset)
   * @param onLost - told when a child exits while the pool runs (a crash, `kill -9`): how, how
   *   many sessions it was serving, and whether the next session forks a new one (not when it
   *   exited before it was ready)
   */
  constructor(
    script: string,
    maxProcesses: number,
    onClosed: (session: number) => void = () => undefined,
    onRefused: (refused: RefusedMessage) => void = () => undefined,
    onLost: (how: string, sessions: number, replaced: boolean) => void = () => undefined,
  ) {
    this.#script = script;
    this.#maxProcesses = maxProcesses;
    this.#onClosed = onClosed;
    this.#onRefused = onRefused;
    this.#onLost = onLost;
  }

  /** Children forked so far, those that exited included. */
  get size(): number {
    return this.#forked;
  }

  /** Sessions handed over and not yet settled, and sessions being served: for tests. */
  get sessionsTracked(): number {
    return this.#bySession.size + this.#serving.size;
  }

  /**
   * Hands a connection over to the child of a simulated worker.
   * @param worker - the simulated worker's PID
   * @param session - the session id
   * @param socket - the connection (paused); on `holding` it belongs to the child
   * @param preamble - the bytes already read from it
   * @returns `holding` once the child confirms it holds the socket, `lost` when the child
   *   could not take it (it exited; the socket is then still this process's)
   */
  handOver(
    worker: number,
    session: number,
    socket: Socket,
    preamble: Buffer,
  ): Promise<HandOverResult> {
    const child = this.#childOf(worker);
    this.#bySession.set(session, child);
    return new Promise((resolve) => {
      child.handOver({
        session,
        socket,
        preamble,
        done: (result) => {
          // A session the child never took is never settled with it: forget it here.
          if (result === 'lost') this.#bySession.delete(session);
          resolve(result);
        },
      });
    });
  }

  /**
   * Tells the child holding a session how its dispatch ended.
   * @param session - the session id
   * @param action - serve it, answer with a fault, or reset it
   * @param fault - the fault name for `fault`
   */
  settle(session: number, action: SettleMessage['action'], fault?: string): void {
    const child = this.#bySession.get(session);
    if (child === undefined) return;
    this.#bySession.delete(session);
    if (action === 'serve') this.#serving.set(session, child);
    child.send({ type: 'settle', session, action, fault });
  }

  /**
   * Resets a session a child serves: the model's process it was dispatched to ended.
   * @param session - the session id
   */
  abort(session: number): void {
    const child = this.#serving.get(session);
    if (child === undefined) return;
    this.#serving.delete(session);
    child.send({ type: 'abort', session });
  }

  /**
   * Asks every child to close its connections and exit, and waits until they have.
   * @param graceMs - after this long a child still running is killed
   */
  async close(graceMs: number): Promise<void> {
    this.#closing = true;
    await Promise.all(
      this.#children.map(async (worker) => {
        worker.send({ type: 'shutdown' });
        const timer = setTimeout(() => worker.child.kill('SIGKILL'), graceMs);
        await worker.exited;
        clearTimeout(timer);
      }),
    );
  }

  // A child exited while the pool runs (user report: after a crash every later session got
  // ConnectionDispatchFailed, for good): the sessions it served closed with it, and the next
  // session of its simulated workers forks a new one, as WAS starts a new w3wp.exe.
  #forget(exited: WorkerChild, how: string): void {
    if (this.#closing) return;
    // One that never started would fail again: a new one per session would be a fork storm.
    // It stays, and its sessions get ConnectionDispatchFailed, as before the pool replaced any.
    if (!exited.ready) {
      this.#onLost(`${how}, before it was ready`, 0, false);
      return;
    }
    const index = this.#children.indexOf(exited);
    if (index >= 0) this.#children.splice(index, 1);
    for (const [worker, child] of this.#byWorker)
      if (child === exited) this.#byWorker.delete(worker);
    for (const [session, child] of this.#bySession) {
      if (child === exited) this.#bySession.delete(session);
    }
    let served = 0;
    for (const [session, child] of this.#serving) {
      if (child !== exited) continue;
      this.#serving.delete(session);
      this.#onClosed(session);
      served++;
    }
    this.#onLost(how, served, true);
  }

  #childOf(worker: number): WorkerChild {
    let child = this.#byWorker.get(worker);
    if (child === undefined) {
      if (this.#children.length < this.#maxProcesses) {
        child = new WorkerChild(
          this.#script,
          (session) => {
            this.#serving.delete(session);
            this.#onClosed(session);
          },
          this.#onRefused,
          (exited, how) => this.#forget(exited, how),
        );
        this.#children.push(child);
        this.#forked++;
      } else {
        const shared = this.#children[this.#byWorker.size % this.#children.length];
        if (shared === undefined) throw new Error('internal: a worker pool with no process');
        child = shared;
      }
      this.#byWorker.set(worker, child);
    }
    return child;
  }
}
