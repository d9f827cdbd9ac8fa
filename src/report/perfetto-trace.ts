// The Perfetto trace: a run as Chrome Trace Event JSON, which ui.perfetto.dev and
// chrome://tracing open (issue 6). Virtual time becomes the timeline (1 ms = 1000 µs):
// - each session is an async slice ('b'/'e', category `session`, id = session id) from its
//   arrival to its outcome, named after the outcome kind;
// - every ETW event and Event Log entry is an instant ('i') on the track it concerns;
// - each dispatch is a slice ('B'/'E') on its worker's track, from 4008 to 4030/4031 (domain
//   §3.1 steps 9-10; one dispatch in flight per worker, so these never overlap);
// - per application, the pending-queue length (+1 at 4035, -1 at dequeue, i.e. 4008, or when a
//   queued session is dropped, §3.4) and the idle workers (+1 when a worker registers, 4011 not
//   followed by 4012/4014, and at 4030; -1 at 4008; a worker that fails a dispatch with 4031 is
//   unregistered, §3.3) are counters ('C'). SMSvcHost writes no event when an idle worker exits
//   (idle timeout, crash, recycle), so such a worker still counts as idle: the counter shows
//   what the ETW events show.
// Tracks (tids) of one process: SMSvcHost itself, one per application, one per worker.
//
// The file is written as the run goes (createPerfettoTraceWriter), one trace event per line, in
// the order they become known, not sorted by ts: the JSON Array/Object format does not require
// it (Perfetto and chrome://tracing sort on import). So a session's async slice is written when
// its outcome arrives, and a track's metadata when the track is first needed. The writer keeps
// per-session state only until the session's outcome, so memory is bounded by the sessions in
// flight, the applications and the worker processes, never by the run's length. An instant
// goes on the track known when it is emitted: a session's events before routing (1430, 4001,
// 4033) are SMSvcHost's listener at work and stay on the SMSvcHost track; from 4034 on, the
// session's events go on its application's track.

import type { DispatchEvent } from '../events/dispatch-event.js';
import type { EventLevel } from '../events/event-descriptor.js';
import type { SessionOutcome } from '../events/session-outcome.js';
import { isEventLogEntry, type TraceRecord } from '../events/trace.js';
import { isAtLevel } from './level-filter.js';
import type { TraceWriter } from './trace-writer.js';

/** One Chrome Trace Event (the JSON Array/Object format). */
export interface ChromeTraceEvent {
  readonly name: string;
  /** `M` metadata, `i` instant, `b`/`e` async slice, `B`/`E` slice, `C` counter. */
  readonly ph: 'M' | 'i' | 'b' | 'e' | 'B' | 'E' | 'C';
  /** Microseconds of virtual time. */
  readonly ts: number;
  readonly pid: number;
  readonly tid: number;
  readonly cat?: string;
  /** Async slice id (with `cat`, it pairs `b` with `e`). */
  readonly id?: number;
  /** Instant scope: the thread (track). */
  readonly s?: 't';
  readonly args?: Readonly<Record<string, unknown>>;
}

/** A Chrome trace file in the JSON Object format, as the Perfetto writer writes it. */
export interface ChromeTrace {
  /** Metadata, instants, slices and counters, in the order they became known (not by ts). */
  readonly traceEvents: readonly ChromeTraceEvent[];
  readonly displayTimeUnit: 'ms';
  readonly otherData: Readonly<Record<string, unknown>>;
}

/** The run to draw, all at once. */
export interface PerfettoTraceInput {
  readonly scenario: string;
  readonly seed: number;
  /**
   * The scenario's application names, in scenario order: each gets its track up front.
   * Applications found only in the records or outcomes get theirs when first seen.
   * @default []
   */
  readonly apps?: readonly string[];
  /** Every ETW event and Event Log entry of the run, in emission order. */
  readonly records: readonly TraceRecord[];
  /** Every session's outcome. */
  readonly outcomes: readonly SessionOutcome[];
}

/** Options of {@link formatPerfettoTrace}. */
export interface PerfettoTraceOptions {
  /**
   * Instants are kept at or above this level. Slices and counters are derived from every
   * event whatever the level. @default 'Verbose' (everything)
   */
  readonly level?: EventLevel | undefined;
}

/** Options of {@link createPerfettoTraceWriter}. */
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

/** A {@link TraceWriter} of a Perfetto trace, which also tells how much it holds. */
export interface PerfettoTraceWriter extends TraceWriter {
  /**
   * The sessions the writer holds state for (routed, queued or dispatched, and not ended
   * yet); 0 once every session has its outcome.
   */
  readonly openSessions: number;
}

/** The one process of the trace. */
export const TRACE_PID = 1;
/** The SMSvcHost track: listeners, WAS, and sessions that never routed. */
export const SMSVCHOST_TID = 1;
const APP_TID_BASE = 100;
const WORKER_TID_BASE = 10_000;

/**
 * @param atMs - virtual time in ms
 * @returns the same instant in whole microseconds, as trace timestamps are
 */
export function toMicros(atMs: number): number {
  return Math.round(atMs * 1000);
}

const workerTid = (workerId: number): number => WORKER_TID_BASE + workerId;

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
class PerfettoTraceStream {
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

/**
 * Creates a writer of a Perfetto trace: it writes the header and the process, SMSvcHost and
 * application tracks at once, then each trace event as soon as the run makes it known, one
 * JSON object per line, and the closing part of the document at `end()`.
 * @param options - the scenario, seed and applications, the level of the instants kept, and
 *   where the text goes
 * @returns the writer; call its `end()` once, also after a failed run
 * @example
 * const writer = createPerfettoTraceWriter({
 *   scenario: scenario.name,
 *   seed,
 *   apps: scenario.apps.map((app) => app.name),
 *   write: (text) => out.write(text),
 * });
 * sim.events.on('event', writer.record);
 * sim.events.on('eventLog', writer.record);
 * sim.onOutcome(writer.outcome);
 * await sim.run().finally(writer.end);
 */
export function createPerfettoTraceWriter(
  options: PerfettoTraceWriterOptions,
): PerfettoTraceWriter {
  const trace = new PerfettoTraceStream(options);
  return {
    record: (record) => trace.record(record),
    outcome: (outcome) => trace.outcome(outcome),
    end: () => trace.end(),
    get openSessions() {
      return trace.openSessions;
    },
  };
}

/**
 * Formats a run as a Chrome Trace Event JSON file for ui.perfetto.dev or chrome://tracing,
 * by feeding {@link createPerfettoTraceWriter} the records and, before each record, the
 * outcomes strictly earlier than it (at equal times, the events come first).
 * @param input - the run's records and outcomes
 * @param options - the level of the instants kept
 * @returns the JSON text, one trace event per line, ending with a newline
 * @example
 * await writeFile('run.trace.json', formatPerfettoTrace({ scenario, seed, records, outcomes }));
 */
export function formatPerfettoTrace(
  input: PerfettoTraceInput,
  options: PerfettoTraceOptions = {},
): string {
  const parts: string[] = [];
  const writer = createPerfettoTraceWriter({
    scenario: input.scenario,
    seed: input.seed,
    apps: input.apps ?? [],
    level: options.level,
    write: (text) => parts.push(text),
  });
  const outcomes = [...input.outcomes].sort((a, b) => a.atMs - b.atMs);
  let next = 0;
  for (const record of input.records) {
    while (next < outcomes.length && (outcomes[next]?.atMs ?? Infinity) < record.atMs) {
      writer.outcome(outcomes[next++] as SessionOutcome);
    }
    writer.record(record);
  }
  while (next < outcomes.length) writer.outcome(outcomes[next++] as SessionOutcome);
  writer.end();
  return parts.join('');
}
