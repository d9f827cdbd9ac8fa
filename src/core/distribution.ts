// Duration distributions (fixed, uniform, exponential, normal, lognormal) sampled from a
// RandomStream. Samples are clamped at zero and rounded to the microsecond so that traces
// print short, stable times.

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
 * Draws one duration.
 * @param distribution - what to draw from
 * @param random - the stream to draw with (a fixed distribution draws nothing)
 * @returns a duration of zero or more milliseconds, rounded to the microsecond
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
  return ms(value <= 0 ? 0 : Math.round(value * 1000) / 1000);
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
