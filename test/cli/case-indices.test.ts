// Which cases a search output holds, for `shrink --case` given one it does not hold (user
// report: `has no case 999` left the valid ones to guess).
import { describe, expect, it } from 'vitest';
import { describeCaseIndices } from '../../src/cli/case-indices.js';

describe('describeCaseIndices', () => {
  it.for([
    { case: 'a whole search', indices: [2, 0, 1, 3], shard: '1/1', said: 'its cases are 0..3' },
    { case: 'a merged search', indices: [0, 1, 2], shard: 'all', said: 'its cases are 0..2' },
    {
      case: 'a shard',
      indices: [1, 4, 7],
      shard: '2/3',
      said: 'shard 2/3: its cases are 1, 4, 7',
    },
    {
      case: 'a shard of many cases',
      indices: Array.from({ length: 100 }, (_, i) => 3 * i + 1),
      shard: '2/3',
      said: 'shard 2/3: its cases are 1, 4, 7, …, 298',
    },
    {
      case: 'ranges with gaps',
      indices: [0, 1, 2, 5, 8, 9],
      shard: 'all',
      said: 'its cases are 0..2, 5, 8..9',
    },
    { case: 'one case', indices: [5], shard: '1/1', said: 'its only case is 5' },
    { case: 'no case', indices: [], shard: '1/1', said: 'it has no cases' },
  ])('says $said for $case', ({ indices, shard, said }) => {
    // Act
    const text = describeCaseIndices(indices, shard);

    // Assert
    expect(text).toBe(said);
  });
});
