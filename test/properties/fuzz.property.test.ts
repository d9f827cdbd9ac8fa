// The simulator under random valid scenarios (issue 10): a bounded run of the fuzzer in
// `npm test`. Every case must end (no stall, horizon or livelock), give every session one
// outcome with balanced books, finish every request, emit no session event after the
// session's outcome, and (on every 10th case) give the same trace for the same seed.
// `npm run fuzz -- --runs N` runs the same cases at scale, in child processes with a
// wall-clock watchdog, and shrinks each failure class to a scenario file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runFuzzCase } from '../../src/fuzz/fuzz-case.js';
import { randomScenario } from '../../src/fuzz/random-scenario.js';

const SEED = 20261202;
const RUNS = 300;

describe(`random valid scenarios (fast-check seed ${SEED}, ${RUNS} cases)`, () => {
  it('all end with balanced books, finished requests and a deterministic trace', async () => {
    let index = 0;
    await fc.assert(
      fc.asyncProperty(randomScenario(), fc.nat({ max: 1_000_000 }), async (scenario, seed) => {
        const verdict = await runFuzzCase(scenario, seed, index++ % 10 === 0);
        expect(verdict).toMatchObject({ ok: true });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 120_000);
});
