// Duration distributions (fixed, uniform, exponential, normal, lognormal) sampled from a
// RandomStream. Samples are clamped to [0, MAX_SAMPLE_MS] and rounded to the microsecond so
// that traces print short, stable times and the virtual clock never sees Infinity or NaN.

import { ms, type Millis } from './millis.js';
import type { RandomStream } from './prng.js';
import { assertNever } from './assert-never.js';

/** A distribution of durations in milliseconds. */
export type Distribution =
  | { readonly kind: 'fixed'; readonly ms: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly stddev: number }
  | { readonly kind: 'lognormal'; readonly median: number; readonly sigma: number };

/**
 * Largest sample {@link sample} gives, in ms: 1e12 ms, about 31.7 years, the scenario
 * format's largest horizon. Scenario files bound every parameter well below it, but the
 * tail of a normal or lognormal draw can still exceed its parameters (a lognormal with
 * sigma 10 reaches e^85 times its median), and a distribution built in code is not
 * checked at all; this cap is the last guard. Below 2^40 ms a double still resolves a
 * microsecond.
 */
export const MAX_SAMPLE_MS = 1e12;

/**
 * @param value - milliseconds
 * @returns a distribution that always gives `value`
 */
export function fixed(value: number): Distribution {
  return { kind: 'fixed', ms: value };
}

function standardNormal(random: RandomStream): number {
  // Box-Muller; 1 - u keeps the logarithm finite.
  const u = 1 - random.nextFloat();
  const v = random.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Draws one duration, clamped to [0, {@link MAX_SAMPLE_MS}] and rounded to the microsecond.
 * A draw above the cap (a far tail, or Infinity from parameters no scenario file can hold)
 * gives the cap; a draw of NaN (say, an infinite uniform bound built in code) gives 0, like
 * a negative one. So every sample is a finite number the virtual clock can take.
 * @param distribution - what to draw from
 * @param random - the stream to draw with (a fixed distribution draws nothing)
 * @returns a duration from 0 to {@link MAX_SAMPLE_MS} ms, rounded to the microsecond
 */
export function sample(distribution: Distribution, random: RandomStream): Millis {
  let value: number;
  switch (distribution.kind) {
    case 'fixed':
      // Draws nothing, but is clamped and rounded like every other sample.
      value = distribution.ms;
      break;
    case 'uniform':
      value = distribution.min + random.nextFloat() * (distribution.max - distribution.min);
      break;
    case 'exponential':
      value = -distribution.mean * Math.log(1 - random.nextFloat());
      break;
    case 'normal':
      value = distribution.mean + distribution.stddev * standardNormal(random);
      break;
    case 'lognormal':
      value = distribution.median * Math.exp(distribution.sigma * standardNormal(random));
      break;
    default:
      return assertNever(distribution);
  }
  // `!(value > 0)` also catches NaN, which compares false with everything.
  if (!(value > 0)) return ms(0);
  if (value >= MAX_SAMPLE_MS) return ms(MAX_SAMPLE_MS);
  return ms(Math.round(value * 1000) / 1000);
}

/**
 * @param distribution - a distribution
 * @returns its mean in milliseconds (normal ignores the clamp at zero)
 */
export function meanOf(distribution: Distribution): number {
  switch (distribution.kind) {
    case 'fixed':
      return distribution.ms;
    case 'uniform':
      return (distribution.min + distribution.max) / 2;
    case 'exponential':
      return distribution.mean;
    case 'normal':
      return distribution.mean;
    case 'lognormal':
      return distribution.median * Math.exp((distribution.sigma * distribution.sigma) / 2);
    default:
      return assertNever(distribution);
  }
}
