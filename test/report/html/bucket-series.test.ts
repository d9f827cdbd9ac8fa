// BucketSeries (issue 16): a counter over virtual time in bounded buckets that widen as the
// run goes on, keeping each bucket's peak or total exact.
import { describe, expect, it } from 'vitest';
import { BucketSeries } from '../../../src/report/html/bucket-series.js';

describe('BucketSeries', () => {
  it('keeps a level per 1 ms bucket while the run is short, carrying it forward', () => {
    // Arrange
    const series = new BucketSeries('peak', 8);

    // Act
    series.set(1, 2);
    series.set(1.5, 1);
    series.set(4, 3);

    // Assert
    expect(series.data(6)).toEqual({ bucketMs: 1, values: [0, 2, 1, 1, 3, 3, 3] });
  });

  it('widens to twice the width when time passes the last bucket, keeping each peak', () => {
    // Arrange
    const series = new BucketSeries('peak', 4);

    // Act
    series.set(0, 5);
    series.set(1, 1);
    series.set(3, 4);
    series.set(4, 0);

    // Assert: buckets [0,2) and [2,4) and [4,6).
    expect(series.data()).toEqual({ bucketMs: 2, values: [5, 4, 0] });
  });

  it('keeps totals exact however often it widens', () => {
    // Arrange
    const series = new BucketSeries('total', 16);

    // Act
    for (let t = 0; t < 100_000; t += 7) series.add(t);

    // Assert
    const { bucketMs, values } = series.data();
    expect(values.length).toBeLessThanOrEqual(16);
    expect(bucketMs).toBe(8192);
    expect(values.reduce((a, b) => a + b, 0)).toBe(Math.ceil(100_000 / 7));
  });
});
