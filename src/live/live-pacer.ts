// The live run loop (issue 14; STYLE §5.7: a real-time adapter around the model, never
// inside it): it fires the model's timers when the wall clock reaches their instants, lets
// the model's promise work settle after each (as sim/run-loop.ts does), and sleeps until the
// next timer or until woken by a new connection. It never stops on its own: the listener
// runs until it is told to stop. Between timers it settles the model's work exactly as
// sim/run-loop.ts does, through the same ModelWorkSettler. After each step it tells its
// owner, which acts out on the real sockets what the step changed in the model's state.

import { ModelWorkSettler } from '../sim/model-work-settler.js';
import type { LiveClock } from './live-clock.js';

/** Drives a LiveClock against the wall clock. */
export class LivePacer {
  readonly #clock: LiveClock;
  readonly #elapsed: () => number;
  readonly #afterStep: () => void;
  #timer: NodeJS.Timeout | undefined;
  #wake: (() => void) | undefined;
  #stopped = false;
  #done: Promise<void> | undefined;

  /**
   * @param clock - the model's clock
   * @param elapsed - wall-clock ms since the listener started
   * @param afterStep - called after each timer fired and each settling of the model's work
   */
  constructor(clock: LiveClock, elapsed: () => number, afterStep: () => void = () => undefined) {
    this.#clock = clock;
    this.#elapsed = elapsed;
    this.#afterStep = afterStep;
  }

  /**
   * Starts the loop.
   * @returns a promise that settles when the loop stops; it rejects with what a model timer
   *   or the model's promise work threw (a bug)
   */
  start(): Promise<void> {
    this.#done ??= this.#loop();
    return this.#done;
  }

  /** Something was scheduled (a connection arrived, a worker confirmed): look again now. */
  wake(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    wake?.();
  }

  /** Stops the loop after the current step. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.wake();
    await this.#done?.catch(() => undefined);
  }

  async #loop(): Promise<void> {
    const clock = this.#clock;
    const settler = new ModelWorkSettler(clock);
    while (!this.#stopped) {
      const settling = settler.next();
      if (settling !== undefined) {
        await settling;
        this.#afterStep();
        continue;
      }
      const next = clock.nextAt();
      const wait = next === undefined ? undefined : next - this.#elapsed();
      if (wait !== undefined && wait <= 0) {
        clock.fireNext();
        this.#afterStep();
        continue;
      }
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        // setTimeout takes at most 2^31 - 1 ms; a later timer is looked at again in an hour.
        if (wait !== undefined) {
          this.#timer = setTimeout(() => this.wake(), Math.min(Math.ceil(wait), 3_600_000));
        }
      });
    }
  }
}
