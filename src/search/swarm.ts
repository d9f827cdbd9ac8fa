// swarm (issue 13): swarm testing on top of a base scenario. Case i adds to the scenario's
// own fault plan a plan drawn from (seed, i) alone: a random subset of fault kinds, then
// rules of those kinds aimed at the scenario's apps and pools, with random probabilities,
// counts and windows; its run seed comes from (seed, i) too. A case fails when an
// expectation of the scenario fails (users put their promises there, e.g.
// `{ requests: gaveUp, count: { max: 0 } }`), the books do not balance, or the run errors.
// The first case of each distinct failure is shrunk (shrink-scenario.ts): distinct by what
// failed and by the set of fault kinds that fired, since one promise (`requests gaveUp <= 0`)
// breaks for many causes. A failure whose kinds include every kind a failure shrunk before
// kept is left as explained, and at most MAX_SHRUNK are shrunk: the report names the rest.

import fc from 'fast-check';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { ClientPolicy } from '../client/client-policy.js';
import type { FaultKind, FaultRuleInput } from '../scenario/fault-schema.js';
import type { Scenario, ScenarioInput, ScenarioLike } from '../scenario/scenario-schema.js';
import { validateScenario } from '../scenario/validate-scenario.js';
import { resolveScenario } from '../sim/simulation.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { faultKinds } from '../scenario/fault-schema.js';
import { applicableKinds, faultPlanArbitrary, faultPlanContext } from './random-fault-plan.js';
import type { CaseRunner } from './run-in-order.js';
import type { CaseResult, SearchCase } from './search-case.js';
import { checkSwarmBase } from './search-inputs.js';
import { checkSwarmOptions } from './search-options.js';
import { WHOLE, shardIndices, type Shard } from './shard.js';
import { shrinkFailure } from './shrink.js';
import { withSessionsOption } from './sessions-override.js';
import { runSearch, type SearchReport } from './sweep.js';

/** Options of {@link swarm}; the limits are those of the CLI's flags (search-limits.ts). */
export interface SwarmOptions {
  /** Cases to run: an integer from 1 to 100000000. */
  readonly runs: number;
  /** The seed every case's plan and run seed derive from (0 to 4294967295). @default 1 */
  readonly seed?: number;
  /** The most rules a case adds (1 to 100). @default 4 */
  readonly maxRules?: number;
  /**
   * The fault kinds the plans may use, e.g. only the transient ones a retry policy claims
   * to ride out. @default every kind
   */
  readonly kinds?: readonly FaultKind[];
  /**
   * Every case runs, and every failure shrinks, with this many sessions instead of the
   * scenario's workload.sessions, as the CLI's `--sessions` does. @default the scenario's own
   */
  readonly sessions?: number;
  /** Only this shard's cases. @default the whole swarm */
  readonly shard?: Shard;
  /**
   * Runs a case: in-process by default, or on worker threads: the `run` of
   * `createThreadedRunner()` (with `concurrency` its `threads`; close it after). A runner takes
   * only data: with a `clientPolicy` it is refused.
   */
  readonly runner?: CaseRunner;
  /** Cases in flight at once. @default 1 */
  readonly concurrency?: number;
  /**
   * A client policy in code, e.g. the retry policy under test. It runs in-process only, so it
   * is refused with a `runner` (a function cannot cross to worker threads): for threads, write
   * the retry as the scenario's `workload.client.retry`.
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
  /**
   * Shrink the first case of each distinct failure (what failed, and the set of fault kinds
   * that fired), at most {@link MAX_SHRUNK} of them. @default true
   */
  readonly shrink?: boolean;
  /** The most runs spent shrinking one failure (1 to 1000000). @default 400 */
  readonly shrinkBudget?: number;
  /** Each result, in case order. */
  readonly onResult?: (result: CaseResult) => void | Promise<void>;
  /**
   * Each failure shrunk, as soon as its shrink ends, in the order of `shrunk`: what a caller
   * stopped later (its runner throwing, as the CLI's does on Ctrl-C) keeps.
   */
  readonly onShrunk?: (found: ShrunkFailure) => void | Promise<void>;
  /**
   * Each step kept by the shrink in progress, with the smallest failing scenario it has found
   * so far (its `steps` and `evaluations` so far): not fully shrunk, but a whole scenario
   * that fails the same way with its seed. What a caller stopped before that shrink ends (its
   * runner throwing, as the CLI's does on Ctrl-C) keeps of it, as `shrink`'s Ctrl-C keeps its
   * own; once the shrink ends, `onShrunk` tells of the result. Called between two runs, and
   * not awaited.
   */
  readonly onShrinkStep?: (soFar: ShrunkFailure) => void;
  /** Failing cases kept in the report. @default 100 */
  readonly keepFailures?: number;
}

/** The most distinct failures a swarm shrinks; the report names the others. */
export const MAX_SHRUNK = 10;

/** A failure, shrunk. */
export interface ShrunkFailure {
  /** What failed (the case result's `failure`). */
  readonly failure: string;
  /** The case it was first seen in. */
  readonly caseIndex: number;
  /** The fault kinds that fired in that case, sorted: with `failure`, what made it distinct. */
  readonly faultKinds: readonly string[];
  /** The seed that replays it. */
  readonly seed: number;
  /** The smallest failing scenario found, as written, with its fault plan. */
  readonly scenario: ScenarioInput;
  /** Shrink steps kept. */
  readonly steps: number;
  /** Runs made while shrinking: the candidates, and the same without fault rules. */
  readonly evaluations: number;
  /**
   * True when the shrink stopped at its budget (`shrinkBudget`) with candidates untried: not
   * fully shrunk; shrinking the result again may go further.
   */
  readonly budgetSpent: boolean;
}

/** A distinct failure a swarm did not shrink: `dispatchsim shrink F --case i` shrinks it. */
export interface UnshrunkFailure {
  readonly failure: string;
  /** The first case it was seen in. */
  readonly caseIndex: number;
  readonly seed: number;
  /** The fault kinds that fired in that case, sorted. */
  readonly faultKinds: readonly string[];
  /**
   * `explained`: every kind a failure shrunk before kept fired here too, most likely the
   * same cause; `limit`: {@link MAX_SHRUNK} were shrunk already.
   */
  readonly reason: 'explained' | 'limit';
  /** The case of the shrunk failure that explains it (`explained` only). */
  readonly explainedBy?: number;
}

/** What a swarm found. */
export interface SwarmReport extends SearchReport {
  /**
   * One per distinct failure (what failed, and the fault kinds that fired), in the order
   * first seen, at most {@link MAX_SHRUNK} (empty when not shrinking).
   */
  readonly shrunk: readonly ShrunkFailure[];
  /** The distinct failures not shrunk, in the order first seen (empty when not shrinking). */
  readonly unshrunk: readonly UnshrunkFailure[];
}

/**
 * @param result - a failing case's result
 * @returns what makes its failure distinct: what failed, and the fault kinds that fired
 */
export function distinctFailureKey(result: CaseResult): string {
  return `${result.failure ?? ''} | ${firedKinds(result).join('+')}`;
}

const firedKinds = (result: CaseResult): string[] => Object.keys(result.faultsFired).sort();

/**
 * @param seed - the swarm's seed
 * @param index - a case's index
 * @returns the 32-bit generator seed of that case, from (seed, index) alone
 */
export function swarmCaseSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
}

/** The base of a swarm: as written (its plan is extended) and validated. */
export interface SwarmBase {
  readonly file: string;
  readonly input: ScenarioInput;
  readonly scenario: Scenario;
}

/**
 * @param base - the base scenario
 * @param options - runs, seed, rule count, shard
 * @returns the cases, in index order
 */
export function* swarmCases(
  base: SwarmBase,
  options: Pick<SwarmOptions, 'runs' | 'seed' | 'maxRules' | 'shard' | 'kinds'>,
): Generator<SearchCase> {
  const seed = options.seed ?? 1;
  const shard = options.shard ?? WHOLE;
  const plans = faultPlanArbitrary(
    faultPlanContext(base.scenario),
    options.maxRules ?? 4,
    options.kinds,
  );
  for (const index of shardIndices(shard, options.runs)) {
    const caseSeed = swarmCaseSeed(seed, index);
    const plan = plans.generate(new fc.Random(xoroshiro128plus(caseSeed)), undefined).value;
    const input: ScenarioInput = { ...base.input, faults: [...(base.input.faults ?? []), ...plan] };
    const validated = validateScenario(input, base.file);
    if (!validated.ok) {
      const issue = validated.issues[0];
      throw new Error(
        `internal: swarm case ${index} drew an invalid plan: ${issue?.path ?? ''}: expected ${issue?.expected ?? '?'}`,
      );
    }
    yield {
      index,
      file: base.file,
      scenario: validated.scenario,
      seed: caseSeed % 1_000_000,
      plan,
      input,
    };
  }
}

// Kinds that exist may still have nothing to aim at: a pool kind in a scenario without pools.
function checkKindsApply(
  kinds: readonly FaultKind[] | undefined,
  scenario: Scenario,
  file: string,
): void {
  if (kinds === undefined) return;
  const applicable = applicableKinds(faultPlanContext(scenario));
  if (kinds.some((kind) => applicable.includes(kind))) return;
  const needPools = faultKinds.filter((kind) => !applicable.includes(kind));
  throw new InvalidOptionError(
    'kinds',
    `at least one fault kind that applies to ${file} (${needPools.join(' and ')} need an application pool, and it has none)`,
    kinds,
  );
}

/**
 * Swarm testing: runs `runs` random fault plans on top of a scenario and shrinks what fails.
 * @param base - `{ file, input }`: the base scenario's name and the scenario as written (its
 *   plan is extended, and shrunk files stay short)
 * @param options - runs, seed, runner, shrinking
 * @returns the totals, the failing cases and each distinct failure shrunk
 * @throws InvalidOptionError (`config.invalid-option`) naming a bad base or option, before
 *   any case runs: a base that is not `{ file, input }` (sweep's `{ file, scenario }` is named
 *   as such), `runs` not an integer from 1 to 100000000, kinds none of which applies, a
 *   `clientPolicy` with a `runner`, …
 * @throws ScenarioError (`scenario.invalid`) when the base scenario is not valid
 * @example
 * const report = await swarm({ file: 'orders.yaml', input }, { runs: 500, clientPolicy: myPolicy });
 * for (const f of report.shrunk) console.log(f.failure, f.scenario.faults);
 */
export async function swarm(
  base: { readonly file: string; readonly input: ScenarioLike },
  options: SwarmOptions,
): Promise<SwarmReport> {
  checkSwarmBase(base);
  checkSwarmOptions(options);
  const { input: baseInput, scenario } = withSessionsOption(
    { input: base.input, scenario: resolveScenario(base.input, base.file) },
    base.file,
    options.sessions,
  );
  checkKindsApply(options.kinds, scenario, base.file);
  const full: SwarmBase = { file: base.file, input: baseInput, scenario };
  const firstOf = new Map<string, CaseResult>();
  const report = await runSearch(swarmCases(full, options), {
    ...options,
    onResult: async (result) => {
      if (result.failure !== null) {
        const key = distinctFailureKey(result);
        if (!firstOf.has(key)) firstOf.set(key, result);
      }
      await options.onResult?.(result);
    },
  });
  if (options.shrink === false) return { ...report, shrunk: [], unshrunk: [] };
  const shrunk: ShrunkFailure[] = [];
  const unshrunk: UnshrunkFailure[] = [];
  for (const result of firstOf.values()) {
    const failure = result.failure ?? '';
    const faultKinds = firedKinds(result);
    const left = { failure, caseIndex: result.index, seed: result.seed, faultKinds };
    // What a shrunk failure kept is its cause: a failure where all of it fired is most
    // likely that cause again (app-pool-stop, then app-pool-stop with a recycle).
    const by = shrunk.find(
      (s) =>
        s.failure === failure &&
        (s.scenario.faults ?? []).every((rule) => faultKinds.includes(rule.kind)),
    );
    if (by !== undefined) {
      unshrunk.push({ ...left, reason: 'explained', explainedBy: by.caseIndex });
      continue;
    }
    if (shrunk.length >= MAX_SHRUNK) {
      unshrunk.push({ ...left, reason: 'limit' });
      continue;
    }
    const plan = (result.plan ?? []) as FaultRuleInput[];
    const input: ScenarioInput = { ...baseInput, faults: [...(baseInput.faults ?? []), ...plan] };
    const shrinking = { failure, caseIndex: result.index, faultKinds, seed: result.seed };
    const { onShrinkStep } = options;
    // The plan is what the swarm tries: a failure it causes must shrink to one it causes.
    const found = await shrinkFailure(input, base.file, result.seed, failure, {
      ...options,
      addedRules: plan.length,
      onStep:
        onShrinkStep === undefined
          ? undefined
          : (step) => onShrinkStep({ ...shrinking, ...step, budgetSpent: false }),
    });
    const one = { ...shrinking, ...found };
    shrunk.push(one);
    await options.onShrunk?.(one);
  }
  return { ...report, shrunk, unshrunk };
}
