// The run loop (STYLE §5.5): fire the next timer, and when the timer left promise work
// queued, let the microtasks settle before time moves on. Work whose end the model sees (a
// dispatch ended; p-queue starts the next task from a microtask and then emits `next`) is
// counted, and the loop just yields microtask turns until it is done. Work it cannot see (a
// sleep resolved, a user's async client policy) is flagged, and the loop makes one
// event-loop hop, which drains every microtask. Plain timer steps need neither. Nothing here
// reads a clock.

import type { VirtualClock } from '../core/virtual-clock.js';
import { HorizonExceededError } from '../errors/horizon-exceeded-error.js';
import { SimulationStalledError } from '../errors/simulation-stalled-error.js';

/** What the loop needs to know about the run. */
export interface RunLoopOptions {
  readonly clock: VirtualClock;
  /** True when every session and request has its outcome. */
  readonly isDone: () => boolean;
  /** Sessions or requests without an outcome, for the error messages. */
  readonly open: () => number;
  /** A run passing this virtual time fails. */
  readonly horizonMs: number;
  /** Called every `progressEvery` steps (for progress bars). */
  readonly onProgress?: (() => void) | undefined;
}

/** How long a run took in steps and hops. */
export interface RunLoopStats {
  /** Timers fired. */
  readonly steps: number;
  /** Event-loop hops made to let promise work settle. */
  readonly hops: number;
}

// The documented exception to the purity rule (STYLE rule 28): one macrotask hop drains
// every pending microtask, as p-queue's README suggests for fake-timer tests.
const settle = (): Promise<void> =>
  // eslint-disable-next-line no-restricted-globals
  new Promise((resolve) => setImmediate(resolve));

const PROGRESS_EVERY = 4096;
const MAX_SPINS = 64;

/**
 * Runs until every session has its outcome.
 * @param options - the clock and the run's state
 * @returns the steps and hops taken
 * @throws HorizonExceededError (`sim.horizon-exceeded`) when the next timer is past the horizon
 * @throws SimulationStalledError (`sim.stalled`) when nothing is left to happen but sessions are open
 */
export async function runLoop(options: RunLoopOptions): Promise<RunLoopStats> {
  const { clock, isDone, horizonMs, onProgress } = options;
  let hops = 0;
  let spins = 0;
  for (;;) {
    if (clock.settling > 0) {
      // Counted promise work (p-queue starting the next task) settles within a few
      // microtask turns; awaiting a resolved promise yields one turn without a hop. Should it
      // not settle, fall back to a hop, which drains every microtask.
      if (++spins <= MAX_SPINS) {
        await Promise.resolve();
      } else {
        spins = 0;
        hops++;
        await settle();
      }
      continue;
    }
    spins = 0;
    if (clock.takePromisesSettling()) {
      hops++;
      await settle();
      continue;
    }
    if (isDone()) break;
    const next = clock.nextAt();
    if (next === undefined) {
      throw new SimulationStalledError({
        atMs: clock.now(),
        steps: clock.steps,
        open: options.open(),
      });
    }
    if (next > horizonMs) {
      throw new HorizonExceededError({
        atMs: clock.now(),
        steps: clock.steps,
        open: options.open(),
        horizonMs,
      });
    }
    clock.fireNext();
    if (onProgress !== undefined && clock.steps % PROGRESS_EVERY === 0) onProgress();
  }
  return { steps: clock.steps, hops };
}
