// The data an HTML report carries (issue 16): the JSON of its `data-report` blocks, which the
// report's own script reads to draw the timeline and the journeys. `meta` comes first, then
// `journey` and `marks` blocks as the run produces them, then one `end` block.

import type { ClientView, SessionOutcomeKind } from '../../events/session-outcome.js';
import type { BucketSeriesData } from './bucket-series.js';
import type { JourneyLifeline } from './journey-lifeline.js';

/** One record (ETW event or Event Log entry) as the report draws it. */
export interface ReportRecord {
  readonly seq: number;
  readonly atMs: number;
  /** `etw:<id>` or `log:<id>`: the key of its explanation and counts. */
  readonly key: string;
  readonly id: number;
  readonly name: string;
  readonly level: string;
  /** True for a Windows Event Log entry. */
  readonly log: boolean;
  readonly activityId?: string;
  readonly message: string;
  /** The ETW payload; absent for an Event Log entry. */
  readonly payload?: Readonly<Record<string, unknown>>;
  /** The simulator's annotations (domain §8 point 3). */
  readonly annotations: Readonly<Record<string, unknown>>;
  /** Where it sits in a journey. */
  readonly lane: JourneyLifeline;
}

/** A session's journey: every record of its activity, then what its client saw. */
export interface ReportJourney {
  readonly sessionId: number;
  readonly clientId: number;
  readonly attempt: number;
  /** The ActivityId its events carry (from 4001 on), if any. */
  readonly activityId: string | null;
  readonly via: string;
  readonly app: string | null;
  readonly outcome: SessionOutcomeKind;
  readonly arrivedAtMs: number;
  readonly atMs: number;
  readonly client: ClientView;
  readonly reason: string;
  readonly records: readonly ReportRecord[];
}

/** A scenario fault drawn on the timeline. */
export interface ReportFault {
  readonly kind: string;
  /** What it hits, in words (a pool, a service, a worker), or ''. */
  readonly target: string;
  readonly atMs?: number;
  readonly fromMs?: number;
  readonly toMs?: number;
}

/** The first block: what the run is. */
export interface ReportMeta {
  readonly scenario: string;
  readonly seed: number;
  readonly apps: readonly string[];
  readonly faults: readonly ReportFault[];
  readonly lifelines: readonly JourneyLifeline[];
}

/** A worker process's lane. */
export interface ReportWorker {
  readonly workerId: number;
  readonly app: string | null;
  readonly pid: number | null;
  /** First and last record that names it. */
  readonly firstMs: number;
  readonly lastMs: number;
  /** When it registered (4015), failed to (4012/4014) and unregistered (4013), at most 50 each. */
  readonly registeredMs: readonly number[];
  readonly failedMs: readonly number[];
  readonly unregisteredMs: readonly number[];
}

/** An explanation, as `dispatchsim explain` prints it. */
export interface ReportExplanation {
  readonly label: string;
  /** When it is written, in one paragraph. */
  readonly summary: string;
  /** The whole text of `dispatchsim explain`. */
  readonly text: string;
}

/** The last block: exact aggregates and what was sampled. */
export interface ReportEnd {
  /** Virtual time of the last record or outcome. */
  readonly endMs: number;
  /** False when the run stopped early (the horizon, an interrupt): the report shows what came. */
  readonly complete: boolean;
  /** Per application: the pending-queue length and the idle workers, peak per bucket. */
  readonly series: Readonly<
    Record<string, { readonly queue: BucketSeriesData; readonly idle: BucketSeriesData }>
  >;
  /** Error and Warning records per key, counted per bucket (exact). */
  readonly errors: Readonly<Record<string, BucketSeriesData>>;
  /** The level of each key of `errors` (Critical, Error or Warning), for its colour. */
  readonly errorLevels: Readonly<Record<string, string>>;
  /** Error and Warning records per key, exact, and how many of them are drawn as marks. */
  readonly markCounts: Readonly<Record<string, number>>;
  readonly marksKept: number;
  /** Sessions ended, and how many of their journeys the report keeps. */
  readonly sessionsEnded: number;
  readonly journeysKept: number;
  /** Journeys of each outcome kind kept before thinning starts. */
  readonly journeysFirst: number;
  readonly workers: readonly ReportWorker[];
  /** Worker processes seen but not drawn (beyond the lane limit). */
  readonly workersNotDrawn: number;
  readonly explanations: Readonly<Record<string, ReportExplanation>>;
}
