// `serve --duration`: a run limit for a rig (user report: only a signal or a closed stdin
// stopped serve, so a rig wrapped it in `timeout`, which ends it with 124 and no summary).
import { describe, expect, it } from 'vitest';
import { parseServeDuration } from '../../src/cli/serve-command.js';

describe('parseServeDuration', () => {
  it.each([
    ['90', 90_000],
    ['1.5', 1_500],
    ['90s', 90_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    [' 10m ', 600_000],
    ['596h', 2_145_600_000],
  ])('reads %j as %i ms', (text, ms) => {
    expect(parseServeDuration(text)).toBe(ms);
  });

  it.each(['0', '0s', '-5', '10 min', '5d', 'm', '', '1e3', '600h', '2147484'])(
    'refuses %j',
    (text) => {
      expect(parseServeDuration(text)).toBeUndefined();
    },
  );
});
