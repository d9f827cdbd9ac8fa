// LiveServer: `dispatchsim serve` (issue 14). A real TCP listener on loopback plays
// SMSvcHost's part for real clients: it reads each connection's preamble (version, mode, via,
// encoding) within receiveTimeout on real time, then gives the session to the same model the
// simulator runs (routing table, queues, simulated workers, fault plan, events), paced on
// the wall clock, and acts out the fate the model gives it on the real socket:
//   - a fault (EndpointNotFound, EndpointUnavailable, ConnectionDispatchFailed): the fault
//     record, a FIN, a drain;
//   - an abort (queue full, preamble errors, sessions dropped from a closed queue): a reset;
//   - a dispatch: at 4019 the socket and the bytes read go to a real worker process; the
//     model's callback (4030/4031) waits until the worker holds it; on 4030 the worker serves
//     the session (an echo, in SOAP 1.2 text or binary; what its binding refuses it faults or
//     resets, and says so), after F2/F3 it resets the connection; when the model's process
//     it was dispatched to ends, the worker resets it;
//   - while the model's TCP listener is stopped, the port does not listen: connects are refused.
// The model's acceptor counts each connection from its accept against maxPendingConnections
// (1430; 1419 and 1439 at the limit); beyond it connections wait unread, as in the listen
// backlog, and beyond listenBacklog they are reset.
// Simplifications (README "Live mode"): the model's session begins when its via is decoded
// (a real preamble that times out or is malformed is reset by the listener itself and
// counted apart); a refusal comes after the real accept (a reset, not a refused connect);
// every net.tcp application is served on the one listening port, and the acceptor of the
// model's first TCP listener counts them all; the model's instants are milliseconds since the
// listener started (timed fault rules count from then, or from the first connection);
// fault rules' `nthSession` counts connections in the order their vias were decoded.

import { createServer, type Server, type Socket } from 'node:net';
import { fixed } from '../core/distribution.js';
import type { ClientId } from '../core/ids.js';
import { ms, type Millis } from '../core/millis.js';
import { createRandom } from '../core/prng.js';
import { TimerPriority } from '../core/virtual-clock.js';
import { EventBus } from '../events/event-bus.js';
import type { SessionOutcome } from '../events/session-outcome.js';
import type { TraceRecord } from '../events/trace.js';
import { FaultInjector } from '../faults/fault-injector.js';
import { HeldConnection } from '../model/held-connection.js';
import { createMachine, type Machine } from '../model/machine.js';
import type { Scenario } from '../scenario/scenario-schema.js';
import { DEFAULT_TCP_PORT, parseServiceUri, URI_HOST_PATTERN } from '../scenario/service-uri.js';
import { DispatchGate, LiveClock } from './live-clock.js';
import { LivePacer } from './live-pacer.js';
import type { LiveSummary } from './live-summary.js';
import { decodePreamble, MODE_STAGE_BYTES } from './preamble-decoder.js';
import { sendFaultAndClose } from './send-fault.js';
import { WorkerPool, type HandOverResult } from './worker-pool.js';

/** The sessions refused by the worker with one answer that serve tells of on stderr. */
const TOLD_WORKER_REFUSALS = 10;

/** How often serve tries to listen again on a port another process holds. */
const RELISTEN_EVERY_MS = 1000;

// A net.tcp via as scheme and host, port, and the rest (path, query, fragment).
const VIA_PARTS = new RegExp(
  String.raw`^(net\.tcp://(?:${URI_HOST_PATTERN}))(?::\d+)?([/?#].*)?$`,
  'is',
);
/** Options of {@link startLiveServer}. */
export interface LiveServerOptions {
  /** The seed of the model. @default the scenario's, else 1 */
  readonly seed?: number | undefined;
  /** A loopback address. @default '127.0.0.1' */
  readonly host?: string | undefined;
  /** The port; 0 picks a free one. @default 0 */
  readonly port?: number | undefined;
  /** The worker process entry module (echo-worker.js). */
  readonly workerScript: string;
  /** The most real worker processes. @default 4 */
  readonly maxWorkerProcesses?: number | undefined;
  /** Receives each line of the NDJSON trace as it happens. */
  readonly onTrace?: ((record: TraceRecord) => void) | undefined;
  /** Told about things the model cannot see (a hand-over a worker never took). */
  readonly onNotice?: ((text: string) => void) | undefined;
  /**
   * Where timed fault rules (`atMs`, `fromMs`, `toMs`) count from: the listener's start, or
   * the first connection accepted (for a client started by hand). @default 'listening'
   */
  readonly timedFaultsFrom?: TimedFaultsFrom | undefined;
}

/** Where serve's timed fault rules count from. */
export type TimedFaultsFrom = 'listening' | 'first-connection';

/** A running live listener. */
export interface LiveServer {
  /** The model's event bus: the same typed events as a simulation's. */
  readonly events: EventBus;
  readonly host: string;
  /** The port it listens on. */
  readonly port: number;
  readonly seed: number;
  /** Stops listening, closes every connection and worker process, and sums up. */
  stop(): Promise<LiveSummary>;
}

/**
 * Kinds of bad preamble (named after what the client sent) the summary counts apart; the rest
 * are counted together.
 */
const PREAMBLE_PROBLEM_KINDS = 32;
const OTHER_PREAMBLE_PROBLEMS = `other bad preambles, past ${PREAMBLE_PROBLEM_KINDS} kinds`;

/**
 * The preamble aborts serve names itself, whatever the client sent: always counted apart
 * (user report: junk that filled the 32 kinds hid 994 receive timeouts among the others).
 */
const OWN_PREAMBLE_ABORTS = new Set([
  'receiveTimeout expired',
  'the listener stopped during the preamble',
  'the client reset the connection during the preamble',
  'the client closed the connection during the preamble',
]);

/** The part of Node's internal TCP handle that stopReading uses. */
interface NodeSocketHandle {
  reading?: boolean;
  readStop(): number;
}

interface LiveConnection {
  readonly socket: Socket;
  readonly preamble: Buffer;
  /** The simulated worker's PID of the dispatch (4008). */
  pid: number | undefined;
  handOver: Promise<HandOverResult> | undefined;
}

/**
 * Starts a live listener for a scenario.
 * @param scenario - the validated scenario
 * @param options - address, seed, worker script, trace
 * @returns the server, listening
 * @throws the listen error (EADDRINUSE, EACCES…) as Node gives it
 */
export async function startLiveServer(
  scenario: Scenario,
  options: LiveServerOptions,
): Promise<LiveServer> {
  const seed = options.seed ?? scenario.seed ?? 1;
  const host = options.host ?? '127.0.0.1';
  const origin = performance.now();
  const elapsed = (): Millis => ms(performance.now() - origin);
  const clock = new LiveClock(elapsed);
  const bus = new EventBus(clock, {
    selfHostedApps: scenario.apps.filter((app) => app.hosting === 'self').map((app) => app.name),
  });
  const random = createRandom(seed);
  const faults = new FaultInjector(scenario.faults, random);
  // The real preamble read replaces the modelled one.
  const live: Scenario = { ...scenario, workload: { ...scenario.workload, preambleMs: fixed(0) } };
  const connections = new Map<number, LiveConnection>();
  // The sessions workers serve, by the model's PID of the process they were dispatched to.
  const served = new Map<number, Set<number>>();
  const servedPid = new Map<number, number>();
  const notice = options.onNotice ?? (() => undefined);
  const workerRefusals = new Map<string, number>();
  const pool = new WorkerPool(
    options.workerScript,
    options.maxWorkerProcesses ?? 4,
    (id) => {
      const pid = servedPid.get(id);
      servedPid.delete(id);
      if (pid !== undefined) served.get(pid)?.delete(id);
    },
    // The model's outcome stays `dispatched` (SMSvcHost's 4030 came first), as in WCF; the
    // client sees the worker's fault or reset.
    ({ session, fault, reason }) => {
      const answer = fault ?? 'reset';
      const times = (workerRefusals.get(answer) ?? 0) + 1;
      workerRefusals.set(answer, times);
      // A client misbehaving after its handshake would get a line each, without end (user
      // report, a soak): the first ones of each answer are told, the rest counted.
      if (times > TOLD_WORKER_REFUSALS) return;
      const answered = fault === undefined ? 'reset it' : `answered ${fault}`;
      notice(`session ${session}: the worker ${answered}: ${reason}`);
      if (times === TOLD_WORKER_REFUSALS) {
        notice(
          `the worker ${fault === undefined ? 'reset' : `answered ${fault}`} ${times} times: the next such sessions are counted in the summary, not told here`,
        );
      }
    },
    // A real worker process died (a crash, kill -9): the model's worker lives on, and its next
    // session goes to a new process.
    (how, sessions, replaced) => {
      const closed =
        sessions === 1
          ? 'the session it served closed with it'
          : `the ${sessions} sessions it served closed with it`;
      notice(
        replaced
          ? `a worker process exited (${how}): ${closed}; the next session starts a new one`
          : `a worker process exited (${how}): none is started in its place, and its sessions get ConnectionDispatchFailed`,
      );
    },
  );
  const pacer = new LivePacer(clock, elapsed, () => followModel());
  const open = new Set<Socket>();
  const preambleAborts = new Map<string, number>();
  // Connections refused after the real accept, by why (the model's acceptor: a full backlog).
  const refusals = new Map<string, number>();
  let closedBeforePreamble = 0;
  let stopping = false;
  // Timed fault rules that wait for the first connection (--timed-faults-from).
  let timedFaultsWaiting = options.timedFaultsFrom === 'first-connection';

  // A new net.Server each time the model's listener starts again: connections accepted
  // earlier live on, whatever became of the server that accepted them.
  const listen = (onPort: number): Promise<Server> => {
    // Paused on connect: a connection the acceptor cannot take yet waits unread, as in the
    // listen backlog.
    const created = createServer({ allowHalfOpen: true, pauseOnConnect: true }, accept);
    return new Promise<Server>((resolve, reject) => {
      created.once('error', reject);
      created.listen({ host, port: onPort, exclusive: true }, () => {
        created.off('error', reject);
        resolve(created);
      });
    });
  };
  let server: Server | undefined = await listen(options.port ?? 0);
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  // 4020 names the IP endpoint SMSvcHost's listener socket is bound to (IPEndPoint.Address +
  // ":" + Port, no brackets for IPv6; domain §2.1). The 255.255.255.255 marker a simulation
  // writes stands for a host-name registration listening on IPv4 and IPv6 Any of the
  // scenario's port; this listener is bound to one loopback address, on the port it got.
  const listenAddress = typeof address === 'object' && address !== null ? address.address : host;
  let machine: Machine;
  try {
    machine = createMachine(live, clock, bus, random, faults, (outcome) => settle(outcome), {
      tcpListenEndpoint: `${listenAddress}:${port}`,
    });
  } catch (error: unknown) {
    server.close();
    throw error;
  }
  let relistening = false;
  let relistenTimer: NodeJS.Timeout | undefined;
  // While no socket listens, nothing else may keep Node's event loop alive (no model timer, no
  // worker): the listener must still wait for its stop, not exit on its own.
  let keepAlive: NodeJS.Timeout | undefined;
  if (options.onTrace !== undefined) {
    bus.on('event', options.onTrace);
    bus.on('eventLog', options.onTrace);
  }
  bus.on('DispatchSessionStart', (event) => {
    const connection = connections.get(event.annotations.sessionId);
    if (connection !== undefined) connection.pid = event.annotations.pid;
  });
  bus.on('MessageQueueDuplicatedSocketComplete', (event) => {
    const id = event.annotations.sessionId;
    const connection = connections.get(id);
    if (connection === undefined) return;
    const gate = new DispatchGate();
    clock.arm(gate);
    connection.handOver = handOver(id, connection).then((result) => {
      gate.release();
      pacer.wake();
      return result;
    });
  });

  // Node's handle goes on reading a paused socket, and drops what it reads once the handle is
  // sent (child_process sets its onread to a no-op until the child's ack): bytes a client sends
  // right behind its preamble (a Transport-security client's upgrade request) were lost. With
  // reading stopped they stay in the kernel and travel with the handle. Node has no public call
  // for this; `_handle.readStop()` is what its own pause does for sockets with a read buffer,
  // and clearing `reading` lets a later resume() (a failed send) start reading again.
  function stopReading(socket: Socket): void {
    const handle = (socket as unknown as { _handle?: NodeSocketHandle | null })._handle;
    if (handle?.reading !== true) return;
    handle.reading = false;
    handle.readStop();
  }

  function handOver(id: number, connection: LiveConnection): Promise<HandOverResult> {
    const { socket } = connection;
    let preamble = connection.preamble;
    // Bytes Node read into the paused stream would not travel with the handle.
    const read = (): Buffer | null => socket.read() as Buffer | null;
    for (let chunk = read(); chunk !== null; chunk = read()) {
      preamble = Buffer.concat([preamble, chunk]);
    }
    stopReading(socket);
    if (socket.destroyed) return Promise.resolve('lost');
    open.delete(socket);
    return pool.handOver(connection.pid ?? 0, id, socket, preamble);
  }

  // The model's state after a step, acted out on the real sockets.
  function followModel(): void {
    if (stopping) return;
    followListener();
    if (served.size > 0) followProcesses();
  }

  // A dispatched connection belongs to the worker process (domain §3.1 step 9): when the
  // model's process ends (a crash, a recycle's or a pool stop's shutdown over, an idle
  // timeout), the sessions it served are reset, as the client's channel sees a dead process's
  // connection. Simplification: a process told to stop keeps serving until the model's exit,
  // where a real w3wp closes its idle sessions as its service hosts close.
  function followProcesses(): void {
    const alive = new Set<number>();
    for (const appPool of machine.world.pools.values()) {
      for (const process of appPool.processes)
        if (process.state !== 'exited') alive.add(process.pid);
    }
    for (const app of machine.world.apps.values()) {
      if (app.hosting !== 'self') continue;
      for (const worker of app.workers) if (worker.state !== 'exited') alive.add(worker.pid);
    }
    for (const [pid, sessions] of served) {
      if (alive.has(pid)) continue;
      served.delete(pid);
      if (sessions.size === 0) continue;
      notice(
        `${clock.now().toFixed(0)} ms: the model's worker process ${pid} exited: ${sessions.size === 1 ? 'the session it served is' : `the ${sessions.size} sessions it served are`} reset`,
      );
      for (const id of sessions) {
        servedPid.delete(id);
        pool.abort(id);
      }
    }
  }

  function serving(id: number, pid: number | undefined): void {
    if (pid === undefined) return;
    servedPid.set(id, pid);
    let sessions = served.get(pid);
    if (sessions === undefined) served.set(pid, (sessions = new Set()));
    sessions.add(id);
  }

  // While the model has no TCP listener (the Net.Tcp Port Sharing Service stopped, the last
  // registration of the port gone), nothing listens on the port: the real socket stops
  // listening, so a client's connect is refused (ECONNREFUSED; a WCF client's
  // EndpointNotFoundException, TCP error 10061), and it listens again on the same port when
  // the model does. Connections accepted before live on as the model says.
  // Simplification: every net.tcp application is served on this one port, so with several
  // model TCP ports the real one stops listening only when none of them listens.
  function modelListensOnTcp(): boolean {
    return [...machine.world.listeners.values()].some((listener) => listener.transport === 'tcp');
  }

  function followListener(): void {
    const modelListens = modelListensOnTcp();
    if (!modelListens && server !== undefined) {
      server.close();
      server = undefined;
      keepAlive ??= setInterval(() => undefined, 3_600_000);
      notice(
        `${clock.now().toFixed(0)} ms: the model's TCP listener stopped: port ${port} refuses connections until it listens again`,
      );
    } else if (modelListens && server === undefined && !relistening) {
      relistening = true;
      relisten(false);
    }
  }

  // Listens again on the port; while another process holds it, tries again every second
  // (user report: after one EADDRINUSE it never tried again, refusing every client once the
  // port was free), until it listens, the model stops listening or serve stops.
  function relisten(failedBefore: boolean): void {
    listen(port).then(
      (listening) => {
        relistening = false;
        if (stopping) {
          listening.close();
          return;
        }
        server = listening;
        clearInterval(keepAlive);
        keepAlive = undefined;
        notice(
          `${clock.now().toFixed(0)} ms: the model's TCP listener listens again on port ${port}`,
        );
      },
      (error: unknown) => {
        if (!failedBefore) {
          notice(
            `cannot listen again on port ${port}: ${errorText(error)}; trying again every second, connections refused meanwhile`,
          );
        }
        relistenTimer = setTimeout(() => {
          relistenTimer = undefined;
          if (stopping || !modelListensOnTcp()) relistening = false;
          else relisten(true);
        }, RELISTEN_EVERY_MS);
      },
    );
  }

  // The model decided: act it out on the socket, or tell the worker that holds it.
  function settle(outcome: SessionOutcome): void {
    const id = outcome.sessionId;
    const connection = connections.get(id);
    if (connection === undefined) return;
    connections.delete(id);
    const view = outcome.client;
    const act = (held: HandOverResult | undefined): void => {
      if (held === 'holding') {
        if (view.result === 'ok') {
          serving(id, connection.pid);
          pool.settle(id, 'serve');
        } else if (view.result === 'fault') pool.settle(id, 'fault', view.fault ?? undefined);
        else pool.settle(id, 'reset');
        return;
      }
      const { socket } = connection;
      if (socket.destroyed) return;
      if (held === 'lost') {
        notice(
          `session ${id}: no worker process took the connection; it gets ConnectionDispatchFailed`,
        );
        sendFaultAndClose(socket, 'ConnectionDispatchFailed');
      } else if (view.result === 'fault' && view.fault !== null) {
        sendFaultAndClose(socket, view.fault);
      } else if (view.result === 'ok') {
        // A dispatch without 4019 (not TCP): hand over now.
        void handOver(id, connection).then((result) => {
          if (result === 'holding') {
            serving(id, connection.pid);
            pool.settle(id, 'serve');
          } else sendFaultAndClose(socket, 'ConnectionDispatchFailed');
        });
      } else {
        socket.resetAndDestroy();
      }
    };
    if (connection.handOver === undefined) act(undefined);
    else void connection.handOver.then(act);
  }

  function viaDecoded(socket: Socket, via: string, preamble: Buffer, held: HeldConnection): void {
    const uri = parseServiceUri(via);
    // Every net.tcp application is served on this port: the connection arrives on the
    // port of the model's TCP listener whose routes match the via (the first one otherwise).
    const tcpPorts = [...machine.world.listeners.values()]
      .filter((listener) => listener.transport === 'tcp')
      .map((listener) => listener.uri.port);
    const localPort =
      typeof uri === 'string' || uri.transport !== 'tcp'
        ? tcpPorts[0]
        : (tcpPorts.find((port) => machine.world.routing.lookup(uri, port) !== undefined) ??
          tcpPorts[0]);
    const id = machine.dispatcher.sessions + 1;
    connections.set(id, { socket, preamble, pid: undefined, handOver: undefined });
    const clientId = id as ClientId;
    machine.dispatcher.connect({
      clientId,
      attempt: 1,
      via: onModelPort(via, localPort),
      localPort,
      // The connection came in over TCP: a net.pipe or http via is looked up in the TCP
      // routing table, misses, and gets EndpointNotFound, as in SMSvcHost.
      transport: 'tcp',
      held,
    });
  }

  // The client's via names the port it connected to; the model's listener has the port of the
  // scenario's base addresses. The model sees the via as a client of the real SMSvcHost would
  // send it, with that port (left out when it is 808, as System.Uri writes it): an exact-host
  // registration matches its host and port (domain §3.1 step 6 (b)), and a fault rule's
  // target.via matches as it does in `run`.
  function onModelPort(via: string, localPort: number | undefined): string {
    const match = VIA_PARTS.exec(via);
    if (match === null || localPort === undefined) return via;
    const port = localPort === DEFAULT_TCP_PORT ? '' : `:${localPort}`;
    return `${match[1] ?? ''}${port}${match[2] ?? ''}`;
  }

  // A connection the listener ends before the model sees it was accepted all the same:
  // SMSvcHost counts Connections Accepted on accept (domain §2.5).
  function acceptedOutsideModel(): void {
    machine.world.counters.add('tcp', 'connectionsAccepted');
  }

  // Kinds of bad preamble named after what clients sent, counted apart so far.
  let clientKinds = 0;
  // SMSvcHost's dup-handle readers count Protocol Failures when they abort a preamble (a bad
  // via or encoding record, a via too long, a premature end, a receive timeout, as the model's
  // preamble aborts do); its mode reader, which reads version and mode first, does not
  // (domain §2.5, §3.4).
  function countAbort(reason: string, protocolFailure: boolean): void {
    if (protocolFailure) machine.world.counters.add('tcp', 'protocolFailures');
    // A problem's text can carry what the client sent (a version; a length, dropped here), so
    // its kinds are counted apart up to a bound (user report: 40,000 vias of random lengths
    // gave a summary of 13,383 lines, and a map as long).
    const kind = reason.replace(/ \(\d+\)$/, '');
    let key = kind;
    if (!OWN_PREAMBLE_ABORTS.has(kind) && !preambleAborts.has(kind)) {
      if (clientKinds < PREAMBLE_PROBLEM_KINDS) clientKinds++;
      else key = OTHER_PREAMBLE_PROBLEMS;
    }
    preambleAborts.set(key, (preambleAborts.get(key) ?? 0) + 1);
  }

  // A step of the model now, on its clock: the pacer runs it in order with the rest.
  function step(action: () => void, owner: string): void {
    clock.scheduleAt(clock.wallNow(), action, TimerPriority.arrival, owner);
    pacer.wake();
  }

  // ConnectionAcceptor (domain §3.1 step 2): the model's acceptor counts each real connection
  // from its accept to its via decoded against maxPendingConnections. At the limit (1419,
  // 1439) the next ones wait unread, as in the listen backlog, until a slot frees; beyond
  // listenBacklog they are refused. Simplification: the real accept is done by then, so a
  // refusal is a reset, where SMSvcHost's kernel refuses the connect itself.
  function accept(socket: Socket): void {
    if (stopping) {
      socket.destroy();
      return;
    }
    if (timedFaultsWaiting) {
      // Before the model sees this connection: a rule at 0 acts first, as at the start.
      timedFaultsWaiting = false;
      machine.startTimedFaults(clock.wallNow());
      pacer.wake();
    }
    open.add(socket);
    socket.on('error', () => undefined);
    let waiting = true;
    socket.once('close', () => {
      open.delete(socket);
      if (waiting && stopping)
        countAbort('the listener stopped while the connection waited in the backlog', false);
    });
    const refuse = (reason: string): void => {
      waiting = false;
      refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
      socket.resetAndDestroy();
    };
    const held = new HeldConnection(
      () => {
        // Stopping, nothing is taken any more: its close handler counts it as waiting.
        if (stopping) return;
        waiting = false;
        readPreamble(socket, held);
      },
      () => refuse('the listener stopped while the connection waited in the backlog'),
    );
    step(() => {
      if (socket.destroyed) return;
      const firstTcpListener = [...machine.world.listeners.values()].find(
        (listener) => listener.transport === 'tcp',
      );
      const accepted =
        firstTcpListener === undefined
          ? undefined
          : machine.dispatcher.acceptHeld(held, firstTcpListener.uri.port);
      if (accepted === 'refused') refuse('the listen backlog was full');
      else if (accepted !== 'backlogged') held.start();
    }, 'live-accept');
  }

  // SMSvcHost's mode and via readers: one receiveTimeout over version, mode, via, encoding.
  function readPreamble(socket: Socket, held: HeldConnection): void {
    // Taken by the model's acceptor, which counted it, or by none (no model listener: counted
    // here if it never reaches the model).
    const acceptedByModel = held.listener !== undefined;
    // The slot goes to the next connection in the backlog; not once stopping, when nothing
    // more is accepted.
    const release = (): void => {
      if (!stopping) step(() => machine.dispatcher.releaseHeld(held), 'live-preamble-end');
    };
    const abort = (reason: string, protocolFailure: boolean): void => {
      if (!acceptedByModel) acceptedOutsideModel();
      countAbort(reason, protocolFailure);
      release();
    };
    let reading = true;
    // Every accepted connection ends its preamble stage once: decoded, aborted, or closed.
    // One gone before that (the client's reset, the listener's stop) is an abort too.
    socket.once('close', () => {
      if (!reading) return;
      finish();
      if (stopping) abort('the listener stopped during the preamble', false);
      else abort('the client reset the connection during the preamble', pastModeStage());
    });
    let buffer = Buffer.alloc(0);
    // The mode reader's records are read: the dup-handle reader has the connection.
    const pastModeStage = (): boolean => buffer.length >= MODE_STAGE_BYTES;
    const timer = setTimeout(() => {
      finish();
      abort('receiveTimeout expired', true);
      socket.resetAndDestroy();
    }, scenario.config.receiveTimeoutMs);
    const finish = (): void => {
      reading = false;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', onEnd);
    };
    const onData = (chunk: Buffer): void => {
      buffer = Buffer.concat([buffer, chunk]);
      const decoded = decodePreamble(buffer);
      if (decoded.kind === 'incomplete') return;
      finish();
      socket.pause();
      if (decoded.kind === 'bad') {
        abort(`bad preamble: ${decoded.problem}`, decoded.stage === 'dup-handle');
        socket.resetAndDestroy();
        return;
      }
      step(() => viaDecoded(socket, decoded.via, buffer, held), 'live-connection');
    };
    const onEnd = (): void => {
      finish();
      // A connection closed before any byte is a client timing out a pooled connection: closed
      // quietly (domain §3.1 step 3), no event, no counter, no abort, but an accepted
      // connection all the same; in the middle of the preamble it is an abort.
      if (buffer.length === 0) {
        closedBeforePreamble++;
        if (!acceptedByModel) acceptedOutsideModel();
        release();
        socket.destroy();
      } else {
        abort('the client closed the connection during the preamble', pastModeStage());
        socket.resetAndDestroy();
      }
    };
    socket.on('data', onData);
    socket.on('end', onEnd);
    socket.resume();
  }

  machine.start({ deferTimedFaults: timedFaultsWaiting });
  const running = pacer.start();
  running.catch((error: unknown) => {
    notice(
      `internal error in the model: ${error instanceof Error ? error.message : String(error)}`,
    );
  });

  return {
    events: bus,
    host,
    port,
    seed,
    stop: async () => {
      stopping = true;
      clearTimeout(relistenTimer);
      const listening = server;
      const closed = new Promise<void>((resolve) =>
        listening === undefined ? resolve() : listening.close(() => resolve()),
      );
      // SMSvcHost aborts the connections it still holds when it stops (a reset, domain §3.4),
      // as the model's closed queues do: not a FIN, which a client reads as a refused preamble.
      // Each is counted in its 'close' handler, which comes after the turn the summary waited:
      // those in their preamble or in the backlog were left out (user report), so the summary
      // waits for them, a second at most.
      const resetting = [...open].map(
        (socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())),
      );
      for (const socket of open) socket.resetAndDestroy();
      let waited: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(resetting),
        new Promise<void>((resolve) => (waited = setTimeout(resolve, 1000))),
      ]);
      clearTimeout(waited);
      await pacer.stop();
      await pool.close(2000);
      // Node's server.close() asks each child a socket was sent to whether it still holds one;
      // a child that exited before the close began is forgotten, and then the close never
      // ends (Node 20): the stop hung and the process exited 13 without its summary (user
      // report, after its workers crashed). Every child has exited by now, so nothing the
      // close waits for is left.
      await Promise.race([closed, new Promise<void>((resolve) => setImmediate(resolve))]);
      clearInterval(keepAlive);
      const ledger = machine.world.ledger.summary();
      return {
        scenario: scenario.name,
        seed,
        host,
        port,
        uptimeMs: elapsed(),
        connections:
          ledger.arrived +
          [...preambleAborts.values(), ...refusals.values()].reduce((a, b) => a + b, 0) +
          closedBeforePreamble,
        outcomes: ledger.outcomes,
        open: ledger.open,
        preambleAborts: Object.fromEntries(preambleAborts),
        refusedConnections: Object.fromEntries(refusals),
        workerRefusals: Object.fromEntries(workerRefusals),
        closedBeforePreamble,
        eventCounts: new Map(bus.counts()),
        eventLogCounts: new Map(bus.logCounts()),
        counters: machine.world.counters.snapshot(),
        workerProcesses: pool.size,
        faultsFired: Object.fromEntries(faults.fired()),
      };
    },
  };
}

// A listen error as Node names it (EADDRINUSE…).
function errorText(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) return String(error.code);
  return error instanceof Error ? error.message : String(error);
}
