// Runs a scenario object while recording every event, Event Log entry and outcome, and
// projects a session's events to compact tuples (STYLE rule 35: record, project, compare).
import type { RunOptions } from '../../src/sim/run-options.js';
import type { RunResult } from '../../src/sim/run-result.js';
import { createSimulation } from '../../src/sim/simulation.js';
import type { DispatchEvent } from '../../src/events/dispatch-event.js';
import type { EventLogEntry } from '../../src/events/event-log-entry.js';
import type { SessionOutcome } from '../../src/events/session-outcome.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';

export interface RecordedRun {
  readonly result: RunResult;
  readonly events: readonly DispatchEvent[];
  readonly eventLog: readonly EventLogEntry[];
  readonly outcomes: readonly SessionOutcome[];
}

export async function runRecorded(
  scenario: ScenarioInput,
  options: RunOptions = {},
): Promise<RecordedRun> {
  const sim = createSimulation(scenario, options);
  const events: DispatchEvent[] = [];
  const eventLog: EventLogEntry[] = [];
  sim.events.on('event', (e) => events.push(e));
  sim.events.on('eventLog', (e) => eventLog.push(e));
  const result = await sim.run();
  return { result, events, eventLog, outcomes: sim.outcomes() };
}

/** The ids of a session's events that carry its ActivityId, in order (domain §2.2). */
export function activityIds(run: RecordedRun, sessionId: number): number[] {
  return run.events
    .filter((e) => 'activityId' in e && e.annotations.sessionId === sessionId)
    .map((e) => e.id);
}

/** The outcome of one session. */
export function outcomeOf(
  run: { readonly outcomes: readonly SessionOutcome[] },
  sessionId: number,
): SessionOutcome {
  const outcome = run.outcomes.find((o) => o.sessionId === sessionId);
  if (outcome === undefined) throw new Error(`session ${sessionId} has no outcome`);
  return outcome;
}

/** The registrations completed (4015), as [app, pid, virtual time]. */
export function registrations(run: { readonly events: readonly DispatchEvent[] }): unknown[][] {
  return run.events
    .filter((e) => e.id === 4015)
    .map((e) => [e.annotations.app, e.annotations.pid, e.atMs]);
}

/** Each session's outcome as `kind: reason`, in session order. */
export function outcomeReasons(run: { readonly outcomes: readonly SessionOutcome[] }): string[] {
  return [...run.outcomes]
    .sort((a, b) => a.sessionId - b.sessionId)
    .map((o) => `${o.kind}: ${o.reason}`);
}

/** What a session's client saw, as `result fault exception`, with `-` for nothing. */
export function clientSeen(outcome: SessionOutcome): string {
  const { result, fault, exception } = outcome.client;
  return `${result} ${fault ?? '-'} ${exception ?? '-'}`;
}
