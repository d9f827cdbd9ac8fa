// runScenario: the testing toolkit's entry point (issue 7). It runs a scenario file or object
// once on virtual time while recording the whole trace (ETW events and Event Log entries, in
// `seq` order) and every session's outcome, so matchers can assert on them afterwards
// (STYLE rule 35: record, then compare; never assert inside a listener). A large run records
// only what its test looks at (the `record` option, record-options.ts).

import type { DispatchEvent } from '../events/dispatch-event.js';
import type { EventLogEntry } from '../events/event-log-entry.js';
import type { SessionOutcome } from '../events/session-outcome.js';
import type { TraceRecord } from '../events/trace.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { warnScenarioDeprecations } from '../io/deprecation.js';
import { loadScenario } from '../io/load-scenario.js';
import { isValidatedScenario, validateScenario } from '../scenario/validate-scenario.js';
import type { ScenarioLike } from '../scenario/scenario-schema.js';
import { checkRunOptionsOf, type RunOptions } from '../sim/run-options.js';
import type { RunResult } from '../sim/run-result.js';
import { resultOfStoppedRun } from '../sim/result-of-stopped-run.js';
import { createSimulation, type Simulation } from '../sim/simulation.js';
import { parseRecordOptions, type RecordedParts, type RecordOptions } from './record-options.js';
import { keepStoppedScenarioRun } from './stopped-scenario-run.js';

/** Options of {@link runScenario}: those of `createSimulation`, and what to record. */
export interface ScenarioRunOptions extends RunOptions {
  /**
   * What to keep of the run. @default everything: every ETW event, Event Log entry and
   * outcome (about 3 KB a session). A large run keeps what its test looks at, e.g.
   * `{ events: [4031], outcomes: false }`: the matchers that count read the run's tallies,
   * which are kept whatever is recorded.
   */
  readonly record?: RecordOptions | undefined;
  /**
   * Called with the simulation before its run starts, after runScenario's own recording is
   * subscribed: subscribe your own listeners here (`simulation.events.on(4031, …)`,
   * `simulation.onOutcome(…)`), for figures of your own beside the matchers, e.g. on a large
   * run that records little. An async function is awaited before the run starts (user
   * report: listeners it subscribed after an `await` missed the run). A subscription after
   * the run throws.
   */
  readonly beforeRun?: ((simulation: Simulation) => void | PromiseLike<void>) | undefined;
}

/** A finished run with everything it emitted: what the dispatchsim matchers take. */
export interface ScenarioRun {
  /** The tallies, counters, per-request results and checked expectations. */
  readonly result: RunResult;
  /** ETW events and Event Log entries together, in emission (`seq`) order. */
  readonly trace: readonly TraceRecord[];
  /** The ETW events only, in emission order. */
  readonly events: readonly DispatchEvent[];
  /** The Windows Event Log entries only (domain §2.4), in emission order. */
  readonly eventLog: readonly EventLogEntry[];
  /** Every session's outcome, in the order the sessions ended. */
  readonly outcomes: readonly SessionOutcome[];
  /** What was kept (the `record` option): `trace`, `events`, `eventLog` and `outcomes` hold only that. */
  readonly recorded: RecordedParts;
  /** The simulation that ran (its scenario with defaults, its seed). */
  readonly simulation: Simulation;
}

// A scenario object is validated here (once: the simulation takes the result as it is), so
// that its deprecated spellings are reported as a file's are.
function validated(input: ScenarioLike): ScenarioLike {
  if (isValidatedScenario(input)) return input;
  const validation = validateScenario(input, '<scenario>');
  if (!validation.ok) return input; // createSimulation throws the ScenarioError
  warnScenarioDeprecations(validation.warnings);
  return validation.scenario;
}

/**
 * Runs a scenario to the end and records its whole trace and every outcome (or what `record`
 * keeps).
 * @param fileOrObject - a scenario file path (YAML or JSON, read with `loadScenario`) or
 *   file: URL (`new URL('./soak.yaml', import.meta.url)`, found whatever the working
 *   directory), the bare name of a bundled scenario (`'dup-handle-failure'`, see
 *   `listBundledScenarios`), or a scenario object as written in code or already parsed
 * @param options - seed, size, horizon, tie order, client policy (as for `createSimulation`),
 *   and what to record
 * @returns the recorded run
 * @throws ScenarioError (`scenario.invalid`) when the file cannot be read or does not
 *   validate; InvalidOptionError (`config.invalid-option`, `record` included); HorizonExceededError
 *   (`sim.horizon-exceeded`), SimulationStalledError (`sim.stalled`) or LivelockError
 *   (`sim.livelock`) from the run (what it recorded up to the stop: `stoppedScenarioRun(error)`, its figures:
 *   `resultOfStoppedRun(error)`); InvalidOptionError for a client policy's decision that is
 *   none (or a negative `afterMs`, or `context.sleep` of one); and whatever a client policy threw
 * @example
 * const run = await runScenario('dup-handle-failure', { seed: 7 });
 * expect(run).toHaveEmittedInOrder([4001, 4008, 4016, 4031]);
 * @example
 * // 500,000 sessions in bounded memory: only the 4031s and the tallies are kept.
 * const big = await runScenario('soak.yaml', { record: { events: [4031], outcomes: false } });
 * expect(big).toHaveEmitted(4031, { max: 50 });
 * expect(big).toBalance();
 */
export async function runScenario(
  fileOrObject: string | URL | ScenarioLike,
  options: ScenarioRunOptions = {},
): Promise<ScenarioRun> {
  // Named here, with `record` among the options, rather than by createSimulation.
  checkRunOptionsOf('runScenario', options, {
    record: 'an object such as { events: [4031], outcomes: false }',
    beforeRun: 'a function (simulation) => void, called before the run starts',
  });
  const { record, beforeRun, ...runOptions } = options;
  if (beforeRun !== undefined && typeof beforeRun !== 'function') {
    throw new InvalidOptionError(
      'runScenario: beforeRun',
      'a function (simulation) => void, called before the run starts',
      beforeRun,
    );
  }
  const recorded = parseRecordOptions(record);
  const scenario =
    typeof fileOrObject === 'string' || fileOrObject instanceof URL
      ? await loadScenario(fileOrObject)
      : validated(fileOrObject);
  const simulation = createSimulation(
    scenario,
    // Outcomes not recorded here are not kept by the simulation either, unless asked for.
    recorded.outcomes ? runOptions : { recordOutcomes: false, ...runOptions },
  );
  const trace: TraceRecord[] = [];
  const events: DispatchEvent[] = [];
  const eventLog: EventLogEntry[] = [];
  const outcomes: SessionOutcome[] = [];
  // Both channels share the bus's `seq` counter and fire synchronously, so pushing into one
  // list as they come keeps it in `seq` order.
  const keep = (event: DispatchEvent): void => {
    trace.push(event);
    events.push(event);
  };
  if (recorded.events === 'all') simulation.events.on('event', keep);
  else for (const id of recorded.events) simulation.events.on(id, keep);
  if (recorded.eventLog) {
    simulation.events.on('eventLog', (entry) => {
      trace.push(entry);
      eventLog.push(entry);
    });
  }
  // Recorded here rather than through `outcomes()`, so `recordOutcomes: false` cannot empty it.
  if (recorded.outcomes) simulation.onOutcome((outcome) => outcomes.push(outcome));
  await beforeRun?.(simulation);
  const recording = { trace, events, eventLog, outcomes, recorded, simulation };
  try {
    return { result: await simulation.run(), ...recording };
  } catch (error: unknown) {
    // A run that stopped early keeps what was recorded up to the stop, for the matchers.
    const stopped = resultOfStoppedRun(error);
    if (stopped !== undefined) keepStoppedScenarioRun(error, { result: stopped, ...recording });
    throw error;
  }
}
