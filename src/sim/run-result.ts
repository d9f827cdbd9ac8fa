// RunResult: what a run came to (issue 3, 5): the books, the events by id, the counters,
// the faults that fired, the clients' per-request results and the expectations checked.

import type { OutcomeCounts } from './outcomes-by-app.js';
import type { OutcomeReason } from './outcome-reasons.js';
import type { OutcomeTime } from './time-to-outcome.js';
import type { PerformanceCounters } from '../events/performance-counters.js';
import type {
  ClientTransportResult,
  ClientException,
  FramingFault,
  SessionOutcomeKind,
} from '../events/session-outcome.js';
import type { RequestSummary } from '../client/client-driver.js';
import type { FaultRule } from '../scenario/fault-schema.js';
import type { ExpectationResult } from './check-expectations.js';

/** What the clients of one outcome kind saw, and how often. */
export interface ClientSeen {
  readonly outcome: SessionOutcomeKind;
  readonly result: ClientTransportResult;
  readonly fault: FramingFault | null;
  readonly exception: ClientException | null;
  /** One example message (the first one seen). */
  readonly message: string | null;
  readonly count: number;
}

/** A rule of the fault plan and how many times it fired in the run. */
export interface FaultRuleResult {
  readonly rule: FaultRule;
  readonly fired: number;
}

/** The result of a run. */
export interface RunResult {
  /** The scenario's name. */
  readonly scenario: string;
  readonly seed: number;
  /** Sessions that arrived (first attempts and retries). */
  readonly sessions: number;
  /** Sessions SMSvcHost accepted (all but refused connections). */
  readonly accepted: number;
  /** Terminal outcomes by kind. */
  readonly outcomes: { readonly [K in SessionOutcomeKind]: number };
  /**
   * The outcomes of each application's sessions (those routed to it), every app of the
   * scenario listed in file order; a session never routed (refused, bad preamble, no route)
   * is in `outcomes` only.
   */
  readonly outcomesByApp: Readonly<Record<string, OutcomeCounts>>;
  /** What clients saw, per outcome kind and result. */
  readonly clientSeen: readonly ClientSeen[];
  /**
   * Why sessions ended as they did: per outcome kind, each reason the model gave and how
   * many sessions it ended (at most 8 reasons a kind, the rest as `other reasons`).
   */
  readonly outcomeReasons: readonly OutcomeReason[];
  /**
   * How long sessions took from arrival to outcome, per outcome kind: median and 99th
   * percentile (to within 1.6%) and the maximum.
   */
  readonly timeToOutcome: readonly OutcomeTime[];
  /** ETW events by id (as a string key), in ascending id order. */
  readonly eventCounts: Readonly<Record<string, number>>;
  /** Windows Event Log entries by id. */
  readonly eventLogCounts: Readonly<Record<string, number>>;
  /** SMSvcHost performance counters, both transports together (domain §2.5). */
  readonly counters: PerformanceCounters;
  /** The same counters per transport instance. */
  readonly countersByTransport: {
    readonly tcp: PerformanceCounters;
    readonly pipe: PerformanceCounters;
  };
  /** Faults fired, by kind. */
  readonly faultsFired: Readonly<Record<string, number>>;
  /** Each rule of the fault plan (`faults[i]`), in plan order, with how often it fired. */
  readonly faultRules: readonly FaultRuleResult[];
  /** Per logical request results of the simulated clients. */
  readonly requests: RequestSummary;
  /** Virtual time at the end of the run, in ms. */
  readonly virtualDurationMs: number;
  /** Timers fired. */
  readonly steps: number;
  /** Event-loop hops taken to let promise work settle. */
  readonly hops: number;
  /** Every session has exactly one outcome. */
  readonly balanced: boolean;
  /** The scenario's expectations, checked. */
  readonly expectations: readonly ExpectationResult[];
}

/** Why a run stopped before every session had its outcome: the code of the error it threw. */
export type RunStopCode = 'sim.horizon-exceeded' | 'sim.stalled' | 'sim.livelock';

/**
 * What a run that stopped early produced up to the stop (see `resultOfStoppedRun`): the
 * figures of a {@link RunResult}, taken when the run stopped, without its expectations, which
 * are judged on a whole run and so were not checked. `balanced` is false while sessions are
 * in flight; the books of the stop are `sessions` = the sum of `outcomes` + `inFlight`, and
 * the first attempts that never arrived (`notArrived`) are counted apart.
 */
export interface StoppedRunResult extends Omit<RunResult, 'expectations'> {
  /** Why the run stopped: the code of the error `run()` threw. */
  readonly stoppedBy: RunStopCode;
  /** The horizon the run had, in ms (the scenario's `horizonMs`, or the run option's). */
  readonly horizonMs: number;
  /** Sessions that arrived and had no outcome when the run stopped. */
  readonly inFlight: number;
  /** First attempts that had not arrived when the run stopped (not in `sessions`). */
  readonly notArrived: number;
  /**
   * Requests whose client policy's promise had not settled when the run stopped (a stall's
   * usual cause): among the requests without a result in `requests`.
   */
  readonly awaitingPolicy: number;
}

/**
 * @param result - a run's result, whole or up to a stop
 * @returns true when it is the result of a run that stopped early
 */
export function isStoppedRunResult(
  result: RunResult | StoppedRunResult,
): result is StoppedRunResult {
  return 'stoppedBy' in result;
}
