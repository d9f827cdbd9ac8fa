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
 * The cases of a shard, by steps of the shard count: a sparse shard of a huge search visited
 * every index to find its own (user report: 5 cases of 4,294,967,296 took 38.9 s).
 * @param shard - a shard
 * @param total - the search's number of cases
 * @returns the 0-based indices of its cases, in order
 */
export function* shardIndices(shard: Shard, total: number): Generator<number> {
  for (let index = shard.index - 1; index < total; index += shard.count) yield index;
}

/**
 * @param shard - a shard
 * @returns it as written on the command line and in headers, e.g. `3/7`
 */
export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/**
 * @param text - a shard as {@link formatShard} writes it, e.g. `3/7`, read from a file
 * @returns the shard, or `undefined` when the text is no shard
 */
export function parseShard(text: unknown): Shard | undefined {
  const match = typeof text === 'string' ? /^(\d+)\/(\d+)$/.exec(text) : null;
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  return Number.isSafeInteger(count) && index >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * The shards of a search that holds cases no given shard holds (a shard with no case, when
 * there are more shards than cases, is never missing).
 * @param shards - the shards given, all of one count
 * @param total - the search's number of cases
 * @returns the shards missing, in order; none when the shards given are of several counts
 *   (then which shard is missing is not known)
 */
export function missingShards(shards: readonly Shard[], total: number): Shard[] {
  const count = shards[0]?.count;
  if (count === undefined || shards.some((shard) => shard.count !== count)) return [];
  const given = new Set(shards.map((shard) => shard.index));
  const missing: Shard[] = [];
  for (let index = 1; index <= Math.min(count, total); index++) {
    if (!given.has(index)) missing.push({ index, count });
  }
  return missing;
}
