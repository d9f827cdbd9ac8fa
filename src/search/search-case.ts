// A search case (issue 13): one scenario and one seed, run once. Its result is a pure
// function of the case, so cases can run in any order, on any thread or machine, and their
// results merge into the same bytes. Sweeps and swarms are lists of cases.

import type { FaultRuleInput } from '../scenario/fault-schema.js';
import type { Scenario, ScenarioInput } from '../scenario/scenario-schema.js';

/** One run to make: a scenario (its fault plan included) and a seed. */
export interface SearchCase {
  /** The case's place in its sweep or swarm (0-based); results are written in this order. */
  readonly index: number;
  /** Where the scenario came from, as the user named it. */
  readonly file: string;
  /** The scenario as written: what crosses to a worker thread. */
  readonly input: ScenarioInput;
  /** The same, validated, when this thread has it: saves validating it again. */
  readonly scenario?: Scenario | undefined;
  readonly seed: number;
  /** The fault rules a swarm added to the scenario's own (absent in a sweep). */
  readonly plan?: readonly FaultRuleInput[] | undefined;
}

/** Requests by their final result, as the clients saw them. */
export interface CaseRequests {
  readonly total: number;
  readonly succeededFirstTime: number;
  readonly succeededAfterRetry: number;
  readonly gaveUp: number;
}

/** One expectation as the case saw it. */
export interface CaseExpectation {
  readonly description: string;
  readonly met: boolean | null;
  readonly observed: string;
}

/** How a case ended: every expectation met, one not met (or unbalanced books), or an error. */
export type CaseVerdict = 'pass' | 'fail' | 'error';

/** The result of one case: plain JSON, with a fixed key order. */
export interface CaseResult {
  readonly index: number;
  readonly file: string;
  readonly scenario: string;
  readonly seed: number;
  readonly verdict: CaseVerdict;
  /**
   * What failed, stable across shrinking: `error: <code>`, `the books do not balance`, or the
   * first expectation not met (its description, without the figure seen). Null on a pass.
   */
  readonly failure: string | null;
  /** The error's message, when the run threw. */
  readonly error: string | null;
  readonly sessions: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly requests: CaseRequests;
  readonly expectations: readonly CaseExpectation[];
  /** Faults fired, by kind. */
  readonly faultsFired: Readonly<Record<string, number>>;
  /** The fault rules a swarm added, so the case replays from this line; null in a sweep. */
  readonly plan: readonly FaultRuleInput[] | null;
}
