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

import type { SessionOutcome } from '../events/session-outcome.js';
import type { TraceRecord } from '../events/trace.js';
import {
  PerfettoTraceStream,
  type PerfettoTraceOptions,
  type PerfettoTraceWriterOptions,
} from './perfetto-trace-stream.js';
import type { TraceWriter } from './trace-writer.js';

export type { ChromeTrace, ChromeTraceEvent } from './chrome-trace-event.js';
export { SMSVCHOST_TID, TRACE_PID, toMicros } from './chrome-trace-event.js';
export type { PerfettoTraceOptions, PerfettoTraceWriterOptions } from './perfetto-trace-stream.js';

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

/** A {@link TraceWriter} of a Perfetto trace, which also tells how much it holds. */
export interface PerfettoTraceWriter extends TraceWriter {
  /**
   * The sessions the writer holds state for (routed, queued or dispatched, and not ended
   * yet); 0 once every session has its outcome.
   */
  readonly openSessions: number;
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
