// TimerHeap: the binary min-heap behind the virtual clock, ordered by (atMs, priority, tie, seq)
// (STYLE rule 29).
import { describe, expect, it } from 'vitest';
import { ms } from '../../src/core/millis.js';
import { createRandom } from '../../src/core/prng.js';
import { TimerHeap, type Timer } from '../../src/core/timer-heap.js';

function timer(atMs: number, priority: number, tie: number, seq: number): Timer {
  return {
    atMs: ms(atMs),
    priority,
    tie,
    seq,
    fire: () => undefined,
    owner: 'test',
    cancelled: false,
  };
}

function key(t: Timer): string {
  return `${t.atMs}/${t.priority}/${t.tie}/${t.seq}`;
}

function drain(heap: TimerHeap): Timer[] {
  const out: Timer[] = [];
  for (let t = heap.pop(); t !== undefined; t = heap.pop()) out.push(t);
  return out;
}

function compare(a: Timer, b: Timer): number {
  return a.atMs - b.atMs || a.priority - b.priority || a.tie - b.tie || a.seq - b.seq;
}

describe('TimerHeap', () => {
  it('is empty at first', () => {
    // Arrange
    const heap = new TimerHeap();

    // Act
    const state = [heap.size, heap.peek(), heap.pop()];

    // Assert
    expect(state).toEqual([0, undefined, undefined]);
  });

  it('orders by time, then priority, then tie, then sequence', () => {
    // Arrange
    const heap = new TimerHeap();
    const timers = [
      timer(2, 0, 0, 0),
      timer(1, 1, 0, 1),
      timer(1, 0, 0.7, 2),
      timer(1, 0, 0.2, 3),
      timer(1, 0, 0.2, 4),
      timer(0, 5, 0.9, 5),
    ];
    for (const t of timers) heap.push(t);

    // Act
    const order = drain(heap).map((t) => t.seq);

    // Assert
    expect(order).toEqual([5, 3, 4, 2, 1, 0]);
  });

  it('peeks at the earliest timer without removing it', () => {
    // Arrange
    const heap = new TimerHeap();
    heap.push(timer(5, 0, 0, 0));
    heap.push(timer(3, 0, 0, 1));

    // Act
    const peeked = heap.peek();

    // Assert
    expect(peeked?.seq).toBe(1);
    expect(heap.size).toBe(2);
  });

  it('pops a thousand shuffled timers in sorted order', () => {
    // Arrange
    const random = createRandom(20261127).stream('timer-heap');
    const heap = new TimerHeap();
    const timers = Array.from({ length: 1000 }, (_, seq) =>
      timer(random.nextInt(0, 50), random.nextInt(0, 2), random.nextInt(0, 3) / 4, seq),
    );
    for (const t of timers) heap.push(t);

    // Act
    const popped = drain(heap);

    // Assert
    expect(popped.map(key)).toEqual([...timers].sort(compare).map(key));
    expect(heap.size).toBe(0);
  });

  it('keeps its order when pushes and pops interleave', () => {
    // Arrange
    const random = createRandom(99).stream('timer-heap');
    const heap = new TimerHeap();
    const reference: Timer[] = [];
    const popped: Timer[] = [];
    const expected: Timer[] = [];

    // Act
    for (let seq = 0; seq < 500; seq++) {
      const t = timer(random.nextInt(0, 20), random.nextInt(0, 2), 0, seq);
      heap.push(t);
      reference.push(t);
      if (random.chance(0.4)) {
        reference.sort(compare);
        const next = reference.shift();
        if (next !== undefined) expected.push(next);
        const got = heap.pop();
        if (got !== undefined) popped.push(got);
      }
    }
    popped.push(...drain(heap));
    expected.push(...reference.sort(compare));

    // Assert
    expect(popped.map(key)).toEqual(expected.map(key));
  });
});
