// RunOptions: how to run a scenario (seed, size, horizon, tie order, client policy),
// validated with zod like every boundary input (STYLE rules 21, 26).

import { z } from 'zod';
import type { ClientPolicy } from '../client/client-policy.js';
import { MAX_SEED } from '../core/prng.js';
import { parseOptions } from '../scenario/parse-options.js';
import { MAX_HORIZON_MS } from '../scenario/time-bounds.js';

/** The options schema; see {@link RunOptions}. */
export const runOptionsSchema = z.strictObject({
  seed: z.number().int().min(0).max(MAX_SEED).optional(),
  sessions: z.number().int().positive().optional(),
  horizonMs: z.number().finite().positive().max(MAX_HORIZON_MS).optional(),
  tieOrder: z.enum(['fifo', 'shuffled']).default('fifo'),
  recordOutcomes: z.boolean().default(true),
  clientPolicy: z.custom<ClientPolicy>((value) => typeof value === 'function').optional(),
  onProgress: z
    .custom<NonNullable<RunOptions['onProgress']>>((value) => typeof value === 'function')
    .optional(),
  onStep: z
    .custom<NonNullable<RunOptions['onStep']>>((value) => typeof value === 'function')
    .optional(),
});

/** Options of {@link createSimulation}. */
export interface RunOptions {
  /** The seed; overrides the scenario's. @default the scenario's seed, else 1 */
  readonly seed?: number | undefined;
  /** Overrides the workload's number of sessions (first attempts). */
  readonly sessions?: number | undefined;
  /** Overrides the scenario's horizon, in ms of virtual time. */
  readonly horizonMs?: number | undefined;
  /** `shuffled` breaks ties between equal instants at random (STYLE rule 32). @default 'fifo' */
  readonly tieOrder?: 'fifo' | 'shuffled' | undefined;
  /** Keep every session's outcome for `outcomes()`. @default true */
  readonly recordOutcomes?: boolean | undefined;
  /** A client policy in code; overrides the scenario's retry policy. */
  readonly clientPolicy?: ClientPolicy | undefined;
  /**
   * Called now and then with requests finished and the total, and how far the run got: the
   * virtual time and the attempts made so far (retries included).
   */
  readonly onProgress?: ((done: number, total: number, progress: RunProgress) => void) | undefined;
  /**
   * Called after every step of virtual time. A promise (any thenable) it returns is awaited
   * before the next step, and what it resolves to is ignored: an output under backpressure
   * pauses the run (`() => (out.writableNeedDrain ? once(out, 'drain') : undefined)`), and a
   * caller can yield to the event loop to notice signals. A rejected promise stops the run:
   * `run()` rejects with its reason. Returning nothing goes on to the next step at once.
   */
  readonly onStep?: (() => PromiseLike<unknown> | void | undefined) | undefined;
}

/** Run options after defaults. */
export type ParsedRunOptions = z.output<typeof runOptionsSchema>;

// Every option of the schema has its expectation: the `satisfies` makes a new option without
// one a build error.
const expectations: Readonly<Record<string, string>> = {
  seed: `an integer from 0 to ${MAX_SEED}`,
  sessions: 'a positive integer',
  horizonMs: 'a positive number of ms, at most 1e12',
  tieOrder: "'fifo' or 'shuffled'",
  recordOutcomes: 'true or false',
  clientPolicy: 'a function (report, context) => decision',
  onProgress: 'a function (done, total, progress) => void',
  onStep: 'a function () => PromiseLike<unknown> | void',
} satisfies Record<keyof z.input<typeof runOptionsSchema>, string>;

/** How far a run got, for {@link RunOptions.onProgress}. */
export interface RunProgress {
  /** Virtual time, in ms. */
  readonly atMs: number;
  /** Connection attempts the simulated clients made, first attempts and retries. */
  readonly attempts: number;
}

/**
 * @param options - options from a caller
 * @returns the options with defaults
 * @throws InvalidOptionError (`config.invalid-option`) naming the option, what it takes and
 *   what it got; for a key createSimulation does not take, its subclass UnknownOptionError
 *   listing the options and the closest one
 */
export function parseRunOptions(options: RunOptions): ParsedRunOptions {
  return parseOptions(runOptionsSchema, options, {
    owner: 'createSimulation',
    expected: expectations,
    whole: 'an object of run options',
  });
}

/**
 * Checks the options of a function that takes createSimulation's and some of its own, so
 * that an unknown or bad one is named by that function, with its own options in the list
 * (`runScenario: unknown option 'sead' (known: seed, …, record)`). Its own options' values
 * are left to it.
 * @param owner - the function, e.g. `runScenario`
 * @param options - the options from its caller
 * @param own - its own options and what each takes
 * @throws InvalidOptionError or UnknownOptionError, as {@link parseRunOptions}
 */
export function checkRunOptionsOf(
  owner: string,
  options: unknown,
  own: Readonly<Record<string, string>>,
): void {
  const schema = runOptionsSchema.extend(
    Object.fromEntries(Object.keys(own).map((key) => [key, z.unknown().optional()])),
  );
  parseOptions(schema, options, {
    owner,
    expected: { ...expectations, ...own },
    whole: 'an object of run options',
  });
}
