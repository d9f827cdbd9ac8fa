// shrink (issue 13): a failing scenario, shrunk to the smallest one that fails the same way
// with the same seed (shrink-scenario.ts walks it with fast-check's shrinker). For a failing
// case found anywhere: a swarm's, a sweep's, a colleague's file.

import type { ClientPolicy } from '../client/client-policy.js';
import type { FaultRuleInput } from '../scenario/fault-schema.js';
import {
  asScenarioInput,
  type ScenarioInput,
  type ScenarioLike,
} from '../scenario/scenario-schema.js';
import { validateScenario } from '../scenario/validate-scenario.js';
import { resolveScenario } from '../sim/simulation.js';
import { inProcessRunner } from './run-case.js';
import { DEFAULT_SHRINK_BUDGET } from './search-limits.js';
import { checkShrinkOptions } from './search-options.js';
import type { CaseRunner } from './run-in-order.js';
import {
  shrinkScenario,
  type ShrinkOptions as ShrinkOptionsOfScenario,
} from './shrink-scenario.js';

/** How to run the candidates of a shrink. */
export interface ShrinkFailureOptions {
  /** Runs a candidate: in-process by default. A runner takes only data: see `clientPolicy`. */
  readonly runner?: CaseRunner | undefined;
  /**
   * A client policy in code. It runs in-process only, so {@link shrink} refuses it with a
   * `runner` (a function cannot cross to worker threads).
   */
  readonly clientPolicy?: ClientPolicy | undefined;
  /**
   * Makes the client policy of each run, for a policy that keeps state: see
   * `SwarmOptions.createClientPolicy`. Not with `clientPolicy`, nor with a `runner`.
   */
  readonly createClientPolicy?: (() => ClientPolicy) | undefined;
  /** The most runs, the checks of candidates without their fault rules included. @default 400 */
  readonly shrinkBudget?: number | undefined;
}

/**
 * How {@link shrinkFailure} shrinks a case: as {@link ShrinkFailureOptions}, and which of its
 * fault rules a search added.
 */
export interface ShrinkCaseOptions extends ShrinkFailureOptions {
  /**
   * How many of the scenario's fault rules, the last ones, a search added to its own (a
   * swarm's plan, a case's `plan`). @default 0
   */
  readonly addedRules?: number | undefined;
  /**
   * Told of each step kept, with the smallest failing scenario so far (shrink-scenario.ts)
   * and, as its `evaluations`, the runs made so far (those without fault rules included, as
   * in the result).
   */
  readonly onStep?: ShrinkOptionsOfScenario['onStep'];
}

/**
 * Shrinks a failing scenario, keeping its seed and its failure.
 * @param input - the failing scenario, as written
 * @param file - its name, for messages
 * @param seed - the seed it fails with
 * @param failure - what fails (a case result's `failure`)
 * @param options - runner, client policy, budget, how many rules a search added
 * @returns the smallest failing scenario found
 */
export async function shrinkFailure(
  input: ScenarioInput,
  file: string,
  seed: number,
  failure: string,
  options: ShrinkCaseOptions,
): Promise<{
  scenario: ScenarioInput;
  steps: number;
  evaluations: number;
  /** True when a candidate was left unchecked because the budget was spent. */
  budgetSpent: boolean;
}> {
  const validated = resolveScenario(input, file);
  // Never both: the options' check refuses a client policy with a runner, which ignores it.
  const runner: CaseRunner = options.runner ?? inProcessRunner(options);
  const budget = options.shrinkBudget ?? DEFAULT_SHRINK_BUDGET;
  let runs = 0;
  let budgetSpent = false;
  // undefined: not known, the budget being spent (every run counts against it).
  const failsSameWay = async (candidate: ScenarioInput): Promise<boolean | undefined> => {
    const parsed = validateScenario(candidate, file);
    if (!parsed.ok) return false;
    if (runs >= budget) {
      budgetSpent = true;
      return undefined;
    }
    runs++;
    const result = await runner({
      index: 0,
      file,
      input: candidate,
      scenario: parsed.scenario,
      seed,
    });
    return result.failure === failure;
  };
  // The failure stays its cause's. When the scenario fails this way only with its fault
  // rules, a candidate must too: otherwise fewer sessions could make an expectation that
  // counts sessions fail with no fault at all, and the "smallest failing scenario" would fail
  // for a reason the original never had. When a search added rules and the scenario passes
  // with its own alone, the added ones are the cause: a candidate must fail the same way, and
  // not with its own rules alone (its rules that shrank from them). Comparing with no rules
  // at all would not do: a scenario whose promise needs its own rule (one 4031 from a
  // recycle) fails "the same way" without rules at every size, so nothing would be checked.
  // The runs without the cause are kept by what is left.
  const withoutCause = new Map<string, Promise<boolean | undefined>>();
  const failsWithout = (
    candidate: ScenarioInput,
    rules: readonly FaultRuleInput[],
  ): Promise<boolean | undefined> => {
    const bare = { ...candidate, faults: [...rules] };
    const key = JSON.stringify(bare);
    let known = withoutCause.get(key);
    if (known === undefined) {
      known = failsSameWay(bare);
      withoutCause.set(key, known);
    }
    return known;
  };
  const rules = input.faults ?? [];
  const added = Math.min(options.addedRules ?? 0, rules.length);
  // The rules a candidate keeps once its cause is taken away: its own when the added rules
  // cause the failure, none when its rules do; undefined when no rule causes it.
  let uncaused: ((ownRules: readonly FaultRuleInput[]) => readonly FaultRuleInput[]) | undefined;
  if (added > 0 && (await failsWithout(input, rules.slice(0, -added))) === false) {
    uncaused = (ownRules) => ownRules;
  } else if (rules.length > 0 && (await failsWithout(input, [])) === false) {
    uncaused = () => [];
  }
  // A candidate is kept only when known to fail the same way and, when rules cause the
  // failure, known not to without them: one the budget left unchecked is not.
  const { onStep } = options;
  const found = await shrinkScenario(
    input,
    validated.workload.sessions,
    async (candidate, ownRules) =>
      (await failsSameWay(candidate)) === true &&
      (uncaused === undefined || (await failsWithout(candidate, uncaused(ownRules))) === false),
    {
      budget,
      addedRules: added,
      onStep: onStep === undefined ? undefined : (step) => onStep({ ...step, evaluations: runs }),
    },
  );
  return { ...found, evaluations: runs, budgetSpent: budgetSpent || found.budgetSpent };
}

/** What {@link shrink} found. */
export interface ShrinkReport {
  /** What the scenario fails with, or null when it passes (nothing to shrink). */
  readonly failure: string | null;
  readonly seed: number;
  /** The smallest failing scenario found (the input itself when it passes). */
  readonly scenario: ScenarioInput;
  /** Shrink steps kept. */
  readonly steps: number;
  /** Runs made while shrinking: the candidates, and the same without fault rules. */
  readonly evaluations: number;
  /** True when the shrink stopped at its budget with candidates untried: not fully shrunk. */
  readonly budgetSpent: boolean;
}

/** The options of {@link shrink}: a shrink's, and the seed and name of the scenario. */
export interface ShrinkOptions extends ShrinkFailureOptions {
  /** The seed to run it with. @default the scenario's, else 1 */
  readonly seed?: number | undefined;
  /** Its name, for messages. @default `<scenario>` */
  readonly file?: string | undefined;
}

/**
 * Runs a scenario and, when it fails, shrinks it while it fails the same way.
 * @param given - the scenario: as written, parsed, or a copy of a parsed one (see ScenarioLike)
 * @param options - the seed (default: the scenario's, else 1), client policy, budget
 * @returns the failure and the smallest failing scenario found
 * @throws ScenarioError (`scenario.invalid`) when the scenario is not valid
 * @throws InvalidOptionError (`config.invalid-option`) for a bad option (seed, shrinkBudget),
 *   or a `clientPolicy` with a `runner`
 * @example
 * const { failure, scenario } = await shrink(input, { seed: 7, clientPolicy: myPolicy });
 */
export async function shrink(
  given: ScenarioLike,
  options: ShrinkOptions = {},
): Promise<ShrinkReport> {
  const input = asScenarioInput(given);
  checkShrinkOptions(options);
  const file = options.file ?? '<scenario>';
  const scenario = resolveScenario(input, file);
  const seed = options.seed ?? scenario.seed ?? 1;
  const first = await inProcessRunner(options)({ index: 0, file, input, scenario, seed });
  if (first.failure === null) {
    return { failure: null, seed, scenario: input, steps: 0, evaluations: 0, budgetSpent: false };
  }
  const found = await shrinkFailure(input, file, seed, first.failure, options);
  return { failure: first.failure, seed, ...found };
}
