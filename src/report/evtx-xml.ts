// The Event Viewer XML export: a run's ETW events as Windows writes them in its event XML
// schema (the form of "Save All Events As… XML" and `wevtutil qe /f:xml`), so the output
// reads like a real capture (issue 6). Each <Event> carries the manifest descriptor of domain
// §2.1 (id, level, task, opcode, keywords, channel), the per-session ActivityId as
// <Correlation> (§2.2), the payload fields in manifest order and the trailing AppDomain
// string, and a <RenderingInfo> in the schema's order (Message, Level, Task, Opcode, Channel,
// Provider, Keywords) naming the provider keywords of the mask. Windows Event Log entries
// (§2.4) are written as classic System-log events. As Windows does, each log (the Analytic
// and Debug channels, the System log) numbers its records (EventRecordID) on its own, from 1,
// counting the records written: a level filter leaves no gaps.
//
// Simplifications: the provider is always "Microsoft-Windows-Application Server-Applications"
// {c651f5f6-…} (domain §0; a stock SMSvcHost.exe.config writes under {f18839f5-…} instead), the
// process and thread ids of SMSvcHost are made-up constants, and time starts at a fixed
// virtual epoch, so the same scenario and seed give the same bytes.
//
// The document is written as the run goes (createEvtxXmlWriter): each record becomes its
// <Event> at once and nothing is kept, so memory does not grow with the run's length.

import { findEvent } from '../events/event-catalog.js';
import type { DispatchEvent } from '../events/dispatch-event.js';
import { levelValue, type EventLevel } from '../events/event-descriptor.js';
import type { EventLogEntry } from '../events/event-log-entry.js';
import { isEventLogEntry, type TraceRecord } from '../events/trace.js';
import { isAtLevel } from './level-filter.js';
import type { TraceWriter } from './trace-writer.js';

/** The ETW provider of the ActivationServices events (domain §0). */
export const ETW_PROVIDER = {
  name: 'Microsoft-Windows-Application Server-Applications',
  guid: '{c651f5f6-1c0d-492e-8ae1-b4efd7c9d503}',
} as const;

/** The event XML namespace. */
export const EVENT_NAMESPACE = 'http://schemas.microsoft.com/win/2004/08/events/event';

/** Virtual time 0 as a wall-clock instant: 2026-01-01T00:00:00Z. */
export const VIRTUAL_EPOCH_MS = Date.UTC(2026, 0, 1);

/** Made-up, fixed process id of SMSvcHost.exe (the simulator has no real process). */
export const SMSVCHOST_PROCESS_ID = 1948;
/** Made-up, fixed thread id for every event written by SMSvcHost. */
export const SMSVCHOST_THREAD_ID = 2212;

/** The provider's keywords the catalogue's masks use, by bit (domain §0). */
export const providerKeywords: readonly (readonly [bit: bigint, name: string])[] = [
  [0x200n, 'TCPTransport'],
  [0x800n, 'ActivationServices'],
  [0x1000n, 'Channel'],
  [0x400000n, 'Quota'],
];

/**
 * @param keywords - a keyword mask as the catalogue writes it, e.g. `0x2000000000000800`
 * @returns the names of its provider keywords, lowest bit first, as Event Viewer renders
 *   them; the channel bits (the top byte) have no keyword name
 */
export function keywordNames(keywords: string): string[] {
  const mask = BigInt(keywords);
  return providerKeywords.filter(([bit]) => (mask & bit) !== 0n).map(([, name]) => name);
}

// The catalogue has a handful of masks: each is rendered once.
const renderedByMask = new Map<string, string>();

function renderedKeywordsOf(keywords: string): string {
  let text = renderedByMask.get(keywords);
  if (text === undefined) {
    text = renderedKeywords(keywordNames(keywords));
    renderedByMask.set(keywords, text);
  }
  return text;
}

function renderedKeywords(names: readonly string[]): string {
  return `      <Keywords>${names.map((name) => `<Keyword>${escapeXml(name)}</Keyword>`).join('')}</Keywords>`;
}

// Event Log categories (EventLogCategory.cs, domain §2.4).
const categoryIds = { 'Sharing Service': 13, 'Listener Adapter': 14 } as const;

/** Options of {@link formatEvtxXml} and {@link createEvtxXmlWriter}. */
export interface EvtxXmlOptions {
  /** The <Computer> name. @default 'DISPATCHSIM' */
  readonly computer?: string;
  /** Keep events at or above this level. @default 'Verbose' (everything) */
  readonly level?: EventLevel | undefined;
}

/**
 * Escapes text for XML element content and double-quoted attributes.
 * @param text - any text
 * @returns the text with `& < > " '` escaped
 */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/**
 * @param atMs - virtual time in ms
 * @returns the instant after the virtual epoch as SystemTime, in 100 ns ticks:
 *   `2026-01-01T00:00:00.5050000Z`
 */
export function systemTime(atMs: number): string {
  const ticks = Math.round(atMs * 10_000);
  const seconds = Math.floor(ticks / 10_000_000);
  const fraction = String(ticks - seconds * 10_000_000).padStart(7, '0');
  const whole = new Date(VIRTUAL_EPOCH_MS + seconds * 1000).toISOString().slice(0, 19);
  return `${whole}.${fraction}Z`;
}

function data(name: string, value: string | number): string {
  return `      <Data Name="${escapeXml(name)}">${escapeXml(String(value))}</Data>`;
}

function etwEvent(event: DispatchEvent, computer: string, recordId: number): string {
  const entry = findEvent(event.id);
  const emitter = entry?.emitter ?? 'SMSvcHost';
  const processId = emitter === 'worker' ? (event.annotations.pid ?? 0) : SMSVCHOST_PROCESS_ID;
  const threadId = emitter === 'worker' ? processId + 4 : SMSVCHOST_THREAD_ID;
  const correlation =
    'activityId' in event
      ? `<Correlation ActivityID="{${event.activityId.toUpperCase()}}"/>`
      : '<Correlation/>';
  const payload = event.payload as Readonly<Record<string, string | number>>;
  const fields = (entry?.payload ?? []).map((field) => data(field.name, payload[field.name] ?? ''));
  const channel = `${ETW_PROVIDER.name}/${event.channel}`;
  return [
    `  <Event xmlns="${EVENT_NAMESPACE}">`,
    '    <System>',
    `      <Provider Name="${ETW_PROVIDER.name}" Guid="${ETW_PROVIDER.guid}"/>`,
    `      <EventID>${event.id}</EventID>`,
    '      <Version>0</Version>',
    `      <Level>${levelValue[event.level]}</Level>`,
    `      <Task>${entry?.task.id ?? 0}</Task>`,
    `      <Opcode>${entry?.opcode.id ?? 0}</Opcode>`,
    `      <Keywords>${event.keywords}</Keywords>`,
    `      <TimeCreated SystemTime="${systemTime(event.atMs)}"/>`,
    `      <EventRecordID>${recordId}</EventRecordID>`,
    `      ${correlation}`,
    `      <Execution ProcessID="${processId}" ThreadID="${threadId}"/>`,
    `      <Channel>${escapeXml(channel)}</Channel>`,
    `      <Computer>${escapeXml(computer)}</Computer>`,
    '      <Security/>',
    '    </System>',
    '    <EventData>',
    ...fields,
    data('AppDomain', event.payload.AppDomain),
    '    </EventData>',
    '    <RenderingInfo Culture="en-US">',
    `      <Message>${escapeXml(event.message)}</Message>`,
    `      <Level>${event.level}</Level>`,
    `      <Task>${escapeXml(event.task)}</Task>`,
    `      <Opcode>${escapeXml(event.opcode)}</Opcode>`,
    `      <Channel>${escapeXml(event.channel)}</Channel>`,
    `      <Provider>${ETW_PROVIDER.name}</Provider>`,
    renderedKeywordsOf(event.keywords),
    '    </RenderingInfo>',
    '  </Event>',
  ].join('\n');
}

// A classic Event Log event: the displayed id is the low word; the high word (Qualifiers)
// holds the severity bits and facility 0x004 of SMSvcHost (domain §2.4).
function eventLogEvent(entry: EventLogEntry, computer: string, recordId: number): string {
  const qualifiers = (entry.level === 'Error' ? 0xc000 : 0x8000) | 0x004;
  return [
    `  <Event xmlns="${EVENT_NAMESPACE}">`,
    '    <System>',
    `      <Provider Name="${escapeXml(entry.source)}"/>`,
    `      <EventID Qualifiers="${qualifiers}">${entry.id}</EventID>`,
    '      <Version>0</Version>',
    `      <Level>${levelValue[entry.level]}</Level>`,
    `      <Task>${categoryIds[entry.category]}</Task>`,
    '      <Opcode>0</Opcode>',
    '      <Keywords>0x80000000000000</Keywords>',
    `      <TimeCreated SystemTime="${systemTime(entry.atMs)}"/>`,
    `      <EventRecordID>${recordId}</EventRecordID>`,
    '      <Correlation/>',
    `      <Execution ProcessID="${SMSVCHOST_PROCESS_ID}" ThreadID="${SMSVCHOST_THREAD_ID}"/>`,
    `      <Channel>${entry.log}</Channel>`,
    `      <Computer>${escapeXml(computer)}</Computer>`,
    '      <Security/>',
    '    </System>',
    '    <EventData>',
    `      <Data>${escapeXml(entry.message)}</Data>`,
    '    </EventData>',
    '    <RenderingInfo Culture="en-US">',
    `      <Message>${escapeXml(entry.message)}</Message>`,
    `      <Level>${entry.level}</Level>`,
    `      <Task>${escapeXml(entry.category)}</Task>`,
    '      <Opcode>Info</Opcode>',
    `      <Channel>${entry.log}</Channel>`,
    `      <Provider>${escapeXml(entry.source)}</Provider>`,
    renderedKeywords(['Classic']),
    '    </RenderingInfo>',
    '  </Event>',
  ].join('\n');
}

/** Options of {@link createEvtxXmlWriter}. */
export interface EvtxXmlWriterOptions extends EvtxXmlOptions {
  /** Receives the document, piece by piece, in order. */
  readonly write: (text: string) => void;
}

/**
 * Creates a writer of an Event Viewer XML document: it writes the XML declaration and
 * `<Events>` at once, one `<Event>` per record at or above the level as each arrives, and
 * `</Events>` at the end. Outcomes are not part of this format and are ignored.
 * @param options - where the text goes, the computer name and the level filter
 * @returns the writer; call its `end()` once, also after a failed run
 * @example
 * const writer = createEvtxXmlWriter({ level: 'Warning', write: (text) => out.write(text) });
 * sim.events.on('event', writer.record);
 * sim.events.on('eventLog', writer.record);
 * await sim.run().finally(writer.end);
 */
export function createEvtxXmlWriter(options: EvtxXmlWriterOptions): TraceWriter {
  const { write, level } = options;
  const computer = options.computer ?? 'DISPATCHSIM';
  let ended = false;
  // The last EventRecordID of each log, by the <Channel> it is written to.
  const recordIds = new Map<string, number>();
  const nextRecordId = (log: string): number => {
    const id = (recordIds.get(log) ?? 0) + 1;
    recordIds.set(log, id);
    return id;
  };
  write('<?xml version="1.0" encoding="utf-8"?>\n<Events>');
  return {
    record: (record) => {
      if (ended || (level !== undefined && !isAtLevel(record, level))) return;
      write(
        '\n' +
          (isEventLogEntry(record)
            ? eventLogEvent(record, computer, nextRecordId(record.log))
            : etwEvent(record, computer, nextRecordId(record.channel))),
      );
    },
    outcome: () => undefined,
    end: () => {
      if (ended) return;
      ended = true;
      write('\n</Events>\n');
    },
  };
}

/**
 * Formats a run's records as an Event Viewer XML document.
 * @param records - ETW events and Event Log entries, in emission order
 * @param options - the computer name and the level filter
 * @returns `<?xml …?><Events>…</Events>`, ending with a newline
 * @example
 * await writeFile('run.xml', formatEvtxXml(records, { level: 'Warning' }));
 */
export function formatEvtxXml(
  records: Iterable<TraceRecord>,
  options: EvtxXmlOptions = {},
): string {
  const parts: string[] = [];
  const writer = createEvtxXmlWriter({ ...options, write: (text) => parts.push(text) });
  for (const record of records) writer.record(record);
  writer.end();
  return parts.join('');
}
