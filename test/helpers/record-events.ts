// Recording a simulation's events and projecting them to compact tuples (STYLE rule 35):
// subscribe before `run()`, record everything, then compare outside the listener.
import type { DispatchEvent } from '../../src/events/dispatch-event.js';
import type { TraceRecord } from '../../src/events/trace.js';
import type { Simulation } from '../../src/sim/simulation.js';

/**
 * Records every ETW event of a simulation, in emission order. Call it before `run()`.
 * @param sim - the simulation
 * @returns the array the events are pushed into
 */
export function recordEvents(sim: Simulation): readonly DispatchEvent[] {
  const events: DispatchEvent[] = [];
  sim.events.on('event', (event) => events.push(event));
  return events;
}

/**
 * Records ETW events and Windows Event Log entries together (for golden traces).
 * @param sim - the simulation
 * @returns the array the records are pushed into
 */
export function recordTrace(sim: Simulation): readonly TraceRecord[] {
  const records: TraceRecord[] = [];
  sim.events.on('event', (event) => records.push(event));
  sim.events.on('eventLog', (entry) => records.push(entry));
  return records;
}

/**
 * @param records - trace records
 * @returns a copy sorted by `seq` (ETW events and Event Log entries share the counter)
 */
export function bySeq(records: readonly TraceRecord[]): TraceRecord[] {
  return [...records].sort((a, b) => a.seq - b.seq);
}

/** One event as a compact tuple: id, name, session (null when none) and virtual time. */
export type EventTuple = readonly [
  id: number,
  name: string,
  sessionId: number | null,
  atMs: number,
];

/**
 * @param event - an event
 * @returns its compact tuple
 */
export function project(event: DispatchEvent): EventTuple {
  return [event.id, event.name, event.annotations.sessionId ?? null, event.atMs];
}

/**
 * The events of a session's way through the dispatcher (domain §8 point 2): the ones with
 * its ActivityId (4001, 4010, 4008, 4016, 4019, 4030, 4031) plus 4035, which has no
 * ActivityId but is annotated with the session.
 */
export const sessionPathIds: ReadonlySet<number> = new Set([
  4001, 4010, 4035, 4008, 4016, 4019, 4030, 4031,
]);

/**
 * @param events - recorded events
 * @param sessionId - a session
 * @returns the ids of the session's path events, in order
 */
export function sessionPath(events: readonly DispatchEvent[], sessionId: number): number[] {
  return events
    .map(project)
    .filter(([id, , session]) => session === sessionId && sessionPathIds.has(id))
    .map(([id]) => id);
}

/**
 * @param events - recorded events
 * @param sessionId - a session
 * @returns the session's path events as `[id, atMs]` pairs, for timing assertions
 */
export function sessionTimeline(
  events: readonly DispatchEvent[],
  sessionId: number,
): [number, number][] {
  return events
    .map(project)
    .filter(([id, , session]) => session === sessionId && sessionPathIds.has(id))
    .map(([id, , , atMs]) => [id, atMs]);
}
