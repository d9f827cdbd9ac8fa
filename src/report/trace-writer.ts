// TraceWriter: the streaming shape shared by the trace file formats (Perfetto JSON, Event
// Viewer XML). A writer is fed the run as it happens (records in emission order, outcomes at
// the moment they occur) and writes its document piece by piece, so a run of any length is
// written in memory bounded by what is live, not by how long the run has been.

import type { SessionOutcome } from '../events/session-outcome.js';
import type { TraceRecord } from '../events/trace.js';

/**
 * Writes a trace incrementally as the run produces it; memory does not grow with the run's
 * length.
 *
 * The members are functions that need no `this`, so they can be handed to a subscriber as
 * they are: `sim.events.on('event', writer.record)`, `sim.onOutcome(writer.outcome)`.
 * @example
 * const writer = createEvtxXmlWriter({ write: (text) => out.write(text) });
 * sim.events.on('event', writer.record);
 * sim.events.on('eventLog', writer.record);
 * sim.onOutcome(writer.outcome);
 * try {
 *   await sim.run();
 * } finally {
 *   writer.end();
 * }
 */
export interface TraceWriter {
  /**
   * Takes an ETW event or Event Log entry, in emission order.
   * @param record - the next record of the run
   */
  readonly record: (record: TraceRecord) => void;
  /**
   * Takes a session's terminal outcome at the moment it happens, after that session's
   * events so far.
   * @param outcome - the session's outcome
   */
  readonly outcome: (outcome: SessionOutcome) => void;
  /**
   * Writes the end of the document (closing brackets). Called once, also after a failed run,
   * so the file is well formed. Later calls, and records or outcomes given after it, write
   * nothing.
   */
  readonly end: () => void;
}
