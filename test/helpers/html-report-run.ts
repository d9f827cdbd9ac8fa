// Runs a scenario into an HTML report in memory (issue 16): the writer is fed the run as the
// CLI feeds it, and every piece of text it writes is kept, with how much had been written when
// the last session ended, so tests can check both the document and that it was streamed.
import {
  createHtmlReportWriter,
  type HtmlReportLimits,
  type HtmlReportWriter,
} from '../../src/report/html/html-report.js';
import { loadScenario } from '../../src/io/load-scenario.js';
import type { Scenario, ScenarioInput } from '../../src/scenario/scenario-schema.js';
import type { RunOptions } from '../../src/sim/run-options.js';
import type { RunResult } from '../../src/sim/run-result.js';
import { createSimulation } from '../../src/sim/simulation.js';

/** A run written as an HTML report. */
export interface HtmlReportRun {
  readonly html: string;
  readonly result: RunResult;
  /** The pieces written, in order. */
  readonly pieces: readonly string[];
  /** Characters written before `finish` (while the run went on). */
  readonly writtenDuringRun: number;
  /** Sessions the writer held once the run had ended, before `finish`. */
  readonly openSessionsAtEnd: number;
  readonly writer: HtmlReportWriter;
}

/**
 * @param input - a bundled scenario's name or a scenario
 * @param options - run options (`recordOutcomes` is off, as in the CLI)
 * @param limits - the report's limits
 * @returns the report and the run
 */
export async function runHtmlReport(
  input: string | Scenario | ScenarioInput,
  options: RunOptions = {},
  limits: HtmlReportLimits = {},
): Promise<HtmlReportRun> {
  const scenario = typeof input === 'string' ? await loadScenario(input) : input;
  const sim = createSimulation(scenario, { recordOutcomes: false, ...options });
  const pieces: string[] = [];
  const writer = createHtmlReportWriter({
    ...limits,
    scenario: sim.scenario.name,
    seed: sim.seed,
    apps: sim.scenario.apps.map((app) => app.name),
    faults: sim.scenario.faults,
    write: (text) => pieces.push(text),
  });
  sim.events.on('event', writer.record);
  sim.events.on('eventLog', writer.record);
  sim.onOutcome(writer.outcome);
  const result = await sim.run();
  const writtenDuringRun = pieces.reduce((n, piece) => n + piece.length, 0);
  const openSessionsAtEnd = writer.openSessions;
  writer.finish(result);
  return {
    html: pieces.join(''),
    result,
    pieces,
    writtenDuringRun,
    openSessionsAtEnd,
    writer,
  };
}

/**
 * Reads the JSON data blocks of a report back.
 * @param html - the report
 * @param kind - `meta`, `journey`, `marks` or `end`
 * @returns the parsed value of each block of that kind, in document order
 */
export function dataBlocks(html: string, kind: string): unknown[] {
  const pattern = new RegExp(
    `<script type="application/json" data-report="${kind}">(.*?)</script>`,
    'g',
  );
  return [...html.matchAll(pattern)].map((match) => JSON.parse(match[1] ?? 'null') as unknown);
}
