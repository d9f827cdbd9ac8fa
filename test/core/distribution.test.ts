// Duration distributions: draws from a RandomStream, clamped to [0, MAX_SAMPLE_MS] and rounded
// to the microsecond. Means are checked over 20k draws with a fixed seed.
import { describe, expect, it } from 'vitest';
import {
  fixed,
  MAX_SAMPLE_MS,
  meanOf,
  sample,
  type Distribution,
} from '../../src/core/distribution.js';
import { createRandom, type RandomStream } from '../../src/core/prng.js';

const SEED = 20261127;
const DRAWS = 20_000;

function draw(distribution: Distribution, count = DRAWS, seed = SEED): number[] {
  const stream = createRandom(seed).stream('distribution');
  return Array.from({ length: count }, () => sample(distribution, stream));
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

/** A stream that fails the test if anything is drawn from it. */
const noDraws: RandomStream = {
  name: 'no-draws',
  nextFloat: () => {
    throw new Error('nextFloat was drawn');
  },
  nextInt: () => {
    throw new Error('nextInt was drawn');
  },
  chance: () => {
    throw new Error('chance was drawn');
  },
  floatAt: () => {
    throw new Error('floatAt was drawn');
  },
  fork: () => noDraws,
};

function isWholeMicroseconds(value: number): boolean {
  return Math.round(value * 1000) / 1000 === value;
}

describe('sample', () => {
  it('gives a fixed value without drawing', () => {
    // Arrange
    const distribution = fixed(12.5);

    // Act
    const value = sample(distribution, noDraws);

    // Assert
    expect(value).toBe(12.5);
  });

  it('rounds and clamps a fixed value like any other sample', () => {
    // Arrange
    const values = [fixed(1.23456789), fixed(-3), fixed(0.0004)];

    // Act
    const sampled = values.map((d) => sample(d, noDraws));

    // Assert
    expect(sampled).toEqual([1.235, 0, 0]);
  });

  it.each([
    { kind: 'exponential', distribution: { kind: 'exponential', mean: 10 }, expected: 10 },
    { kind: 'uniform', distribution: { kind: 'uniform', min: 2, max: 6 }, expected: 4 },
    { kind: 'normal', distribution: { kind: 'normal', mean: 50, stddev: 5 }, expected: 50 },
    {
      kind: 'lognormal',
      distribution: { kind: 'lognormal', median: 20, sigma: 0.5 },
      expected: 20 * Math.exp(0.125),
    },
  ] satisfies { kind: string; distribution: Distribution; expected: number }[])(
    'gives $kind samples a mean within 2% of $expected',
    ({ distribution, expected }) => {
      // Arrange
      const tolerance = 0.02 * expected;

      // Act
      const values = draw(distribution);

      // Assert
      expect(Math.abs(mean(values) - expected)).toBeLessThan(tolerance);
      expect(meanOf(distribution)).toBeCloseTo(expected, 9);
    },
  );

  it('keeps uniform samples within [min, max]', () => {
    // Arrange
    const distribution: Distribution = { kind: 'uniform', min: 2, max: 6 };

    // Act
    const values = draw(distribution);

    // Assert
    expect(Math.min(...values)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...values)).toBeLessThanOrEqual(6);
  });

  it('gives exponential samples the spread of an exponential (stddev close to the mean)', () => {
    // Arrange
    const distribution: Distribution = { kind: 'exponential', mean: 10 };

    // Act
    const values = draw(distribution);
    const m = mean(values);
    const stddev = Math.sqrt(mean(values.map((v) => (v - m) ** 2)));

    // Assert
    expect(Math.abs(stddev - 10)).toBeLessThan(0.5);
  });

  it('gives normal samples the requested standard deviation', () => {
    // Arrange
    const distribution: Distribution = { kind: 'normal', mean: 50, stddev: 5 };

    // Act
    const values = draw(distribution);
    const m = mean(values);
    const stddev = Math.sqrt(mean(values.map((v) => (v - m) ** 2)));

    // Assert
    expect(Math.abs(stddev - 5)).toBeLessThan(0.15);
  });

  it('clamps normal samples at 0, so about P(Z < -mean/stddev) of them are 0', () => {
    // Arrange: mean 1, stddev 2, so P(X <= 0) = P(Z < -0.5) = 0.3085
    const distribution: Distribution = { kind: 'normal', mean: 1, stddev: 2 };

    // Act
    const values = draw(distribution);
    const zeros = values.filter((v) => v === 0).length / values.length;

    // Assert
    expect(Math.min(...values)).toBe(0);
    expect(Math.abs(zeros - 0.3085)).toBeLessThan(0.015);
  });

  it('gives lognormal samples the requested median', () => {
    // Arrange
    const distribution: Distribution = { kind: 'lognormal', median: 20, sigma: 0.5 };

    // Act
    const values = draw(distribution);

    // Assert
    expect(Math.abs(median(values) - 20)).toBeLessThan(0.4);
  });

  it.each([
    { kind: 'fixed', distribution: fixed(-3) },
    { kind: 'uniform', distribution: { kind: 'uniform', min: -5, max: 5 } },
    { kind: 'exponential', distribution: { kind: 'exponential', mean: 0.01 } },
    { kind: 'normal', distribution: { kind: 'normal', mean: 0, stddev: 3 } },
    { kind: 'lognormal', distribution: { kind: 'lognormal', median: 0.001, sigma: 2 } },
  ] satisfies { kind: string; distribution: Distribution }[])(
    'never gives a negative $kind sample',
    ({ distribution }) => {
      // Arrange
      const count = 5000;

      // Act
      const values = draw(distribution, count);

      // Assert
      expect(values.filter((v) => v < 0 || Object.is(v, -0))).toEqual([]);
    },
  );

  it.each([
    { kind: 'fixed', distribution: fixed(1.23456789) },
    { kind: 'uniform', distribution: { kind: 'uniform', min: 0.1, max: 0.3 } },
    { kind: 'exponential', distribution: { kind: 'exponential', mean: 3.3 } },
    { kind: 'normal', distribution: { kind: 'normal', mean: 7.77, stddev: 1.11 } },
    { kind: 'lognormal', distribution: { kind: 'lognormal', median: 2.5, sigma: 1 } },
  ] satisfies { kind: string; distribution: Distribution }[])(
    'rounds $kind samples to the microsecond',
    ({ distribution }) => {
      // Arrange
      const count = 5000;

      // Act
      const values = draw(distribution, count);

      // Assert
      expect(values.filter((v) => !isWholeMicroseconds(v))).toEqual([]);
    },
  );

  it.each([
    { case: 'fixed Infinity', distribution: fixed(Number.POSITIVE_INFINITY) },
    { case: 'fixed NaN', distribution: fixed(Number.NaN) },
    {
      case: 'uniform up to MAX_VALUE',
      distribution: { kind: 'uniform', min: 0, max: Number.MAX_VALUE },
    },
    {
      case: 'uniform over the whole line',
      distribution: {
        kind: 'uniform',
        min: Number.NEGATIVE_INFINITY,
        max: Number.POSITIVE_INFINITY,
      },
    },
    { case: 'exponential mean 1.8e305', distribution: { kind: 'exponential', mean: 1.8e305 } },
    {
      case: 'exponential mean Infinity',
      distribution: { kind: 'exponential', mean: Number.POSITIVE_INFINITY },
    },
    { case: 'normal stddev 1e308', distribution: { kind: 'normal', mean: 0, stddev: 1e308 } },
    {
      case: 'lognormal sigma 1000',
      distribution: { kind: 'lognormal', median: 1e10, sigma: 1000 },
    },
    {
      case: 'lognormal median Infinity',
      distribution: { kind: 'lognormal', median: Number.POSITIVE_INFINITY, sigma: 1000 },
    },
  ] satisfies { case: string; distribution: Distribution }[])(
    'never gives a sample outside [0, MAX_SAMPLE_MS], Infinity or NaN ($case)',
    ({ distribution }) => {
      // Arrange
      const count = 2000;

      // Act
      const values = draw(distribution, count);

      // Assert
      expect(values.filter((v) => !(Number.isFinite(v) && v >= 0 && v <= MAX_SAMPLE_MS))).toEqual(
        [],
      );
    },
  );

  it('caps a draw beyond MAX_SAMPLE_MS at MAX_SAMPLE_MS (1e12 ms)', () => {
    // Arrange
    const distributions = [fixed(1e13), fixed(Number.POSITIVE_INFINITY), fixed(MAX_SAMPLE_MS)];

    // Act
    const sampled = distributions.map((d) => sample(d, noDraws));

    // Assert
    expect(MAX_SAMPLE_MS).toBe(1e12);
    expect(sampled).toEqual([1e12, 1e12, 1e12]);
  });

  it('gives the same samples for the same seed', () => {
    // Arrange
    const distribution: Distribution = { kind: 'exponential', mean: 5 };

    // Act
    const first = draw(distribution, 50, 123);
    const second = draw(distribution, 50, 123);

    // Assert
    expect(second).toEqual(first);
  });
});

describe('meanOf', () => {
  it.each([
    { kind: 'fixed', distribution: fixed(4), expected: 4 },
    { kind: 'uniform', distribution: { kind: 'uniform', min: 1, max: 9 }, expected: 5 },
    { kind: 'exponential', distribution: { kind: 'exponential', mean: 12 }, expected: 12 },
    { kind: 'normal', distribution: { kind: 'normal', mean: 3, stddev: 10 }, expected: 3 },
    {
      kind: 'lognormal',
      distribution: { kind: 'lognormal', median: 10, sigma: 1 },
      expected: 10 * Math.exp(0.5),
    },
  ] satisfies { kind: string; distribution: Distribution; expected: number }[])(
    'gives the $kind mean',
    ({ distribution, expected }) => {
      // Arrange
      const d = distribution;

      // Act
      const value = meanOf(d);

      // Assert
      expect(value).toBeCloseTo(expected, 12);
    },
  );
});
