// Shards (issue 13): case i belongs to shard k of n when i % n == k - 1, so n machines that
// each run their shard together run every case exactly once, whatever n is.

/** One shard of n: `index` is 1-based. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The whole search as one shard. */
export const WHOLE: Shard = { index: 1, count: 1 };

/**
 * @param shard - a shard
 * @param caseIndex - a case's 0-based index
 * @returns whether the case belongs to the shard
 */
export function inShard(shard: Shard, caseIndex: number): boolean {
  return caseIndex % shard.count === shard.index - 1;
}

/**
 * @param shard - a shard
 * @returns it as written on the command line and in headers, e.g. `3/7`
 */
export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
