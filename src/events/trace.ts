// The trace format: one JSON object per line (NDJSON) with a fixed key order and no
// wall-clock field (STYLE rule 31), so the same scenario and seed give the same bytes.

import { roundToMicros, type Millis } from '../core/millis.js';
import type { DispatchEvent } from './dispatch-event.js';
import type { EventLogEntry } from './event-log-entry.js';
import { jsonMember, jsonNumber } from './json-fragment.js';
import { sortedKeysJson } from './flat-object-json.js';

/** A record of the trace: an ETW event or an Event Log entry. */
export type TraceRecord = DispatchEvent | EventLogEntry;

/**
 * @param record - a trace record
 * @returns true when the record is a Windows Event Log entry rather than an ETW event
 */
export function isEventLogEntry(record: TraceRecord): record is EventLogEntry {
  return 'log' in record;
}

// Consecutive events often share an instant, and writing a fractional number costs more than
// comparing it: the last instant's text is kept.
let lastAtMs = Number.NaN;
let lastAtMsJson = 'null';

function atMsJson(atMs: Millis): string {
  const rounded = roundToMicros(atMs);
  if (rounded !== lastAtMs) {
    lastAtMs = rounded;
    lastAtMsJson = jsonNumber(rounded);
  }
  return lastAtMsJson;
}

// A trace line is written by concatenating fragments rather than by JSON.stringify of a fresh
// object with its annotations copied in sorted order (issue 12: 3.3-5.1 us per line before,
// 1.3-1.8 us after, side by side on the 201,125 records of a 20,000-session M/M/8 run). The
// bytes are the same (test/events/trace-line-bytes.test.ts): each fragment is the
// JSON.stringify of its part.

interface EventHead {
  readonly id: number;
  readonly level: string;
  readonly channel: string;
  /** `,"id":4031,"name":"DispatchSessionFailed","level":"Error","channel":"Analytic"` */
  readonly json: string;
}

/** The catalogue's fields of each event, by name: the same for every event of that name. */
const eventHeads = new Map<string, EventHead>();

function headOf(event: DispatchEvent): string {
  let head = eventHeads.get(event.name);
  // A record built by hand may pair a name with other fields: it gets its own head.
  if (
    head === undefined ||
    head.id !== event.id ||
    head.level !== event.level ||
    head.channel !== event.channel
  ) {
    head = {
      id: event.id,
      level: event.level,
      channel: event.channel,
      json: `,"id":${JSON.stringify(event.id)},"name":${JSON.stringify(event.name)},"level":${JSON.stringify(event.level)},"channel":${JSON.stringify(event.channel)}`,
    };
    // At most 1,024 names are kept: records built by hand with ever new names cannot grow it.
    if (eventHeads.size < 1024) eventHeads.set(event.name, head);
  }
  return head.json;
}

// The payload's text is kept by payload object (the bus freezes every payload and shares the
// ones that recur), the message's by value (a run has few): json-fragment.ts.
const messageMember = jsonMember('message', true);
const payloadMember = jsonMember('payload');
const activityIdMember = jsonMember('activityId');

/**
 * Serialises one record as a trace line (without the newline). Keys come in a fixed
 * order; annotation keys are sorted; payload keys keep manifest order.
 * @param record - the event or Event Log entry
 * @returns one line of JSON
 */
export function formatTraceLine(record: TraceRecord): string {
  if (isEventLogEntry(record)) {
    // Event Log entries are few: JSON.stringify, with the sorted annotations appended last.
    const line = JSON.stringify({
      seq: record.seq,
      atMs: roundToMicros(record.atMs),
      log: record.log,
      id: record.id,
      name: record.name,
      level: record.level,
      source: record.source,
      category: record.category,
      message: record.message,
    });
    return `${line.slice(0, -1)},"annotations":${sortedKeysJson(record.annotations)}}`;
  }
  return (
    `{"seq":${jsonNumber(record.seq)},"atMs":${atMsJson(record.atMs)}` +
    headOf(record) +
    ('activityId' in record ? activityIdMember(record.activityId) : '') +
    messageMember(record.message) +
    payloadMember(record.payload) +
    `,"annotations":${sortedKeysJson(record.annotations)}}`
  );
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
