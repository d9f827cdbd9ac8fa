// The bounds on times and rates in scenario files: every duration, instant, window bound,
// interval and distribution parameter the schemas accept can be simulated, so nothing that
// passed validation turns into Infinity or NaN on the virtual clock later (STYLE rule 21:
// the schema rejects it, with the field and the bound, instead of the run failing).
// Virtual time is a double of ms; the core's last guard is MAX_SAMPLE_MS in
// core/distribution.ts.

/**
 * Largest duration, instant, window bound or distribution parameter (fixed, uniform
 * min/max, exponential mean, normal mean and stddev, lognormal median), in ms: 1e10 ms,
 * about 115 days. Far beyond any SMSvcHost, WAS or client timeout (the largest defaults are
 * minutes), yet a hundred such delays in a row still fit in {@link MAX_HORIZON_MS}, and an
 * exponential draw with this mean (at most about 37 times the mean) stays below the core's
 * sample cap of 1e12 ms.
 */
export const MAX_DURATION_MS = 1e10;

/**
 * Largest `horizonMs`, in ms: 1e12 ms, about 31.7 years. Below 2^40 ms a double still
 * tells apart instants one microsecond apart (its spacing there is at most 2^-12 ms), and
 * the trace prints times to the microsecond; the core caps every sample at the same value.
 */
export const MAX_HORIZON_MS = 1e12;

/**
 * Largest lognormal `sigma`. Measured service times have a sigma below 2 or so; past 10 the
 * distribution is almost all near zero plus draws far beyond the median (e^(10 × 8.6) times
 * it at the tail of the core's normal draw), which is a mistake in the file, not a workload.
 * It also keeps the lognormal mean, median × e^(sigma² / 2), finite.
 */
export const MAX_LOGNORMAL_SIGMA = 10;

/**
 * Smallest Poisson `ratePerSec`: one session every 1e6 s on average, so the mean gap
 * (1e9 ms) stays within {@link MAX_DURATION_MS}. A smaller positive rate, such as 5e-324,
 * makes the mean gap Infinity.
 */
export const MIN_RATE_PER_SEC = 1e-6;

/**
 * Largest Poisson `ratePerSec`: 1e9 sessions per second, a mean gap of 1e-6 ms, already
 * below the microsecond to which arrival times are rounded; no listener accepts faster.
 */
export const MAX_RATE_PER_SEC = 1e9;
