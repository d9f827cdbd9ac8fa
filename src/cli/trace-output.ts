// TraceOutput: a run's trace on its way to stdout or an --out file (issue 10). The chosen
// format's writer is fed the run as it happens; its text is gathered into 64 KB chunks for
// the sink, and when the sink is full the run waits (backpressure) instead of the heap
// growing. `--level` filters at emission: below the level, no event object is even built.

import type { EventLevel } from '../events/event-descriptor.js';
import { eventCatalog } from '../events/event-catalog.js';
import { levelValue } from '../events/event-descriptor.js';
import { createEvtxXmlWriter } from '../report/evtx-xml.js';
import { createNdjsonTraceWriter } from '../report/ndjson-trace-writer.js';
import { createPerfettoTraceWriter } from '../report/perfetto-trace.js';
import type { TraceWriter } from '../report/trace-writer.js';
import type { Simulation } from '../sim/simulation.js';
import type { TextSink } from './cli-io.js';
import type { OutputFormat } from './run-flags.js';

/** Text gathered before a write to the sink. */
const CHUNK_CHARS = 64 * 1024;

/** Chunked, backpressured text on its way to a sink. */
export class ChunkedText {
  readonly #sink: TextSink;
  #buffer = '';
  #full = false;

  /** @param sink - where the chunks go */
  constructor(sink: TextSink) {
    this.#sink = sink;
  }

  /** @param text - the next piece of the document */
  readonly write = (text: string): void => {
    this.#buffer += text;
    if (this.#buffer.length >= CHUNK_CHARS) this.#flush();
  };

  #flush(): void {
    if (this.#buffer === '') return;
    if (!this.#sink.write(this.#buffer)) this.#full = true;
    this.#buffer = '';
  }

  /**
   * The run loop's backpressure: when the sink is full, a promise that resolves once it
   * drained (and rejects when writing failed).
   * @returns the promise to wait for, or undefined when the sink takes more now
   */
  readonly backpressure = (): Promise<void> | undefined => {
    if (!this.#full) return undefined;
    this.#full = false;
    return this.#sink.drain();
  };

  /** Writes what is gathered and waits until the sink took it. */
  async flush(): Promise<void> {
    this.#flush();
    this.#full = false;
    await this.#sink.drain();
  }
}

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
