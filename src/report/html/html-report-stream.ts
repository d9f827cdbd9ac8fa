// HtmlReportStream: the state of one HTML report being written as the run goes (issue 16). Like
// the Perfetto trace (perfetto-trace-stream.ts) it holds per-session state only until the
// session's outcome, so memory is bounded by the sessions in flight, the applications and the
// worker lanes, never by the run's length; unlike it, it keeps only a sample of the detail:
// - a session's records are buffered until its outcome; then its journey is written out, or
//   dropped, as the ThinningSampler decides per outcome kind (so the first 4031 is always kept);
// - every Error and Warning record (ETW or Event Log) is counted exactly, per key and per time
//   bucket, and a sample of them is written as timeline marks, in batches;
// - the pending-queue length and idle workers of each application are BucketSeries, kept with
//   the same rules as the Perfetto counters (4035 +1, dequeue at 4008 or the outcome -1; 4011
//   +1, 4012/4014 -1, 4008 -1, 4030 +1);
// - worker lanes (first and last record, registrations) for up to `maxWorkers` processes.
// Aggregates that the stream cannot see (expectations, faults fired) come from the RunResult
// at `finish`.

import { levelValue } from '../../events/event-descriptor.js';
import type { SessionOutcome } from '../../events/session-outcome.js';
import { isEventLogEntry, type TraceRecord } from '../../events/trace.js';
import type { RunResult } from '../../sim/run-result.js';
import type { DeterminismCheck } from '../trace-comparison.js';
import { BucketSeries } from './bucket-series.js';
import { documentEnd, documentStart } from './html-document.js';
import type {
  ReportEnd,
  ReportJourney,
  ReportMeta,
  ReportRecord,
  ReportWorker,
} from './html-report-data.js';
import { dataBlock } from './html-text.js';
import { journeyLifelines, lifelineOf } from './journey-lifeline.js';
import { explanationOf, recordKey } from './report-explanations.js';
import { ThinningSampler } from './thinning-sampler.js';

/** How much detail a report keeps; the defaults keep 1M sessions well under 20 MB. */
export interface HtmlReportLimits {
  /** Journeys kept in all. @default 400 */
  readonly maxJourneys?: number;
  /** Journeys of each outcome kind kept before thinning. @default 16 */
  readonly journeysFirst?: number;
  /** Error and Warning marks kept in all. @default 4000 */
  readonly maxMarks?: number;
  /** Marks of each event kept before thinning. @default 64 */
  readonly marksFirst?: number;
  /** Worker processes drawn as lanes. @default 64 */
  readonly maxWorkers?: number;
  /** Buckets per time series. @default 1024 */
  readonly maxBuckets?: number;
}

/** Options of a streamed HTML report. */
export interface HtmlReportStreamOptions extends HtmlReportLimits {
  /** The scenario, seed, applications and faults. */
  readonly meta: Omit<ReportMeta, 'lifelines'>;
  /** Receives the document, piece by piece, in order. */
  readonly write: (text: string) => void;
}

const MARK_BATCH = 200;
const MAX_TIMES = 50;

interface WorkerState {
  readonly workerId: number;
  app: string | null;
  pid: number | null;
  firstMs: number;
  lastMs: number;
  readonly registeredMs: number[];
  readonly failedMs: number[];
  readonly unregisteredMs: number[];
}

interface AppCounters {
  queue: number;
  idle: number;
  readonly queueSeries: BucketSeries;
  readonly idleSeries: BucketSeries;
}

function pushCapped(times: number[], atMs: number): void {
  if (times.length < MAX_TIMES) times.push(atMs);
}

/**
 * @param record - an ETW event or Event Log entry
 * @returns it as the report's data carries it
 */
export function toReportRecord(record: TraceRecord): ReportRecord {
  const common = {
    seq: record.seq,
    atMs: record.atMs,
    key: recordKey(record),
    id: record.id,
    name: record.name,
    level: record.level,
    message: record.message,
    annotations: record.annotations as Readonly<Record<string, unknown>>,
    lane: lifelineOf(record),
  };
  if (isEventLogEntry(record)) return { ...common, log: true };
  return {
    ...common,
    log: false,
    ...('activityId' in record ? { activityId: record.activityId } : {}),
    payload: record.payload,
  };
}

/** The state of one HTML report being written. */
export class HtmlReportStream {
  readonly #write: (text: string) => void;
  readonly #maxWorkers: number;
  readonly #maxBuckets: number;
  readonly #journeys: ThinningSampler;
  readonly #journeysFirst: number;
  readonly #marks: ThinningSampler;
  /** Each session's records so far: the bus's frozen objects, converted only if kept. */
  readonly #sessions = new Map<number, TraceRecord[]>();
  /** Applications of the sessions in flight, and the one whose queue holds each queued one. */
  readonly #sessionApp = new Map<number, string>();
  readonly #queuedIn = new Map<number, string>();
  readonly #apps = new Map<string, AppCounters>();
  readonly #workers = new Map<number, WorkerState>();
  /** The highest worker id seen: ids are sequential from 1 (core/ids.ts), so it counts them. */
  #highestWorker = 0;
  readonly #errorSeries = new Map<string, BucketSeries>();
  readonly #errorLevels = new Map<string, string>();
  readonly #markCounts = new Map<string, number>();
  readonly #explained = new Set<string>();
  #markBatch: ReportRecord[] = [];
  #sessionsEnded = 0;
  #endMs = 0;
  #ended = false;

  /** @param options - the run, the limits, and where the text goes; writes the shell at once */
  constructor(options: HtmlReportStreamOptions) {
    this.#write = options.write;
    this.#maxWorkers = options.maxWorkers ?? 64;
    this.#maxBuckets = options.maxBuckets ?? 1024;
    this.#journeysFirst = options.journeysFirst ?? 16;
    this.#journeys = new ThinningSampler(this.#journeysFirst, options.maxJourneys ?? 400);
    this.#marks = new ThinningSampler(options.marksFirst ?? 64, options.maxMarks ?? 4000);
    const meta: ReportMeta = { ...options.meta, lifelines: journeyLifelines };
    this.#write(documentStart(meta));
    this.#write(dataBlock('meta', meta));
    for (const app of meta.apps) this.#app(app);
  }

  /** Sessions whose records are buffered (in flight); 0 once every session has its outcome. */
  get openSessions(): number {
    return this.#sessions.size;
  }

  /**
   * Takes the next record: buffers it with its session, counts it, and keeps it as a mark
   * when it is an Error or Warning the sampler keeps.
   * @param record - an ETW event or Event Log entry, in emission order
   */
  record(record: TraceRecord): void {
    if (this.#ended) return;
    this.#endMs = Math.max(this.#endMs, record.atMs);
    const notes = record.annotations;
    const sessionId = notes.sessionId;
    if (sessionId !== undefined) {
      const records = this.#sessions.get(sessionId);
      if (records === undefined) this.#sessions.set(sessionId, [record]);
      else records.push(record);
    }
    if (notes.workerId !== undefined) this.#noteWorker(record, notes.workerId);
    if (!isEventLogEntry(record)) this.#count(record.id, record.atMs, notes);
    if (levelValue[record.level] <= levelValue.Warning) {
      const key = recordKey(record);
      this.#markCounts.set(key, (this.#markCounts.get(key) ?? 0) + 1);
      let series = this.#errorSeries.get(key);
      if (series === undefined) {
        series = new BucketSeries('total', this.#maxBuckets);
        this.#errorSeries.set(key, series);
        this.#errorLevels.set(key, record.level);
      }
      series.add(record.atMs);
      if (this.#marks.keep(key)) {
        this.#explained.add(key);
        this.#markBatch.push(toReportRecord(record));
        if (this.#markBatch.length >= MARK_BATCH) this.#flushMarks();
      }
    }
  }

  /**
   * Writes the session's journey if it is sampled, and forgets the session.
   * @param outcome - the session's terminal outcome, after its records
   */
  outcome(outcome: SessionOutcome): void {
    if (this.#ended) return;
    this.#endMs = Math.max(this.#endMs, outcome.atMs);
    this.#sessionsEnded += 1;
    const held = this.#sessions.get(outcome.sessionId) ?? [];
    this.#sessions.delete(outcome.sessionId);
    this.#sessionApp.delete(outcome.sessionId);
    // A queued session that never dispatched leaves its queue here (dropped, §3.4).
    const queuedIn = this.#queuedIn.get(outcome.sessionId);
    if (queuedIn !== undefined) {
      this.#queuedIn.delete(outcome.sessionId);
      this.#level(queuedIn, outcome.atMs, 'queue', -1);
    }
    if (!this.#journeys.keep(outcome.kind)) return;
    const records = held.map(toReportRecord);
    for (const record of records) this.#explained.add(record.key);
    const journey: ReportJourney = {
      sessionId: outcome.sessionId,
      clientId: outcome.clientId,
      attempt: outcome.attempt,
      activityId: records.find((r) => r.activityId !== undefined)?.activityId ?? null,
      via: outcome.via,
      app: outcome.app,
      outcome: outcome.kind,
      arrivedAtMs: outcome.arrivedAtMs,
      atMs: outcome.atMs,
      client: outcome.client,
      reason: outcome.reason,
      records,
    };
    this.#write(dataBlock('journey', journey));
  }

  /**
   * Writes the overview and the aggregates, then the report's script and the closing tags.
   * Called once; later calls write nothing.
   * @param result - the run's result, or undefined when the run stopped before it ended
   * @param determinism - the determinism check, when one was run
   */
  finish(result: RunResult | undefined, determinism?: DeterminismCheck): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#flushMarks();
    const endMs = Math.max(this.#endMs, result?.virtualDurationMs ?? 0);
    const series: Record<string, ReportEnd['series'][string]> = {};
    for (const [app, counters] of this.#apps) {
      series[app] = {
        queue: counters.queueSeries.data(endMs),
        idle: counters.idleSeries.data(endMs),
      };
    }
    const errors: Record<string, ReportEnd['errors'][string]> = {};
    for (const [key, s] of this.#errorSeries) errors[key] = s.data(endMs);
    const explanations: Record<string, ReportEnd['explanations'][string]> = {};
    for (const key of [...this.#explained].sort()) {
      const explanation = explanationOf(key);
      if (explanation !== undefined) explanations[key] = explanation;
    }
    const end: ReportEnd = {
      endMs,
      complete: result !== undefined,
      series,
      errors,
      errorLevels: Object.fromEntries(this.#errorLevels),
      markCounts: Object.fromEntries(this.#markCounts),
      marksKept: this.#marks.kept,
      sessionsEnded: this.#sessionsEnded,
      journeysKept: this.#journeys.kept,
      journeysFirst: this.#journeysFirst,
      workers: [...this.#workers.values()].map((w): ReportWorker => ({
        workerId: w.workerId,
        app: w.app,
        pid: w.pid,
        firstMs: w.firstMs,
        lastMs: w.lastMs,
        registeredMs: w.registeredMs,
        failedMs: w.failedMs,
        unregisteredMs: w.unregisteredMs,
      })),
      workersNotDrawn: Math.max(0, this.#highestWorker - this.#workers.size),
      explanations,
    };
    this.#write(dataBlock('end', end));
    this.#write(documentEnd(end, result, determinism));
  }

  #flushMarks(): void {
    if (this.#markBatch.length === 0) return;
    this.#write(dataBlock('marks', this.#markBatch));
    this.#markBatch = [];
  }

  #app(app: string): AppCounters {
    let counters = this.#apps.get(app);
    if (counters === undefined) {
      counters = {
        queue: 0,
        idle: 0,
        queueSeries: new BucketSeries('peak', this.#maxBuckets),
        idleSeries: new BucketSeries('peak', this.#maxBuckets),
      };
      this.#apps.set(app, counters);
    }
    return counters;
  }

  #level(app: string, atMs: number, which: 'queue' | 'idle', delta: number): void {
    const counters = this.#app(app);
    if (which === 'queue') {
      counters.queue = Math.max(0, counters.queue + delta);
      counters.queueSeries.set(atMs, counters.queue);
    } else {
      counters.idle += delta;
      // SMSvcHost writes nothing when an idle worker exits: as in the Perfetto counter, the
      // series shows what the ETW events show, never below zero.
      counters.idleSeries.set(atMs, Math.max(0, counters.idle));
    }
  }

  /** Queue and idle-worker levels from one ETW event (see perfetto-trace.ts for the rules). */
  #count(id: number, atMs: number, notes: TraceRecord['annotations']): void {
    const sessionId = notes.sessionId;
    if (id === 4034 && sessionId !== undefined && 'matched' in notes) {
      const matched = (notes as { readonly matched?: unknown }).matched;
      if (typeof matched === 'string') this.#sessionApp.set(sessionId, matched);
    }
    if (notes.app !== undefined && sessionId !== undefined)
      this.#sessionApp.set(sessionId, notes.app);
    const app =
      notes.app ?? (sessionId === undefined ? undefined : this.#sessionApp.get(sessionId));
    if (app === undefined) return;
    switch (id) {
      case 4011:
        this.#level(app, atMs, 'idle', 1);
        return;
      case 4012:
      case 4014:
        this.#level(app, atMs, 'idle', -1);
        return;
      case 4035:
        if (sessionId === undefined) return;
        this.#queuedIn.set(sessionId, app);
        this.#level(app, atMs, 'queue', 1);
        return;
      case 4008:
        if (sessionId !== undefined && this.#queuedIn.delete(sessionId)) {
          this.#level(app, atMs, 'queue', -1);
        }
        this.#level(app, atMs, 'idle', -1);
        return;
      case 4030:
        this.#level(app, atMs, 'idle', 1);
        return;
      default:
        return;
    }
  }

  #noteWorker(record: TraceRecord, workerId: number): void {
    this.#highestWorker = Math.max(this.#highestWorker, workerId);
    let worker = this.#workers.get(workerId);
    if (worker === undefined) {
      if (this.#workers.size >= this.#maxWorkers) return;
      worker = {
        workerId,
        app: null,
        pid: null,
        firstMs: record.atMs,
        lastMs: record.atMs,
        registeredMs: [],
        failedMs: [],
        unregisteredMs: [],
      };
      this.#workers.set(workerId, worker);
    }
    worker.lastMs = record.atMs;
    worker.app ??= record.annotations.app ?? null;
    worker.pid ??= record.annotations.pid ?? null;
    if (isEventLogEntry(record)) return;
    if (record.id === 4015) pushCapped(worker.registeredMs, record.atMs);
    else if (record.id === 4012 || record.id === 4014) pushCapped(worker.failedMs, record.atMs);
    else if (record.id === 4013) pushCapped(worker.unregisteredMs, record.atMs);
  }
}
