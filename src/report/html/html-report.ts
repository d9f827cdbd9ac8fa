// The HTML report: a run as one self-contained file that any browser opens without a network
// (issue 16). It is written as the run goes, like the trace formats: the page's shell first,
// then sampled journeys and Error/Warning marks as data blocks, then the exact aggregates, the
// overview and the inline script that draws the timeline and the journeys as plain SVG.
// Memory and size are bounded whatever the run's length (see html-report-stream.ts).

import type { SessionOutcome } from '../../events/session-outcome.js';
import type { TraceRecord } from '../../events/trace.js';
import type { FaultRule } from '../../scenario/fault-schema.js';
import type { RunResult } from '../../sim/run-result.js';
import type { DeterminismCheck } from '../trace-comparison.js';
import type { TraceWriter } from '../trace-writer.js';
import type { ReportFault } from './html-report-data.js';
import { HtmlReportStream, type HtmlReportLimits } from './html-report-stream.js';

export type { HtmlReportLimits } from './html-report-stream.js';

/** Options of {@link createHtmlReportWriter}. */
export interface HtmlReportWriterOptions extends HtmlReportLimits {
  /** The scenario's name. */
  readonly scenario: string;
  /** The run's seed. */
  readonly seed: number;
  /** The scenario's application names, in scenario order: each gets its lane up front. */
  readonly apps: readonly string[];
  /** The scenario's fault rules: those with a time are drawn on the timeline. @default [] */
  readonly faults?: readonly FaultRule[];
  /** Receives the document, piece by piece, in order. */
  readonly write: (text: string) => void;
}

/** A {@link TraceWriter} of an HTML report, finished with the run's result. */
export interface HtmlReportWriter extends TraceWriter {
  /**
   * Writes the overview (verdict, outcomes, expectations, faults fired, event counts) and
   * the end of the document. Called once, after the run; `end()` afterwards writes nothing.
   * @param result - the run's result
   * @param determinism - the determinism check, when one was run
   */
  readonly finish: (result: RunResult, determinism?: DeterminismCheck) => void;
  /** Sessions whose records the writer holds (in flight); 0 once every session has ended. */
  readonly openSessions: number;
}

/**
 * @param rule - a scenario fault rule
 * @returns it as the timeline draws it
 */
export function reportFault(rule: FaultRule): ReportFault {
  const r = rule as Readonly<Record<string, unknown>>;
  const text = (key: string): string | undefined =>
    typeof r[key] === 'string' ? r[key] : undefined;
  const num = (key: string): number | undefined =>
    typeof r[key] === 'number' ? r[key] : undefined;
  const target = text('pool') ?? text('service') ?? '';
  const atMs = num('atMs');
  const fromMs = num('fromMs');
  const toMs = num('toMs');
  return {
    kind: rule.kind,
    target,
    ...(atMs === undefined ? {} : { atMs }),
    ...(fromMs === undefined ? {} : { fromMs }),
    ...(toMs === undefined ? {} : { toMs }),
  };
}

/**
 * Creates a writer of an HTML report. Feed it every record and outcome as the run produces
 * them; then call `finish(result)`, or `end()` when the run stopped early (the report then
 * says so and shows what came).
 * @param options - the run, the limits of what is kept, and where the text goes
 * @returns the writer
 * @example
 * const writer = createHtmlReportWriter({
 *   scenario: scenario.name,
 *   seed,
 *   apps: scenario.apps.map((app) => app.name),
 *   faults: scenario.faults,
 *   write: (text) => out.write(text),
 * });
 * sim.events.on('event', writer.record);
 * sim.events.on('eventLog', writer.record);
 * sim.onOutcome(writer.outcome);
 * writer.finish(await sim.run());
 */
export function createHtmlReportWriter(options: HtmlReportWriterOptions): HtmlReportWriter {
  const { scenario, seed, apps, faults = [], write, ...limits } = options;
  const stream = new HtmlReportStream({
    ...limits,
    meta: { scenario, seed, apps, faults: faults.map(reportFault) },
    write,
  });
  return {
    record: (record: TraceRecord) => stream.record(record),
    outcome: (outcome: SessionOutcome) => stream.outcome(outcome),
    end: () => stream.finish(undefined),
    finish: (result, determinism) => stream.finish(result, determinism),
    get openSessions() {
      return stream.openSessions;
    },
  };
}
