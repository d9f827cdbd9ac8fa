// Fifo: a first-in, first-out queue on an array and a head index. Taking an item empties its
// slot at once, and the array is compacted when taken slots are most of it, so the memory
// follows what waits, not what ever waited (a queue of sessions can be tens of thousands
// deep, and each item held keeps a session or a p-queue task alive).

/** A first-in, first-out queue. */
export class Fifo<T> {
  #items: (T | undefined)[] = [];
  #head = 0;

  /** Items waiting. */
  get size(): number {
    return this.#items.length - this.#head;
  }

  /** @param item - joins the back */
  push(item: T): void {
    this.#items.push(item);
  }

  /** @returns the front item, which leaves the queue, or undefined when it is empty */
  shift(): T | undefined {
    const items = this.#items;
    if (this.#head === items.length) return undefined;
    const item = items[this.#head];
    items[this.#head++] = undefined;
    // Stryker disable next-line ConditionalExpression,BlockStatement: resetting an emptied queue only frees memory; the items from the head on are the same
    if (this.#head === items.length) {
      this.#items = [];
      this.#head = 0;
      // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,ArithmeticOperator: compaction only bounds the array's memory; the items from the head on are the same
    } else if (this.#head > 1024 && this.#head * 2 > items.length) {
      this.#items = items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  /**
   * @param item - an item
   * @returns whether it waits in the queue
   */
  includes(item: T): boolean {
    return this.#items.includes(item, this.#head);
  }

  /** @returns the waiting items, front first; the queue is unchanged */
  toArray(): T[] {
    return this.#items.slice(this.#head) as T[];
  }

  /** @returns the waiting items, front first, which all leave the queue */
  clear(): T[] {
    const items = this.toArray();
    this.#items = [];
    this.#head = 0;
    return items;
  }
}
