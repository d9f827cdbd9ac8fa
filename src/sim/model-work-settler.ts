// ModelWorkSettler: what every run loop does before it fires the next timer (STYLE §5.5),
// shared by the virtual one (run-loop.ts) and the live one (live/live-pacer.ts). Work the
// model deferred to the end of the step runs; an error its promise work recorded is
// rethrown; promise work whose end the model sees (a dispatch ended; p-queue starts the next
// task from a microtask and then emits `next`) is counted, and the loop yields microtask
// turns until it is done; work it cannot see (a sleep resolved, a user's async client
// policy) is flagged, and the loop makes one event-loop hop, which drains every microtask.
// Nothing here reads a clock.

import type { VirtualClock } from '../core/virtual-clock.js';

// The documented exception to the purity rule (STYLE rule 28): one macrotask hop drains
// every pending microtask, as p-queue's README suggests for fake-timer tests.
const hop = (): Promise<void> =>
  // eslint-disable-next-line no-restricted-globals
  new Promise((resolve) => setImmediate(resolve));

/** Microtask turns yielded for counted promise work before falling back to a hop. */
const MAX_SPINS = 64;

/** One settled promise: awaiting it yields one microtask turn, and allocates no new promise. */
const SETTLED: Promise<void> = Promise.resolve();

/** Lets the model's work settle between two timers. */
export class ModelWorkSettler {
  readonly #clock: VirtualClock;
  readonly #onHop: () => void;
  #spins = 0;

  /**
   * @param clock - the model's clock
   * @param onHop - told before each event-loop hop (the virtual loop counts them and guards
   *   against a livelock there; it may throw)
   */
  constructor(clock: VirtualClock, onHop: () => void = () => undefined) {
    this.#clock = clock;
    this.#onHop = onHop;
  }

  /**
   * @returns a promise to await before asking again, or undefined when the model's work has
   *   settled and the next timer may fire
   * @throws whatever the model's promise work threw (recorded on the clock)
   */
  next(): Promise<void> | undefined {
    const clock = this.#clock;
    clock.endStep();
    const failure = clock.failure;
    if (failure !== undefined) throw failure.error;
    if (clock.settling > 0) {
      // Counted work settles within a few microtask turns; awaiting a resolved promise
      // yields one turn without a hop. Should it not settle, fall back to a hop.
      if (++this.#spins <= MAX_SPINS) return SETTLED;
      this.#spins = 0;
      this.#onHop();
      return hop();
    }
    this.#spins = 0;
    if (clock.takePromisesSettling()) {
      this.#onHop();
      return hop();
    }
    return undefined;
  }
}
