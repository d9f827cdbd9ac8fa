// The Perfetto trace (issue 6), checked structurally: valid Chrome Trace Event JSON, async
// session slices paired by id, microsecond timestamps from virtual time, dispatch slices that
// never overlap on a track, numeric counters, and named tracks.
import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../src/events/trace.js';
import {
  buildPerfettoTrace,
  formatPerfettoTrace,
  toMicros,
  type ChromeTraceEvent,
} from '../../src/report/perfetto-trace.js';
import { loadFixture } from '../helpers/load-fixture.js';
import { runRecorded, type RecordedRun } from '../helpers/run-recorded.js';

async function runFixture(name: string): Promise<{ run: RecordedRun; records: TraceRecord[] }> {
  const run = await runRecorded(loadFixture(name));
  const records = [...run.events, ...run.eventLog].sort((a, b) => a.seq - b.seq);
  return { run, records };
}

function traceOf(run: RecordedRun, records: readonly TraceRecord[], level?: 'Error') {
  const input = {
    scenario: run.result.scenario,
    seed: run.result.seed,
    records,
    outcomes: run.outcomes,
  };
  const text = formatPerfettoTrace(input, { level });
  return JSON.parse(text) as { traceEvents: ChromeTraceEvent[]; displayTimeUnit: string };
}

describe.each(['dup-handle-failure', 'pipe-app'])('Perfetto trace of %s', (name) => {
  it('is Chrome Trace Event JSON with numeric microsecond timestamps', async () => {
    // Arrange
    const { run, records } = await runFixture(name);

    // Act
    const trace = traceOf(run, records);

    // Assert
    expect(Array.isArray(trace.traceEvents)).toBe(true);
    expect(trace.displayTimeUnit).toBe('ms');
    for (const event of trace.traceEvents) {
      expect(Number.isInteger(event.ts)).toBe(true);
      expect(event.ts).toBeGreaterThanOrEqual(0);
      expect(['M', 'i', 'b', 'e', 'B', 'E', 'C']).toContain(event.ph);
      expect(typeof event.pid).toBe('number');
      expect(typeof event.tid).toBe('number');
    }
    const timeline = trace.traceEvents.filter((e) => e.ph !== 'M');
    expect(timeline.map((e) => e.ts)).toEqual([...timeline.map((e) => e.ts)].sort((a, b) => a - b));
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

  it('never overlaps B/E slices on a track, and closes every one', async () => {
    // Arrange
    const { run, records } = await runFixture(name);

    // Act
    const events = traceOf(run, records).traceEvents;

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
    const counters = traceOf(run, records).traceEvents.filter((e) => e.ph === 'C');

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
    expect(last('idle workers')).toEqual({ workers: run.result.counters.registrationsActive });
  });

  it('names the process and every track it uses', async () => {
    // Arrange
    const { run, records } = await runFixture(name);

    // Act
    const events = traceOf(run, records).traceEvents;

    // Assert
    const named = new Set(events.filter((e) => e.name === 'thread_name').map((e) => e.tid));
    const used = new Set(events.filter((e) => ['i', 'B', 'E'].includes(e.ph)).map((e) => e.tid));
    for (const tid of used) expect(named).toContain(tid);
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
    const trace = buildPerfettoTrace({
      scenario: 'pipe-app',
      seed: 11,
      records,
      outcomes: run.outcomes,
    });

    // Assert
    const queue = trace.traceEvents.filter((e) => e.name === 'queue length (inventory)');
    expect(Math.max(...queue.map((e) => Number(e.args?.['sessions'])))).toBeGreaterThan(1);
    const names = trace.traceEvents
      .filter((e) => e.name === 'thread_name')
      .map((e) => e.args?.['name']);
    expect(names).toEqual([
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
});
