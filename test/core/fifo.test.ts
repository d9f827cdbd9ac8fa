// Fifo, the first-in, first-out queue of waiting sessions, p-queue's session tasks and idle
// worker tokens: items leave in the order they came, through compaction too, and what is
// asked of the queue (includes, toArray) sees only what waits.
import { describe, expect, it } from 'vitest';
import { Fifo } from '../../src/core/fifo.js';

describe('Fifo', () => {
  it('gives items back in the order they came, across compactions, and undefined when empty', () => {
    const fifo = new Fifo<number>();
    const out: (number | undefined)[] = [];

    for (let i = 0; i < 3000; i++) fifo.push(i);
    for (let i = 0; i < 2500; i++) out.push(fifo.shift());
    for (let i = 3000; i < 5000; i++) fifo.push(i);
    expect(fifo.size).toBe(2500);
    while (fifo.size > 0) out.push(fifo.shift());

    expect(out).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(fifo.shift()).toBeUndefined();
  });

  it('finds and lists only the items still waiting', () => {
    const fifo = new Fifo<string>();
    for (const item of ['a', 'b', 'c', 'd']) fifo.push(item);
    fifo.shift();

    expect(fifo.includes('a')).toBe(false);
    expect(fifo.includes('c')).toBe(true);
    expect(fifo.toArray()).toEqual(['b', 'c', 'd']);
    expect(fifo.size).toBe(3);
  });

  it('hands every waiting item over when cleared, and is empty after', () => {
    const fifo = new Fifo<string>();
    for (const item of ['a', 'b', 'c']) fifo.push(item);
    fifo.shift();

    expect(fifo.clear()).toEqual(['b', 'c']);
    expect(fifo.size).toBe(0);
    expect(fifo.shift()).toBeUndefined();
    fifo.push('d');
    expect(fifo.toArray()).toEqual(['d']);
  });
});

describe('Fifo memory', () => {
  it('keeps the order when the ring wraps around and grows while wrapped', () => {
    const fifo = new Fifo<number>();
    const out: number[] = [];
    let next = 0;
    // Ten in, seven out, again and again: the front walks round the ring and it grows while
    // the front is not at slot 0.
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 10; i++) fifo.push(next++);
      for (let i = 0; i < 7; i++) out.push(fifo.shift() as number);
    }
    while (fifo.size > 0) out.push(fifo.shift() as number);

    expect(out).toEqual(Array.from({ length: next }, (_, i) => i));
  });

  it('gives memory back as the queue drains, down to its smallest ring', () => {
    const fifo = new Fifo<number>();
    for (let i = 0; i < 100_000; i++) fifo.push(i);
    const full = fifo.capacity;
    while (fifo.size > 10) fifo.shift();

    expect(full).toBeGreaterThanOrEqual(100_000);
    expect(fifo.capacity).toBeLessThanOrEqual(64);
    expect(fifo.toArray()).toEqual(Array.from({ length: 10 }, (_, i) => 99_990 + i));
  });

  it('keeps its smallest ring when it empties and fills again', () => {
    const fifo = new Fifo<number>();
    const capacity = fifo.capacity;
    for (let round = 0; round < 100; round++) {
      fifo.push(round);
      expect(fifo.shift()).toBe(round);
    }

    expect(fifo.capacity).toBe(capacity);
    expect(fifo.size).toBe(0);
  });
});
