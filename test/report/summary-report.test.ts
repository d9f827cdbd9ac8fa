// The run summary (issue 6): pure text from a RunResult, with injected colours and wall time.
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/report/format-duration.js';
import { replayCommand } from '../../src/report/replay-command.js';
import { formatSummary } from '../../src/report/summary-report.js';
import type { TextStyle } from '../../src/report/text-style.js';
import { loadFixture } from '../helpers/load-fixture.js';
import { runBundled } from '../helpers/run-bundled.js';
import { runRecorded } from '../helpers/run-recorded.js';

async function resultOf(name: string) {
  return (await runRecorded(loadFixture(name))).result;
}

const bracketStyle: TextStyle = {
  bold: (t) => `<b>${t}</b>`,
  dim: (t) => `<dim>${t}</dim>`,
  red: (t) => `<red>${t}</red>`,
  green: (t) => `<green>${t}</green>`,
  yellow: (t) => `<yellow>${t}</yellow>`,
  cyan: (t) => `<cyan>${t}</cyan>`,
};

describe('formatSummary', () => {
  it('styles through the injected formatter without breaking the alignment', async () => {
    // Arrange
    const result = await resultOf('failing-expectation');

    // Act
    const text = formatSummary({ file: 'f.yaml', result, wallMs: 20 }, { style: bracketStyle });

    // Assert
    expect(text).toContain('<b><red>FAIL</red></b>  1 of 2 expectations not met');
    expect(text).toContain('seed <cyan>3</cyan>,');
    expect(text).toMatch(/<b><red>NOT MET<\/red><\/b> {2}event 4031/);
    expect(text).toMatch(/<green>met {4}<\/green> {2}outcome dispatched/);
  });

  // A rule whose nthSession went to another app never fired, and the summary did not say so:
  // it listed only the kinds that fired (user report).
  it('names each fault rule that never fired, with what narrows it', async () => {
    // Arrange
    const { result } = await runRecorded({
      name: 'never-fired',
      apps: [
        { name: 'orders', baseAddress: 'net.tcp://localhost/orders/' },
        { name: 'billing', baseAddress: 'net.tcp://localhost/billing/' },
      ],
      workload: {
        sessions: 4,
        arrivals: { fixed: { intervalMs: 10 } },
        vias: [{ via: 'net.tcp://localhost/billing/service.svc' }],
      },
      faults: [
        { kind: 'duplicate-handle-failure', nthSession: 2 },
        { kind: 'duplicate-handle-failure', nthSession: 3, target: { app: 'orders' } },
        { kind: 'worker-hang', id: 'slow', probability: 0 },
      ],
    });

    // Act
    const text = formatSummary({ file: 'f.yaml', result, wallMs: 20 });

    // Assert
    const section = text.slice(text.indexOf('Faults fired'), text.indexOf('Expectations'));
    expect(section.split('\n')).toEqual([
      'Faults fired',
      '  duplicate-handle-failure  1',
      '  faults[1] duplicate-handle-failure (nthSession 3, target app orders): never fired',
      "  faults[2] worker-hang 'slow' (probability 0): never fired",
      '',
      '',
    ]);
  });

  // 0.3% of sessions got 4031 and 20% of attempts failed on a full queue, and the summary
  // pointed to 4031 only: each 4031 takes its worker out while a new one starts, and the
  // queue fills meanwhile; explain 4010 says so (user report).
  it('points to the second event worth explaining as well as the first', async () => {
    // Arrange: one worker; the first dispatch fails (F2), the worker restarts for 500 ms and
    // the sessions arriving meanwhile pass a queue of 5.
    const { result } = await runRecorded({
      name: 'storm',
      config: { maxPendingConnections: 5 },
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', maxProcesses: 1, startupMs: 500 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: { sessions: 40, startMs: 600, arrivals: { fixed: { intervalMs: 10 } } },
      faults: [{ kind: 'worker-callback-failure', nthSession: 1 }],
    });

    // Act
    const text = formatSummary({ file: 'storm.yaml', result, wallMs: 5 });

    // Assert
    expect(result.eventCounts['4010']).toBeGreaterThan(0);
    expect(text).toContain(
      'What an event means:  dispatchsim explain 4031, dispatchsim explain 4010',
    );
  });

  it('reports a failed determinism check as a failure with both lines', async () => {
    // Arrange
    const result = await resultOf('healthy-baseline');

    // Act
    const text = formatSummary({
      file: 'f.yaml',
      result,
      wallMs: 20,
      sessionsOverride: 50,
      determinism: {
        seed: 42,
        lines: 10,
        identical: false,
        difference: { line: 4, first: '{"seq":4}', second: '{"seq":5}' },
      },
    });

    // Assert
    expect(text).toContain(
      'DIFFERENT  a second run with seed 42 first differs at trace line 4:\n    first run:  {"seq":4}\n    second run: {"seq":5}',
    );
    expect(text).toContain('FAIL  the same seed gave a different trace');
    expect(text).toContain('dispatchsim run f.yaml --seed 42 --sessions 50');
  });
});

// Sessions queued behind a hung worker were `dispatched` after ten minutes, and only the
// trace said how long they had waited (user report).
describe('the time from arrival to outcome', () => {
  it('is given under each outcome kind: median, p99 and maximum, or the one time', async () => {
    const result = (await runBundled('hung-worker-3x-timeout')).result;

    const text = formatSummary({ file: 'f.yaml', result, wallMs: 20 }, { style: bracketStyle });

    expect(text).toContain('<dim>arrival to outcome: median 57.5 s, p99 59.5 s, max 59.5 s</dim>');
    expect(text).toContain('<dim>arrival to outcome: 1 min</dim>');
    expect(result.timeToOutcome.map((t) => [t.outcome, t.count, t.maxMs])).toEqual([
      ['dispatched', 5, 59_510],
      ['dispatch-failed', 1, 60_000],
    ]);
  });

  // The simulated clients wait for ever: a wait of a minute or more read as "ok" where a real
  // client with WCF's default OpenTimeout gives up (user report).
  it("says when the longest took WCF's default OpenTimeout or more, and only then", async () => {
    const result = (await runBundled('hung-worker-3x-timeout')).result;

    const text = formatSummary({ file: 'f.yaml', result, wallMs: 20 }, { style: bracketStyle });

    // The 5 dispatched sessions took at most 59.5 s; the failed one took the minute.
    expect(text.match(/OpenTimeout/g)).toHaveLength(1);
    expect(text).toContain(
      "<dim>arrival to outcome: 1 min</dim>\n                      <yellow>it took 1 min or more, WCF's default OpenTimeout: a real client with that timeout gives up first (TimeoutException)</yellow>",
    );
  });

  it('gives one time for sessions that all took it', async () => {
    const result = (await runBundled('port-sharing-stopped')).result;

    const text = formatSummary({ file: 'f.yaml', result, wallMs: 20 }, { style: bracketStyle });

    // 20 refused and 5 no-route sessions, each at once.
    expect(text.match(/<dim>arrival to outcome: 0 ms each<\/dim>/g)).toHaveLength(2);
  });
});

describe('formatDuration', () => {
  it.each([
    [0.25, '0.25 ms'],
    [520, '520 ms'],
    [3350, '3.35 s'],
    [42_000, '42 s'],
    [125_000, '2 min 5 s'],
    [12_000_000, '3 h 20 min'],
  ])('formats %d ms as %s', (value, text) => {
    expect(formatDuration(value)).toBe(text);
  });
});

describe('replayCommand', () => {
  it('quotes a file name a shell would split', () => {
    expect(replayCommand("my scenarios/it's.yaml", { seed: 3 })).toBe(
      `dispatchsim run 'my scenarios/it'\\''s.yaml' --seed 3`,
    );
  });
});
