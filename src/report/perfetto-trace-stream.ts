// PerfettoTraceStream: the state of one Perfetto trace being written as the run goes (see
// perfetto-trace.ts for the format's rules): tracks and their metadata, the per-app queue and
// idle-worker counters, and each live session's routing, queue and dispatch, dropped at its
// outcome.

import type { DispatchEvent } from '../events/dispatch-event.js';
import type { EventLevel } from '../events/event-descriptor.js';
import type { SessionOutcome } from '../events/session-outcome.js';
import { isEventLogEntry, type TraceRecord } from '../events/trace.js';
import { APP_TID_BASE, SMSVCHOST_TID, toMicros, workerTid } from './chrome-trace-event.js';
import {
  counterLine,
  counterLineOf,
  dispatchBeginLine,
  dispatchEndLine,
  etwInstantLine,
  eventLogInstantLine,
  metadataLine,
  sessionSliceLines,
  type CounterLine,
} from './chrome-trace-lines.js';
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

/** An application's track and its two counters. */
interface AppTrack {
  readonly tid: number;
  /** Sessions in its pending queue. */
  queued: number;
  /** Its idle workers, as the ETW events tell them (may dip below 0; drawn at 0 then). */
  idle: number;
  readonly queueLength: CounterLine;
  readonly idleWorkers: CounterLine;
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
  readonly #apps = new Map<string, AppTrack>();
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
      if (keep) this.#emit(eventLogInstantLine(record, this.#trackOf(record)));
      return;
    }
    // 4008 opens the dispatch slice before its instant; 4030/4031 close it after theirs.
    if (record.id === 4008) this.#onEvent(record);
    if (keep) this.#emit(etwInstantLine(record, this.#trackOf(record)));
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
      const queue = this.#appTrack(session.queuedIn);
      queue.queued -= 1;
      this.#counters(queue, ts);
    }
    // A dispatch that ended with neither 4030 nor 4031 (domain §3.3, edge case) ends here.
    if (session !== undefined) this.#endDispatch(outcome.sessionId, session, ts, 'session dropped');
    const tid = outcome.app === null ? SMSVCHOST_TID : this.#trackOfApp(outcome.app);
    const [begin, end] = sessionSliceLines(outcome, tid);
    this.#emit(begin);
    this.#emit(end);
  }

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#write(`\n],\n"displayTimeUnit":"ms",\n"otherData":${JSON.stringify(this.#otherData)}}\n`);
  }

  /** @param line - one trace event's JSON */
  #emit(line: string): void {
    this.#write((this.#written++ === 0 ? '' : ',\n') + line);
  }

  #meta(name: string, tid: number, args: Record<string, unknown>): void {
    this.#emit(metadataLine(name, tid, args));
  }

  /** @returns the app's track */
  #trackOfApp(app: string): number {
    return this.#appTrack(app).tid;
  }

  /** @returns the app's track and counters, named (counters at 0) the first time it is needed */
  #appTrack(app: string): AppTrack {
    const known = this.#apps.get(app);
    if (known !== undefined) return known;
    const tid = APP_TID_BASE + this.#apps.size;
    const track: AppTrack = {
      tid,
      queued: 0,
      idle: 0,
      queueLength: counterLineOf(`queue length (${app})`, 'sessions'),
      idleWorkers: counterLineOf(`idle workers (${app})`, 'workers'),
    };
    this.#apps.set(app, track);
    this.#meta('thread_name', tid, { name: `app ${app}` });
    this.#meta('thread_sort_index', tid, { sort_index: tid });
    this.#counters(track, 0);
    return track;
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

  #counters(app: AppTrack, ts: number): void {
    this.#emit(counterLine(app.queueLength, ts, app.queued));
    this.#emit(counterLine(app.idleWorkers, ts, Math.max(0, app.idle)));
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
        const track = this.#appTrack(app);
        track.idle += event.id === 4011 ? 1 : -1;
        this.#counters(track, ts);
        return;
      }
      case 4035: {
        const app = event.annotations.app ?? session?.app;
        if (app === undefined || sessionId === undefined) return;
        this.#session(sessionId).queuedIn = app;
        const track = this.#appTrack(app);
        track.queued += 1;
        this.#counters(track, ts);
        return;
      }
      case 4008: {
        const app = session?.app;
        if (app === undefined || session === undefined || sessionId === undefined) return;
        if (session.queuedIn !== undefined) this.#appTrack(session.queuedIn).queued -= 1;
        session.queuedIn = undefined;
        const track = this.#appTrack(app);
        track.idle -= 1;
        this.#counters(track, ts);
        // 4008 is annotated with the worker the session was paired with.
        const worker = event.annotations.workerId;
        if (worker === undefined) return;
        session.worker = worker;
        session.inFlight = true;
        this.#emit(dispatchBeginLine(sessionId, ts, workerTid(worker), event.activityId));
        return;
      }
      case 4030:
      case 4031: {
        const app = session?.app;
        if (app === undefined || session === undefined || sessionId === undefined) return;
        // After a 4031 the worker leaves the queue (WorkerProcess.Close) and is not idle again.
        if (event.id === 4030) {
          const track = this.#appTrack(app);
          track.idle += 1;
          this.#counters(track, ts);
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
    this.#emit(dispatchEndLine(sessionId, ts, workerTid(session.worker), end));
  }
}
