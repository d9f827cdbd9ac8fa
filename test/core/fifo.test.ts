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
