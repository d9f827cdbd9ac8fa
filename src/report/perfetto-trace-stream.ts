// PerfettoTraceStream: the state of one Perfetto trace being written as the run goes (see
// perfetto-trace.ts for the format's rules): tracks and their metadata, the per-app queue and
// idle-worker counters, and each live session's routing, queue and dispatch, dropped at its
// outcome.

import type { DispatchEvent } from '../events/dispatch-event.js';
import type { EventLevel } from '../events/event-descriptor.js';
import type { SessionOutcome } from '../events/session-outcome.js';
import { isEventLogEntry, type TraceRecord } from '../events/trace.js';
import {
  APP_TID_BASE,
  SMSVCHOST_TID,
  TRACE_PID,
  toMicros,
  workerTid,
  type ChromeTraceEvent,
} from './chrome-trace-event.js';
import { isAtLevel } from './level-filter.js';

/** Options of a Perfetto trace (`formatPerfettoTrace`). */
export interface PerfettoTraceOptions {
  /**
   * Instants are kept at or above this level. Slices and counters are derived from every
   * event whatever the level. @default 'Verbose' (everything)
   */
  readonly level?: EventLevel | undefined;
}

/** Options of a streamed Perfetto trace (`createPerfettoTraceWriter`). */
export interface PerfettoTraceWriterOptions extends PerfettoTraceOptions {
  /** The scenario's name, for the process name and `otherData`. */
  readonly scenario: string;
  /** The run's seed, for the process name and `otherData`. */
  readonly seed: number;
  /**
   * The scenario's application names, in scenario order: each gets its track and counters
   * up front. An application the run names that is not listed gets them when first seen.
   */
  readonly apps: readonly string[];
  /** Receives the document, piece by piece, in order. */
  readonly write: (text: string) => void;
}

// Events of the dispatch itself belong on the worker's track once the worker is known.
const dispatchIds = new Set<number>([4008, 4016, 4019, 4030]);

function instant(record: TraceRecord, tid: number): ChromeTraceEvent {
  if (isEventLogEntry(record)) {
    return {
      name: `Event Log ${record.id} ${record.name}`,
      cat: 'eventlog',
      ph: 'i',
      s: 't',
      ts: toMicros(record.atMs),
      pid: TRACE_PID,
      tid,
      args: {
        seq: record.seq,
        level: record.level,
        source: record.source,
        message: record.message,
        annotations: record.annotations,
      },
    };
  }
  return {
    name: `${record.id} ${record.name}`,
    cat: 'etw',
    ph: 'i',
    s: 't',
    ts: toMicros(record.atMs),
    pid: TRACE_PID,
    tid,
    args: {
      seq: record.seq,
      level: record.level,
      channel: record.channel,
      ...('activityId' in record ? { activityId: record.activityId } : {}),
      message: record.message,
      payload: record.payload,
      annotations: record.annotations,
    },
  };
}

/** What a worker's track is named after; it grows as the events tell more. */
interface WorkerInfo {
  readonly app: string | undefined;
  readonly pid: number | undefined;
}

/** What the writer knows of one session, from its routing until its outcome. */
interface SessionState {
  /** The application it routed to. */
  app: string | undefined;
  /** The application whose pending queue holds it (from 4035 until dequeue or outcome). */
  queuedIn: string | undefined;
  /** The worker its dispatch went to (4008), for the track of 4016/4019/4030. */
  worker: number | undefined;
  /** Whether its dispatch slice is open. */
  inFlight: boolean;
}

/** The state of one trace being written: tracks, counters and live sessions. */
export class PerfettoTraceStream {
  readonly #write: (text: string) => void;
  readonly #level: EventLevel | undefined;
  readonly #otherData: Readonly<Record<string, unknown>>;
  readonly #apps = new Map<string, number>();
  readonly #queue = new Map<string, number>();
  readonly #idle = new Map<string, number>();
  readonly #workers = new Map<number, WorkerInfo>();
  readonly #sessions = new Map<number, SessionState>();
  #written = 0;
  #ended = false;

  constructor(options: PerfettoTraceWriterOptions) {
    this.#write = options.write;
    this.#level = options.level;
    this.#otherData = {
      generator: 'dispatchsim',
      scenario: options.scenario,
      seed: options.seed,
      clock: 'virtual time: ts 0 is the start of the run, 1 ms of virtual time = 1000 us',
    };
    this.#write('{"traceEvents":[\n');
    this.#meta('process_name', 0, {
      name: `dispatchsim ${options.scenario} (seed ${options.seed})`,
    });
    this.#meta('thread_name', SMSVCHOST_TID, { name: 'SMSvcHost' });
    this.#meta('thread_sort_index', SMSVCHOST_TID, { sort_index: 0 });
    for (const app of options.apps) this.#trackOfApp(app);
  }

  get openSessions(): number {
    return this.#sessions.size;
  }

  record(record: TraceRecord): void {
    if (this.#ended) return;
    this.#notice(record);
    const keep = this.#level === undefined || isAtLevel(record, this.#level);
    if (isEventLogEntry(record)) {
      if (keep) this.#emit(instant(record, this.#trackOf(record)));
      return;
    }
    // 4008 opens the dispatch slice before its instant; 4030/4031 close it after theirs.
    if (record.id === 4008) this.#onEvent(record);
    if (keep) this.#emit(instant(record, this.#trackOf(record)));
    if (record.id !== 4008) this.#onEvent(record);
  }

  /** Draws a session's slice, closes what it left open, and forgets the session. */
  outcome(outcome: SessionOutcome): void {
    if (this.#ended) return;
    const ts = toMicros(outcome.atMs);
    const session = this.#sessions.get(outcome.sessionId);
    this.#sessions.delete(outcome.sessionId);
    // A queued session that never dispatched leaves its queue here (dropped, §3.4).
    if (session?.queuedIn !== undefined) {
      this.#add(this.#queue, session.queuedIn, -1);
      this.#counters(session.queuedIn, ts);
    }
    // A dispatch that ended with neither 4030 nor 4031 (domain §3.3, edge case) ends here.
    if (session !== undefined) this.#endDispatch(outcome.sessionId, session, ts, 'session dropped');
    const tid = outcome.app === null ? SMSVCHOST_TID : this.#trackOfApp(outcome.app);
    const common = {
      name: outcome.kind,
      cat: 'session',
      id: outcome.sessionId,
      pid: TRACE_PID,
      tid,
    };
    this.#emit({
      ...common,
      ph: 'b',
      ts: toMicros(outcome.arrivedAtMs),
      args: {
        sessionId: outcome.sessionId,
        clientId: outcome.clientId,
        attempt: outcome.attempt,
        via: outcome.via,
        app: outcome.app,
        outcome: outcome.kind,
        client: outcome.client.result,
        fault: outcome.client.fault,
        exception: outcome.client.exception,
        reason: outcome.reason,
      },
    });
    this.#emit({ ...common, ph: 'e', ts });
  }

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#write(`\n],\n"displayTimeUnit":"ms",\n"otherData":${JSON.stringify(this.#otherData)}}\n`);
  }

  #emit(event: ChromeTraceEvent): void {
    this.#write((this.#written++ === 0 ? '' : ',\n') + JSON.stringify(event));
  }

  #meta(name: string, tid: number, args: Record<string, unknown>): void {
    this.#emit({ name, ph: 'M', ts: 0, pid: TRACE_PID, tid, args });
  }

  /** @returns the app's track, named (with its counters at 0) the first time it is needed */
  #trackOfApp(app: string): number {
    const known = this.#apps.get(app);
    if (known !== undefined) return known;
    const tid = APP_TID_BASE + this.#apps.size;
    this.#apps.set(app, tid);
    this.#meta('thread_name', tid, { name: `app ${app}` });
    this.#meta('thread_sort_index', tid, { sort_index: tid });
    this.#queue.set(app, 0);
    this.#idle.set(app, 0);
    this.#counters(app, 0);
    return tid;
  }

  /** Learns a record's application, session routing and worker, whatever its level. */
  #notice(record: TraceRecord): void {
    const notes = record.annotations;
    const app =
      notes.app ??
      (!isEventLogEntry(record) && record.id === 4034 ? record.annotations.matched : null);
    if (app !== null && app !== undefined) {
      this.#trackOfApp(app);
      // The model writes nothing about a session after its outcome, so this entry is
      // deleted there and does not outlive the session.
      if (notes.sessionId !== undefined) this.#session(notes.sessionId).app = app;
    }
    if (notes.workerId !== undefined) this.#noteWorker(notes.workerId, notes.app, notes.pid);
  }

  /** Names a worker's track when first seen, and again if a later event tells its pid or app. */
  #noteWorker(id: number, app: string | undefined, pid: number | undefined): void {
    const known = this.#workers.get(id);
    const learns =
      known === undefined ||
      (known.app === undefined && app !== undefined) ||
      (known.pid === undefined && pid !== undefined);
    if (!learns) return;
    const info = { app: known?.app ?? app, pid: known?.pid ?? pid };
    this.#workers.set(id, info);
    const pidText = info.pid === undefined ? '' : ` pid ${info.pid}`;
    const appText = info.app === undefined ? '' : ` (${info.app})`;
    this.#meta('thread_name', workerTid(id), { name: `worker ${id}${pidText}${appText}` });
    if (known === undefined) {
      this.#meta('thread_sort_index', workerTid(id), { sort_index: workerTid(id) });
    }
  }

  #session(sessionId: number): SessionState {
    let session = this.#sessions.get(sessionId);
    if (session === undefined) {
      session = { app: undefined, queuedIn: undefined, worker: undefined, inFlight: false };
      this.#sessions.set(sessionId, session);
    }
    return session;
  }

  #trackOf(record: TraceRecord): number {
    const notes = record.annotations;
    if (notes.workerId !== undefined) return workerTid(notes.workerId);
    const session = notes.sessionId === undefined ? undefined : this.#sessions.get(notes.sessionId);
    if (session?.worker !== undefined && !isEventLogEntry(record) && dispatchIds.has(record.id)) {
      return workerTid(session.worker);
    }
    const app = notes.app ?? session?.app;
    return app === undefined ? SMSVCHOST_TID : this.#trackOfApp(app);
  }

  #counters(app: string, ts: number): void {
    this.#emit({
      name: `queue length (${app})`,
      ph: 'C',
      ts,
      pid: TRACE_PID,
      tid: 0,
      args: { sessions: this.#queue.get(app) ?? 0 },
    });
    this.#emit({
      name: `idle workers (${app})`,
      ph: 'C',
      ts,
      pid: TRACE_PID,
      tid: 0,
      args: { workers: Math.max(0, this.#idle.get(app) ?? 0) },
    });
  }

  #add(map: Map<string, number>, app: string, delta: number): void {
    map.set(app, (map.get(app) ?? 0) + delta);
  }

  /** Updates queues, idle workers and dispatch slices for one ETW event. */
  #onEvent(event: DispatchEvent): void {
    const ts = toMicros(event.atMs);
    const sessionId = event.annotations.sessionId;
    const session = sessionId === undefined ? undefined : this.#sessions.get(sessionId);
    switch (event.id) {
      case 4011:
      case 4012:
      case 4014: {
        // Register adds the worker to its queue, which may dispatch to it at once, before
        // 4015 is written; so the worker counts from 4011 until a 4012/4014 says it failed.
        const { app } = event.annotations;
        if (app === undefined) return;
        this.#add(this.#idle, app, event.id === 4011 ? 1 : -1);
        this.#counters(app, ts);
        return;
      }
      case 4035: {
        const app = event.annotations.app ?? session?.app;
        if (app === undefined || sessionId === undefined) return;
        this.#session(sessionId).queuedIn = app;
        this.#add(this.#queue, app, 1);
        this.#counters(app, ts);
        return;
      }
      case 4008: {
        const app = session?.app;
        if (app === undefined || session === undefined || sessionId === undefined) return;
        if (session.queuedIn !== undefined) this.#add(this.#queue, session.queuedIn, -1);
        session.queuedIn = undefined;
        this.#add(this.#idle, app, -1);
        this.#counters(app, ts);
        // 4008 is annotated with the worker the session was paired with.
        const worker = event.annotations.workerId;
        if (worker === undefined) return;
        session.worker = worker;
        session.inFlight = true;
        this.#emit({
          name: `dispatch session ${sessionId}`,
          cat: 'dispatch',
          ph: 'B',
          ts,
          pid: TRACE_PID,
          tid: workerTid(worker),
          args: { sessionId, activityId: event.activityId },
        });
        return;
      }
      case 4030:
      case 4031: {
        const app = session?.app;
        if (app === undefined || session === undefined || sessionId === undefined) return;
        // After a 4031 the worker leaves the queue (WorkerProcess.Close) and is not idle again.
        if (event.id === 4030) {
          this.#add(this.#idle, app, 1);
          this.#counters(app, ts);
        }
        const end = event.id === 4030 ? 'DispatchSessionSuccess' : 'DispatchSessionFailed';
        this.#endDispatch(sessionId, session, ts, end);
        return;
      }
      default:
        return;
    }
  }

  #endDispatch(sessionId: number, session: SessionState, ts: number, end: string): void {
    if (!session.inFlight || session.worker === undefined) return;
    session.inFlight = false;
    this.#emit({
      name: `dispatch session ${sessionId}`,
      cat: 'dispatch',
      ph: 'E',
      ts,
      pid: TRACE_PID,
      tid: workerTid(session.worker),
      args: { end },
    });
  }
}
