// RequestsInFlight: the client's requests without a result yet, by client id, for
// ClientDriver (issue 12). Ids are handed out 1, 2, 3… as requests arrive, and requests
// mostly end in the order they arrived, so those in flight are nearly a window of
// consecutive ids: a ring of slots indexed by id holds that window, and a request older than
// the window (one still in flight while tens of thousands arrived behind it: retries, a slow
// policy) moves to a Map. A Map of every request in flight was 8-10% of the default-pool
// reference run (11,700 requests in flight on average): its table, rebuilt again and again
// as entries came and went, lived in the old generation and pointed at young requests.
// The ring grows to at most 65,536 slots (512 KB) and does not shrink.

/** Slots of the first ring (a power of two, as every ring's size is). */
const MIN_RING = 16;
/** Slots of the largest ring by default: a window of this many ids, older ones go to the Map. */
const MAX_RING = 1 << 16;

/** Items with increasing integer ids, found by id, most of them ending in id order. */
export class RequestsInFlight<T extends { readonly id: number }> {
  #ring: (T | undefined)[] = new Array<T | undefined>(MIN_RING).fill(undefined);
  /** The lowest id the ring may hold: every id below it in flight is in #older. */
  #base = 0;
  /** The last id added: ids must increase. */
  #last = -Infinity;
  readonly #older = new Map<number, T>();
  readonly #maxRing: number;
  #size = 0;

  /**
   * @param maxRing - slots of the largest ring, a power of two from 16 (tests use a small
   *   one) @default 65536
   */
  constructor(maxRing: number = MAX_RING) {
    if (!(maxRing >= MIN_RING) || (maxRing & (maxRing - 1)) !== 0) {
      throw new Error(`internal: maxRing ${maxRing} is no power of two from ${MIN_RING}`);
    }
    this.#maxRing = maxRing;
  }

  /** Items in flight. */
  get size(): number {
    return this.#size;
  }

  /** Slots of the ring: what it costs in memory besides the items older than its window. */
  get capacity(): number {
    return this.#ring.length;
  }

  /** Items held outside the ring, older than its window. */
  get olderCount(): number {
    return this.#older.size;
  }

  /**
   * @param item - a new item, whose id is greater than every id added before
   * @throws Error when the id is not greater (a bug in the caller)
   */
  add(item: T): void {
    const id = item.id;
    if (!(id > this.#last) || !Number.isInteger(id)) {
      throw new Error(`internal: request id ${id} added after ${this.#last}`);
    }
    this.#last = id;
    while (id - this.#base >= this.#ring.length) this.#makeRoom();
    this.#ring[id & (this.#ring.length - 1)] = item;
    this.#size++;
  }

  /**
   * @param id - an item's id
   * @returns the item in flight with this id, or undefined
   */
  get(id: number): T | undefined {
    if (id < this.#base) return this.#older.get(id);
    const item = this.#ring[id & (this.#ring.length - 1)];
    return item !== undefined && item.id === id ? item : undefined;
  }

  /**
   * @param id - an item's id
   * @returns whether an item with this id was in flight (it no longer is)
   */
  delete(id: number): boolean {
    if (id < this.#base) {
      const deleted = this.#older.delete(id);
      if (deleted) this.#size--;
      return deleted;
    }
    const ring = this.#ring;
    const slot = id & (ring.length - 1);
    const item = ring[slot];
    if (item === undefined || item.id !== id) return false;
    ring[slot] = undefined;
    this.#size--;
    return true;
  }

  // The window must move up by one id: past an id no longer in flight, by growing the ring,
  // or, at its largest, by moving the oldest item to the Map. Each call moves the window or
  // doubles the ring, so adding n items costs O(n) in all.
  #makeRoom(): void {
    const ring = this.#ring;
    const slot = this.#base & (ring.length - 1);
    const oldest = ring[slot];
    if (oldest !== undefined && ring.length < this.#maxRing) {
      this.#grow();
      return;
    }
    if (oldest !== undefined) {
      this.#older.set(oldest.id, oldest);
      ring[slot] = undefined;
    }
    this.#base++;
  }

  #grow(): void {
    const ring = this.#ring;
    const grown = new Array<T | undefined>(ring.length * 2).fill(undefined);
    const mask = grown.length - 1;
    for (const item of ring) if (item !== undefined) grown[item.id & mask] = item;
    this.#ring = grown;
  }
}
