// TimeToOutcome: how long sessions took from their arrival to their outcome, per outcome kind
// (user report: sessions queued behind a hung worker were `dispatched` after ten minutes,
// and nothing but the trace said how long they had waited). Bounded memory at any size: a
// log-linear histogram per kind, exact below 64 µs and within 1.6% above, plus the
// exact maximum.

import {
  sessionOutcomeKinds,
  type SessionOutcome,
  type SessionOutcomeKind,
} from '../events/session-outcome.js';
import { MAX_HORIZON_MS } from '../scenario/time-bounds.js';

/** How long the sessions of one outcome kind took, from arrival to outcome. */
export interface OutcomeTime {
  readonly outcome: SessionOutcomeKind;
  /** Sessions counted. */
  readonly count: number;
  /** The median, in ms (to within 1.6%, exact below 0.064 ms). */
  readonly medianMs: number;
  /** The 99th percentile, in ms (to within 1.6%, exact below 0.064 ms). */
  readonly p99Ms: number;
  /** The longest, in ms (exact, to the microsecond). */
  readonly maxMs: number;
}

/** Below this many µs, one bucket per µs. */
const EXACT_MICROS = 64;
/** Buckets per power of two above it. */
const SUB_BUCKETS = 32;
/** log2 of SUB_BUCKETS. */
const SUB_BITS = 5;
/** log2 of EXACT_MICROS. */
const EXACT_BITS = 6;

function bucketOf(micros: number): number {
  if (micros < EXACT_MICROS) return micros;
  // Below 2^31 µs (36 min), in bit operations: on every session's path (issue 12).
  if (micros < 2 ** 31) {
    const power = 31 - Math.clz32(micros);
    const sub = (micros >>> (power - SUB_BITS)) - SUB_BUCKETS;
    return EXACT_MICROS + (power - EXACT_BITS) * SUB_BUCKETS + sub;
  }
  const power = Math.floor(Math.log2(micros));
  const sub = Math.floor(micros / 2 ** (power - SUB_BITS)) - SUB_BUCKETS;
  return EXACT_MICROS + (power - EXACT_BITS) * SUB_BUCKETS + sub;
}

// The middle of a bucket, in µs (its one value below EXACT_MICROS).
function valueOf(bucket: number): number {
  if (bucket < EXACT_MICROS) return bucket;
  const above = bucket - EXACT_MICROS;
  const power = Math.floor(above / SUB_BUCKETS) + EXACT_BITS;
  const width = 2 ** (power - SUB_BITS);
  return (SUB_BUCKETS + (above % SUB_BUCKETS)) * width + width / 2;
}

/** Buckets enough for any time a run can reach: its horizon is at most MAX_HORIZON_MS. */
const BUCKETS = bucketOf(MAX_HORIZON_MS * 1000) + 1;

interface Histogram {
  readonly counts: Uint32Array;
  count: number;
  maxMicros: number;
}

/** Tallies each outcome's time from arrival, in bounded memory. */
export class TimeToOutcome {
  readonly #byKind = new Map<SessionOutcomeKind, Histogram>();
  // The last kind counted: most outcomes of a run repeat it, so the common case costs no Map
  // lookup (issue 12: this is on every session's path).
  #lastKind: SessionOutcomeKind | undefined;
  #last: Histogram | undefined;

  /** @param outcome - one more terminal outcome */
  add(outcome: SessionOutcome): void {
    const micros = Math.max(0, Math.round((outcome.atMs - outcome.arrivedAtMs) * 1000));
    let histogram = outcome.kind === this.#lastKind ? this.#last : this.#byKind.get(outcome.kind);
    if (histogram === undefined) {
      histogram = { counts: new Uint32Array(BUCKETS), count: 0, maxMicros: 0 };
      this.#byKind.set(outcome.kind, histogram);
    }
    this.#lastKind = outcome.kind;
    this.#last = histogram;
    const bucket = bucketOf(micros);
    histogram.counts[bucket] = (histogram.counts[bucket] ?? 0) + 1;
    histogram.count++;
    if (micros > histogram.maxMicros) histogram.maxMicros = micros;
  }

  /** @returns each outcome kind seen, in the order of `sessionOutcomeKinds` */
  list(): OutcomeTime[] {
    return sessionOutcomeKinds.flatMap((outcome) => {
      const histogram = this.#byKind.get(outcome);
      if (histogram === undefined) return [];
      const { count, maxMicros } = histogram;
      // The last rank is the maximum, exact; any other is its bucket's middle, at most that.
      const at = (fraction: number): number => {
        const rank = Math.ceil(fraction * count);
        return (rank >= count ? maxMicros : Math.min(quantile(histogram, rank), maxMicros)) / 1000;
      };
      return [{ outcome, count, medianMs: at(0.5), p99Ms: at(0.99), maxMs: maxMicros / 1000 }];
    });
  }
}

// The value of the rank-th smallest time (1-based), in µs.
function quantile(histogram: Histogram, rank: number): number {
  let seen = 0;
  const { counts } = histogram;
  for (let bucket = 0; bucket < counts.length; bucket++) {
    seen += counts[bucket] ?? 0;
    if (seen >= rank) return valueOf(bucket);
  }
  return histogram.maxMicros;
}
