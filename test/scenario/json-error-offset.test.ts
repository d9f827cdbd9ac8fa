// jsonErrorOffset: where a .json scenario stops being JSON, for the line of its syntax error.
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, jsonTrailingComma } from '../../src/scenario/json-error-offset.js';

describe('jsonErrorOffset', () => {
  it.each([
    '{}',
    ' [ ] ',
    '{"a": [1, -2.5e3, true, false, null, "x\\"\\u00e9"], "b": {"c": {}}}',
    '"just a string"',
    '0',
  ])('finds nothing wrong in JSON: %j', (text) => {
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    expect(jsonErrorOffset(text)).toBeUndefined();
  });

  it.each([
    ['[1,]', 3],
    ['{"a": 1,}', 8],
    ['{"a": 1 "b": 2}', 8],
    ["{'a': 1}", 1],
    ['{a: 1}', 1],
    ['[01]', 2],
    ['[1] 2', 4],
    ['{"a": tru}', 6],
    ['{"a": [1, 2', 11],
    ['"tab\there"', 0],
    ['// comment\n{}', 0],
  ])('finds where %j stops being JSON: offset %i', (text, offset) => {
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('reads 100,000 nested arrays without overflowing the stack', () => {
    const depth = 100_000;

    expect(jsonErrorOffset('['.repeat(depth) + ']'.repeat(depth))).toBeUndefined();
  });
});

describe('jsonTrailingComma', () => {
  it.each([
    ['[1,]', { commaAt: 2, before: ']' }],
    ['{"a": 1, \n }', { commaAt: 7, before: '}' }],
    ['{"a": [1],\n]', { commaAt: 9, before: ']' }],
    ['[,]', undefined],
    ['{"a": 1 "b": 2}', undefined],
    ['{"a": ",]"]', undefined],
  ])('finds the trailing comma of %j: %o', (text, comma) => {
    // Arrange
    const offset = jsonErrorOffset(text);

    // Act
    const found = offset === undefined ? undefined : jsonTrailingComma(text, offset);

    // Assert
    expect(found).toEqual(comma);
  });
});
