// The trace format: one JSON object per line (NDJSON) with a fixed key order and no
// wall-clock field (STYLE rule 31), so the same scenario and seed give the same bytes.

import { roundToMicros } from '../core/millis.js';
import type { DispatchEvent } from './dispatch-event.js';
import type { EventLogEntry } from './event-log-entry.js';

/** A record of the trace: an ETW event or an Event Log entry. */
export type TraceRecord = DispatchEvent | EventLogEntry;

/**
 * @param record - a trace record
 * @returns true when the record is a Windows Event Log entry rather than an ETW event
 */
export function isEventLogEntry(record: TraceRecord): record is EventLogEntry {
  return 'log' in record;
}

function sortedObject(value: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    out[key] = (value as Record<string, unknown>)[key];
  }
  return out;
}

/**
 * Serialises one record as a trace line (without the newline). Keys come in a fixed
 * order; annotation keys are sorted; payload keys keep manifest order.
 * @param record - the event or Event Log entry
 * @returns one line of JSON
 */
export function formatTraceLine(record: TraceRecord): string {
  if (isEventLogEntry(record)) {
    return JSON.stringify({
      seq: record.seq,
      atMs: roundToMicros(record.atMs),
      log: record.log,
      id: record.id,
      name: record.name,
      level: record.level,
      source: record.source,
      category: record.category,
      message: record.message,
      annotations: sortedObject(record.annotations),
    });
  }
  return JSON.stringify({
    seq: record.seq,
    atMs: roundToMicros(record.atMs),
    id: record.id,
    name: record.name,
    level: record.level,
    channel: record.channel,
    activityId: 'activityId' in record ? record.activityId : undefined,
    message: record.message,
    payload: record.payload,
    annotations: sortedObject(record.annotations),
  });
}

/**
 * Serialises records as NDJSON.
 * @param records - the trace, in emission order
 * @returns the lines, each ending with a newline
 */
export function formatTrace(records: Iterable<TraceRecord>): string {
  let text = '';
  for (const record of records) text += formatTraceLine(record) + '\n';
  return text;
}

/** A trace line read back: plain JSON, not re-typed. */
export type ParsedTraceLine = Readonly<Record<string, unknown>> & {
  readonly seq: number;
  readonly atMs: number;
  readonly id: number;
  readonly name: string;
};

/**
 * Reads NDJSON back into plain objects (for golden files and tools).
 * @param text - NDJSON text
 * @returns one object per non-empty line
 * @throws SyntaxError when a line is not JSON or lacks seq, atMs, id or name
 */
export function parseTrace(text: string): ParsedTraceLine[] {
  // Number the lines before blank ones are dropped, so an error names the line of the text.
  return text
    .split('\n')
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, index }) => {
      const value: unknown = JSON.parse(line);
      if (
        typeof value !== 'object' ||
        value === null ||
        typeof (value as Record<string, unknown>)['seq'] !== 'number' ||
        typeof (value as Record<string, unknown>)['atMs'] !== 'number' ||
        typeof (value as Record<string, unknown>)['id'] !== 'number' ||
        typeof (value as Record<string, unknown>)['name'] !== 'string'
      ) {
        throw new SyntaxError(`trace line ${index + 1} lacks seq, atMs, id or name`);
      }
      return value as ParsedTraceLine;
    });
}
