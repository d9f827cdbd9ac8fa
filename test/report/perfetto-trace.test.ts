// The Perfetto trace (issue 6), checked structurally: valid Chrome Trace Event JSON written one
// event per line, async session slices paired by id, microsecond timestamps from virtual time,
// dispatch slices that never overlap on a track once sorted by ts (as a viewer sorts on
// import), numeric counters, and tracks named before they are used. The streaming writer is
// checked live: it writes as the run goes, ends well formed after a failed run, and forgets
// every session once it has ended.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EventLevel } from '../../src/events/event-descriptor.js';
import type { TraceRecord } from '../../src/events/trace.js';
import { loadScenario } from '../../src/io/load-scenario.js';
import {
  createPerfettoTraceWriter,
  formatPerfettoTrace,
  SMSVCHOST_TID,
  toMicros,
  type ChromeTrace,
  type ChromeTraceEvent,
  type PerfettoTraceWriter,
} from '../../src/report/perfetto-trace.js';
import type { Scenario, ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { createSimulation, type Simulation } from '../../src/sim/simulation.js';
import { recordTrace } from '../helpers/record-events.js';
import { loadFixture } from '../helpers/load-fixture.js';
import { bundledScenarioPath } from '../helpers/run-bundled.js';
import { runRecorded, type RecordedRun } from '../helpers/run-recorded.js';

async function runFixture(name: string): Promise<{ run: RecordedRun; records: TraceRecord[] }> {
  const run = await runRecorded(loadFixture(name));
  const records = [...run.events, ...run.eventLog].sort((a, b) => a.seq - b.seq);
  return { run, records };
}

function traceOf(run: RecordedRun, records: readonly TraceRecord[], level?: EventLevel) {
  const input = {
    scenario: run.result.scenario,
    seed: run.result.seed,
    records,
    outcomes: run.outcomes,
  };
  return JSON.parse(formatPerfettoTrace(input, { level })) as ChromeTrace;
}

/** The events in time order, as Perfetto sorts them on import (stable: ties keep file order). */
const byTs = (events: readonly ChromeTraceEvent[]): ChromeTraceEvent[] =>
  [...events].sort((a, b) => a.ts - b.ts);

/** A simulation with a Perfetto writer subscribed to it, and the text written so far. */
interface LiveTrace {
  readonly sim: Simulation;
  readonly writer: PerfettoTraceWriter;
  readonly chunks: readonly string[];
}

function writeLive(
  scenario: ScenarioInput | Scenario,
  options: { apps?: readonly string[]; level?: EventLevel } = {},
): LiveTrace {
  const sim = createSimulation(scenario);
  const chunks: string[] = [];
  const writer = createPerfettoTraceWriter({
    scenario: sim.scenario.name,
    seed: sim.seed,
    apps: options.apps ?? sim.scenario.apps.map((app) => app.name),
    level: options.level,
    write: (text) => chunks.push(text),
  });
  sim.events.on('event', writer.record);
  sim.events.on('eventLog', writer.record);
  sim.onOutcome(writer.outcome);
  return { sim, writer, chunks };
}

/** The trace events written so far, read back from the text before the document is closed. */
function eventsSoFar(chunks: readonly string[]): ChromeTraceEvent[] {
  const text = chunks.join('');
  const body = text.slice('{"traceEvents":[\n'.length);
  return body === '' ? [] : body.split(',\n').map((line) => JSON.parse(line) as ChromeTraceEvent);
}

const threadNames = (events: readonly ChromeTraceEvent[]): unknown[] =>
  events.filter((e) => e.name === 'thread_name').map((e) => e.args?.['name']);

describe.each(['dup-handle-failure', 'pipe-app'])('Perfetto trace of %s', (name) => {
  it('is Chrome Trace Event JSON, one trace event per line, with numeric microsecond timestamps', async () => {
    // Arrange
    const { run, records } = await runFixture(name);
    const input = { scenario: name, seed: run.result.seed, records, outcomes: run.outcomes };

    // Act
    const text = formatPerfettoTrace(input);

    // Assert
    const trace = JSON.parse(text) as ChromeTrace;
    expect(Array.isArray(trace.traceEvents)).toBe(true);
    expect(trace.displayTimeUnit).toBe('ms');
    expect(trace.otherData).toMatchObject({ generator: 'dispatchsim', scenario: name });
    const lines = text.split('\n');
    expect(lines.slice(1, 1 + trace.traceEvents.length)).toEqual(
      trace.traceEvents.map(
        (e, i) => JSON.stringify(e) + (i < trace.traceEvents.length - 1 ? ',' : ''),
      ),
    );
    for (const event of trace.traceEvents) {
      expect(Number.isInteger(event.ts)).toBe(true);
      expect(event.ts).toBeGreaterThanOrEqual(0);
      expect(['M', 'i', 'b', 'e', 'B', 'E', 'C']).toContain(event.ph);
      expect(typeof event.pid).toBe('number');
      expect(typeof event.tid).toBe('number');
    }
  });

  it('has one instant per record, at atMs * 1000', async () => {
    // Arrange
    const { run, records } = await runFixture(name);

    // Act
    const instants = traceOf(run, records).traceEvents.filter((e) => e.ph === 'i');

    // Assert
    expect(instants).toHaveLength(records.length);
    const bySeq = new Map(records.map((r) => [r.seq, r]));
    for (const instant of instants) {
      const record = bySeq.get(instant.args?.['seq'] as number);
      expect(record).toBeDefined();
      expect(instant.ts).toBe(Math.round((record?.atMs ?? NaN) * 1000));
      expect(instant.s).toBe('t');
    }
  });

  it('pairs every session b with an e of the same id and category, from arrival to outcome', async () => {
    // Arrange
    const { run, records } = await runFixture(name);

    // Act
    const events = traceOf(run, records).traceEvents;

    // Assert
    const begins = events.filter((e) => e.ph === 'b');
    const ends = events.filter((e) => e.ph === 'e');
    expect(begins).toHaveLength(run.outcomes.length);
    expect(ends).toHaveLength(run.outcomes.length);
    for (const begin of begins) {
      const matching = ends.filter((e) => e.id === begin.id && e.cat === begin.cat);
      expect(matching).toHaveLength(1);
      expect(matching[0]?.name).toBe(begin.name);
      expect(matching[0]?.ts).toBeGreaterThanOrEqual(begin.ts);
      const outcome = run.outcomes.find((o) => o.sessionId === begin.id);
      expect(begin.ts).toBe(toMicros(outcome?.arrivedAtMs ?? NaN));
      expect(matching[0]?.ts).toBe(toMicros(outcome?.atMs ?? NaN));
      expect(begin.name).toBe(outcome?.kind);
    }
  });

  it('never overlaps B/E slices on a track once sorted by ts, and closes every one', async () => {
    // Arrange
    const { run, records } = await runFixture(name);

    // Act
    const events = byTs(traceOf(run, records).traceEvents);

    // Assert
    const open = new Map<string, ChromeTraceEvent>();
    let slices = 0;
    for (const event of events) {
      if (event.ph !== 'B' && event.ph !== 'E') continue;
      const track = `${event.pid}/${event.tid}`;
      if (event.ph === 'B') {
        expect(open.has(track), `overlapping slices on track ${track} at ${event.ts}`).toBe(false);
        open.set(track, event);
        slices++;
      } else {
        const begin = open.get(track);
        expect(begin?.name).toBe(event.name);
        expect(event.ts).toBeGreaterThanOrEqual(begin?.ts ?? Infinity);
        open.delete(track);
      }
    }
    expect(open.size).toBe(0);
    expect(slices).toBe(run.result.eventCounts['4008']);
  });

  it('draws queue length and idle workers as numeric counters that end at rest', async () => {
    // Arrange
    const { run, records } = await runFixture(name);

    // Act
    const counters = byTs(traceOf(run, records).traceEvents).filter((e) => e.ph === 'C');

    // Assert
    expect(counters.length).toBeGreaterThan(0);
    for (const counter of counters) {
      const values = Object.values(counter.args ?? {});
      expect(values.length).toBeGreaterThan(0);
      for (const value of values) {
        expect(typeof value).toBe('number');
        expect(value).toBeGreaterThanOrEqual(0);
      }
    }
    const last = (prefix: string) =>
      counters.filter((c) => c.name.startsWith(prefix)).at(-1)?.args ?? {};
    expect(last('queue length')).toEqual({ sessions: 0 });
    // At rest every registered worker is idle. In these fixtures no worker exits, and each
    // 4031 unregisters one, so that is the registrations (4015) less the 4031s. (Registrations
    // Active counts enabled WAS applications, not workers: domain §2.5.)
    const count = (id: string): number => run.result.eventCounts[id] ?? 0;
    expect(last('idle workers')).toEqual({ workers: count('4015') - count('4031') });
  });

  it('names the process, and every track before its first event', async () => {
    // Arrange
    const { run, records } = await runFixture(name);

    // Act
    const events = traceOf(run, records).traceEvents;

    // Assert
    const named = new Set<number>();
    const workerTids = new Set<number>();
    for (const event of events) {
      if (event.name === 'thread_name') named.add(event.tid);
      if (['i', 'b', 'e', 'B', 'E'].includes(event.ph)) {
        expect(named, `${event.name} on unnamed track ${event.tid}`).toContain(event.tid);
      }
      if (event.tid >= 10_000) workerTids.add(event.tid);
    }
    expect(workerTids.size).toBeGreaterThan(0);
    expect(events.find((e) => e.name === 'process_name')?.args).toEqual({
      name: `dispatchsim ${name} (seed ${run.result.seed})`,
    });
  });
});

describe('Perfetto trace options and shapes', () => {
  it('draws a dispatch slice on the right worker track for every pipe session of a web garden', async () => {
    // Arrange: the pipe path has no 3358, so only 4008's worker annotation names the worker.
    const run = await runRecorded({
      name: 'pipe-garden',
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0 }],
      apps: [
        {
          name: 'pipes',
          baseAddress: 'net.pipe://localhost/pipes/',
          appPool: 'P',
          workers: 3,
          dispatchMs: 30,
        },
      ],
      workload: { sessions: 12, arrivals: { fixed: { intervalMs: 5 } } },
    });
    const records = [...run.events, ...run.eventLog].sort((a, b) => a.seq - b.seq);

    // Act
    const slices = traceOf(run, records).traceEvents.filter((e) => e.ph === 'B');

    // Assert
    const starts = run.events.filter((e) => e.name === 'DispatchSessionStart');
    expect(slices.map((e) => e.tid)).toEqual(
      starts.map((e) => 10_000 + (e.annotations.workerId ?? -1)),
    );
    expect(new Set(slices.map((e) => e.tid)).size).toBe(3);
  });

  it('backs the pipe queue up and shows it on the app track and the one worker track', async () => {
    // Arrange
    const { run, records } = await runFixture('pipe-app');

    // Act
    const trace = traceOf(run, records);

    // Assert
    const queue = trace.traceEvents.filter((e) => e.name === 'queue length (inventory)');
    expect(Math.max(...queue.map((e) => Number(e.args?.['sessions'])))).toBeGreaterThan(1);
    expect(threadNames(trace.traceEvents)).toEqual([
      'SMSvcHost',
      'app inventory',
      expect.stringMatching(/^worker 1 pid \d+ \(inventory\)$/),
    ]);
  });

  it('keeps only instants at or above --level, and every slice and counter', async () => {
    // Arrange
    const { run, records } = await runFixture('dup-handle-failure');

    // Act
    const all = traceOf(run, records).traceEvents;
    const errors = traceOf(run, records, 'Error').traceEvents;

    // Assert
    const instants = errors.filter((e) => e.ph === 'i');
    expect(instants.length).toBeGreaterThan(0);
    expect(new Set(instants.map((e) => e.args?.['level']))).toEqual(new Set(['Error']));
    expect(errors.filter((e) => e.ph !== 'i')).toEqual(all.filter((e) => e.ph !== 'i'));
  });

  it('puts 4031 and its Event Log 8 on the worker track of the failed dispatch', async () => {
    // Arrange
    const { run, records } = await runFixture('dup-handle-failure');

    // Act
    const events = traceOf(run, records).traceEvents;

    // Assert
    const failed = events.filter((e) => e.name === '4031 DispatchSessionFailed');
    expect(failed).toHaveLength(3);
    for (const event of failed) {
      const annotations = event.args?.['annotations'] as { workerId: number; sessionId: number };
      expect(event.tid).toBe(10_000 + annotations.workerId);
      const log = events.find(
        (e) =>
          e.name === 'Event Log 8 MessageQueueDuplicatedSocketLeak' &&
          (e.args?.['annotations'] as { sessionId?: number }).sessionId === annotations.sessionId,
      );
      expect(log?.tid).toBe(event.tid);
    }
  });

  it("puts a session's events before routing on the SMSvcHost track and from 4034 on its app's", async () => {
    // Arrange
    const { run, records } = await runFixture('pipe-app');

    // Act
    const events = traceOf(run, records).traceEvents;

    // Assert
    const appTid = events.find((e) => e.args?.['name'] === 'app inventory')?.tid;
    const tidsOf = (prefix: string) =>
      new Set(events.filter((e) => e.ph === 'i' && e.name.startsWith(prefix)).map((e) => e.tid));
    expect(tidsOf('4001 ')).toEqual(new Set([SMSVCHOST_TID]));
    expect(tidsOf('4033 ')).toEqual(new Set([SMSVCHOST_TID]));
    expect(tidsOf('4034 ')).toEqual(new Set([appTid]));
    expect(tidsOf('4035 ')).toEqual(new Set([appTid]));
  });
});

describe('createPerfettoTraceWriter', () => {
  it('writes the header and a named track with counters at 0 for each app at creation', () => {
    // Arrange
    const scenario = loadFixture('pipe-app');

    // Act
    const { chunks } = writeLive(scenario);

    // Assert
    expect(chunks.join('')).toMatch(/^\{"traceEvents":\[\n/);
    const events = eventsSoFar(chunks);
    expect(threadNames(events)).toEqual(['SMSvcHost', 'app inventory']);
    expect(events.filter((e) => e.ph === 'C')).toEqual([
      expect.objectContaining({ name: 'queue length (inventory)', ts: 0, args: { sessions: 0 } }),
      expect.objectContaining({ name: 'idle workers (inventory)', ts: 0, args: { workers: 0 } }),
    ]);
  });

  it('writes each record as it arrives and each session slice at its outcome, before end()', async () => {
    // Arrange
    const { sim, writer, chunks } = writeLive(loadFixture('dup-handle-failure'));
    const writtenAtRecord: number[] = [];
    const sessionSlicesAtOutcome: number[] = [];
    sim.events.on('event', () => writtenAtRecord.push(chunks.length));
    sim.events.on('eventLog', () => writtenAtRecord.push(chunks.length));
    sim.onOutcome(() =>
      sessionSlicesAtOutcome.push(eventsSoFar(chunks).filter((e) => e.ph === 'e').length),
    );

    // Act
    await sim.run();
    const beforeEnd = chunks.join('');
    writer.end();

    // Assert
    expect(writtenAtRecord.length).toBeGreaterThan(0);
    writtenAtRecord.forEach((written, i) => {
      expect(written).toBeGreaterThan(writtenAtRecord[i - 1] ?? 0);
    });
    expect(sessionSlicesAtOutcome).toEqual(sessionSlicesAtOutcome.map((_, i) => i + 1));
    expect(beforeEnd).not.toContain('displayTimeUnit');
    const trace = JSON.parse(chunks.join('')) as ChromeTrace;
    expect(trace.traceEvents).toHaveLength(eventsSoFar([beforeEnd]).length);
  });

  it('writes a well-formed document when end() follows a failed run, and keeps the cut-off sessions', async () => {
    // Arrange: the horizon is shorter than the workload.
    const { sim, writer, chunks } = writeLive(loadFixture('horizon'));
    const ended: number[] = [];
    sim.onOutcome((outcome) => ended.push(outcome.sessionId));

    // Act
    await expect(sim.run()).rejects.toMatchObject({ code: 'sim.horizon-exceeded' });
    writer.end();

    // Assert
    const trace = JSON.parse(chunks.join('')) as ChromeTrace;
    expect(trace.otherData).toMatchObject({ scenario: 'horizon' });
    expect(trace.traceEvents.filter((e) => e.ph === 'i').length).toBeGreaterThan(0);
    expect(trace.traceEvents.filter((e) => e.ph === 'b').map((e) => e.id)).toEqual(ended);
    expect(writer.openSessions).toBeGreaterThan(0);
  });

  it('writes nothing more after end(), however often it is called', async () => {
    // Arrange
    const { records, run } = await runFixture('pipe-app');
    const chunks: string[] = [];
    const writer = createPerfettoTraceWriter({
      scenario: 'pipe-app',
      seed: 1,
      apps: [],
      write: (text) => chunks.push(text),
    });
    writer.end();
    const ended = chunks.join('');

    // Act
    for (const record of records) writer.record(record);
    for (const outcome of run.outcomes) writer.outcome(outcome);
    writer.end();

    // Assert
    expect(chunks.join('')).toBe(ended);
    expect((JSON.parse(ended) as ChromeTrace).traceEvents.map((e) => e.name)).toEqual([
      'process_name',
      'thread_name',
      'thread_sort_index',
    ]);
  });

  it('gives an app that is not in the list its own track the first time the run names it', async () => {
    // Arrange
    const { sim, writer, chunks } = writeLive(loadFixture('pipe-app'), { apps: ['unused'] });

    // Act
    await sim.run();
    writer.end();

    // Assert
    const events = (JSON.parse(chunks.join('')) as ChromeTrace).traceEvents;
    const tidOf = (app: string) => events.find((e) => e.args?.['name'] === `app ${app}`)?.tid;
    expect(tidOf('unused')).toBe(100);
    expect(tidOf('inventory')).toBe(101);
    const firstUse = events.findIndex((e) => e.ph !== 'M' && e.tid === 101);
    const naming = events.findIndex((e) => e.name === 'thread_name' && e.tid === 101);
    expect(naming).toBeGreaterThanOrEqual(0);
    expect(naming).toBeLessThan(firstUse);
  });

  it('draws the same instants and slices live as formatPerfettoTrace from the recorded run', async () => {
    // Arrange
    const { sim, writer, chunks } = writeLive(loadFixture('dup-handle-failure'));
    const records = recordTrace(sim);

    // Act
    const result = await sim.run();
    writer.end();
    const recorded = formatPerfettoTrace({
      scenario: result.scenario,
      seed: result.seed,
      apps: sim.scenario.apps.map((app) => app.name),
      records,
      outcomes: sim.outcomes(),
    });

    // Assert: only the counters' order at one instant may differ (live, an outcome comes at
    // its moment; from arrays, after the events of its millisecond).
    const drawn = (text: string) =>
      (JSON.parse(text) as ChromeTrace).traceEvents
        .filter((e) => e.ph !== 'C')
        .map((e) => JSON.stringify(e))
        .sort();
    expect(drawn(chunks.join(''))).toEqual(drawn(recorded));
  });

  const bundled = readdirSync(new URL('../../scenarios/', import.meta.url))
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.slice(0, -'.yaml'.length));

  it.each(bundled)('holds no session state once every session of %s has ended', async (name) => {
    // Arrange
    const scenario = await loadScenario(bundledScenarioPath(name));
    const { sim, writer, chunks } = writeLive(scenario);

    // Act
    await sim.run();
    writer.end();

    // Assert
    expect(writer.openSessions).toBe(0);
    expect(() => JSON.parse(chunks.join('')) as unknown).not.toThrow();
  });
});
