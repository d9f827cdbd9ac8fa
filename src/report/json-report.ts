// The JSON report: a run's result as one JSON object for tools and CI (issue 6), with a fixed
// key order and no wall-clock field, so the same scenario and seed give the same bytes
// (STYLE rule 31).

import type { EventLevel } from '../events/event-descriptor.js';
import type { RunResult } from '../sim/run-result.js';
import { replayCommand } from './replay-command.js';
import { runVerdict } from './run-verdict.js';
import type { DeterminismCheck } from './trace-comparison.js';

/** One run to report. */
export interface JsonReportInput {
  /** The scenario file, as the user named it. */
  readonly file: string;
  readonly result: RunResult;
  /** The `--sessions` override of the run, if any. */
  readonly sessionsOverride?: number | undefined;
  /** The determinism check, when the run was repeated. */
  readonly determinism?: DeterminismCheck | undefined;
  /** The `--level` the event counts were cut to (see `resultAtLevel`). */
  readonly level?: EventLevel | undefined;
}

/**
 * @param input - a run
 * @returns the report object, keys in a fixed order
 */
export function toJsonReport(input: JsonReportInput): Record<string, unknown> {
  const { result, file, determinism } = input;
  const verdict = runVerdict(result, determinism);
  return {
    file,
    scenario: result.scenario,
    seed: result.seed,
    passed: verdict.passed,
    sessions: result.sessions,
    accepted: result.accepted,
    balanced: result.balanced,
    virtualDurationMs: result.virtualDurationMs,
    steps: result.steps,
    outcomes: result.outcomes,
    clientSeen: result.clientSeen,
    requests: result.requests,
    ...(input.level === undefined ? {} : { level: input.level }),
    eventCounts: result.eventCounts,
    eventLogCounts: result.eventLogCounts,
    counters: result.counters,
    countersByTransport: result.countersByTransport,
    faultsFired: result.faultsFired,
    expectations: result.expectations.map((e) => ({
      description: e.description,
      met: e.met,
      observed: e.observed,
      expectation: e.expectation,
    })),
    ...(determinism === undefined ? {} : { determinism }),
    replay: replayCommand(file, { seed: result.seed, sessions: input.sessionsOverride }),
  };
}

/**
 * Formats runs as JSON: one object for one run, an array for several.
 * @param inputs - the runs, in the order they ran
 * @returns pretty-printed JSON ending with a newline
 */
export function formatJsonReport(inputs: readonly JsonReportInput[]): string {
  const reports = inputs.map(toJsonReport);
  return JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2) + '\n';
}
