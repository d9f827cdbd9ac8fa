// Binary min-heap of timers ordered by (atMs, priority, tie, seq): the total order of the
// virtual clock (STYLE rule 29). Kept apart from the clock: one concept per file.

import type { Millis } from './millis.js';

/** A scheduled callback. `seq` breaks ties between equal (atMs, priority). */
export interface Timer {
  readonly atMs: Millis;
  readonly priority: number;
  /** Tie-break among equal (atMs, priority): 0 in FIFO order, a random draw when shuffled. */
  readonly tie: number;
  readonly seq: number;
  readonly fire: () => void;
  /** Who scheduled it (e.g. `idle-timeout`), named when a run livelocks. */
  readonly owner: string;
  /** Set by `cancel`; a cancelled timer is skipped when it reaches the top. */
  cancelled: boolean;
}

function before(a: Timer, b: Timer): boolean {
  if (a.atMs !== b.atMs) return a.atMs < b.atMs;
  if (a.priority !== b.priority) return a.priority < b.priority;
  if (a.tie !== b.tie) return a.tie < b.tie;
  return a.seq < b.seq;
}

/** A binary min-heap of {@link Timer}s. */
export class TimerHeap {
  readonly #items: Timer[] = [];

  /** Number of timers held, cancelled ones included. */
  get size(): number {
    return this.#items.length;
  }

  /** @returns the earliest timer without removing it */
  peek(): Timer | undefined {
    return this.#items[0];
  }

  /** @param timer - the timer to add */
  push(timer: Timer): void {
    const items = this.#items;
    items.push(timer);
    let index = items.length - 1;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex] as Timer;
      if (!before(timer, parent)) break;
      items[index] = parent;
      index = parentIndex;
    }
    items[index] = timer;
  }

  /** @returns the earliest timer, removed from the heap */
  pop(): Timer | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    const length = items.length;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && before(items[right] as Timer, items[left] as Timer)) child = right;
      const childTimer = items[child] as Timer;
      if (!before(childTimer, last)) break;
      items[index] = childTimer;
      index = child;
    }
    items[index] = last;
    return top;
  }
}
