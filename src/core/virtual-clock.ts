// VirtualClock: simulated time that moves only when the run loop fires the next timer
// (STYLE rules 28-29). Timers are totally ordered by (atMs, priority, seq) and the clock
// never moves back. Nothing here reads the wall clock.

import { ms, type Millis } from './millis.js';
import { TimerHeap, type Timer } from './timer-heap.js';

/** A handle to cancel a scheduled timer. */
export type TimerHandle = Timer;

/** Priorities for timers due at the same instant; lower runs first. */
export const TimerPriority = {
  /** State changes that must be visible before sessions at the same instant (faults, lifecycle). */
  control: 0,
  /** Ordinary model steps. */
  normal: 1,
  /** New arrivals come after everything else due at the same instant. */
  arrival: 2,
} as const;

/**
 * Virtual time: a monotonic clock with a timer heap and promise-based sleeps. Timers are
 * totally ordered by (time, priority, tie-break, sequence).
 */
export class VirtualClock {
  readonly #heap = new TimerHeap();
  #now: Millis = ms(0);
  #seq = 0;
  #fired = 0;
  /** True once a fired timer resolved a promise, until the run loop drains microtasks. */
  #promisesSettling = false;
  readonly #tieBreak: (() => number) | undefined;
  #settling = 0;
  #lastOwner = '';
  /** An error thrown by promise work the model started (a p-queue task), for the run loop. */
  #failure: { readonly error: unknown } | undefined;
  /**
   * Work deferred to the end of the current step (see atStepEnd): the first #stepEndCount
   * slots. The array keeps its slots between steps; emptying it (`length = 0`) gave them back,
   * and nearly every step of a run asked for them again.
   */
  readonly #stepEnd: ((() => void) | undefined)[] = [];
  #stepEndCount = 0;

  /**
   * @param tieBreak - orders timers due at the same instant and priority: omitted, they run
   *   in scheduling (FIFO) order; given, by its draws (STYLE rule 32, `tieOrder: shuffled`)
   */
  constructor(tieBreak?: () => number) {
    this.#tieBreak = tieBreak;
  }

  /** @returns the current virtual time */
  now(): Millis {
    return this.#now;
  }

  /** Number of timers fired so far (the run's "steps"). */
  get steps(): number {
    return this.#fired;
  }

  /** Number of timers waiting, cancelled ones included. */
  get pending(): number {
    return this.#heap.size;
  }

  /**
   * Schedules `fire` at an absolute instant.
   * @param atMs - when; must not be before {@link VirtualClock.now}
   * @param fire - the callback, run synchronously by {@link VirtualClock.fireNext}
   * @param priority - tie-break among timers due at the same instant; lower first
   * @param owner - who schedules it, named if the run livelocks (e.g. `idle-timeout`)
   * @returns a handle for {@link VirtualClock.cancel}
   * @throws RangeError when `atMs` is in the past or not finite
   */
  scheduleAt(
    atMs: Millis,
    fire: () => void,
    priority: number = TimerPriority.normal,
    owner = 'model',
  ): TimerHandle {
    if (!(atMs >= this.#now) || !Number.isFinite(atMs)) {
      throw new RangeError(
        `VirtualClock cannot schedule at ${atMs} ms: the clock is at ${this.#now} ms and only moves forward`,
      );
    }
    const tie = this.#tieBreak === undefined ? 0 : this.#tieBreak();
    const timer: Timer = {
      atMs,
      priority,
      tie,
      seq: this.#seq++,
      fire,
      owner,
      cancelled: false,
    };
    this.#heap.push(timer);
    return timer;
  }

  /**
   * Schedules `fire` after a delay.
   * @param delayMs - how long from now; must be zero or more
   * @param fire - the callback
   * @param priority - tie-break among timers due at the same instant; lower first
   * @param owner - who schedules it, named if the run livelocks
   * @returns a handle for {@link VirtualClock.cancel}
   * @throws RangeError when the delay is negative or not finite
   */
  scheduleIn(
    delayMs: Millis,
    fire: () => void,
    priority: number = TimerPriority.normal,
    owner = 'model',
  ): TimerHandle {
    return this.scheduleAt(ms(this.#now + delayMs), fire, priority, owner);
  }

  /** @param timer - a handle from a schedule call; cancelling twice is harmless */
  cancel(timer: TimerHandle): void {
    timer.cancelled = true;
  }

  /**
   * A promise that resolves when the run loop reaches `now + delayMs`. It never resolves
   * on its own: only {@link VirtualClock.fireNext} moves time.
   * @param delayMs - how long to wait on virtual time
   * @returns a promise resolved by the run loop
   */
  sleep(delayMs: Millis): Promise<void> {
    return new Promise<void>((resolve) => {
      this.scheduleIn(
        delayMs,
        () => {
          this.#promisesSettling = true;
          resolve();
        },
        TimerPriority.normal,
        'sleep',
      );
    });
  }

  /**
   * Tells the run loop that promise callbacks are queued (for example p-queue's task
   * completion), so it must let them settle before firing the next timer.
   */
  notePromisesSettling(): void {
    this.#promisesSettling = true;
  }

  /**
   * Counts promise work whose end the model can see (a p-queue task completion, settled when
   * p-queue emits `next`): the run loop lets microtasks run until the count is back to zero,
   * which needs no event-loop hop.
   */
  beginSettle(): void {
    this.#settling++;
  }

  /** Marks the end of promise work counted by {@link VirtualClock.beginSettle}. */
  endSettle(): void {
    this.#settling--;
  }

  /** Promise work begun and not yet ended. */
  get settling(): number {
    return this.#settling;
  }

  /**
   * True when no promise work is in flight: none counted, none flagged. Work the model would
   * otherwise do from microtasks may then be deferred to the end of the step
   * ({@link VirtualClock.atStepEnd}), which is the same moment: nothing else would run
   * before it.
   */
  get quiet(): boolean {
    return this.#settling === 0 && !this.#promisesSettling;
  }

  /**
   * Runs `work` when the current step ends: after the fired timer's callback returns and
   * before the run loop lets promise work settle. Meant for work that would otherwise run
   * from a microtask queued while the clock was {@link VirtualClock.quiet}. Should promise
   * work of unknown depth (a client policy's) be flagged later in the same step, the work
   * goes to two microtask turns instead, behind it.
   * @param work - what to run, once
   */
  atStepEnd(work: () => void): void {
    this.#stepEnd[this.#stepEndCount++] = work;
  }

  /**
   * Runs the work deferred to the end of this step, in the order it was deferred.
   * @internal the run loop calls it after every step
   */
  endStep(): void {
    if (this.#stepEndCount === 0) return;
    const work = this.#stepEnd;
    if (!this.#promisesSettling) {
      // Each may defer more (a freed worker starts a dispatch that ends at once).
      for (let i = 0; i < this.#stepEndCount; i++) {
        const deferred = work[i] as () => void;
        work[i] = undefined;
        deferred();
      }
      this.#stepEndCount = 0;
      return;
    }
    const deferredWork = work.slice(0, this.#stepEndCount) as (() => void)[];
    work.fill(undefined, 0, this.#stepEndCount);
    this.#stepEndCount = 0;
    for (const deferred of deferredWork) {
      this.#settling++;
      queueMicrotask(() =>
        queueMicrotask(() => {
          try {
            deferred();
          } finally {
            this.#settling--;
          }
        }),
      );
    }
  }

  /**
   * Records an error thrown inside promise work the model started (a p-queue task), where
   * no caller would see it; the run loop rethrows it before time moves on. The first wins.
   * @param error - what was thrown
   */
  fail(error: unknown): void {
    this.#failure ??= { error };
  }

  /** The error recorded by {@link VirtualClock.fail}, if any. */
  get failure(): { readonly error: unknown } | undefined {
    return this.#failure;
  }

  /** The owner of the timer fired last ('' before the first). */
  get lastOwner(): string {
    return this.#lastOwner;
  }

  /**
   * @returns whether promise work was started since the last call, and clears the flag
   * @internal
   */
  takePromisesSettling(): boolean {
    const settling = this.#promisesSettling;
    this.#promisesSettling = false;
    return settling;
  }

  /** @returns the instant of the next live timer, or undefined when none is left */
  nextAt(): Millis | undefined {
    this.#dropCancelled();
    return this.#heap.peek()?.atMs;
  }

  /**
   * Fires the earliest live timer: moves `now` to its instant and runs its callback.
   * @returns false when no timer is left
   */
  fireNext(): boolean {
    this.#dropCancelled();
    const timer = this.#heap.pop();
    if (timer === undefined) return false;
    // The heap order guarantees timer.atMs >= now; the clock never goes back.
    this.#now = timer.atMs;
    this.#fired++;
    this.#lastOwner = timer.owner;
    timer.fire();
    return true;
  }

  #dropCancelled(): void {
    let top = this.#heap.peek();
    while (top?.cancelled === true) {
      this.#heap.pop();
      top = this.#heap.peek();
    }
  }
}
