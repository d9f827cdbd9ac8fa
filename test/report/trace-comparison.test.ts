// TraceComparison (issue 6, --check-determinism): the first differing NDJSON line of two runs.
import { describe, expect, it } from 'vitest';
import { TraceComparison } from '../../src/report/trace-comparison.js';

function compare(first: readonly string[], second: readonly string[]) {
  const comparison = new TraceComparison(first, 7);
  for (const line of second) comparison.push(line);
  return comparison.finish();
}

describe('TraceComparison', () => {
  it('finds identical traces identical', () => {
    expect(compare(['a', 'b'], ['a', 'b'])).toEqual({ seed: 7, lines: 2, identical: true });
  });

  it('reports the first line that differs, with both versions', () => {
    expect(compare(['a', 'b', 'c'], ['a', 'x', 'y'])).toEqual({
      seed: 7,
      lines: 3,
      identical: false,
      difference: { line: 2, first: 'b', second: 'x' },
    });
  });

  it.each([
    { case: 'the second is longer', first: ['a'], second: ['a', 'b'], line: 2, a: null, b: 'b' },
    { case: 'the second is shorter', first: ['a', 'b'], second: ['a'], line: 2, a: 'b', b: null },
  ])('reports the line where one trace ends when $case', ({ first, second, line, a, b }) => {
    expect(compare(first, second).difference).toEqual({ line, first: a, second: b });
  });
});
