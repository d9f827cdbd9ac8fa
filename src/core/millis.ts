// Millis: the one unit of virtual time (STYLE rule 9). Durations and instants are
// branded numbers of milliseconds so that a bare number never passes for a time.

declare const millisBrand: unique symbol;

/** A duration or an instant on the virtual clock, in milliseconds. */
export type Millis = number & { readonly [millisBrand]: 'ms' };

/**
 * Brands a number of milliseconds.
 * @param value - milliseconds (may be fractional; virtual time is continuous)
 * @returns the same number, typed as {@link Millis}
 */
export function ms(value: number): Millis {
  return value as Millis;
}

/** Zero milliseconds: the start of every run. */
export const ZERO_MS: Millis = ms(0);

/**
 * Adds a duration to an instant.
 * @param at - the instant
 * @param delta - the duration to add
 * @returns the later instant
 */
export function addMs(at: Millis, delta: Millis): Millis {
  return (at + delta) as Millis;
}

/**
 * Rounds virtual time to the microsecond, as events, outcomes and traces give it: the clock
 * sums sampled durations in floating point, and the rounded value is stable and short.
 * @param at - the instant
 * @returns the instant in milliseconds with at most three decimals
 */
export function roundToMicros(at: Millis): number {
  return Math.round(at * 1000) / 1000;
}
