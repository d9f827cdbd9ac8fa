// Seeded randomness on pure-rand (STYLE rule 30). One root seed; each concern draws from
// its own named stream, derived from (seed, name) alone, so adding a fault rule or a
// retry policy never shifts arrival times, and a failing run replays from its seed.

import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** One independent stream of random draws. */
export interface RandomStream {
  /** The stream's name, e.g. `arrivals` or `faults/2`. */
  readonly name: string;
  /** @returns a float uniform in [0, 1) */
  nextFloat(): number;
  /**
   * @param min - lowest value (included)
   * @param max - highest value (included)
   * @returns an integer uniform in [min, max]
   */
  nextInt(min: number, max: number): number;
  /**
   * Draws once and compares with `probability`. A probability of 0 never succeeds and
   * 1 always does; a draw is consumed either way so the stream stays aligned.
   * @param probability - chance of true, in [0, 1]
   * @returns true with the given probability
   */
  chance(probability: number): boolean;
  /**
   * @param name - the child's name, appended to this stream's name
   * @returns an independent child stream derived from this stream's seed and the name
   */
  fork(name: string): RandomStream;
  /**
   * A draw keyed by integers rather than by position: a pure function of the stream's name
   * and the keys, which neither consumes nor depends on the stream's other draws. A fault
   * rule decides each opportunity (hook, app, ordinal) this way, so removing another rule,
   * or a change elsewhere in the run, never changes this rule's decision there.
   * @param a - the first 32-bit integer naming the opportunity
   * @param b - the second
   * @param c - the third
   * @returns a float uniform in [0, 1)
   */
  floatAt(a: number, b: number, c: number): number;
}

/** Stream names used by the simulator; users may fork others. */
export type StreamName =
  'arrivals' | 'preamble' | 'routing' | 'faults' | 'workers' | 'clients' | 'tie-order';

// FNV-1a over the UTF-16 code units, mixed with the seed: a stable 32-bit child seed.
function deriveSeed(seed: number, name: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // A final avalanche so that similar names give unrelated seeds.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  return hash | 0;
}

// murmur3's 32-bit finaliser: every input bit affects every output bit.
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// One key folded into each of two independent 32-bit hashes.
const foldA = (h: number, key: number): number =>
  mix32(Math.imul(h ^ (key | 0), 0xcc9e2d51) + 0xe6546b64);
const foldB = (h: number, key: number): number =>
  mix32(Math.imul(h ^ (key | 0), 0x1b873593) + 0x52dce729);

// Two independent 32-bit hashes of (seed, keys) make the 53 bits of a double in [0, 1).
// Three keys as parameters, not a rest array: a fault decision allocates nothing.
function floatAt(streamSeed: number, k1: number, k2: number, k3: number): number {
  const a = foldA(foldA(foldA(mix32(streamSeed ^ 0x9e3779b9), k1), k2), k3);
  const b = foldB(foldB(foldB(mix32(streamSeed ^ 0x7f4a7c15), k1), k2), k3);
  return ((a >>> 5) * 67108864 + (b >>> 6)) / 9007199254740992;
}

function createStream(seed: number, name: string): RandomStream {
  const streamSeed = deriveSeed(seed, name);
  const rng = xoroshiro128plus(streamSeed);
  return {
    name,
    nextFloat: () => uniformFloat64(rng),
    nextInt: (min, max) => uniformInt(rng, min, max),
    chance: (probability) => uniformFloat64(rng) < probability,
    fork: (child) => createStream(seed, `${name}/${child}`),
    floatAt: (a, b, c) => floatAt(streamSeed, a, b, c),
  };
}

/**
 * @param text - any text (an application name, a rule identity)
 * @returns a stable 32-bit key for {@link RandomStream.floatAt}
 */
export function keyOf(text: string): number {
  return deriveSeed(0, text) >>> 0;
}

/** The root of a run's randomness: hands out named streams. */
export interface Random {
  /** The seed everything derives from. */
  readonly seed: number;
  /**
   * @param name - the concern, e.g. `arrivals`
   * @returns the stream for that name; the same name always gives the same draws
   */
  stream(name: StreamName | (string & {})): RandomStream;
}

/** The largest seed: a run's seed is a 32-bit integer, from 0 to 4294967295. */
export const MAX_SEED = 0xffffffff;

/**
 * Creates the root randomness of a run.
 * @param seed - a 32-bit integer seed
 * @returns the root, from which named streams are taken
 * @throws RangeError when the seed is not a safe integer
 * @example
 * const random = createRandom(42);
 * const arrivals = random.stream('arrivals');
 * arrivals.nextFloat(); // the same value on every run with seed 42
 */
export function createRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`seed must be an integer, got ${String(seed)}`);
  }
  const seed32 = seed | 0;
  return {
    seed,
    stream: (name) => createStream(seed32, name),
  };
}
