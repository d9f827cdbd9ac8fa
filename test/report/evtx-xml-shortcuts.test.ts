// The Event Viewer XML export's shortcuts (issue 12) write the bytes the plain formulas
// wrote: escaping only text that has markup, keeping the last second's ISO text, and keeping
// each event id's constant lines and each frozen payload's <Data> lines. Each is checked
// against the formula it replaced, or against an event the shortcut must not take.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientId, SessionId } from '../../src/core/ids.js';
import { ms } from '../../src/core/millis.js';
import type { DispatchEvent } from '../../src/events/dispatch-event.js';
import { EventBus } from '../../src/events/event-bus.js';
import { formatEvtxXml } from '../../src/report/evtx-xml.js';
import { escapeXml, systemTime, VIRTUAL_EPOCH_MS } from '../../src/report/event-xml-vocabulary.js';

const seed = 20261203;

/** escapeXml as it was before issue 12: five passes over every text. */
function escapeXmlReference(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** systemTime as it was before issue 12: a Date per call. */
function systemTimeReference(atMs: number): string {
  const ticks = Math.round(atMs * 10_000);
  const seconds = Math.floor(ticks / 10_000_000);
  const fraction = String(ticks - seconds * 10_000_000).padStart(7, '0');
  const whole = new Date(VIRTUAL_EPOCH_MS + seconds * 1000).toISOString().slice(0, 19);
  return `${whole}.${fraction}Z`;
}

/** The text a call returns, or the name of the error it throws (a Date out of range). */
function outcomeOf(format: (atMs: number) => string, atMs: number): string {
  try {
    return format(atMs);
  } catch (error) {
    return `throws ${(error as Error).name}`;
  }
}

// Text with the five special characters, entities and CDATA ends mixed into any code points,
// lone surrogates included.
const textArb = fc.string({
  unit: fc.oneof(
    fc.constantFrom('&', '<', '>', '"', "'", '&amp;', ']]>'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  ),
  maxLength: 40,
});

// Instants that share seconds, straddle their boundaries (±0.00005 ms is where the ticks
// round up or down to a new second), are fractional, negative, large, or beyond a Date.
const atMsArb = fc.oneof(
  fc.double({ min: 0, max: 3000, noNaN: true }),
  fc
    .tuple(
      fc.integer({ min: -2_000, max: 2_000_000 }),
      fc.constantFrom(-0.00006, -0.00005, -0.00004, 0, 0.00004, 0.00005, 0.00006),
    )
    .map(([second, offset]) => second * 1000 + offset),
  fc.double({ min: -1e15, max: 1e15, noNaN: true }),
  fc.constantFrom(0, -0, 8.64e15, -8.64e15, Number.NaN, Number.POSITIVE_INFINITY),
);

describe(`escapeXml (fast-check seed ${seed})`, () => {
  it('gives the five-replaceAll escaping for any text', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        expect(escapeXml(text)).toBe(escapeXmlReference(text));
      }),
      { seed, numRuns: 2000 },
    );
  });
});

describe(`systemTime (fast-check seed ${seed})`, () => {
  it('gives the per-call Date formula for any sequence of instants, in any order', () => {
    fc.assert(
      fc.property(fc.array(atMsArb, { maxLength: 30 }), (instants) => {
        // Arrange / Act: one call after another, so each meets the second the last one kept
        const texts = instants.map((atMs) => outcomeOf(systemTime, atMs));

        // Assert
        expect(texts).toEqual(instants.map((atMs) => outcomeOf(systemTimeReference, atMs)));
      }),
      { seed, numRuns: 1000 },
    );
  });

  it('moves to the next second when the ticks round up to it', () => {
    expect([systemTime(999.9), systemTime(999.99996), systemTime(999.99994)]).toEqual([
      '2026-01-01T00:00:00.9999000Z',
      '2026-01-01T00:00:01.0000000Z',
      '2026-01-01T00:00:00.9999999Z',
    ]);
  });
});

/** A TransportListenerSessionsReceived event (one payload field, `via`) from the bus. */
function sessionsReceived(via: string): DispatchEvent {
  const bus = new EventBus({ now: () => ms(1.5) });
  const events: DispatchEvent[] = [];
  bus.on('event', (e) => events.push(e));
  bus.emit(
    'TransportListenerSessionsReceived',
    { via },
    { sessionId: 1 as SessionId, clientId: 1 as ClientId, attempt: 1 },
  );
  return events[0] as DispatchEvent;
}

const dataOf = (xml: string): string[] =>
  [...xml.matchAll(/<Data Name="([^"]*)">([^<]*)<\/Data>/g)].map((m) => `${m[1]}=${m[2]}`);

describe('formatEvtxXml shortcuts', () => {
  it('writes the new values of an unfrozen payload changed between two events', () => {
    // Arrange
    const emitted = sessionsReceived('net.tcp://host/a');
    const payload = { ...emitted.payload } as { via: string; AppDomain: string };
    const first = { ...emitted, payload } as DispatchEvent;
    const second = { ...emitted, seq: emitted.seq + 1, payload } as DispatchEvent;
    const records = {
      *[Symbol.iterator]() {
        yield first;
        payload.via = 'net.tcp://host/b&c';
        payload.AppDomain = 'Other.exe';
        yield second;
      },
    };

    // Act
    const xml = formatEvtxXml(records);

    // Assert
    expect(dataOf(xml)).toEqual([
      'via=net.tcp://host/a',
      'AppDomain=SMSvcHost.exe',
      'via=net.tcp://host/b&amp;c',
      'AppDomain=Other.exe',
    ]);
  });

  it('writes the descriptor of each event, also when one differs from an earlier one of its id', () => {
    // Arrange
    const emitted = sessionsReceived('net.tcp://host/a');
    // Made by hand: no catalogue row describes this event.
    const altered = {
      ...emitted,
      level: 'Error',
      keywords: '0x4000000000400000',
      channel: 'Debug',
      task: 'Other<Task>',
      opcode: 'Other<Opcode>',
    } as unknown as DispatchEvent;

    // Act
    const xml = formatEvtxXml([emitted, altered, emitted]);

    // Assert
    const project = (tag: string): string[] =>
      [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1] ?? '');
    expect(project('Level')).toEqual(['5', 'Verbose', '2', 'Error', '5', 'Verbose']);
    expect(project('Keywords')).toEqual([emitted.keywords, '0x4000000000400000', emitted.keywords]);
    expect(project('Channel')).toEqual([
      'Microsoft-Windows-Application Server-Applications/Analytic',
      'Analytic',
      'Microsoft-Windows-Application Server-Applications/Debug',
      'Debug',
      'Microsoft-Windows-Application Server-Applications/Analytic',
      'Analytic',
    ]);
    expect(project('Task').filter((task) => !/^\d+$/.test(task))).toEqual([
      emitted.task,
      'Other&lt;Task&gt;',
      emitted.task,
    ]);
    expect(project('Opcode').filter((opcode) => !/^\d+$/.test(opcode))).toEqual([
      emitted.opcode,
      'Other&lt;Opcode&gt;',
      emitted.opcode,
    ]);
  });

  it('writes an ETW event as these bytes', () => {
    // Arrange
    const event = sessionsReceived(`net.tcp://host/a&b<c>"d'e`);

    // Act
    const xml = formatEvtxXml([event, event], { computer: 'WEB<01>' });

    // Assert
    expect(xml).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="utf-8"?>
      <Events>
        <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
          <System>
            <Provider Name="Microsoft-Windows-Application Server-Applications" Guid="{c651f5f6-1c0d-492e-8ae1-b4efd7c9d503}"/>
            <EventID>4001</EventID>
            <Version>0</Version>
            <Level>5</Level>
            <Task>2500</Task>
            <Opcode>240</Opcode>
            <Keywords>0x2000000000000800</Keywords>
            <TimeCreated SystemTime="2026-01-01T00:00:00.0015000Z"/>
            <EventRecordID>1</EventRecordID>
            <Correlation ActivityID="{00000000-0000-0000-0000-000000000001}"/>
            <Execution ProcessID="1948" ThreadID="2212"/>
            <Channel>Microsoft-Windows-Application Server-Applications/Analytic</Channel>
            <Computer>WEB&lt;01&gt;</Computer>
            <Security/>
          </System>
          <EventData>
            <Data Name="via">net.tcp://host/a&amp;b&lt;c&gt;&quot;d&apos;e</Data>
            <Data Name="AppDomain">SMSvcHost.exe</Data>
          </EventData>
          <RenderingInfo Culture="en-US">
            <Message>Transport listener session received with via &apos;net.tcp://host/a&amp;b&lt;c&gt;&quot;d&apos;e&apos;</Message>
            <Level>Verbose</Level>
            <Task>ActivationDispatchSession</Task>
            <Opcode>Receive</Opcode>
            <Channel>Analytic</Channel>
            <Provider>Microsoft-Windows-Application Server-Applications</Provider>
            <Keywords><Keyword>ActivationServices</Keyword></Keywords>
          </RenderingInfo>
        </Event>
        <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
          <System>
            <Provider Name="Microsoft-Windows-Application Server-Applications" Guid="{c651f5f6-1c0d-492e-8ae1-b4efd7c9d503}"/>
            <EventID>4001</EventID>
            <Version>0</Version>
            <Level>5</Level>
            <Task>2500</Task>
            <Opcode>240</Opcode>
            <Keywords>0x2000000000000800</Keywords>
            <TimeCreated SystemTime="2026-01-01T00:00:00.0015000Z"/>
            <EventRecordID>2</EventRecordID>
            <Correlation ActivityID="{00000000-0000-0000-0000-000000000001}"/>
            <Execution ProcessID="1948" ThreadID="2212"/>
            <Channel>Microsoft-Windows-Application Server-Applications/Analytic</Channel>
            <Computer>WEB&lt;01&gt;</Computer>
            <Security/>
          </System>
          <EventData>
            <Data Name="via">net.tcp://host/a&amp;b&lt;c&gt;&quot;d&apos;e</Data>
            <Data Name="AppDomain">SMSvcHost.exe</Data>
          </EventData>
          <RenderingInfo Culture="en-US">
            <Message>Transport listener session received with via &apos;net.tcp://host/a&amp;b&lt;c&gt;&quot;d&apos;e&apos;</Message>
            <Level>Verbose</Level>
            <Task>ActivationDispatchSession</Task>
            <Opcode>Receive</Opcode>
            <Channel>Analytic</Channel>
            <Provider>Microsoft-Windows-Application Server-Applications</Provider>
            <Keywords><Keyword>ActivationServices</Keyword></Keywords>
          </RenderingInfo>
        </Event>
      </Events>
      "
    `);
  });
});
