// TraceOutput: a run's trace on its way to stdout or an --out file (issue 10). The chosen
// format's writer is fed the run as it happens and writes to a ChunkedText (chunked-text.ts),
// which makes the run wait when the sink is full. `--level` filters at emission: below the
// level, no event object is even built. The run command imports this module only for a
// trace format, so other runs do not load the three writers.

import type { EventLevel } from '../events/event-descriptor.js';
import { eventCatalog } from '../events/event-catalog.js';
import { levelValue } from '../events/event-descriptor.js';
import { createEvtxXmlWriter } from '../report/evtx-xml.js';
import { createNdjsonTraceWriter } from '../report/ndjson-trace-writer.js';
import { createPerfettoTraceWriter } from '../report/perfetto-trace.js';
import type { TraceWriter } from '../report/trace-writer.js';
import type { Simulation } from '../sim/simulation.js';
import type { OutputFormat } from './run-flags.js';

/** What a trace needs to know about its run. */
export interface TraceOutputOptions {
  readonly format: Extract<OutputFormat, 'ndjson' | 'perfetto' | 'evtx-xml'>;
  readonly level: EventLevel | undefined;
  readonly scenario: string;
  readonly seed: number;
  readonly apps: readonly string[];
  readonly write: (text: string) => void;
}

/**
 * @param options - the format, level, run and text destination
 * @returns the writer of that format
 */
export function createTraceWriter(options: TraceOutputOptions): TraceWriter {
  const { level, write } = options;
  switch (options.format) {
    case 'ndjson':
      return createNdjsonTraceWriter({ level, write });
    case 'evtx-xml':
      return createEvtxXmlWriter({ level, write });
    case 'perfetto':
      return createPerfettoTraceWriter({
        scenario: options.scenario,
        seed: options.seed,
        apps: options.apps,
        level,
        write,
      });
  }
}

/**
 * Subscribes a writer to a simulation. Formats that draw every record (Perfetto builds its
 * slices and counters from events below the level too) listen to everything; the others
 * listen only to the events at or above the level, so the bus builds no others.
 * @param sim - a simulation not yet run
 * @param writer - the trace writer
 * @param format - its format
 * @param level - the level filter, if any
 */
export function attachTraceWriter(
  sim: Simulation,
  writer: TraceWriter,
  format: TraceOutputOptions['format'],
  level: EventLevel | undefined,
): void {
  sim.events.on('eventLog', writer.record);
  sim.onOutcome(writer.outcome);
  if (format === 'perfetto' || level === undefined || level === 'Verbose') {
    sim.events.on('event', writer.record);
    return;
  }
  // Each name's channel receives its events in emission order; the writer sees them in the
  // same order as on the 'event' channel.
  for (const entry of eventCatalog) {
    if (levelValue[entry.level] <= levelValue[level]) sim.events.on(entry.name, writer.record);
  }
}
