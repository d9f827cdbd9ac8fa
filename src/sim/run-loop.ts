// The run loop (STYLE §5.5): fire the next timer, and when the timer left work behind (work
// deferred to the end of the step, promise work), let it settle before time moves on
// (model-work-settler.ts, shared with live mode). It guards against hangs: the horizon, a
// stall, a livelock. Nothing here reads a clock.

import { isPromiseLike } from '../core/is-promise-like.js';
import { roundToMicros } from '../core/millis.js';
import type { VirtualClock } from '../core/virtual-clock.js';
import { HorizonExceededError } from '../errors/horizon-exceeded-error.js';
import { LivelockError } from '../errors/livelock-error.js';
import { SimulationStalledError } from '../errors/simulation-stalled-error.js';
import { ModelWorkSettler } from './model-work-settler.js';
import type { RunOptions } from './run-options.js';
import type { RetryStorm } from '../client/client-driver.js';
import type { RunStopCode } from './run-result.js';

/** What the loop needs to know about the run. */
export interface RunLoopOptions {
  readonly clock: VirtualClock;
  /** True when every session and request has its outcome. */
  readonly isDone: () => boolean;
  /** Sessions or requests without an outcome, for the error messages. */
  readonly open: () => number;
  /** First attempts yet to arrive (part of `open`), for the horizon message. @default none */
  readonly notArrived?: (() => number) | undefined;
  /** Attempts sent and first attempts arrived, for the horizon message. @default unknown */
  readonly attempts?: (() => { readonly sent: number; readonly firstAttempts: number }) | undefined;
  /**
   * Requests waiting on a client policy's promise, for the stall message: at a stall such a
   * promise awaits something virtual time cannot settle. @default none
   */
  readonly awaitingPolicy?: (() => number) | undefined;
  /**
   * A client request retried at once again and again at the current instant (see
   * ClientDriver.retryStorm): asked every 1,024 steps at one instant. @default none
   */
  readonly retryStorm?: (() => RetryStorm | undefined) | undefined;
  /** A run passing this virtual time fails. */
  readonly horizonMs: number;
  /**
   * A number that changes whenever something happens (an event, an arrival, an outcome):
   * timers that keep firing at one instant without changing it are a livelock.
   */
  readonly progress: () => number;
  /** Called every `progressEvery` steps (for progress bars). */
  readonly onProgress?: (() => void) | undefined;
  /**
   * Called after every step. A thenable it returns is awaited before the next step (a slow
   * output's backpressure, or a chance for the caller to notice Ctrl-C); a rejection stops
   * the run with its reason.
   */
  readonly onStep?: RunOptions['onStep'] | undefined;
  /**
   * Called when the run stops early, just before the error is thrown, while the run's state
   * is still that of the stop (for the result up to it). @default none
   */
  readonly onStop?: ((stop: RunStop) => void) | undefined;
}

/** A run stopping early: the error about to be thrown, and how far the run got. */
export interface RunStop extends RunLoopStats {
  readonly code: RunStopCode;
  readonly error: HorizonExceededError | SimulationStalledError | LivelockError;
}

/** How long a run took in steps and hops. */
export interface RunLoopStats {
  /** Timers fired. */
  readonly steps: number;
  /** Event-loop hops made to let promise work settle. */
  readonly hops: number;
}

const PROGRESS_EVERY = 4096;

/** Steps at one instant between two looks for a request retried at once (a power of two). */
const STORM_CHECK_EVERY = 1024;

/**
 * Timers fired at one instant, or event-loop hops made without a timer, with nothing
 * happening, before the run is declared livelocked. A legitimate burst at one instant
 * (100,000 arrivals at time 0) makes progress with every arrival, so it never trips this.
 */
export const LIVELOCK_REPEATS = 100_000;

/**
 * Runs until every session has its outcome.
 * @param options - the clock and the run's state
 * @returns the steps and hops taken
 * @throws HorizonExceededError (`sim.horizon-exceeded`) when the next timer is past the horizon
 * @throws SimulationStalledError (`sim.stalled`) when nothing is left to happen but sessions are open
 * @throws LivelockError (`sim.livelock`) when timers keep firing at one instant with nothing happening
 * @throws whatever a timer callback or model promise work threw (a bug, or a throwing listener)
 */
export async function runLoop(options: RunLoopOptions): Promise<RunLoopStats> {
  const { clock, isDone, horizonMs, onProgress, onStep, onStop, progress } = options;
  let hops = 0;
  const stop = <E extends RunStop['error']>(code: RunStopCode, error: E): E => {
    onStop?.({ code, error, steps: clock.steps, hops });
    return error;
  };
  // The livelock guard: repeats at the current instant since something last happened.
  let instant = clock.now();
  let repeats = 0;
  let hopsWithoutStep = 0;
  let mark = progress();
  // A livelock: `owner` fired (or was retried at once, for `retriedRequest`) `count` times.
  const stuck = (owner: string, count: number, retriedRequest?: number): LivelockError =>
    stop(
      'sim.livelock',
      new LivelockError({
        atMs: roundToMicros(clock.now()),
        steps: clock.steps,
        open: options.open(),
        owner,
        repeats: count,
        retriedRequest,
      }),
    );
  const settler = new ModelWorkSettler(clock, () => {
    hops++;
    if (++hopsWithoutStep >= LIVELOCK_REPEATS) {
      if (progress() === mark)
        throw stuck('promise work (p-queue or a client policy)', hopsWithoutStep);
      mark = progress();
      hopsWithoutStep = 0;
    }
  });
  for (;;) {
    const settling = settler.next();
    if (settling !== undefined) {
      await settling;
      continue;
    }
    if (isDone()) break;
    const next = clock.nextAt();
    if (next === undefined) {
      throw stop(
        'sim.stalled',
        new SimulationStalledError({
          atMs: roundToMicros(clock.now()),
          steps: clock.steps,
          open: options.open(),
          awaitingPolicy: options.awaitingPolicy?.() ?? 0,
        }),
      );
    }
    if (next > horizonMs) {
      throw stop(
        'sim.horizon-exceeded',
        new HorizonExceededError({
          // Instants to the microsecond, as traces write them (sums of sampled durations in
          // floating point: the message said 1978.7169999999999 ms, user report).
          atMs: roundToMicros(clock.now()),
          steps: clock.steps,
          open: options.open(),
          notArrived: options.notArrived?.() ?? 0,
          horizonMs,
          nextAtMs: roundToMicros(next),
          attempts: options.attempts?.(),
        }),
      );
    }
    clock.fireNext();
    clock.endStep();
    hopsWithoutStep = 0;
    if (clock.now() !== instant) {
      instant = clock.now();
      repeats = 0;
    } else if (++repeats >= LIVELOCK_REPEATS) {
      // Checked once per LIVELOCK_REPEATS steps at one instant, so the guard costs nothing.
      if (progress() === mark) throw stuck(clock.lastOwner, repeats);
      mark = progress();
      repeats = 0;
    } else if ((repeats & (STORM_CHECK_EVERY - 1)) === 0) {
      // Retries at once make progress (events, attempts) but never let time move: looked
      // for once per 1,024 steps at one instant.
      const storm = options.retryStorm?.();
      if (storm !== undefined) throw stuck(storm.failure, storm.retries, storm.clientId);
    }
    if (onProgress !== undefined && clock.steps % PROGRESS_EVERY === 0) onProgress();
    if (onStep !== undefined) {
      // A function typed to return void may still return a value: only a thenable is
      // awaited, so anything else costs no event-loop turn.
      const wait: unknown = onStep();
      if (isPromiseLike(wait)) await wait;
    }
  }
  return { steps: clock.steps, hops };
}
