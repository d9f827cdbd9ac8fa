// What serve prints when it stops: one column for every outcome's count, whatever the label.
import { describe, expect, it } from 'vitest';
import { performanceCounterNames } from '../../src/events/performance-counters.js';
import { sessionOutcomeKinds } from '../../src/events/session-outcome.js';
import { formatLiveSummary, type LiveSummary } from '../../src/live/live-summary.js';

const summary: LiveSummary = {
  scenario: 'live',
  seed: 1,
  host: '127.0.0.1',
  port: 8080,
  uptimeMs: 3300,
  connections: 7,
  outcomes: {
    ...Object.fromEntries(sessionOutcomeKinds.map((kind) => [kind, 0])),
    'no-route': 3,
    dispatched: 1,
  } as LiveSummary['outcomes'],
  open: 1,
  preambleAborts: { 'the preamble timed out': 1 },
  refusedConnections: { 'the listen backlog was full': 1 },
  workerRefusals: {},
  closedBeforePreamble: 1,
  eventCounts: new Map(),
  eventLogCounts: new Map(),
  counters: Object.fromEntries(
    performanceCounterNames.map((name) => [name, 0]),
  ) as unknown as LiveSummary['counters'],
  workerProcesses: 1,
  faultsFired: {},
};

describe('formatLiveSummary', () => {
  it('lines up every outcome count in one column, closed-before-preamble included', () => {
    const text = formatLiveSummary(summary);
    const outcomes = text.slice(text.indexOf('outcomes:\n') + 10, text.indexOf('events:'));
    const lines = outcomes.trimEnd().split('\n');
    expect(lines.map((line) => line.trim().split(/\s+/)[0])).toEqual([
      'dispatched',
      'no-route',
      'open',
      'connection-refused',
      'preamble-aborted',
      'closed-before-preamble',
    ]);
    const columns = lines.map((line) => line.search(/ \d/));
    expect(new Set(columns).size).toBe(1);
  });

  // `4023  WasCloseAllListenerChannelInstancesCompleted 1` stood out of its column: the
  // name column was 40 wide (user report).
  it('lines up event counts in one column, however long the names', () => {
    const text = formatLiveSummary({
      ...summary,
      eventCounts: new Map([
        [4001, 7],
        [4023, 1],
      ]),
    });

    const events = text.slice(text.indexOf('events:\n') + 8, text.indexOf('counters:'));
    const columns = events
      .trimEnd()
      .split('\n')
      .map((line) => line.search(/ \d+$/));
    expect(columns).toHaveLength(2);
    expect(new Set(columns).size).toBe(1);
  });

  it('lists the dispatched sessions the worker refused by its answer, and nothing when none', () => {
    // Arrange
    const refused = { ...summary, workerRefusals: { MaxMessageSizeExceededFault: 2, reset: 1 } };

    // Act
    const text = formatLiveSummary(refused);

    // Assert
    expect(text.slice(text.indexOf('refused by'), text.indexOf('events:'))).toBe(
      'refused by the worker after dispatch:\n  MaxMessageSizeExceededFault  2\n  reset                        1\n',
    );
    expect(formatLiveSummary(summary)).not.toContain('refused by');
  });

  it('ends with the faults fired by kind, as the run report does, or none', () => {
    // The run report has a "Faults fired" section; serve's summary said nothing of them.
    const fired = formatLiveSummary({
      ...summary,
      faultsFired: { 'worker-crash': 1, 'service-stop': 12 },
    });
    expect(fired.slice(fired.indexOf('faults fired'))).toBe(
      'faults fired:\n  worker-crash   1\n  service-stop  12\n',
    );
    expect(formatLiveSummary(summary)).toMatch(/\nfaults fired: {2}none\n$/);
  });
});
