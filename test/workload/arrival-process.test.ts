// Arrival instants (workload.arrivals): never out of order, whole microseconds, the `at`
// list repeated shifted by its span when more sessions are asked for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/prng.js';
import { createArrivalProcess } from '../../src/workload/arrival-process.js';

const SEED = 20261202;

function drain(process: { next(): number | undefined }): number[] {
  const out: number[] = [];
  for (let at = process.next(); at !== undefined; at = process.next()) out.push(at);
  return out;
}

describe('createArrivalProcess', () => {
  it('repeats an `at` list shifted by its span', () => {
    const times = drain(
      createArrivalProcess({ at: [5, 0, 2] }, 7, 100, createRandom(1).stream('arrivals')),
    );
    expect(times).toEqual([100, 102, 105, 105, 107, 110, 110]);
  });

  it('rounds `at` instants to the microsecond', () => {
    const times = drain(
      createArrivalProcess({ at: [0, 3.4e-215, 1.0004] }, 3, 0, createRandom(1).stream('arrivals')),
    );
    expect(times).toEqual([0, 0, 1]);
  });

  it(`never goes back in time, whatever the \`at\` list and start (fast-check seed ${SEED})`, () => {
    // A repeated list once produced an instant a hair before the previous one through float
    // sums (…e-214 ms), and the clock refused to schedule it.
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 5 }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.integer({ min: 1, max: 30 }),
        (at, startMs, sessions) => {
          const times = drain(
            createArrivalProcess({ at }, sessions, startMs, createRandom(1).stream('arrivals')),
          );
          expect(times).toHaveLength(sessions);
          for (let i = 1; i < times.length; i++) {
            expect(times[i]).toBeGreaterThanOrEqual(times[i - 1] ?? 0);
          }
          for (const t of times) expect(Math.round(t * 1000) / 1000).toBe(t);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});
