// The Chrome Trace Event format (JSON Array/Object) as the Perfetto trace writes it: the event
// shape, the one process and its track numbering, and virtual time in microseconds.

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

/** The one process of the trace. */
export const TRACE_PID = 1;
/** The SMSvcHost track: listeners, WAS, and sessions that never routed. */
export const SMSVCHOST_TID = 1;
/** App tracks are numbered from here. */
export const APP_TID_BASE = 100;
/** Worker tracks are numbered from here. */
export const WORKER_TID_BASE = 10_000;

/**
 * @param atMs - virtual time in ms
 * @returns the same instant in whole microseconds, as trace timestamps are
 */
export function toMicros(atMs: number): number {
  return Math.round(atMs * 1000);
}

/**
 * @param workerId - a worker process
 * @returns its track
 */
export const workerTid = (workerId: number): number => WORKER_TID_BASE + workerId;
