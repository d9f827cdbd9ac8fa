// sweep (issue 13): every scenario × every seed in a range, each a case, run in order (on
// threads when a runner says so) and judged like `dispatchsim run`. Results stream to
// `onResult`; the sweep keeps only the totals and its failing cases.

import type { ClientPolicy } from '../client/client-policy.js';
import type { Scenario, ScenarioInput, ScenarioLike } from '../scenario/scenario-schema.js';
import { resolveScenario } from '../sim/simulation.js';
import { inProcessRunner } from './run-case.js';
import { withSessionsOption } from './sessions-override.js';
import { runInOrder, type CaseRunner } from './run-in-order.js';
import { checkSweepInputs } from './search-inputs.js';
import { checkSweepOptions } from './search-options.js';
import type { CaseResult, SearchCase } from './search-case.js';
import { TotalsBuilder, type SearchTotals } from './search-totals.js';
import { WHOLE, shardIndices, type Shard } from './shard.js';

/** A scenario to sweep (as written: it may cross to worker threads), and its name. */
export interface SweepInput {
  readonly file: string;
  readonly scenario: ScenarioLike;
}

/** Options of {@link sweep}. */
export interface SweepOptions {
  /** The seeds, both ends included: integers with 0 <= from <= to <= 4294967295. */
  readonly seeds: { readonly from: number; readonly to: number };
  /**
   * Every case runs with this many sessions instead of its scenario's workload.sessions, as
   * the CLI's `--sessions` does (a soak file swept at 200). @default each scenario's own
   */
  readonly sessions?: number;
  /** Only this shard's cases. @default the whole sweep */
  readonly shard?: Shard;
  /**
   * Runs a case: in-process by default, or on worker threads: the `run` of
   * `createThreadedRunner()` (with `concurrency` its `threads`; close it after). A runner takes
   * only data: with a `clientPolicy` it is refused.
   */
  readonly runner?: CaseRunner;
  /** Cases in flight at once (the threads of the runner). @default 1 */
  readonly concurrency?: number;
  /**
   * A client policy in code. It runs in-process only, so it is refused with a `runner` (a
   * function cannot cross to worker threads): for threads, write the retry as the scenario's
   * `workload.client.retry`.
   */
  readonly clientPolicy?: ClientPolicy;
  /**
   * Makes the client policy of each case's run (and of each run a shrink makes), for a policy
   * that keeps state (a circuit breaker, `circuitBreaker()`): one `clientPolicy` object is
   * shared by every case, so a case's result would depend on the cases run before it in the
   * same process, and a shard's would differ from the whole search's. In-process only, as
   * `clientPolicy`; not both.
   */
  readonly createClientPolicy?: () => ClientPolicy;
  /** Each result, in case order. */
  readonly onResult?: (result: CaseResult) => void | Promise<void>;
  /** Failing cases kept in the report. @default 100 */
  readonly keepFailures?: number;
}

/** What a search found. */
export interface SearchReport {
  readonly totals: SearchTotals;
  /** The first failing or erroring cases, in case order. */
  readonly failures: readonly CaseResult[];
}

/**
 * @param inputs - the scenarios
 * @param seeds - the seed range, both ends included
 * @param shard - the shard to keep
 * @returns the cases, in index order: scenario by scenario, seed by seed
 */
export function* sweepCases(
  inputs: readonly {
    readonly file: string;
    readonly input: ScenarioInput;
    readonly scenario: Scenario;
  }[],
  seeds: { readonly from: number; readonly to: number },
  shard: Shard = WHOLE,
): Generator<SearchCase> {
  const perScenario = seeds.to - seeds.from + 1;
  for (const index of shardIndices(shard, inputs.length * perScenario)) {
    const input = inputs[Math.floor(index / perScenario)];
    // Stryker disable next-line ConditionalExpression: shardIndices stays below the total, so every index has its input
    if (input === undefined) return;
    const seed = seeds.from + (index % perScenario);
    yield { index, file: input.file, input: input.input, scenario: input.scenario, seed };
  }
}

/**
 * Runs every scenario with every seed of a range.
 * @param inputs - the scenarios, each `{ file, scenario }` (as written or validated)
 * @param options - seeds, shard, runner, concurrency, consumer
 * @returns the totals and the failing cases
 * @throws InvalidOptionError (`config.invalid-option`) naming a bad input or option, before
 *   any case runs: e.g. inputs not a list of `{ file, scenario }` (swarm's `{ file, input }`
 *   is named as such), seeds whose `from` exceeds `to` or that are not integers from 0 to
 *   4294967295, or a `clientPolicy` with a `runner`
 * @throws ScenarioError (`scenario.invalid`) when a scenario is not valid
 * @example
 * const report = await sweep([{ file: 'a.yaml', scenario }], { seeds: { from: 1, to: 100 } });
 * console.log(report.totals.failed);
 */
export async function sweep(
  inputs: readonly SweepInput[],
  options: SweepOptions,
): Promise<SearchReport> {
  checkSweepInputs(inputs);
  checkSweepOptions(options);
  const scenarios = inputs.map((input) => ({
    file: input.file,
    ...withSessionsOption(
      { input: input.scenario, scenario: resolveScenario(input.scenario, input.file) },
      input.file,
      options.sessions,
    ),
  }));
  return runSearch(sweepCases(scenarios, options.seeds, options.shard ?? WHOLE), options);
}

/**
 * Runs cases in order and keeps the totals and the first failures.
 * @param cases - the cases
 * @param options - runner, concurrency, consumer, failures kept
 * @returns the report
 */
export async function runSearch(
  cases: Iterable<SearchCase>,
  options: Omit<SweepOptions, 'seeds' | 'shard' | 'sessions'>,
): Promise<SearchReport> {
  const totals = new TotalsBuilder();
  const failures: CaseResult[] = [];
  const keep = options.keepFailures ?? 100;
  // Never both: the options' check refuses a client policy with a runner, which ignores it.
  const runner: CaseRunner = options.runner ?? inProcessRunner(options);
  await runInOrder(cases, runner, {
    concurrency: options.concurrency ?? 1,
    onResult: async (result) => {
      totals.add(result);
      if (result.verdict !== 'pass' && failures.length < keep) failures.push(result);
      await options.onResult?.(result);
    },
  });
  return { totals: totals.totals(), failures };
}
