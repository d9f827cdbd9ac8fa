// The Event Viewer XML export (issue 6), parsed back with fast-xml-parser: every ETW event
// keeps its id, numeric level, task, opcode, keywords, channel, ActivityId and payload, and
// text is escaped so that any value survives the round trip.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { ClientId, SessionId } from '../../src/core/ids.js';
import { ms } from '../../src/core/millis.js';
import type { DispatchEvent } from '../../src/events/dispatch-event.js';
import { EventBus } from '../../src/events/event-bus.js';
import { findEvent } from '../../src/events/event-catalog.js';
import { levelValue, type EventLevel } from '../../src/events/event-descriptor.js';
import { isEventLogEntry, type TraceRecord } from '../../src/events/trace.js';
import { systemTime } from '../../src/report/event-xml-vocabulary.js';
import { createEvtxXmlWriter, formatEvtxXml } from '../../src/report/evtx-xml.js';
import type { TraceWriter } from '../../src/report/trace-writer.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { createSimulation, type Simulation } from '../../src/sim/simulation.js';
import { recordTrace } from '../helpers/record-events.js';
import { loadFixture } from '../helpers/load-fixture.js';
import { runBundled } from '../helpers/run-bundled.js';
import { runRecorded } from '../helpers/run-recorded.js';

/** A <Data> element: an object when it has a Name attribute, its text when it has none. */
type XmlData = string | { readonly '@_Name'?: string; readonly '#text'?: string | number };

const textOf = (data: XmlData | undefined): string =>
  typeof data === 'object' ? String(data['#text'] ?? '') : String(data ?? '');
const nameOf = (data: XmlData | undefined): string | undefined =>
  typeof data === 'object' ? data['@_Name'] : undefined;

interface XmlEvent {
  readonly '@_xmlns': string;
  readonly System: {
    readonly Provider: { readonly '@_Name': string; readonly '@_Guid'?: string };
    readonly EventID: number | { readonly '#text': number; readonly '@_Qualifiers': string };
    readonly Version: number;
    readonly Level: number;
    readonly Task: number;
    readonly Opcode: number;
    readonly Keywords: string;
    readonly TimeCreated: { readonly '@_SystemTime': string };
    readonly EventRecordID: number;
    readonly Correlation: '' | { readonly '@_ActivityID'?: string };
    readonly Execution: { readonly '@_ProcessID': string; readonly '@_ThreadID': string };
    readonly Channel: string;
    readonly Computer: string;
  };
  readonly EventData: { readonly Data: readonly XmlData[] };
  readonly RenderingInfo: {
    readonly Message: string | number;
    readonly Keywords: { readonly Keyword: readonly string[] };
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: true,
  parseAttributeValue: false,
  trimValues: false,
  // Keywords are hexadecimal masks: keep them as text.
  numberParseOptions: { hex: false, leadingZeros: false },
  isArray: (name) => name === 'Event' || name === 'Data' || name === 'Keyword',
});

const idOf = (e: XmlEvent): number =>
  typeof e.System.EventID === 'number' ? e.System.EventID : e.System.EventID['#text'];

/** The logs' own record numbers: 1, 2, 3 … per <Channel>, in document order. */
function perLogNumbers(events: readonly XmlEvent[]): number[] {
  const last = new Map<string, number>();
  return events.map((e) => {
    const next = (last.get(e.System.Channel) ?? 0) + 1;
    last.set(e.System.Channel, next);
    return next;
  });
}

/** The child element names of each <RenderingInfo>, in document order. */
function renderingOrders(xml: string): string[][] {
  return [...xml.matchAll(/<RenderingInfo[^>]*>([\s\S]*?)<\/RenderingInfo>/g)].map((match) =>
    [...(match[1] ?? '').matchAll(/^\s*<([A-Za-z]+)/gm)].map((tag) => tag[1] ?? ''),
  );
}

function parseEvents(xml: string): XmlEvent[] {
  const document = parser.parse(xml) as { Events: { Event?: XmlEvent[] } };
  return document.Events.Event ?? [];
}

async function recordedFixture(name: string): Promise<TraceRecord[]> {
  const run = await runRecorded(loadFixture(name));
  return [...run.events, ...run.eventLog].sort((a, b) => a.seq - b.seq);
}

const channelPrefix = 'Microsoft-Windows-Application Server-Applications/';

describe('formatEvtxXml', () => {
  it('writes one <Event> per record, in order, each log numbering its records from 1', async () => {
    // Arrange
    const records = await recordedFixture('dup-handle-failure');

    // Act
    const events = parseEvents(formatEvtxXml(records));

    // Assert
    expect(events).toHaveLength(records.length);
    expect(events.map(idOf)).toEqual(records.map((r) => r.id));
    expect(events.map((e) => e.System.EventRecordID)).toEqual(perLogNumbers(events));
    const firsts = events.filter((e) => e.System.EventRecordID === 1).map((e) => e.System.Channel);
    expect(firsts).toEqual([`${channelPrefix}Analytic`, `${channelPrefix}Debug`, 'System']);
  });

  it('numbers only the records written when a level filter drops some', async () => {
    // Arrange
    const records = await recordedFixture('dup-handle-failure');

    // Act
    const events = parseEvents(formatEvtxXml(records, { level: 'Error' }));

    // Assert
    expect(events.length).toBeGreaterThan(1);
    expect(events.map((e) => e.System.EventRecordID)).toEqual(perLogNumbers(events));
  });

  it('renders the provider keywords of each mask, after Provider as the schema orders them', async () => {
    // Arrange
    const records = await recordedFixture('dup-handle-failure');
    const etw = records.filter((r): r is DispatchEvent => !isEventLogEntry(r));

    // Act
    const xml = formatEvtxXml(etw);
    const events = parseEvents(xml);

    // Assert
    const keywordsById = new Map(
      events.map((e) => [e.System.EventID, e.RenderingInfo.Keywords.Keyword]),
    );
    expect(keywordsById.get(4031)).toEqual(['ActivationServices']);
    expect(keywordsById.get(1430)).toEqual(['Quota']);
    expect(keywordsById.get(3346)).toEqual(['Channel']);
    expect(new Set(renderingOrders(xml).map((order) => order.join(' ')))).toEqual(
      new Set(['Message Level Task Opcode Channel Provider Keywords']),
    );
  });

  it('keeps the descriptor, the channel, the ActivityId and the payload of every ETW event', async () => {
    // Arrange
    const records = await recordedFixture('dup-handle-failure');
    const etw = records.filter((r): r is DispatchEvent => !isEventLogEntry(r));

    // Act
    const events = parseEvents(formatEvtxXml(etw, { computer: 'WEB01' }));

    // Assert
    etw.forEach((record, index) => {
      const { System: system, EventData: data } = events[index] as XmlEvent;
      const entry = findEvent(record.id);
      expect(events[index]?.['@_xmlns']).toBe(
        'http://schemas.microsoft.com/win/2004/08/events/event',
      );
      expect(system.Provider).toEqual({
        '@_Name': 'Microsoft-Windows-Application Server-Applications',
        '@_Guid': '{c651f5f6-1c0d-492e-8ae1-b4efd7c9d503}',
      });
      expect(system.EventID).toBe(record.id);
      expect(system.Version).toBe(0);
      expect(system.Level).toBe(levelValue[record.level]);
      expect(system.Task).toBe(entry?.task.id);
      expect(system.Opcode).toBe(entry?.opcode.id);
      expect(system.Keywords).toBe(record.keywords);
      expect(system.Channel).toBe(channelPrefix + record.channel);
      expect(system.Computer).toBe('WEB01');
      expect(system.TimeCreated['@_SystemTime']).toBe(systemTime(record.atMs));
      if ('activityId' in record) {
        expect(system.Correlation).toEqual({
          '@_ActivityID': `{${record.activityId.toUpperCase()}}`,
        });
      } else {
        expect(system.Correlation).toBe('');
      }
      const fields = (entry?.payload ?? []).map((f) => f.name);
      expect(data.Data.map(nameOf)).toEqual([...fields, 'AppDomain']);
      const payload = record.payload as Record<string, string | number>;
      fields.forEach((field, i) => {
        expect(textOf(data.Data[i])).toBe(String(payload[field]));
      });
      expect(events[index]?.RenderingInfo.Message).toBe(record.message);
    });
    const failed = events.filter((e) => e.System.EventID === 4031);
    expect(failed).toHaveLength(3);
    for (const event of failed) {
      expect(event.EventData.Data).toEqual([{ '@_Name': 'AppDomain', '#text': 'SMSvcHost.exe' }]);
    }
  });

  it('writes Event Log entries as classic System-log events', async () => {
    // Arrange
    const records = await recordedFixture('dup-handle-failure');

    // Act
    const xml = formatEvtxXml(records.filter(isEventLogEntry));
    const events = parseEvents(xml);

    // Assert
    expect(events).toHaveLength(3);
    expect(events.map((e) => e.System.EventRecordID)).toEqual([1, 2, 3]);
    expect(renderingOrders(xml)).toEqual(
      events.map(() => ['Message', 'Level', 'Task', 'Opcode', 'Channel', 'Provider', 'Keywords']),
    );
    for (const event of events) {
      expect(event.RenderingInfo.Keywords.Keyword).toEqual(['Classic']);
      expect(event.System.Provider).toEqual({ '@_Name': 'SMSvcHost 4.0.0.0' });
      expect(event.System.EventID).toEqual({ '#text': 8, '@_Qualifiers': String(0xc004) });
      expect(event.System.Level).toBe(2);
      expect(event.System.Channel).toBe('System');
      expect(textOf(event.EventData.Data[0])).toMatch(
        /^An error occurred while dispatching a duplicated socket: this handle is now leaked in the process\.\nID: \d+/,
      );
    }
  });

  // Entries 5 and 6 are warnings, but their EventLogEventId values (0xC0040005, 0xC0040006)
  // carry the same high word as every SMSvcHost entry: Qualifiers 0xC004, not a word made
  // up from the level (domain review).
  it('gives a warning entry the Qualifiers of its EventLogEventId', async () => {
    // Arrange
    const { eventLog } = await runBundled('was-disconnect');

    // Act
    const events = parseEvents(formatEvtxXml(eventLog));

    // Assert
    const warnings = events.filter((e) => e.System.Level === 3);
    expect(warnings.length).toBeGreaterThan(0);
    for (const event of warnings) {
      expect(event.System.EventID).toEqual({ '#text': 5, '@_Qualifiers': String(0xc004) });
    }
  });

  it('keeps only events at or above the level', async () => {
    // Arrange
    const records = await recordedFixture('dup-handle-failure');

    // Act
    const events = parseEvents(formatEvtxXml(records, { level: 'Information' }));

    // Assert
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.System.Level <= 4)).toBe(true);
    expect(events).toHaveLength(records.filter((r) => levelValue[r.level] <= 4).length);
  });

  it('escapes markup in payloads and messages so they round-trip', () => {
    // Arrange
    const bus = new EventBus({ now: () => ms(1234.567) });
    const events: DispatchEvent[] = [];
    bus.on('event', (e) => events.push(e));
    const via = `net.tcp://host/a&b<c>"d'e/]]>`;
    bus.emit(
      'TransportListenerSessionsReceived',
      { via },
      { sessionId: 1 as SessionId, clientId: 1 as ClientId, attempt: 1 },
    );

    // Act
    const xml = formatEvtxXml(events);
    const [event] = parseEvents(xml);

    // Assert
    expect(xml).not.toContain('<c>');
    expect(event?.EventData.Data[0]).toEqual({ '@_Name': 'via', '#text': via });
    expect(event?.RenderingInfo.Message).toBe(
      `Transport listener session received with via '${via}'`,
    );
    // Instants are whole microseconds (the bus rounds them), written in 100 ns ticks.
    expect(event?.System.TimeCreated['@_SystemTime']).toBe('2026-01-01T00:00:01.2345670Z');
  });

  it('writes an empty <Events/> list when nothing passes the filter', () => {
    expect(parseEvents(formatEvtxXml([]))).toEqual([]);
  });
});

/** A simulation with an Event Viewer XML writer subscribed to it, and the text written so far. */
function writeLive(
  scenario: ScenarioInput,
  level?: EventLevel,
): { sim: Simulation; writer: TraceWriter; chunks: readonly string[] } {
  const sim = createSimulation(scenario);
  const chunks: string[] = [];
  const writer = createEvtxXmlWriter({ level, write: (text) => chunks.push(text) });
  sim.events.on('event', writer.record);
  sim.events.on('eventLog', writer.record);
  sim.onOutcome(writer.outcome);
  return { sim, writer, chunks };
}

describe('createEvtxXmlWriter', () => {
  it.each([{ level: undefined }, { level: 'Warning' as const }])(
    'writes live, at level $level, the same bytes formatEvtxXml writes from the recorded run',
    async ({ level }) => {
      // Arrange
      const { sim, writer, chunks } = writeLive(loadFixture('dup-handle-failure'), level);
      const records = recordTrace(sim);

      // Act
      await sim.run();
      writer.end();

      // Assert
      expect(chunks.join('')).toBe(formatEvtxXml(records, { level }));
    },
  );

  it('writes the declaration at creation and each <Event> as its record arrives, before end()', async () => {
    // Arrange
    const { sim, writer, chunks } = writeLive(loadFixture('dup-handle-failure'));
    const atCreation = chunks.join('');
    const writtenAtRecord: number[] = [];
    sim.events.on('event', () => writtenAtRecord.push(chunks.length));
    sim.events.on('eventLog', () => writtenAtRecord.push(chunks.length));

    // Act
    await sim.run();
    const beforeEnd = chunks.join('');
    writer.end();

    // Assert
    expect(atCreation).toBe('<?xml version="1.0" encoding="utf-8"?>\n<Events>');
    expect(writtenAtRecord.length).toBeGreaterThan(0);
    expect(writtenAtRecord).toEqual(writtenAtRecord.map((_, i) => i + 2));
    expect(beforeEnd).not.toContain('</Events>');
    expect(chunks.join('')).toBe(`${beforeEnd}\n</Events>\n`);
  });

  it('writes a well-formed document when end() follows a failed run', async () => {
    // Arrange: the horizon is shorter than the workload.
    const { sim, writer, chunks } = writeLive(loadFixture('horizon'));
    const records = recordTrace(sim);

    // Act
    await expect(sim.run()).rejects.toMatchObject({ code: 'sim.horizon-exceeded' });
    writer.end();

    // Assert
    const xml = chunks.join('');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(records.length).toBeGreaterThan(0);
    const events = parseEvents(xml);
    expect(events.map(idOf)).toEqual(records.map((r) => r.id));
    expect(events.map((e) => e.System.EventRecordID)).toEqual(perLogNumbers(events));
  });

  it('writes nothing more after end(), however often it is called', async () => {
    // Arrange
    const records = await recordedFixture('dup-handle-failure');
    const chunks: string[] = [];
    const writer = createEvtxXmlWriter({ write: (text) => chunks.push(text) });
    writer.end();
    const ended = chunks.join('');

    // Act
    for (const record of records) writer.record(record);
    writer.end();

    // Assert
    expect(chunks.join('')).toBe(ended);
    expect(parseEvents(ended)).toEqual([]);
  });
});

describe('systemTime', () => {
  it.each([
    { atMs: 0, text: '2026-01-01T00:00:00.0000000Z' },
    { atMs: 505, text: '2026-01-01T00:00:00.5050000Z' },
    { atMs: 0.0001, text: '2026-01-01T00:00:00.0000001Z' },
    { atMs: 86_400_000 + 61_000.25, text: '2026-01-02T00:01:01.0002500Z' },
  ])('puts $atMs ms after the virtual epoch as $text', ({ atMs, text }) => {
    expect(systemTime(atMs)).toBe(text);
  });
});
