// ArrivalProcess: when first attempts of client requests arrive (fixed interval, Poisson,
// bursts or an explicit list), drawn from the `arrivals` stream only.

import { ms, type Millis } from '../core/millis.js';
import type { RandomStream } from '../core/prng.js';
import type { ArrivalsSpec } from '../scenario/scenario-schema.js';

/** Produces arrival instants one at a time, in non-decreasing order. */
export interface ArrivalProcess {
  /** @returns the next arrival instant, or undefined when the workload is exhausted */
  next(): Millis | undefined;
}

/**
 * @param spec - the scenario's arrivals
 * @param sessions - how many first attempts in total
 * @param startMs - the first arrival's earliest time
 * @param random - the `arrivals` stream
 * @returns the arrival process
 */
export function createArrivalProcess(
  spec: ArrivalsSpec,
  sessions: number,
  startMs: number,
  random: RandomStream,
): ArrivalProcess {
  let produced = 0;
  let last = startMs;
  if ('at' in spec) {
    // Whole microseconds, like every sampled duration: the list repeats shifted by its span,
    // and integer arithmetic keeps the repeated instants in order (float sums did not, and
    // an instant a hair before the clock made the run fail).
    const toMicros = (t: number): number => Math.round(t * 1000);
    const times = [...spec.at].map((t) => toMicros(startMs + t)).sort((a, b) => a - b);
    const spanMicros = (times.at(-1) ?? 0) - toMicros(startMs);
    return {
      next: () => {
        if (produced >= sessions) return undefined;
        // The list repeats, shifted by its last instant, when more sessions are asked for.
        const round = Math.floor(produced / times.length);
        const at = (times[produced % times.length] ?? 0) + round * spanMicros;
        produced++;
        return ms(at / 1000);
      },
    };
  }
  return {
    next: () => {
      if (produced >= sessions) return undefined;
      let at: number;
      if ('fixed' in spec) {
        at = startMs + produced * spec.fixed.intervalMs;
      } else if ('poisson' in spec) {
        const meanGapMs = 1000 / spec.poisson.ratePerSec;
        at = produced === 0 ? startMs : last - meanGapMs * Math.log(1 - random.nextFloat());
        // Rounded to the microsecond, like every sampled duration.
        at = Math.round(at * 1000) / 1000;
      } else {
        at = startMs + Math.floor(produced / spec.burst.size) * spec.burst.everyMs;
      }
      produced++;
      last = at;
      return ms(at);
    },
  };
}
