// The determinism check (issue 6, --check-determinism; issue 10, bounded memory): the first
// run is kept only as chunk digests; the second is compared chunk by chunk; when they
// differ, the first run's lines of the differing chunk (a third run) name the first line.
import { describe, expect, it } from 'vitest';
import {
  CHUNK_LINES,
  TraceComparison,
  TraceDigest,
  collectChunk,
} from '../../src/report/trace-comparison.js';

// The three passes of the CLI, on two in-memory traces.
function compare(first: readonly string[], second: readonly string[]) {
  const digest = new TraceDigest();
  for (const line of first) digest.push(line);
  const comparison = new TraceComparison(digest.finish(), 7);
  for (const line of second) comparison.push(line);
  const chunk = comparison.differingChunk();
  if (chunk === undefined) return comparison.finish();
  const third = collectChunk(chunk);
  for (const line of first) third.push(line);
  return comparison.finish(third.lines);
}

const lines = (n: number, prefix = 'line'): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);

describe('TraceComparison', () => {
  it('finds identical traces identical', () => {
    expect(compare(['a', 'b'], ['a', 'b'])).toEqual({ seed: 7, lines: 2, identical: true });
  });

  it('finds identical multi-chunk traces identical', () => {
    const trace = lines(3 * CHUNK_LINES + 5);
    expect(compare(trace, trace)).toEqual({ seed: 7, lines: trace.length, identical: true });
  });

  it('reports the first line that differs, with both versions', () => {
    expect(compare(['a', 'b', 'c'], ['a', 'x', 'y'])).toEqual({
      seed: 7,
      lines: 3,
      identical: false,
      difference: { line: 2, first: 'b', second: 'x' },
    });
  });

  it('names the first differing line deep in a long trace', () => {
    const first = lines(2 * CHUNK_LINES + 100);
    const second = [...first];
    second[CHUNK_LINES + 17] = 'changed';
    second[CHUNK_LINES + 30] = 'changed too';
    expect(compare(first, second).difference).toEqual({
      line: CHUNK_LINES + 18,
      first: `line ${CHUNK_LINES + 18}`,
      second: 'changed',
    });
  });

  it.each([
    { case: 'the second is longer', first: ['a'], second: ['a', 'b'], line: 2, a: null, b: 'b' },
    { case: 'the second is shorter', first: ['a', 'b'], second: ['a'], line: 2, a: 'b', b: null },
  ])('reports the line where one trace ends when $case', ({ first, second, line, a, b }) => {
    expect(compare(first, second).difference).toEqual({ line, first: a, second: b });
  });

  it('reports where the second trace ends on a chunk boundary', () => {
    const first = lines(CHUNK_LINES + 1);
    expect(compare(first, first.slice(0, CHUNK_LINES)).difference).toEqual({
      line: CHUNK_LINES + 1,
      first: `line ${CHUNK_LINES + 1}`,
      second: null,
    });
  });

  it('keeps no more than one chunk of lines', () => {
    const comparison = new TraceComparison({ chunks: [], lines: 0 }, 1);
    const third = collectChunk(2);
    for (const line of lines(10 * CHUNK_LINES)) {
      comparison.push(line);
      third.push(line);
    }
    expect(third.lines).toHaveLength(CHUNK_LINES);
    expect(third.lines[0]).toBe(`line ${2 * CHUNK_LINES + 1}`);
    expect(comparison.differingChunk()).toBe(0);
  });
});
