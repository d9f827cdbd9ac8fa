// The JSON report: a run's result as one JSON object for tools and CI (issue 6), with a fixed
// key order and no wall-clock field, so the same scenario and seed give the same bytes
// (STYLE rule 31). A run that stopped early reports what it produced up to the stop, with a
// `stopped` object and no expectations checked.

import type { EventLevel } from '../events/event-descriptor.js';
import { isStoppedRunResult, type RunResult, type StoppedRunResult } from '../sim/run-result.js';
import { replayCommand } from './replay-command.js';
import { runVerdict } from './run-verdict.js';
import type { DeterminismCheck } from './trace-comparison.js';

/** One run to report. */
export interface JsonReportInput {
  /** The scenario file, as the user named it. */
  readonly file: string;
  /** The run's result, or what it produced up to an early stop. */
  readonly result: RunResult | StoppedRunResult;
  /** The `--sessions` override of the run, if any. */
  readonly sessionsOverride?: number | undefined;
  /** The determinism check, when the run was repeated. */
  readonly determinism?: DeterminismCheck | undefined;
  /** The `--level` the event counts were cut to (see `resultAtLevel`). */
  readonly level?: EventLevel | undefined;
}

/**
 * @param input - a run
 * @returns the report object, keys in a fixed order; a run that stopped early has `passed:
 *   false`, a `stopped` object (`code`, `horizonMs`, `inFlight`, `notArrived`,
 *   `awaitingPolicy`) after it, and
 *   `expectations: []`
 */
export function toJsonReport(input: JsonReportInput): Record<string, unknown> {
  const { result, file, determinism } = input;
  const stopped = isStoppedRunResult(result);
  return {
    file,
    scenario: result.scenario,
    seed: result.seed,
    passed: !stopped && runVerdict(result, determinism).passed,
    ...(stopped
      ? {
          stopped: {
            code: result.stoppedBy,
            horizonMs: result.horizonMs,
            inFlight: result.inFlight,
            notArrived: result.notArrived,
            awaitingPolicy: result.awaitingPolicy,
          },
        }
      : {}),
    sessions: result.sessions,
    accepted: result.accepted,
    balanced: result.balanced,
    virtualDurationMs: result.virtualDurationMs,
    steps: result.steps,
    outcomes: result.outcomes,
    outcomesByApp: result.outcomesByApp,
    clientSeen: result.clientSeen,
    outcomeReasons: result.outcomeReasons,
    timeToOutcome: result.timeToOutcome,
    requests: result.requests,
    ...(input.level === undefined ? {} : { level: input.level }),
    eventCounts: result.eventCounts,
    eventLogCounts: result.eventLogCounts,
    counters: result.counters,
    countersByTransport: result.countersByTransport,
    faultsFired: result.faultsFired,
    expectations: (stopped ? [] : result.expectations).map((e) => ({
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
