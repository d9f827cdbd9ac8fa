// isPromiseLike: what the hooks that take user code await (a policy's decision, onStep).
import { describe, expect, it } from 'vitest';
import { isPromiseLike } from '../../src/core/is-promise-like.js';

describe('isPromiseLike', () => {
  it.each([
    { kind: 'a Promise', value: Promise.resolve(1) },
    { kind: 'a hand-made thenable', value: { then: () => undefined } },
  ])('takes $kind', ({ value }) => {
    expect(isPromiseLike(value)).toBe(true);
  });

  it.each([
    { kind: 'undefined', value: undefined },
    { kind: 'null', value: null },
    { kind: 'a number', value: 5 },
    { kind: 'an array', value: ['drain'] },
    { kind: 'an object whose then is not a function', value: { then: 1 } },
  ])('refuses $kind', ({ value }) => {
    expect(isPromiseLike(value)).toBe(false);
  });
});
