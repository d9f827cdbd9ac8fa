// Shards as headers write them (issue 13): read back, and the ones a merge still lacks.
import { describe, expect, it } from 'vitest';
import { missingShards, parseShard } from '../../src/search/shard.js';

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
