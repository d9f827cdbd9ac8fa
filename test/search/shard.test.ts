// Shards as headers write them (issue 13): read back, and the ones a merge still lacks.
import { describe, expect, it } from 'vitest';
import { WHOLE, inShard, missingShards, parseShard, shardIndices } from '../../src/search/shard.js';
import { sweepCases } from '../../src/search/sweep.js';

describe('parseShard', () => {
  it('reads k/n as written in headers', () => {
    expect(parseShard('3/7')).toEqual({ index: 3, count: 7 });
  });

  it.each(['all', '0/7', '8/7', '3/', 'auto/7', 3, undefined])('reads %j as no shard', (text) => {
    expect(parseShard(text)).toBeUndefined();
  });
});

describe('missingShards', () => {
  it('lists the shards of the count given that are not given, in order', () => {
    const given = [5, 1, 2, 3].map((index) => ({ index, count: 7 }));

    expect(missingShards(given, 100)).toEqual([
      { index: 4, count: 7 },
      { index: 6, count: 7 },
      { index: 7, count: 7 },
    ]);
  });

  it('leaves out the shards that hold no case', () => {
    expect(missingShards([{ index: 1, count: 7 }], 3)).toEqual([
      { index: 2, count: 7 },
      { index: 3, count: 7 },
    ]);
  });

  it('names none when the shards are of several counts', () => {
    const given = [
      { index: 1, count: 2 },
      { index: 2, count: 4 },
    ];

    expect(missingShards(given, 100)).toEqual([]);
  });
});

// A sparse shard of a huge range visited every index to find its own (user report:
// `--seeds 0..4294967295 --shard 7/1000000000` took 38.9 s for 5 cases, and Ctrl-C 22.7 s).
describe('shardIndices', () => {
  it('gives a shard its cases by steps of the shard count', () => {
    expect([...shardIndices({ index: 3, count: 7 }, 20)]).toEqual([2, 9, 16]);
    expect([...shardIndices(WHOLE, 3)]).toEqual([0, 1, 2]);
    expect([...shardIndices({ index: 8, count: 8 }, 5)]).toEqual([]);
  });

  it('holds the indices inShard holds, and no other', () => {
    for (const count of [1, 2, 3, 7]) {
      for (let index = 1; index <= count; index++) {
        const shard = { index, count };
        const all = Array.from({ length: 30 }, (_, i) => i).filter((i) => inShard(shard, i));
        expect([...shardIndices(shard, 30)]).toEqual(all);
      }
    }
  });
});

describe('sweepCases over a huge range, sparse shard', () => {
  it('yields its few cases', () => {
    const scenario = { name: 'x' } as never;
    const cases = sweepCases(
      [{ file: 'x.yaml', input: scenario, scenario }],
      { from: 0, to: 4_294_967_295 },
      { index: 7, count: 1_000_000_000 },
    );

    expect([...cases].map((c) => [c.index, c.seed])).toEqual([
      [6, 6],
      [1_000_000_006, 1_000_000_006],
      [2_000_000_006, 2_000_000_006],
      [3_000_000_006, 3_000_000_006],
      [4_000_000_006, 4_000_000_006],
    ]);
  });
});
