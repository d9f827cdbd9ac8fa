// Loads a bundled scenario from scenarios/ with loadScenario, runs it while recording its
// whole trace and every outcome, and lists the expectations it did not meet.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DispatchEvent } from '../../src/events/dispatch-event.js';
import type { EventLogEntry } from '../../src/events/event-log-entry.js';
import type { SessionOutcome } from '../../src/events/session-outcome.js';
import { isEventLogEntry, type TraceRecord } from '../../src/events/trace.js';
import { loadScenario } from '../../src/io/load-scenario.js';
import type { RunOptions } from '../../src/sim/run-options.js';
import type { RunResult } from '../../src/sim/run-result.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { createSimulation, type Simulation } from '../../src/sim/simulation.js';
import { bySeq, recordEvents, recordTrace } from './record-events.js';

/** A finished run of a bundled scenario. */
export interface BundledRun {
  readonly sim: Simulation;
  readonly result: RunResult;
  readonly events: readonly DispatchEvent[];
  /** ETW events and Event Log entries, sorted by `seq`. */
  readonly trace: readonly TraceRecord[];
  readonly eventLog: readonly EventLogEntry[];
  readonly outcomes: readonly SessionOutcome[];
}

/**
 * @param name - a bundled scenario's name, e.g. `dup-handle-failure`
 * @returns the path of its file
 */
export function bundledScenarioPath(name: string): string {
  return fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url));
}

/**
 * @param name - a bundled scenario's name
 * @returns the scenario as written in its file (defaults left out)
 */
export function loadBundledInput(name: string): ScenarioInput {
  const path = bundledScenarioPath(name);
  const parsed = parseScenario(readFileSync(path, 'utf8'), path);
  if (!parsed.ok) throw new Error(`bundled scenario ${name} is invalid`);
  return parsed.input;
}

/**
 * Loads and runs a bundled scenario, recording everything.
 * @param name - the scenario's name
 * @param options - run options (the scenario's own seed by default)
 * @returns the run
 */
export async function runBundled(name: string, options: RunOptions = {}): Promise<BundledRun> {
  const scenario = await loadScenario(bundledScenarioPath(name));
  const sim = createSimulation(scenario, options);
  const events = recordEvents(sim);
  const trace = recordTrace(sim);
  const result = await sim.run();
  const sorted = bySeq(trace);
  const eventLog = sorted.filter(isEventLogEntry);
  return { sim, result, events, trace: sorted, eventLog, outcomes: sim.outcomes() };
}

/**
 * @param result - a run's result
 * @returns one line per expectation not met, with the figure seen (empty when all are met)
 */
export function unmetExpectations(result: RunResult): string[] {
  return result.expectations
    .filter((e) => e.met !== true)
    .map((e) => `${e.description} (observed: ${e.observed})`);
}

// Shared with the in-code scenario runs.
export { clientSeen, outcomeOf } from './run-recorded.js';
