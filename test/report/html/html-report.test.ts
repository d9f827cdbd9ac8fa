// The HTML report (issue 16) without a browser: one self-contained, deterministic document;
// the overview's figures come from the run; the first 4031's journey is kept with the explain
// text the CLI prints; and for long runs the file stays small because journeys and marks are
// sampled while every aggregate stays exact, all of it written as the run goes.
import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../../src/events/describe-event.js';
import { loadScenario } from '../../../src/io/load-scenario.js';
import { createPerfettoTraceWriter } from '../../../src/report/perfetto-trace.js';
import { formatEventExplanation } from '../../../src/report/event-explanation.js';
import type {
  ReportEnd,
  ReportJourney,
  ReportRecord,
} from '../../../src/report/html/html-report-data.js';
import type { ScenarioInput } from '../../../src/scenario/scenario-schema.js';
import { createSimulation } from '../../../src/sim/simulation.js';
import { createHtmlReportWriter } from '../../../src/report/html/html-report.js';
import { dataBlocks, runHtmlReport } from '../../helpers/html-report-run.js';

function endOf(html: string): ReportEnd {
  const [end] = dataBlocks(html, 'end');
  return end as ReportEnd;
}

function journeysOf(html: string): ReportJourney[] {
  return dataBlocks(html, 'journey') as ReportJourney[];
}

function marksOf(html: string): ReportRecord[] {
  return (dataBlocks(html, 'marks') as ReportRecord[][]).flat();
}

/** An M/M/8 pool at 80% load with 1% F1 and 1% F2 (as the benchmarks run). */
function mm8(sessions: number): ScenarioInput {
  return {
    name: 'html-mm8',
    config: { maxPendingConnections: 10_000 },
    appPools: [
      { name: 'Pool', startupMs: 0, startMode: 'AlwaysRunning', idleTimeoutMs: 0, maxProcesses: 8 },
    ],
    apps: [
      {
        name: 'bench',
        baseAddress: 'net.tcp://localhost/bench/',
        appPool: 'Pool',
        dispatchMs: { exponential: 8 },
      },
    ],
    workload: {
      sessions,
      arrivals: { poisson: { ratePerSec: 800 } },
      vias: [{ via: 'net.tcp://localhost/bench/service.svc' }],
    },
    faults: [
      { kind: 'duplicate-handle-failure', probability: 0.01 },
      { kind: 'worker-callback-failure', probability: 0.01 },
    ],
  };
}

describe('HTML report: worker-recycle-race', () => {
  it('is one document with its style and script inline and nothing to fetch', async () => {
    // Act
    const { html } = await runHtmlReport('worker-recycle-race');

    // Assert
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.endsWith('</body>\n</html>\n')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).toMatch(/<script>\n\(function \(\) \{/);
    // Every src or href stays in the page: data: URLs or fragments.
    const references = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(references.filter((r) => !/^(data:|#)/.test(r ?? ''))).toEqual([]);
    expect(html).not.toMatch(/@import|url\((?!#)/);
    expect(html).toContain("default-src 'none'");
  });

  it('keeps the journey of the 4031 session, its Event Log entry and what its client saw', async () => {
    // Act
    const { html } = await runHtmlReport('worker-recycle-race');

    // Assert
    const failed = journeysOf(html).filter((j) => j.outcome === 'dispatch-failed');
    expect(failed).toHaveLength(1);
    const [journey] = failed;
    expect(journey?.sessionId).toBe(1);
    expect(journey?.activityId).toBe('00000000-0000-0000-0000-000000000001');
    expect(journey?.records.map((r) => [r.key, r.lane])).toEqual([
      ['etw:1430', 'Listener'],
      ['etw:4001', 'Listener'],
      ['etw:4033', 'Routing'],
      ['etw:4034', 'Routing'],
      ['etw:4035', 'Message queue'],
      ['etw:4008', 'Message queue'],
      ['etw:4019', 'Message queue'],
      // The worker wrapped the socket before its recycle failed the callback (F2).
      ['etw:3358', 'Worker'],
      ['log:8', 'Event Log'],
      ['etw:4031', 'Message queue'],
      ['etw:3346', 'Listener'],
    ]);
    expect(journey?.client.result).toBe('reset');
    expect(journey?.reason).toMatch(/^F2: /);
  });

  // "PASSED: 0 expectations met" for a scenario with none (user report); the summary says DONE.
  it('says a run with no expectations is done, not passed', async () => {
    const { html } = await runHtmlReport({
      name: 'no-expectations',
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/' }],
      workload: { sessions: 2 },
    });

    expect(html).toContain(
      '<p id="verdict" class="verdict passed">DONE: no expectations to check</p>',
    );
  });

  it('shows the verdict, one bar per outcome, the expectations and the faults fired', async () => {
    // Act
    const { html, result } = await runHtmlReport('worker-recycle-race');

    // Assert
    expect(html).toContain('<p id="verdict" class="verdict passed">PASSED: 9 expectations met</p>');
    expect(html.match(/<rect class="bar outcome-/g)).toHaveLength(2);
    expect(html).toContain('<title>dispatched: 3</title>');
    expect(html).toContain('<title>dispatch-failed: 1</title>');
    expect(html.match(/<li class="expectation met">/g)).toHaveLength(result.expectations.length);
    expect(html).toMatch(/<td>app-pool-recycle<\/td><td class="num">1<\/td>/);
    expect(html).toMatch(/<td class="num">Event Log 8<\/td><td>MessageQueueDuplicatedSocketLeak/);
  });

  it('gives each outcome kind its time from arrival to outcome, as the summary does', async () => {
    const { html, result } = await runHtmlReport('hung-worker-3x-timeout');

    expect(html).toContain('<th>arrival to outcome</th>');
    expect(html).toMatch(
      /<td>dispatched<\/td><td class="num">5<\/td>.*?<td>median 57\.5 s, p99 59\.5 s, max 59\.5 s<\/td><\/tr>/,
    );
    expect(result.timeToOutcome).toHaveLength(2);
    // The failed session took the minute a real client's default OpenTimeout allows.
    expect(html).toMatch(
      /<td>1 min<div class="quote">it took 1 min or more, WCF&#39;s default OpenTimeout: a real client with that timeout gives up first \(TimeoutException\)<\/div><\/td>/,
    );
    expect(html.match(/OpenTimeout/g)).toHaveLength(1);
  });

  // The summary's reasons were left out of the report's table (user report: a recycle's three
  // aborted dispatches showed no why).
  it('gives each outcome kind its reasons, as the summary does', async () => {
    const { html } = await runHtmlReport('worker-recycle-race');

    expect(html).toContain('<th>why</th>');
    expect(html).toMatch(
      /<td>dispatch-failed<\/td><td class="num">1<\/td>.*?<td><div>why: F2: the worker process exited during the callback \(CommunicationObjectAbortedException\)<\/div><\/td>/,
    );
    // A plain dispatch needs no why.
    expect(html).toMatch(
      /<td>dispatched<\/td><td class="num">3<\/td>.*?<\/td><td><\/td><td>median/,
    );
  });

  it('balances the books over every session, the refused connections included', async () => {
    // Act: one of its 7 sessions is refused, never accepted, and still has its outcome.
    const { html, result } = await runHtmlReport('self-hosted-last-worker');

    // Assert
    expect([result.sessions, result.accepted, result.outcomes['connection-refused']]).toEqual([
      7, 6, 1,
    ]);
    expect(html).toContain(
      '<dt>books</dt><dd>balanced: one outcome per session (7 sessions, 7 outcomes)</dd>',
    );
  });

  it('carries the very text of `dispatchsim explain` for the events it shows', async () => {
    // Act
    const { html } = await runHtmlReport('worker-recycle-race');

    // Assert
    const { explanations } = endOf(html);
    const event = describeEvent(4031);
    expect(event).toBeDefined();
    if (event === undefined) return;
    expect(explanations['etw:4031']?.text).toBe(formatEventExplanation(event));
    expect(explanations['log:8']?.label).toBe('Event Log 8 MessageQueueDuplicatedSocketLeak');
    expect(Object.keys(explanations)).toContain('etw:4001');
  });

  it.for(['worker-recycle-race', 'dup-handle-failure', 'overload-burst'])(
    'draws the same pending-queue and idle-worker levels as the Perfetto counters (%s)',
    async (name) => {
      // Arrange: both writers on one run.
      const sim = createSimulation(await loadScenario(name));
      const apps = sim.scenario.apps.map((app) => app.name);
      const perfetto: string[] = [];
      const html: string[] = [];
      const writers = [
        createPerfettoTraceWriter({
          scenario: name,
          seed: 1,
          apps,
          write: (t) => perfetto.push(t),
        }),
        createHtmlReportWriter({ scenario: name, seed: 1, apps, write: (t) => html.push(t) }),
      ] as const;
      for (const writer of writers) {
        sim.events.on('event', writer.record);
        sim.events.on('eventLog', writer.record);
        sim.onOutcome(writer.outcome);
      }

      // Act
      const result = await sim.run();
      writers[0].end();
      writers[1].finish(result);

      // Assert: per app and bucket, the peak of the Perfetto counter's step function over the
      // bucket (the level carried in, unless a change lands on its start, and every change in it).
      const counters = (
        JSON.parse(perfetto.join('')) as {
          traceEvents: { ph: string; name: string; ts: number; args: Record<string, number> }[];
        }
      ).traceEvents.filter((e) => e.ph === 'C');
      const { series } = endOf(html.join(''));
      const peaks = (counter: string, arg: string, bucketMs: number, buckets: number): number[] => {
        // Perfetto writes both counters of an app whenever one changes: keep the changes.
        const steps = counters
          .filter((e) => e.name === counter)
          .map((e) => ({ atMs: e.ts / 1000, level: e.args[arg] ?? 0 }))
          .filter((c, i, all) => i === 0 || c.level !== all[i - 1]?.level);
        return Array.from({ length: buckets }, (_, i) => {
          const start = i * bucketMs;
          const before = steps.filter((c) => c.atMs < start).at(-1)?.level ?? 0;
          const within = steps.filter((c) => c.atMs >= start && c.atMs < start + bucketMs);
          const carried = within[0]?.atMs === start ? [] : [before];
          return Math.max(...carried, ...within.map((c) => c.level));
        });
      };
      for (const app of apps) {
        const { queue, idle } = series[app] ?? { queue: undefined, idle: undefined };
        if (queue === undefined || idle === undefined) throw new Error(`no series for ${app}`);
        expect(queue.values).toEqual(
          peaks(`queue length (${app})`, 'sessions', queue.bucketMs, queue.values.length),
        );
        expect(idle.values).toEqual(
          peaks(`idle workers (${app})`, 'workers', idle.bucketMs, idle.values.length),
        );
        expect(Math.max(...queue.values)).toBeGreaterThan(0);
      }
    },
  );

  it('gives the same bytes for the same scenario and seed', async () => {
    // Act
    const first = await runHtmlReport('worker-recycle-race');
    const second = await runHtmlReport('worker-recycle-race');
    const other = await runHtmlReport('worker-recycle-race', { seed: 2 });

    // Assert
    expect(second.html).toBe(first.html);
    expect(other.html).not.toBe(first.html);
  });
});

// Long runs take seconds on a loaded machine: these tests get a generous timeout.
describe(
  'HTML report: bounded size for long runs (M/M/8, 1% F1 + 1% F2)',
  { timeout: 120_000 },
  () => {
    it('keeps every aggregate exact and samples the journeys and marks of 20,000 sessions', async () => {
      // Act
      const run = await runHtmlReport(mm8(20_000), { seed: 7 });

      // Assert
      const { html, result } = run;
      const end = endOf(html);
      const journeys = journeysOf(html);
      const failures = result.eventCounts['4031'] ?? 0;
      expect(failures).toBeGreaterThan(200);
      // Exact: the counts per key and per bucket add up to the run's.
      expect(end.markCounts['etw:4031']).toBe(failures);
      expect(end.errors['etw:4031']?.values.reduce((a, b) => a + b, 0)).toBe(failures);
      expect(end.sessionsEnded).toBe(result.accepted);
      expect(html).toContain(
        `<title>dispatch-failed: ${result.outcomes['dispatch-failed'].toLocaleString('en-US')}</title>`,
      );
      // Sampled: what is kept is bounded and said.
      expect(journeys).toHaveLength(end.journeysKept);
      expect(end.journeysKept).toBeLessThanOrEqual(400);
      expect(end.journeysKept).toBeLessThan(result.accepted / 50);
      const marks = marksOf(html);
      expect(marks).toHaveLength(end.marksKept);
      expect(marks.filter((m) => m.key === 'etw:4031').length).toBeLessThan(failures / 2);
      expect(html).toContain(
        `${end.journeysKept.toLocaleString('en-US')} of ${result.accepted.toLocaleString('en-US')} sessions' journeys`,
      );
      // The first 4031 is always among them.
      expect(journeys.find((j) => j.outcome === 'dispatch-failed')).toBeDefined();
      // Worker processes: 64 lanes, the others counted (each F2 ends its worker).
      expect(end.workers).toHaveLength(64);
      expect(end.workersNotDrawn).toBeGreaterThan(result.outcomes['dispatch-failed'] / 4);
      expect(html).toContain(
        `${end.workersNotDrawn.toLocaleString('en-US')} worker processes beyond the first 64 have no lane.`,
      );
      // Each series stays within its bucket limit.
      expect(end.series['bench']?.queue.values.length).toBeLessThanOrEqual(1024);
      expect(html.length).toBeLessThan(3_000_000);
    });

    it('is written as the run goes and holds no session once the run has ended', async () => {
      // Act
      const run = await runHtmlReport(mm8(5_000), { seed: 3 });

      // Assert
      expect(run.openSessionsAtEnd).toBe(0);
      expect(run.pieces.length).toBeGreaterThan(50);
      expect(run.writtenDuringRun).toBeGreaterThan(run.html.length / 2);
    });

    it('grows with the logarithm of the run: 8 times the sessions, less than twice the size', async () => {
      // Act
      const small = await runHtmlReport(mm8(2_500), { seed: 5 });
      const large = await runHtmlReport(mm8(20_000), { seed: 5 });

      // Assert
      expect(large.result.accepted).toBeGreaterThan(7 * small.result.accepted);
      expect(large.html.length).toBeLessThan(2 * small.html.length);
    });
  },
);

describe('HTML report: the end of the document', () => {
  it('is written once: end() after finish() writes nothing', async () => {
    // Arrange
    const { writer, pieces } = await runHtmlReport('dup-handle-failure');
    const before = pieces.length;

    // Act
    writer.end();
    writer.finish((await runHtmlReport('dup-handle-failure')).result);

    // Assert
    expect(pieces).toHaveLength(before);
  });
});
