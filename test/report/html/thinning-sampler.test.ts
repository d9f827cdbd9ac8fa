// ThinningSampler (issue 16): what a long run's report keeps, decided item by item.
import { describe, expect, it } from 'vitest';
import { ThinningSampler } from '../../../src/report/html/thinning-sampler.js';

function keptIndexes(sampler: ThinningSampler, key: string, count: number): number[] {
  const kept: number[] = [];
  for (let i = 0; i < count; i++) if (sampler.keep(key)) kept.push(i);
  return kept;
}

describe('ThinningSampler', () => {
  it('keeps the first items of a key, then every 2nd, 4th, … as the key doubles', () => {
    // Act
    const kept = keptIndexes(new ThinningSampler(4, 100), 'k', 32);

    // Assert
    expect(kept).toEqual([0, 1, 2, 3, 4, 6, 8, 12, 16, 24]);
  });

  it('keeps a number that grows with the logarithm of the run, per key', () => {
    // Arrange
    const sampler = new ThinningSampler(16, 10_000);

    // Act
    const rare = keptIndexes(sampler, 'rare', 3);
    const common = keptIndexes(sampler, 'common', 1_000_000);

    // Assert: 16 first, then 8 per doubling from 16 to 1M (16 doublings).
    expect(rare).toEqual([0, 1, 2]);
    expect(common.length).toBe(16 + 8 * 16);
    expect(common.at(-1)).toBeGreaterThan(900_000);
  });

  it('never keeps more than its cap in all', () => {
    // Arrange
    const sampler = new ThinningSampler(16, 20);

    // Act
    keptIndexes(sampler, 'a', 100);
    const late = keptIndexes(sampler, 'b', 100);

    // Assert: 16 of a, then every 2nd up to the cap; nothing of b.
    expect(sampler.kept).toBe(20);
    expect(late).toEqual([]);
  });
});
