// The `--level` filter of trace outputs: keep records at or above an ETW severity, as an ETW
// session enabled at that level would (domain §0 levels, §2.2 "levels gate emission").
// Windows Event Log entries are filtered on the same scale (Error 2, Warning 3).

import { levelValue, type EventLevel } from '../events/event-descriptor.js';
import type { TraceRecord } from '../events/trace.js';

/** The levels, most severe first, as the CLI lists them. */
export const eventLevels: readonly EventLevel[] = [
  'Critical',
  'Error',
  'Warning',
  'Information',
  'Verbose',
];

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
