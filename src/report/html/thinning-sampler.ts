// ThinningSampler: which of a long run's sessions (or marks) the HTML report keeps (issue 16,
// bounded size). It decides at once, without knowing how long the run will be, because what it
// keeps is written out immediately. Per key (an outcome kind, an event id): the first `first`
// items are kept, then every 2nd of the next `first`, every 4th of the next 2·first, and so on,
// so each doubling of the run adds `first / 2` more; the kept items spread over the whole run
// while their number grows with its logarithm. A total cap bounds everything. Deterministic: the
// same sequence of keys gives the same choices.

/** Decides, item by item, which to keep. */
export class ThinningSampler {
  readonly #first: number;
  readonly #cap: number;
  readonly #seen = new Map<string, number>();
  #kept = 0;

  /**
   * @param first - items of each key kept before thinning starts (at least 2)
   * @param cap - items kept in all
   */
  constructor(first: number, cap: number) {
    this.#first = Math.max(2, Math.floor(first));
    this.#cap = Math.max(0, Math.floor(cap));
  }

  /** Items kept so far. */
  get kept(): number {
    return this.#kept;
  }

  /**
   * Counts one more item of a key and says whether to keep it.
   * @param key - what kind of item it is
   * @returns true when the item is kept
   */
  keep(key: string): boolean {
    const n = this.#seen.get(key) ?? 0;
    this.#seen.set(key, n + 1);
    if (this.#kept >= this.#cap) return false;
    let keep = n < this.#first;
    if (!keep) {
      // n in [first·2^j, first·2^(j+1)) is kept every 2^(j+1)-th item.
      const band = Math.floor(Math.log2(n / this.#first));
      keep = n % 2 ** (band + 1) === 0;
    }
    if (keep) this.#kept += 1;
    return keep;
  }
}
