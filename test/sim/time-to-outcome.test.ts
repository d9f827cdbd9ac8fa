// How long sessions took from arrival to outcome, per kind, in bounded memory: exact below
// 64 µs, within 1.6% above, the maximum exact.
import { describe, expect, it } from 'vitest';
import { ms } from '../../src/core/millis.js';
import type { SessionOutcome, SessionOutcomeKind } from '../../src/events/session-outcome.js';
import { TimeToOutcome } from '../../src/sim/time-to-outcome.js';

const outcome = (kind: SessionOutcomeKind, arrivedAtMs: number, atMs: number): SessionOutcome =>
  ({ kind, arrivedAtMs: ms(arrivedAtMs), atMs: ms(atMs) }) as unknown as SessionOutcome;

describe('TimeToOutcome', () => {
  it('gives the median, 99th percentile and maximum of each kind, kinds in catalogue order', () => {
    const times = new TimeToOutcome();
    for (let i = 1; i <= 100; i++) times.add(outcome('dispatched', 1000, 1000 + i * 0.001));
    times.add(outcome('queue-full', 5, 5));

    expect(times.list()).toEqual([
      { outcome: 'dispatched', count: 100, medianMs: 0.05, p99Ms: 0.099, maxMs: 0.1 },
      { outcome: 'queue-full', count: 1, medianMs: 0, p99Ms: 0, maxMs: 0 },
    ]);
  });

  // The histogram's 1.6% showed 1040.384 ms for a median the trace gave as 1039.258 (user
  // report): up to 64 sessions of a kind, their times are kept.
  it('gives exact figures for a kind of at most 64 sessions, and approximate ones past that', () => {
    const few = new TimeToOutcome();
    const tooks = [83.4, 45.125, 973.002, 1115.5, 1774.75];
    for (const took of tooks) few.add(outcome('dispatch-failed', 1000, 1000 + took));
    const many = new TimeToOutcome();
    for (let i = 1; i <= 65; i++) many.add(outcome('dispatched', 0, 1000 + i * 0.9));

    expect(few.list()).toEqual([
      { outcome: 'dispatch-failed', count: 5, medianMs: 973.002, p99Ms: 1774.75, maxMs: 1774.75 },
    ]);
    const [approximate] = many.list();
    const exactMedian = 1000 + 33 * 0.9;
    expect(approximate?.medianMs).not.toBe(exactMedian);
    expect(Math.abs((approximate?.medianMs ?? 0) - exactMedian) / exactMedian).toBeLessThan(0.016);
  });

  it.each([0.5, 1, 7.3, 503, 61_000, 2_147_483, 2_147_484, 86_400_000, 5e11])(
    'reports one time of %f ms within 1.6%, and as the exact maximum',
    (took) => {
      const times = new TimeToOutcome();
      times.add(outcome('dispatched', 100, 100 + took));

      const [time] = times.list();
      expect(time?.maxMs).toBeCloseTo(took, 3);
      expect(Math.abs((time?.medianMs ?? 0) - took) / took).toBeLessThanOrEqual(1 / 64);
      expect(time?.p99Ms).toBeLessThanOrEqual(took);
    },
  );

  it('keeps the tail: a few long waits among many short ones show at the 99th percentile', () => {
    const times = new TimeToOutcome();
    for (let i = 0; i < 980; i++) times.add(outcome('dispatched', 0, 1));
    for (let i = 0; i < 20; i++) times.add(outcome('dispatched', 0, 60_000));

    const [time] = times.list();
    expect(time?.medianMs).toBeCloseTo(1, 1);
    expect(Math.abs((time?.p99Ms ?? 0) - 60_000) / 60_000).toBeLessThanOrEqual(1 / 64);
    expect(time?.maxMs).toBe(60_000);
  });
});
