// countOf: the count and its noun in the right number, in the run-ending errors' messages.
import { describe, expect, it } from 'vitest';
import { countOf } from '../../src/errors/count-of.js';

describe('countOf', () => {
  it.each([
    { n: 0, words: '0 steps' },
    { n: 1, words: '1 step' },
    { n: 2, words: '2 steps' },
  ])('writes $n as $words', ({ n, words }) => {
    expect(countOf(n, 'step', 'steps')).toBe(words);
  });
});
