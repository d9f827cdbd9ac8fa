// The `--level` filter of trace outputs: keep records at or above an ETW severity, as an ETW
// session enabled at that level would (domain §0 levels, §2.2 "levels gate emission").
// Windows Event Log entries are filtered on the same scale (Error 2, Warning 3). The summary and
// the JSON report filter their event tables the same way.

import { findEvent } from '../events/event-catalog.js';
import { levelValue, type EventLevel } from '../events/event-descriptor.js';
import { eventLogCatalog } from '../events/event-log-entry.js';
import type { TraceRecord } from '../events/trace.js';
import type { RunResult, StoppedRunResult } from '../sim/run-result.js';

/** The levels, most severe first, as the CLI lists them. */
export const eventLevels: readonly EventLevel[] = [
  'Critical',
  'Error',
  'Warning',
  'Information',
  'Verbose',
];

/**
 * Reads a `--level` value: a level's name in any letter case, or its ETW number (1 Critical …
 * 5 Verbose).
 * @param text - the value as typed
 * @returns the level, or undefined when it names none
 */
export function levelNamed(text: string): EventLevel | undefined {
  const trimmed = text.trim();
  const byNumber = /^[1-5]$/.test(trimmed) ? eventLevels[Number(trimmed) - 1] : undefined;
  return byNumber ?? eventLevels.find((level) => level.toLowerCase() === trimmed.toLowerCase());
}

/**
 * @param record - an ETW event or an Event Log entry
 * @param level - the least severe level to keep
 * @returns whether the record is at or above that severity (Critical 1 … Verbose 5)
 */
export function isAtLevel(record: TraceRecord, level: EventLevel): boolean {
  return levelValue[record.level] <= levelValue[level];
}

/**
 * @param records - a trace, in emission order
 * @param level - the least severe level to keep; undefined keeps everything
 * @returns the records at or above that severity, in the same order
 */
export function filterByLevel(
  records: readonly TraceRecord[],
  level: EventLevel | undefined,
): readonly TraceRecord[] {
  if (level === undefined || level === 'Verbose') return records;
  return records.filter((record) => isAtLevel(record, level));
}

// The counts whose id has a level at or above the given one.
function countsAtLevel(
  counts: Readonly<Record<string, number>>,
  levelOf: (id: number) => EventLevel | undefined,
  level: EventLevel,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts).filter(([id]) => {
      const of = levelOf(Number(id));
      return of !== undefined && levelValue[of] <= levelValue[level];
    }),
  );
}

/**
 * @param result - a run's result, or what a run that stopped early produced
 * @param level - the least severe level to keep; undefined keeps everything
 * @returns the result with its ETW event and Event Log counts cut to that severity, as the
 *   summary and the JSON report show them under `--level`; every other figure unchanged
 */
export function resultAtLevel<R extends RunResult | StoppedRunResult>(
  result: R,
  level: EventLevel | undefined,
): R {
  if (level === undefined || level === 'Verbose') return result;
  return {
    ...result,
    eventCounts: countsAtLevel(result.eventCounts, (id) => findEvent(id)?.level, level),
    eventLogCounts: countsAtLevel(
      result.eventLogCounts,
      (id) => eventLogCatalog.find((entry) => entry.id === id)?.level,
      level,
    ),
  };
}
