// The options of the library's searches (issue 13), checked up front like createSimulation's
// (STYLE rules 21, 26) and with the limits the CLI's flags enforce (search-limits.ts): a swarm
// of 0 runs, or one with `runs: '3'`, and a sweep of the seeds 5..1 are refused before any
// case runs instead of running nothing, or the wrong cases, and passing.

import { z } from 'zod';
import type { ClientPolicy } from '../client/client-policy.js';
import { faultKinds, type FaultKind } from '../scenario/fault-schema.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { parseOptions } from '../scenario/parse-options.js';
import type { CaseRunner } from './run-in-order.js';
import type { CaseResult } from './search-case.js';
import { describeRange, searchLimits, type IntegerRange } from './search-limits.js';
import type { ShrunkFailure, SwarmOptions } from './swarm.js';
import type { ShrinkOptions } from './shrink.js';
import type { SweepOptions } from './sweep.js';

const integerIn = ({ min, max }: IntegerRange) => z.number().int().min(min).max(max);
const isFunction = (value: unknown): boolean => typeof value === 'function';

// The options every search takes.
const common = {
  sessions: z.number().int().positive().optional(),
  shard: z
    .strictObject({ index: z.number().int().min(1), count: z.number().int().min(1) })
    .refine((shard) => shard.index <= shard.count)
    .optional(),
  runner: z.custom<CaseRunner>(isFunction).optional(),
  concurrency: z.number().int().min(1).optional(),
  clientPolicy: z.custom<ClientPolicy>(isFunction).optional(),
  createClientPolicy: z.custom<() => ClientPolicy>(isFunction).optional(),
  onResult: z.custom<(result: CaseResult) => void | Promise<void>>(isFunction).optional(),
  keepFailures: z.number().int().min(0).optional(),
};

const commonExpectations = {
  sessions: 'a positive integer',
  shard: '{ index, count } with integers 1 <= index <= count',
  runner: 'a function (searchCase) => Promise<CaseResult>',
  concurrency: 'a positive integer',
  clientPolicy: 'a function (report, context) => decision',
  createClientPolicy: 'a function () => client policy, called for each run',
  onResult: 'a function (result) => void | Promise<void>',
  keepFailures: 'an integer, 0 or more',
};

const swarmSchema = z.strictObject({
  runs: integerIn(searchLimits.runs),
  seed: integerIn(searchLimits.seed).optional(),
  maxRules: integerIn(searchLimits.maxRules).optional(),
  kinds: z
    .array(z.enum(faultKinds as [FaultKind, ...FaultKind[]]))
    .min(1)
    .optional(),
  ...common,
  shrink: z.boolean().optional(),
  shrinkBudget: integerIn(searchLimits.shrinkBudget).optional(),
  onShrunk: z.custom<(found: ShrunkFailure) => void | Promise<void>>(isFunction).optional(),
  onShrinkStep: z.custom<(soFar: ShrunkFailure) => void>(isFunction).optional(),
});

// In the order of SwarmOptions' documentation: an unknown option lists them so. The
// `satisfies` makes a new option without its words a build error.
const swarmExpectations = {
  runs: describeRange(searchLimits.runs),
  seed: describeRange(searchLimits.seed),
  maxRules: describeRange(searchLimits.maxRules),
  kinds: `a non-empty list of fault kinds (${faultKinds.join(', ')})`,
  sessions: commonExpectations.sessions,
  shard: commonExpectations.shard,
  runner: commonExpectations.runner,
  concurrency: commonExpectations.concurrency,
  clientPolicy: commonExpectations.clientPolicy,
  createClientPolicy: commonExpectations.createClientPolicy,
  shrink: 'true or false',
  shrinkBudget: describeRange(searchLimits.shrinkBudget),
  onResult: commonExpectations.onResult,
  onShrunk: 'a function (found) => void | Promise<void>',
  onShrinkStep: 'a function (soFar) => void',
  keepFailures: commonExpectations.keepFailures,
} satisfies Record<keyof SwarmOptions, string>;

/** The options of `swarmScenario`: a swarm's, less the runner, plus the expectations. */
const swarmScenarioSchema = swarmSchema
  .omit({ runner: true, concurrency: true })
  .extend({ expect: z.array(z.unknown()).optional() });

const {
  runner: _runner,
  concurrency: _concurrency,
  ...swarmScenarioExpectations
} = {
  ...swarmExpectations,
  expect: "a list of expectations, as a scenario's expect",
};

const { seed } = searchLimits;

// A runner runs a case from data alone (its SearchCase), so a policy in code beside one was
// never called: a threaded swarm of a no-retry policy passed with no request given up. A
// function cannot cross to a worker thread, so the pair is refused rather than half-honoured.
// A policy and a maker of policies are one too many (which would run?), and either beside a
// runner is never called.
function refuseClientPolicyConflicts(options: {
  readonly runner?: unknown;
  readonly clientPolicy?: unknown;
  readonly createClientPolicy?: unknown;
}): void {
  if (options.clientPolicy !== undefined && options.createClientPolicy !== undefined) {
    throw new InvalidOptionError(
      'createClientPolicy',
      'either clientPolicy (one policy for every run) or createClientPolicy (one per run, for a policy that keeps state), not both',
      options.createClientPolicy,
    );
  }
  const [name, policy] =
    options.createClientPolicy === undefined
      ? ['clientPolicy', options.clientPolicy]
      : ['createClientPolicy', options.createClientPolicy];
  if (options.runner === undefined || policy === undefined) return;
  throw new InvalidOptionError(
    name,
    `no ${name} with a runner (a runner takes only data, and a policy in code cannot cross to worker threads): drop runner to run the cases in-process with the policy, or write the retry as the scenario's workload.client.retry`,
    policy,
  );
}

const sweepSchema = z.strictObject({
  seeds: z
    .strictObject({ from: integerIn(seed), to: integerIn(seed) })
    .refine((seeds) => seeds.from <= seeds.to),
  ...common,
});

// In the order of SweepOptions' documentation, as for a swarm.
const sweepExpectations = {
  seeds: `{ from, to } with integers ${seed.min} <= from <= to <= ${seed.max}`,
  ...commonExpectations,
} satisfies Record<keyof SweepOptions, string>;

const shrinkSchema = z.strictObject({
  seed: integerIn(searchLimits.seed).optional(),
  file: z.string().optional(),
  runner: common.runner,
  clientPolicy: common.clientPolicy,
  createClientPolicy: common.createClientPolicy,
  shrinkBudget: integerIn(searchLimits.shrinkBudget).optional(),
});

// In the order of shrink's documentation, as for a swarm.
const shrinkExpectations = {
  seed: describeRange(searchLimits.seed),
  file: 'a name for messages',
  runner: commonExpectations.runner,
  clientPolicy: commonExpectations.clientPolicy,
  createClientPolicy: commonExpectations.createClientPolicy,
  shrinkBudget: describeRange(searchLimits.shrinkBudget),
} satisfies Record<keyof ShrinkOptions, string>;

/**
 * Checks the options of `shrink`.
 * @param options - what the caller passed (undefined: none)
 * @throws InvalidOptionError (`config.invalid-option`) naming the first bad option and its
 *   range (those of the CLI's `--seed` and `--budget`), or a clientPolicy with a runner (which
 *   would not call it); UnknownOptionError for a key shrink does not take
 */
export function checkShrinkOptions(options: unknown): void {
  refuseClientPolicyConflicts(
    parseOptions(shrinkSchema, options ?? {}, {
      owner: 'shrink',
      expected: shrinkExpectations,
      whole: 'an object of shrink options',
    }),
  );
}

/**
 * Checks the options of `sweep`.
 * @param options - what the caller passed
 * @throws InvalidOptionError (`config.invalid-option`) naming the first bad option: seeds that
 *   are not integers from 0 to 4294967295 with from <= to, the limits of the CLI's `--seeds`
 *   and of createSimulation's seed, or a clientPolicy with a runner (which would not call it);
 *   UnknownOptionError for a key sweep does not take
 */
export function checkSweepOptions(options: unknown): void {
  refuseClientPolicyConflicts(
    parseOptions(sweepSchema, options, {
      owner: 'sweep',
      expected: sweepExpectations,
      whole: 'an object of sweep options',
    }),
  );
}

/**
 * Checks the options of `swarm`, or of `swarmScenario` (which also takes `expect`, and takes
 * no runner).
 * @param options - what the caller passed
 * @param owner - the function the caller called
 * @throws InvalidOptionError (`config.invalid-option`) naming the first bad option and the
 *   range it takes (the range of the CLI's flag), or a clientPolicy with a runner (which would
 *   not call it); UnknownOptionError for a key it does not take
 */
export function checkSwarmOptions(
  options: unknown,
  owner: 'swarm' | 'swarmScenario' = 'swarm',
): void {
  if (owner === 'swarm') {
    refuseClientPolicyConflicts(
      parseOptions(swarmSchema, options, {
        owner,
        expected: swarmExpectations,
        whole: 'an object of swarm options',
      }),
    );
  } else {
    // It takes no runner: only the pair of policies can be refused.
    refuseClientPolicyConflicts(
      parseOptions(swarmScenarioSchema, options, {
        owner,
        expected: swarmScenarioExpectations,
        whole: 'an object of swarm options',
      }),
    );
  }
}
