// The floor p-queue sets under the default-pool reference run (issue 12, goal 2). Every
// session that waits for a worker is a p-queue task before it starts (goal 5), so that run
// costs at least what p-queue itself spends on as many tasks at the same queue depth (p-queue
// holds tasks for the first 16 waiting sessions only; the rest wait in the simulator's FIFO
// before them: src/model/pending-sessions.ts). Two steps, each in its own process so neither
// inherits the other's heap:
// - `node bench/p-queue-floor.js count <file>` runs the scenario in-process with p-queue's
//   `add` counted: how many sessions waited, and how deep p-queue's queue was when each
//   session's task joined it;
// - `node bench/p-queue-floor.js time <tasks> <depth>` times that many trivial tasks (each
//   returns a resolved promise) through a p-queue of concurrency 8 kept `depth` deep, the
//   options and queue class the simulator passes (one shared id, TaskFifo), and reports wall
//   time and peak RSS.
// The simulator's own work for those sessions (events, timers, outcomes) comes on top.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import PQueue from 'p-queue';

const self = fileURLToPath(import.meta.url);

async function countWaits(file) {
  const { createSimulation } = await import('../dist/index.js');
  const add = PQueue.prototype.add;
  let tasks = 0;
  let depthSum = 0;
  PQueue.prototype.add = function countedAdd(...args) {
    depthSum += this.size;
    tasks++;
    return add.apply(this, args);
  };
  const scenario = JSON.parse(readFileSync(file, 'utf8'));
  const result = await createSimulation(scenario, { seed: 1, recordOutcomes: false }).run();
  // The default pool's queue is never empty for long: no count means the simulator loaded
  // another copy of p-queue than this file patched, and the floor would mean nothing.
  if (tasks === 0) throw new Error('no p-queue task counted: the simulator uses another p-queue');
  return { sessions: result.sessions, tasks, meanDepth: tasks === 0 ? 0 : depthSum / tasks };
}

async function timeTasks(tasks, depth) {
  // The queue class the simulator gives p-queue (src/model/task-fifo.ts).
  const { TaskFifo } = await import('../dist/model/task-fifo.js');
  const queue = new PQueue({ concurrency: 8, autoStart: false, queueClass: TaskFifo });
  const task = () => Promise.resolve();
  const options = { id: 'session' };
  let added = 0;
  const started = performance.now();
  for (; added < Math.min(depth, tasks); added++) void queue.add(task, options);
  queue.on('next', () => {
    if (added < tasks) {
      added++;
      void queue.add(task, options);
    }
  });
  queue.start();
  await queue.onIdle();
  const seconds = (performance.now() - started) / 1000;
  return { seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

function runStep(args) {
  const run = spawnSync(process.execPath, [self, ...args.map(String)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`p-queue floor ${args[0]} failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/**
 * @param file - the default-pool reference scenario (JSON)
 * @param repeats - timing rounds; the best is kept
 * @returns the waiting sessions, their mean depth, and p-queue's best time for them
 */
export function measurePQueueFloor(file, repeats) {
  const waits = runStep(['count', file]);
  const rounds = [];
  for (let round = 0; round < repeats; round++) {
    // At least one deep: with none queued, no task would ever be added.
    rounds.push(runStep(['time', waits.tasks, Math.max(1, Math.round(waits.meanDepth))]));
  }
  const best = rounds.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return { ...waits, seconds: best.seconds, peakRssMb: best.peakRssMb };
}

if (process.argv[1] === self) {
  const [step, ...rest] = process.argv.slice(2);
  const report =
    step === 'count'
      ? await countWaits(rest[0])
      : await timeTasks(Number(rest[0]), Number(rest[1]));
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
