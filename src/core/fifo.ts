// Fifo: a first-in, first-out queue on a ring of slots. Taking an item empties its slot at
// once, and the ring halves when a quarter of it is in use, so the memory follows what waits,
// not what ever waited (a queue of sessions can be tens of thousands deep, and each item held
// keeps a session or a p-queue task alive). A queue that empties keeps its smallest ring: the
// queues of a run empty and fill again at nearly every dispatch, and an array given up when
// empty was allocated again by the next push.

/** Slots of the smallest ring (a power of two, as every ring's size is). */
const MIN_CAPACITY = 16;

/** A first-in, first-out queue. */
export class Fifo<T> {
  #slots: (T | undefined)[] = new Array<T | undefined>(MIN_CAPACITY);
  /** The slot of the front item. */
  #head = 0;
  #size = 0;

  /** Items waiting. */
  get size(): number {
    return this.#size;
  }

  /** Slots held, waiting items included: what the queue costs in memory. */
  get capacity(): number {
    return this.#slots.length;
  }

  /** @param item - joins the back */
  push(item: T): void {
    if (this.#size === this.#slots.length) this.#resize(this.#slots.length * 2);
    const slots = this.#slots;
    slots[(this.#head + this.#size) & (slots.length - 1)] = item;
    this.#size++;
  }

  /** @returns the front item, which leaves the queue, or undefined when it is empty */
  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const slots = this.#slots;
    const item = slots[this.#head];
    slots[this.#head] = undefined;
    this.#head = (this.#head + 1) & (slots.length - 1);
    this.#size--;
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,ArithmeticOperator: shrinking only bounds the ring's memory; the items from the head on are the same
    if (slots.length > MIN_CAPACITY && this.#size * 4 <= slots.length)
      this.#resize(slots.length / 2);
    return item;
  }

  /**
   * @param item - an item
   * @returns whether it waits in the queue
   */
  includes(item: T): boolean {
    const slots = this.#slots;
    for (let i = 0; i < this.#size; i++) {
      if (slots[(this.#head + i) & (slots.length - 1)] === item) return true;
    }
    return false;
  }

  /** @returns the waiting items, front first; the queue is unchanged */
  toArray(): T[] {
    const slots = this.#slots;
    const items = new Array<T>(this.#size);
    for (let i = 0; i < this.#size; i++)
      items[i] = slots[(this.#head + i) & (slots.length - 1)] as T;
    return items;
  }

  /** @returns the waiting items, front first, which all leave the queue */
  clear(): T[] {
    const items = this.toArray();
    this.#slots = new Array<T | undefined>(MIN_CAPACITY);
    this.#head = 0;
    this.#size = 0;
    return items;
  }

  // Moves the waiting items, front first, to a ring of `capacity` slots.
  #resize(capacity: number): void {
    const old = this.#slots;
    const slots = new Array<T | undefined>(capacity);
    for (let i = 0; i < this.#size; i++) slots[i] = old[(this.#head + i) & (old.length - 1)];
    this.#slots = slots;
    this.#head = 0;
  }
}
