// The text of each trace event the Perfetto stream writes, one JSON object per line, with the
// same bytes as JSON.stringify of the ChromeTraceEvent it stands for (issue 12). A line is
// joined from fragments that do not change (per event id, per track, per frozen payload), the
// annotations written by shape, and the per-event numbers: stringifying a whole event object
// per line was 46% of a 100,000-session trace's time. Rare lines (metadata, Event Log entries) are still
// built as objects and stringified.

import type { DispatchEvent } from '../events/dispatch-event.js';
import type { EventLogEntry } from '../events/event-log-entry.js';
import type { SessionOutcome } from '../events/session-outcome.js';
import { TRACE_PID, toMicros, type ChromeTraceEvent } from './chrome-trace-event.js';
import { flatObjectJson } from '../events/flat-object-json.js';
import { jsonMember, jsonNumber } from '../events/json-fragment.js';

const PID_TID = `,"pid":${jsonNumber(TRACE_PID)},"tid":`;

const activityId = jsonMember('activityId');
const payload = jsonMember('payload');
const annotationsMember = jsonMember('annotations');

// Annotations are mostly each session's own (used by one to four events): written by shape,
// not stringified and kept by identity (issue 12: jsonValue, which did both, was 21% of a
// 30,000-session trace's time).
function annotations(value: object): string {
  const flat = flatObjectJson(value);
  return flat === undefined ? annotationsMember(value) : `,"annotations":${flat}`;
}
// Strings that recur: a run has few messages, vias, applications and reasons.
const message = jsonMember('message', true);
const via = jsonMember('via', true);
const app = jsonMember('app', true);
const outcomeKind = jsonMember('outcome', true);
const client = jsonMember('client', true);
const fault = jsonMember('fault', true);
const exception = jsonMember('exception', true);
const reason = jsonMember('reason', true);

/** What an ETW event's instant starts with, for one event id, name, level and channel. */
interface InstantHead {
  readonly name: string;
  readonly level: string;
  readonly channel: string;
  /** The line up to its `ts` value. */
  readonly start: string;
  /** The args' level and channel members. */
  readonly levelChannel: string;
}

// By event id; an event of the same id with another name, level or channel (only hand-built
// records can have one) replaces the entry.
const instantHeads = new Map<number, InstantHead>();

function instantHead(event: DispatchEvent): InstantHead {
  const known = instantHeads.get(event.id);
  if (
    known !== undefined &&
    known.name === event.name &&
    known.level === event.level &&
    known.channel === event.channel
  ) {
    return known;
  }
  const head: InstantHead = {
    name: event.name,
    level: event.level,
    channel: event.channel,
    start: `{"name":${JSON.stringify(`${event.id} ${event.name}`)},"cat":"etw","ph":"i","s":"t","ts":`,
    levelChannel: `,"level":${JSON.stringify(event.level)},"channel":${JSON.stringify(event.channel)}`,
  };
  instantHeads.set(event.id, head);
  return head;
}

/**
 * @param event - an ETW event
 * @param tid - the track it goes on
 * @returns its instant ('i'): `{"name":"<id> <name>","cat":"etw",…,"args":{seq, level,
 *   channel, activityId if any, message, payload, annotations}}`
 */
export function etwInstantLine(event: DispatchEvent, tid: number): string {
  const head = instantHead(event);
  return (
    head.start +
    jsonNumber(toMicros(event.atMs)) +
    PID_TID +
    jsonNumber(tid) +
    ',"args":{"seq":' +
    jsonNumber(event.seq) +
    head.levelChannel +
    ('activityId' in event ? activityId(event.activityId) : '') +
    message(event.message) +
    payload(event.payload) +
    annotations(event.annotations) +
    '}}'
  );
}

/**
 * @param entry - a Windows Event Log entry
 * @param tid - the track it goes on
 * @returns its instant ('i'), category `eventlog`
 */
export function eventLogInstantLine(entry: EventLogEntry, tid: number): string {
  const event: ChromeTraceEvent = {
    name: `Event Log ${entry.id} ${entry.name}`,
    cat: 'eventlog',
    ph: 'i',
    s: 't',
    ts: toMicros(entry.atMs),
    pid: TRACE_PID,
    tid,
    args: {
      seq: entry.seq,
      level: entry.level,
      source: entry.source,
      message: entry.message,
      annotations: entry.annotations,
    },
  };
  return JSON.stringify(event);
}

/**
 * @param name - `process_name`, `thread_name` or `thread_sort_index`
 * @param tid - the track it names (0 for the process)
 * @param args - the name or sort index
 * @returns the metadata event ('M')
 */
export function metadataLine(name: string, tid: number, args: Record<string, unknown>): string {
  const event: ChromeTraceEvent = { name, ph: 'M', ts: 0, pid: TRACE_PID, tid, args };
  return JSON.stringify(event);
}

/** The two parts of a counter's line around its `ts` value. */
export interface CounterLine {
  /** The line up to its `ts` value. */
  readonly start: string;
  /** From the `ts` value to the counter's value. */
  readonly middle: string;
}

/**
 * @param name - the counter, e.g. `queue length (app)`
 * @param key - the one member of its args, e.g. `sessions`
 * @returns the constant parts of its lines, for {@link counterLine}
 */
export function counterLineOf(name: string, key: string): CounterLine {
  return {
    start: `{"name":${JSON.stringify(name)},"ph":"C","ts":`,
    middle: `${PID_TID}0,"args":{${JSON.stringify(key)}:`,
  };
}

/**
 * @param counter - the counter's constant parts
 * @param ts - microseconds
 * @param value - its value from then on
 * @returns the counter event ('C') on track 0
 */
export function counterLine(counter: CounterLine, ts: number, value: number): string {
  return counter.start + jsonNumber(ts) + counter.middle + jsonNumber(value) + '}}';
}

/**
 * @param sessionId - the session dispatched
 * @param ts - microseconds, at 4008
 * @param tid - the worker's track
 * @param activity - the session's ActivityId
 * @returns the start ('B') of the dispatch slice
 */
export function dispatchBeginLine(
  sessionId: number,
  ts: number,
  tid: number,
  activity: string | undefined,
): string {
  return (
    `{"name":${JSON.stringify(`dispatch session ${sessionId}`)},"cat":"dispatch","ph":"B","ts":` +
    jsonNumber(ts) +
    PID_TID +
    jsonNumber(tid) +
    ',"args":{"sessionId":' +
    jsonNumber(sessionId) +
    activityId(activity) +
    '}}'
  );
}

/**
 * @param sessionId - the session dispatched
 * @param ts - microseconds
 * @param tid - the worker's track
 * @param end - what ended it: `DispatchSessionSuccess`, `DispatchSessionFailed` or `session
 *   dropped`
 * @returns the end ('E') of the dispatch slice
 */
export function dispatchEndLine(sessionId: number, ts: number, tid: number, end: string): string {
  return (
    `{"name":${JSON.stringify(`dispatch session ${sessionId}`)},"cat":"dispatch","ph":"E","ts":` +
    jsonNumber(ts) +
    PID_TID +
    jsonNumber(tid) +
    `,"args":{"end":${JSON.stringify(end)}}}`
  );
}

/**
 * @param outcome - a session's outcome
 * @param tid - its application's track, or SMSvcHost's
 * @returns the begin ('b') and end ('e') lines of its async slice, from arrival to outcome
 */
export function sessionSliceLines(outcome: SessionOutcome, tid: number): [string, string] {
  const sessionId = jsonNumber(outcome.sessionId);
  const common =
    `{"name":${JSON.stringify(outcome.kind)},"cat":"session","id":` +
    sessionId +
    PID_TID +
    jsonNumber(tid);
  const begin =
    common +
    ',"ph":"b","ts":' +
    jsonNumber(toMicros(outcome.arrivedAtMs)) +
    ',"args":{"sessionId":' +
    sessionId +
    ',"clientId":' +
    jsonNumber(outcome.clientId) +
    ',"attempt":' +
    jsonNumber(outcome.attempt) +
    via(outcome.via) +
    app(outcome.app) +
    outcomeKind(outcome.kind) +
    client(outcome.client.result) +
    fault(outcome.client.fault) +
    exception(outcome.client.exception) +
    reason(outcome.reason) +
    '}}';
  const end = common + ',"ph":"e","ts":' + jsonNumber(toMicros(outcome.atMs)) + '}';
  return [begin, end];
}
