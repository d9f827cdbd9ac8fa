// runScenario: the testing toolkit's entry point (issue 7). It runs a scenario file or object
// once on virtual time while recording the whole trace (ETW events and Event Log entries, in
// `seq` order) and every session's outcome, so matchers can assert on them afterwards
// (STYLE rule 35: record, then compare; never assert inside a listener).

import type { DispatchEvent } from '../events/dispatch-event.js';
import type { EventLogEntry } from '../events/event-log-entry.js';
import type { SessionOutcome } from '../events/session-outcome.js';
import type { TraceRecord } from '../events/trace.js';
import { warnScenarioDeprecations } from '../io/deprecation.js';
import { loadScenario } from '../io/load-scenario.js';
import { isValidatedScenario, validateScenario } from '../scenario/validate-scenario.js';
import type { Scenario, ScenarioInput } from '../scenario/scenario-schema.js';
import type { RunOptions } from '../sim/run-options.js';
import type { RunResult } from '../sim/run-result.js';
import { createSimulation, type Simulation } from '../sim/simulation.js';

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
  /** The simulation that ran (its scenario with defaults, its seed). */
  readonly simulation: Simulation;
}

// A scenario object is validated here (once: the simulation takes the result as it is), so
// that its deprecated spellings are reported as a file's are.
function validated(input: ScenarioInput | Scenario): ScenarioInput | Scenario {
  if (isValidatedScenario(input)) return input;
  const validation = validateScenario(input, '<scenario>');
  if (!validation.ok) return input; // createSimulation throws the ScenarioError
  warnScenarioDeprecations(validation.warnings);
  return validation.scenario;
}

/**
 * Runs a scenario to the end and records its whole trace and every outcome.
 * @param fileOrObject - a scenario file path (YAML or JSON, read with `loadScenario`), the
 *   bare name of a bundled scenario (`'dup-handle-failure'`, see `listBundledScenarios`), or a
 *   scenario object as written in code or already parsed
 * @param options - seed, size, horizon, tie order, client policy (as for `createSimulation`)
 * @returns the recorded run
 * @throws ScenarioError (`scenario.invalid`) when the file cannot be read or does not
 *   validate; InvalidOptionError (`config.invalid-option`); HorizonExceededError
 *   (`sim.horizon-exceeded`), SimulationStalledError (`sim.stalled`) or LivelockError
 *   (`sim.livelock`) from the run; and whatever a client policy threw
 * @example
 * const run = await runScenario('dup-handle-failure', { seed: 7 });
 * expect(run).toHaveEmittedInOrder([4001, 4008, 4016, 4031]);
 */
export async function runScenario(
  fileOrObject: string | ScenarioInput | Scenario,
  options: RunOptions = {},
): Promise<ScenarioRun> {
  const scenario =
    typeof fileOrObject === 'string' ? await loadScenario(fileOrObject) : validated(fileOrObject);
  const simulation = createSimulation(scenario, options);
  const trace: TraceRecord[] = [];
  const events: DispatchEvent[] = [];
  const eventLog: EventLogEntry[] = [];
  const outcomes: SessionOutcome[] = [];
  // Both channels share the bus's `seq` counter and fire synchronously, so pushing into one
  // list as they come keeps it in `seq` order.
  simulation.events.on('event', (event) => {
    trace.push(event);
    events.push(event);
  });
  simulation.events.on('eventLog', (entry) => {
    trace.push(entry);
    eventLog.push(entry);
  });
  // Recorded here rather than through `outcomes()`, so `recordOutcomes: false` cannot empty it.
  simulation.onOutcome((outcome) => outcomes.push(outcome));
  const result = await simulation.run();
  return { result, trace, events, eventLog, outcomes, simulation };
}
