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

import type { DispatchEvent } from '../events/dispatch-event.js';
import type { EventLevel } from '../events/event-descriptor.js';
import type { SessionOutcome } from '../events/session-outcome.js';
import { isEventLogEntry, type TraceRecord } from '../events/trace.js';
import { isAtLevel } from './level-filter.js';

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

/** A Chrome trace file in the JSON Object format. */
export interface ChromeTrace {
  readonly traceEvents: readonly ChromeTraceEvent[];
  readonly displayTimeUnit: 'ms';
  readonly otherData: Readonly<Record<string, unknown>>;
}

/** The run to draw. */
export interface PerfettoTraceInput {
  readonly scenario: string;
  readonly seed: number;
  /** Every ETW event and Event Log entry of the run, in emission order. */
  readonly records: readonly TraceRecord[];
  /** Every session's outcome. */
  readonly outcomes: readonly SessionOutcome[];
}

/** Options of {@link buildPerfettoTrace}. */
export interface PerfettoTraceOptions {
  /**
   * Instants are kept at or above this level. Slices and counters are derived from every
   * event whatever the level. @default 'Verbose' (everything)
   */
  readonly level?: EventLevel | undefined;
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

interface WorkerInfo {
  app: string | undefined;
  pid: number | undefined;
}

interface Tracks {
  readonly apps: Map<string, number>;
  readonly workers: Map<number, WorkerInfo>;
  readonly sessionApp: Map<number, string>;
}

// Everything a track assignment needs is known only after the run, so one pass collects it.
function collectTracks(input: PerfettoTraceInput): Tracks {
  const apps = new Map<string, number>();
  const workers = new Map<number, WorkerInfo>();
  const sessionApp = new Map<number, string>();
  const addApp = (app: string): void => {
    if (!apps.has(app)) apps.set(app, APP_TID_BASE + apps.size);
  };
  for (const record of input.records) {
    const notes = record.annotations;
    const app =
      notes.app ??
      (!isEventLogEntry(record) && record.id === 4034 ? record.annotations.matched : null);
    if (app !== null && app !== undefined) addApp(app);
    if (notes.workerId !== undefined) {
      const info = workers.get(notes.workerId) ?? { app: undefined, pid: undefined };
      info.app ??= notes.app;
      info.pid ??= notes.pid;
      workers.set(notes.workerId, info);
    }
    if (notes.sessionId !== undefined && app !== null && app !== undefined) {
      sessionApp.set(notes.sessionId, app);
    }
  }
  for (const outcome of input.outcomes) {
    if (outcome.app === null) continue;
    addApp(outcome.app);
    sessionApp.set(outcome.sessionId, outcome.app);
  }
  return { apps, workers, sessionApp };
}

const workerTid = (workerId: number): number => WORKER_TID_BASE + workerId;

// Events of the dispatch itself belong on the worker's track once the worker is known.
const dispatchIds = new Set<number>([4008, 4016, 4019, 4030]);

function metadata(input: PerfettoTraceInput, tracks: Tracks): ChromeTraceEvent[] {
  const meta = (name: string, tid: number, args: Record<string, unknown>): ChromeTraceEvent => ({
    name,
    ph: 'M',
    ts: 0,
    pid: TRACE_PID,
    tid,
    args,
  });
  const events = [
    meta('process_name', 0, { name: `dispatchsim ${input.scenario} (seed ${input.seed})` }),
    meta('thread_name', SMSVCHOST_TID, { name: 'SMSvcHost' }),
    meta('thread_sort_index', SMSVCHOST_TID, { sort_index: 0 }),
  ];
  for (const [app, tid] of tracks.apps) {
    events.push(meta('thread_name', tid, { name: `app ${app}` }));
    events.push(meta('thread_sort_index', tid, { sort_index: tid }));
  }
  for (const [id, info] of [...tracks.workers].sort((a, b) => a[0] - b[0])) {
    const pid = info.pid === undefined ? '' : ` pid ${info.pid}`;
    const app = info.app === undefined ? '' : ` (${info.app})`;
    events.push(meta('thread_name', workerTid(id), { name: `worker ${id}${pid}${app}` }));
    events.push(meta('thread_sort_index', workerTid(id), { sort_index: workerTid(id) }));
  }
  return events;
}

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

/** The mutable state of the time-ordered pass. */
class TraceBuilder {
  readonly events: ChromeTraceEvent[] = [];
  readonly #tracks: Tracks;
  readonly #queue = new Map<string, number>();
  readonly #idle = new Map<string, number>();
  /** Sessions in a pending queue: session id to app. */
  readonly #queued = new Map<number, string>();
  /** Dispatches in flight: session id to worker id. */
  readonly #inFlight = new Map<number, number>();
  /** The worker each dispatched session went to. */
  readonly #dispatchedTo = new Map<number, number>();

  constructor(tracks: Tracks) {
    this.#tracks = tracks;
    for (const app of tracks.apps.keys()) {
      this.#queue.set(app, 0);
      this.#idle.set(app, 0);
      this.#counters(app, 0);
    }
  }

  appOf(sessionId: number | undefined): string | undefined {
    return sessionId === undefined ? undefined : this.#tracks.sessionApp.get(sessionId);
  }

  trackOf(record: TraceRecord): number {
    const notes = record.annotations;
    if (notes.workerId !== undefined) return workerTid(notes.workerId);
    const sessionId = notes.sessionId;
    if (sessionId !== undefined && !isEventLogEntry(record) && dispatchIds.has(record.id)) {
      const worker = this.#dispatchedTo.get(sessionId);
      if (worker !== undefined) return workerTid(worker);
    }
    const app = notes.app ?? this.appOf(sessionId);
    return app === undefined ? SMSVCHOST_TID : (this.#tracks.apps.get(app) ?? SMSVCHOST_TID);
  }

  #counters(app: string, ts: number): void {
    this.events.push({
      name: `queue length (${app})`,
      ph: 'C',
      ts,
      pid: TRACE_PID,
      tid: 0,
      args: { sessions: this.#queue.get(app) ?? 0 },
    });
    this.events.push({
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
  onEvent(event: DispatchEvent): void {
    const ts = toMicros(event.atMs);
    const sessionId = event.annotations.sessionId;
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
        const app = event.annotations.app ?? this.appOf(sessionId);
        if (app === undefined || sessionId === undefined) return;
        this.#queued.set(sessionId, app);
        this.#add(this.#queue, app, 1);
        this.#counters(app, ts);
        return;
      }
      case 4008: {
        const app = this.appOf(sessionId);
        if (app === undefined || sessionId === undefined) return;
        if (this.#queued.delete(sessionId)) this.#add(this.#queue, app, -1);
        this.#add(this.#idle, app, -1);
        this.#counters(app, ts);
        // 4008 is annotated with the worker the session was paired with.
        const worker = event.annotations.workerId;
        if (worker === undefined) return;
        this.#inFlight.set(sessionId, worker);
        this.#dispatchedTo.set(sessionId, worker);
        this.events.push({
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
        const app = this.appOf(sessionId);
        if (app === undefined || sessionId === undefined) return;
        // After a 4031 the worker leaves the queue (WorkerProcess.Close) and is not idle again.
        if (event.id === 4030) {
          this.#add(this.#idle, app, 1);
          this.#counters(app, ts);
        }
        this.#endDispatch(
          sessionId,
          ts,
          event.id === 4030 ? 'DispatchSessionSuccess' : 'DispatchSessionFailed',
        );
        return;
      }
      default:
        return;
    }
  }

  #endDispatch(sessionId: number, ts: number, end: string): void {
    const worker = this.#inFlight.get(sessionId);
    if (worker === undefined) return;
    this.#inFlight.delete(sessionId);
    this.events.push({
      name: `dispatch session ${sessionId}`,
      cat: 'dispatch',
      ph: 'E',
      ts,
      pid: TRACE_PID,
      tid: workerTid(worker),
      args: { end },
    });
  }

  /** Draws a session's slice, and takes a queued session that never dispatched off its queue. */
  onOutcome(outcome: SessionOutcome): void {
    const ts = toMicros(outcome.atMs);
    const app = this.#queued.get(outcome.sessionId);
    if (app !== undefined) {
      this.#queued.delete(outcome.sessionId);
      this.#add(this.#queue, app, -1);
      this.#counters(app, ts);
    }
    // A dispatch that ended with neither 4030 nor 4031 (domain §3.3, edge case) ends here.
    this.#endDispatch(outcome.sessionId, ts, 'session dropped');
    const tid =
      outcome.app === null ? SMSVCHOST_TID : (this.#tracks.apps.get(outcome.app) ?? SMSVCHOST_TID);
    const common = {
      name: outcome.kind,
      cat: 'session',
      id: outcome.sessionId,
      pid: TRACE_PID,
      tid,
    };
    this.events.push({
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
    this.events.push({ ...common, ph: 'e', ts });
  }
}

/**
 * Builds the Chrome Trace Event object of a run.
 * @param input - the run's records and outcomes
 * @param options - the level of the instants kept
 * @returns the trace, events sorted by timestamp (metadata first)
 */
export function buildPerfettoTrace(
  input: PerfettoTraceInput,
  options: PerfettoTraceOptions = {},
): ChromeTrace {
  const tracks = collectTracks(input);
  const builder = new TraceBuilder(tracks);
  const outcomes = [...input.outcomes].sort((a, b) => a.atMs - b.atMs);
  let next = 0;
  for (const record of input.records) {
    // Outcomes strictly before this record come first; at equal times, the events do.
    while (next < outcomes.length && (outcomes[next]?.atMs ?? Infinity) < record.atMs) {
      builder.onOutcome(outcomes[next++] as SessionOutcome);
    }
    const keep = options.level === undefined || isAtLevel(record, options.level);
    if (isEventLogEntry(record)) {
      if (keep) builder.events.push(instant(record, builder.trackOf(record)));
      continue;
    }
    // 4008 opens the dispatch slice before its instant; 4030/4031 close it after theirs.
    if (record.id === 4008) builder.onEvent(record);
    if (keep) builder.events.push(instant(record, builder.trackOf(record)));
    if (record.id !== 4008) builder.onEvent(record);
  }
  while (next < outcomes.length) builder.onOutcome(outcomes[next++] as SessionOutcome);
  // Stable: events at one instant keep the order they were made in (an `E` before the next `B`).
  const timeline = builder.events.sort((a, b) => a.ts - b.ts);
  return {
    traceEvents: [...metadata(input, tracks), ...timeline],
    displayTimeUnit: 'ms',
    otherData: {
      generator: 'dispatchsim',
      scenario: input.scenario,
      seed: input.seed,
      clock: 'virtual time: ts 0 is the start of the run, 1 ms of virtual time = 1000 us',
    },
  };
}

/**
 * Formats a run as a Chrome Trace Event JSON file for ui.perfetto.dev or chrome://tracing.
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
  const trace = buildPerfettoTrace(input, options);
  const events = trace.traceEvents.map((event) => JSON.stringify(event)).join(',\n');
  return `{"traceEvents":[\n${events}\n],\n"displayTimeUnit":"ms",\n"otherData":${JSON.stringify(trace.otherData)}}\n`;
}
