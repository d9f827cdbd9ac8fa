// TimeToOutcome: how long sessions took from their arrival to their outcome, per outcome kind
// (user report: sessions queued behind a hung worker were `dispatched` after ten minutes,
// and nothing but the trace said how long they had waited). Bounded memory at any size: a
// log-linear histogram per kind, exact below 64 µs and within 1.6% above, plus the
// exact maximum; a kind of at most 64 sessions keeps their times, and its figures are exact
// (user report: 5 sessions gave a median of 1040.384 ms where the trace said 1039.258).

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
  /** The median, in ms (exact for at most 64 sessions or below 0.064 ms; else to within 1.6%). */
  readonly medianMs: number;
  /** The 99th percentile, in ms (exact as the median is; else to within 1.6%). */
  readonly p99Ms: number;
  /** The longest, in ms (exact, to the microsecond). */
  readonly maxMs: number;
}

/** Up to this many sessions of a kind, their times are kept and its figures are exact. */
const EXACT_SESSIONS = 64;
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
  /** Every time counted, while there are at most EXACT_SESSIONS; then dropped. */
  exact: number[] | undefined;
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
      histogram = { counts: new Uint32Array(BUCKETS), count: 0, maxMicros: 0, exact: [] };
      this.#byKind.set(outcome.kind, histogram);
    }
    this.#lastKind = outcome.kind;
    this.#last = histogram;
    const bucket = bucketOf(micros);
    histogram.counts[bucket] = (histogram.counts[bucket] ?? 0) + 1;
    histogram.count++;
    if (micros > histogram.maxMicros) histogram.maxMicros = micros;
    const exact = histogram.exact;
    if (exact !== undefined) {
      if (exact.length < EXACT_SESSIONS) exact.push(micros);
      else histogram.exact = undefined;
    }
  }

  /** @returns each outcome kind seen, in the order of `sessionOutcomeKinds` */
  list(): OutcomeTime[] {
    return sessionOutcomeKinds.flatMap((outcome) => {
      const histogram = this.#byKind.get(outcome);
      if (histogram === undefined) return [];
      const { count, maxMicros } = histogram;
      const sorted = histogram.exact?.slice().sort((a, b) => a - b);
      // The last rank is the maximum, exact; any other is its own time while the times are
      // kept, else its bucket's middle, at most the maximum.
      const at = (fraction: number): number => {
        const rank = Math.ceil(fraction * count);
        if (sorted !== undefined) return (sorted[rank - 1] ?? maxMicros) / 1000;
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
