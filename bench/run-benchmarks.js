// Throughput and memory benchmark (issues 3 and 12): first the reference runs of issue 12,
// whole process (stable and default pool, their ratio and peak RSS, the same queue in SimPy,
// start-up: bench/reference-runs.js); then an M/M/8 run of 1,000,000 sessions in this
// process with 1% dispatch failures, every event delivered to a counting listener and again
// with none; in the same process, the rate of trivial p-queue tasks as the ceiling, and both
// ratios to it (best of BENCH_REPEATS alternating rounds each); the peak RSS of the
// 1M-session runs (no trace retained); then scenario
// validation time
// (bench/scenario-validation.js) and every output format streamed by the real command line
// at the same size, with each one's peak RSS (bench/streaming-output.js). Run with
// `npm run bench`; BENCH_SESSIONS=100000 BENCH_REFERENCE_SESSIONS=100000 BENCH_REPEATS=1 for
// a quicker look.
// Wall-clock timing lives here and only here: tests never time anything.

import PQueue from 'p-queue';
import { createSimulation } from '../dist/index.js';
import { benchScenarioValidation } from './scenario-validation.js';
import { benchStreamingOutput } from './streaming-output.js';
import { benchSweepThreads } from './sweep-threads.js';
import { mm8Scenario } from './mm8-scenario.js';
import { benchReferenceRuns } from './reference-runs.js';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1_000_000);
const REFERENCE_SESSIONS = Number(process.env.BENCH_REFERENCE_SESSIONS ?? 500_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

/** The M/M/8 reference scenario, 1% F2. */
export const referenceScenario = mm8Scenario(SESSIONS);

async function simulationRate(listen = true) {
  const sim = createSimulation(referenceScenario, { seed: 42, recordOutcomes: false });
  let events = 0;
  if (listen) {
    sim.events.on('event', () => {
      events++;
    });
  }
  const started = performance.now();
  const result = await sim.run();
  const seconds = (performance.now() - started) / 1000;
  return { result, events, seconds, rate: result.sessions / seconds };
}

async function pQueueCeiling(tasks) {
  const queue = new PQueue({ concurrency: 8 });
  let done = 0;
  const started = performance.now();
  for (let i = 0; i < tasks; i++) {
    void queue.add(() => {
      done++;
    });
    // Let the queue drain in chunks, as the simulator does between virtual instants.
    if ((i & 1023) === 1023) await new Promise((resolve) => setImmediate(resolve));
  }
  await queue.onIdle();
  const seconds = (performance.now() - started) / 1000;
  if (done !== tasks) throw new Error('p-queue lost tasks');
  return tasks / seconds;
}

console.log((await benchReferenceRuns(REFERENCE_SESSIONS, REPEATS)).join('\n'));
console.log('');

// Rounds alternate the ceiling, the listened run and the quiet one, and the best of each is
// kept, as for the reference runs: on a shared machine one run of each swung by 1.3x. Each
// starts on a collected heap: measured after a 1M-session run, the ceiling varied with the
// garbage that run left (seen: 460k-910k tasks/s). The ceiling's own memory stays small.
const collect = () => globalThis.gc?.();
let ceiling = 0;
let sim;
let quiet;
for (let round = 0; round < REPEATS; round++) {
  collect();
  ceiling = Math.max(ceiling, await pQueueCeiling(SESSIONS));
  collect();
  const listened = await simulationRate();
  if (sim === undefined || listened.seconds < sim.seconds) sim = listened;
  collect();
  // For context: the same run with nobody listening, so the bus builds no event objects.
  const unheard = await simulationRate(false);
  if (quiet === undefined || unheard.seconds < quiet.seconds) quiet = unheard;
}
// The listened run holds the most: its event objects come on top of the quiet run's work.
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const r = sim.result;
const fmt = (n) => Math.round(n).toLocaleString('en-US');
console.log(
  `M/M/8 reference run (${fmt(r.sessions)} sessions, seed ${r.seed}, Node ${process.version}; best of ${REPEATS} alternating rounds)`,
);
console.log(`  outcomes         ${JSON.stringify(r.outcomes)}`);
console.log(
  `  events delivered ${fmt(sim.events)} (${(sim.events / r.sessions).toFixed(2)} per session)`,
);
console.log(`  balanced         ${r.balanced}`);
console.log(
  `  virtual time     ${(r.virtualDurationMs / 1000).toFixed(1)} s, steps ${fmt(r.steps)}, hops ${fmt(r.hops)}`,
);
console.log(`  wall time        ${sim.seconds.toFixed(2)} s`);
console.log(`  sessions/s       ${fmt(sim.rate)}`);
console.log(`  p-queue ceiling  ${fmt(ceiling)} trivial tasks/s`);
console.log(
  `  ratio            ${(sim.rate / ceiling).toFixed(3)} with a counting listener (target >= 0.45)`,
);
console.log(`  peak RSS         ${peakRssMb.toFixed(0)} MB (target < 300 MB)`);
console.log(
  `  without listener ${fmt(quiet.rate)} sessions/s, ratio ${(quiet.rate / ceiling).toFixed(3)} (target >= 0.8; no event objects built)`,
);
console.log('');
console.log((await benchScenarioValidation()).join('\n'));
console.log('');
console.log((await benchSweepThreads()).join('\n'));
console.log('');
console.log((await benchStreamingOutput(SESSIONS)).join('\n'));
