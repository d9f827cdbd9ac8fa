// BucketSeries: a counter over virtual time kept in a bounded number of equal buckets (issue
// 16, bounded size). The run's length is not known in advance, so buckets start 1 ms wide and
// double (neighbours merged) whenever time runs past the last one: memory and output stay
// under `maxBuckets` values however long the run, and each bucket's value is exact for its
// span (the peak of a level such as the queue length, or the total of a count such as the
// 4031s in it).

/** How a bucket combines what happens within it. */
export type BucketMode = 'peak' | 'total';

/** A series as written into the report. */
export interface BucketSeriesData {
  /** The width of every bucket, in ms of virtual time. */
  readonly bucketMs: number;
  /**
   * One value per bucket from time 0: the highest level within it (`peak`), or the sum of
   * what was counted in it (`total`).
   */
  readonly values: readonly number[];
}

/** A counter bucketed over virtual time, in bounded memory. */
export class BucketSeries {
  readonly #mode: BucketMode;
  readonly #max: number;
  #bucketMs = 1;
  readonly #values: number[] = [];
  /** The current level (`peak` mode): what buckets after the last change hold. */
  #level = 0;

  /**
   * @param mode - `peak` for a level (each bucket keeps its highest), `total` for a count
   * @param maxBuckets - at most this many buckets (even, at least 2) @default 1024
   */
  constructor(mode: BucketMode, maxBuckets = 1024) {
    this.#mode = mode;
    this.#max = Math.max(2, maxBuckets - (maxBuckets % 2));
  }

  /**
   * Sets the level at a time (`peak` mode). Times must not decrease.
   * @param atMs - virtual time
   * @param level - the new level
   */
  set(atMs: number, level: number): void {
    const t = Math.max(0, atMs);
    const index = this.#reach(t, true);
    // A bucket this change opens holds the old level too only if time passed within it first.
    const opened = index >= this.#values.length;
    const before = opened
      ? t > index * this.#bucketMs
        ? this.#level
        : level
      : (this.#values[index] ?? level);
    this.#level = level;
    this.#values[index] = Math.max(before, level);
  }

  /**
   * Counts at a time (`total` mode). Times must not decrease.
   * @param atMs - virtual time
   * @param amount - what to add @default 1
   */
  add(atMs: number, amount = 1): void {
    const index = this.#reach(atMs);
    this.#values[index] = (this.#values[index] ?? 0) + amount;
  }

  /**
   * @param endMs - the end of the run: buckets up to it are filled in
   * @returns the buckets so far
   */
  data(endMs?: number): BucketSeriesData {
    if (endMs !== undefined) this.#reach(endMs);
    return { bucketMs: this.#bucketMs, values: [...this.#values] };
  }

  /** Widens the buckets until `atMs` falls in one, fills those up to it, returns its index. */
  #reach(atMs: number, open = false): number {
    const t = Math.max(0, atMs);
    while (Math.floor(t / this.#bucketMs) >= this.#max) this.#widen();
    const index = Math.floor(t / this.#bucketMs);
    const fill = this.#mode === 'peak' ? this.#level : 0;
    // With `open`, the bucket of `atMs` itself is left for the caller to fill.
    while (this.#values.length < index + (open ? 0 : 1)) this.#values.push(fill);
    return index;
  }

  #widen(): void {
    const merged: number[] = [];
    for (let i = 0; i < this.#values.length; i += 2) {
      const a = this.#values[i] ?? 0;
      const b = this.#values[i + 1];
      merged.push(b === undefined ? a : this.#mode === 'peak' ? Math.max(a, b) : a + b);
    }
    this.#values.length = 0;
    this.#values.push(...merged);
    this.#bucketMs *= 2;
  }
}
