// Sweep benchmark (issue 13): the same 200-case sweep (an M/M/8 scenario of 3,000 sessions
// with 1% F2, seeds 1..200) on 1 and on 2 worker threads, the wall time of each and their
// ratio (close to the number of cores on an idle machine), and a check that both wrote the
// same bytes.

import { createThreadedRunner, sweep } from '../dist/index.js';
import { mm8Scenario } from './mm8-scenario.js';

const scenario = mm8Scenario(3000, undefined, 'bench-sweep');

async function timed(threads) {
  const runner = createThreadedRunner({ threads });
  const lines = [];
  try {
    // Threads start and load the simulator first (about a second each, in parallel); that is
    // paid once per command, so it is reported apart from the sweep itself.
    const starting = performance.now();
    await sweep([{ file: 'warm-up', scenario }], {
      seeds: { from: 1, to: threads * 2 },
      runner: runner.run,
      concurrency: threads,
    });
    const startupSeconds = (performance.now() - starting) / 1000;
    const started = performance.now();
    await sweep([{ file: 'bench-sweep', scenario }], {
      seeds: { from: 1, to: 200 },
      runner: runner.run,
      concurrency: threads,
      onResult: (result) => {
        lines.push(JSON.stringify(result));
      },
    });
    return {
      seconds: (performance.now() - started) / 1000,
      startupSeconds,
      bytes: lines.join('\n'),
    };
  } finally {
    await runner.close();
  }
}

/** @returns printable lines: wall time on 1 and 2 threads, their ratio, identical output */
export async function benchSweepThreads() {
  const one = await timed(1);
  const two = await timed(2);
  return [
    'Sweep of 200 cases (M/M/8, 3,000 sessions each, seeds 1..200) on worker threads',
    `  1 thread    ${one.seconds.toFixed(2)} s (start-up and warm-up before it: ${one.startupSeconds.toFixed(2)} s)`,
    `  2 threads   ${two.seconds.toFixed(2)} s (start-up and warm-up before it: ${two.startupSeconds.toFixed(2)} s)`,
    `  speed-up    ${(one.seconds / two.seconds).toFixed(2)}x (aim: close to the cores on an idle machine)`,
    `  same bytes  ${one.bytes === two.bytes}`,
  ];
}
