// The NDJSON trace as a streaming writer (issue 10): one line per record, written as the run
// emits it, so a trace of any length costs no more memory than one line.

import type { EventLevel } from '../events/event-descriptor.js';
import { formatTraceLine } from '../events/trace.js';
import { isAtLevel } from './level-filter.js';
import type { TraceWriter } from './trace-writer.js';

/** Options of {@link createNdjsonTraceWriter}. */
export interface NdjsonTraceWriterOptions {
  /** Keep records at or above this level. @default 'Verbose' (everything) */
  readonly level?: EventLevel | undefined;
  /** Receives the text, a line (with its newline) at a time. */
  readonly write: (text: string) => void;
}

/**
 * @param options - the level filter and where the lines go
 * @returns a writer of the NDJSON trace: the same bytes as `formatTrace` of the records kept
 * @example
 * const writer = createNdjsonTraceWriter({ write: (text) => out.write(text) });
 * sim.events.on('event', writer.record);
 * sim.events.on('eventLog', writer.record);
 */
export function createNdjsonTraceWriter(options: NdjsonTraceWriterOptions): TraceWriter {
  const { level, write } = options;
  let ended = false;
  const all = level === undefined || level === 'Verbose';
  return {
    record: (record) => {
      if (ended || (!all && !isAtLevel(record, level))) return;
      write(formatTraceLine(record) + '\n');
    },
    outcome: () => undefined,
    end: () => {
      ended = true;
    },
  };
}
