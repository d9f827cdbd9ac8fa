// The flags of `dispatchsim sweep`, `swarm` and `shrink`, validated with zod (STYLE rule 21):
// one message per bad flag, in the shape `--flag: expected …, got 'value' (string)`.

import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { faultKinds, type FaultKind } from '../scenario/fault-schema.js';
import {
  DEFAULT_SHRINK_BUDGET,
  describeRange,
  searchLimits,
  type IntegerRange,
} from '../search/search-limits.js';
import type { Shard } from '../search/shard.js';
import { CommandLineError } from '../errors/command-line-error.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { chooseFormat, outOtherThanStdout } from './format-from-out.js';
import { searchFormats, searchFormatsByExtension, type SearchFormat } from './output-formats.js';
import { describeUnknownKinds } from './unknown-kinds.js';
import { validateFlags } from './validate-flags.js';

const MAX_SEED = searchLimits.seed.max;

const integer = ({ min, max }: IntegerRange) =>
  z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));

const seedRange = z
  .string()
  .trim()
  .transform((text, context): { from: number; to: number } => {
    const match = /^(\d+)(?:\.\.(\d+))?$/.exec(text);
    const from = Number(match?.[1]);
    const to = match?.[2] === undefined ? from : Number(match[2]);
    if (match === null || from > to || to > MAX_SEED) {
      context.issues.push({ code: 'custom', message: 'bad range', input: text });
      return z.NEVER;
    }
    return { from, to };
  });

/**
 * Why `--shard auto/n` found no shard in JOB_COMPLETION_INDEX, with the value it got: a pod
 * of a misconfigured Job otherwise shows only `auto/n`, which is right.
 * @param raw - JOB_COMPLETION_INDEX as set, or `undefined`
 * @param count - n
 * @returns e.g. `JOB_COMPLETION_INDEX is 9, outside 0-6 for auto/7`
 */
function describeJobIndex(raw: string | undefined, count: number): string {
  const range = `0-${count - 1} for auto/${count}`;
  if (raw === undefined) return `JOB_COMPLETION_INDEX is not set (${range})`;
  const digits = raw.trim();
  if (/^\d+$/.test(digits)) return `JOB_COMPLETION_INDEX is ${digits}, outside ${range}`;
  const shown = raw.length > 40 ? `${raw.slice(0, 39)}…` : raw;
  return `JOB_COMPLETION_INDEX is '${shown}', not decimal digits (${range})`;
}

/**
 * `--shard k/n` (1-based), or `auto/n` with k from JOB_COMPLETION_INDEX (0-based, as a
 * Kubernetes Indexed Job sets it).
 * @param env - the environment, for `auto`
 * @returns the schema
 */
const shardSchema = (env: Readonly<Record<string, string | undefined>>) =>
  z
    .string()
    .trim()
    .transform((text, context): Shard => {
      const match = /^(\d+|auto)\/(\d+)$/.exec(text);
      const count = Number(match?.[2]);
      // Decimal digits only: Number() would read '' and ' ' as 0 (every pod of a Job with the
      // variable misset would run shard 1) and '0x1' or '1e0' as 1.
      const raw = env['JOB_COMPLETION_INDEX'];
      const fromEnv = raw?.trim() ?? '';
      const index =
        match?.[1] === 'auto'
          ? /^\d+$/.test(fromEnv)
            ? Number(fromEnv) + 1
            : Number.NaN
          : Number(match?.[1]);
      if (match === null || !Number.isInteger(index) || count < 1 || index < 1 || index > count) {
        const detail =
          match?.[1] === 'auto' && count >= 1 ? describeJobIndex(raw, count) : undefined;
        context.issues.push({
          code: 'custom',
          message: 'bad shard',
          input: text,
          ...(detail === undefined ? {} : { params: { detail } }),
        });
        return z.NEVER;
      }
      return { index, count };
    });

// --format, else the one --out's extension names, else table; `formatSource` says which.
const withChosenFormat = <
  T extends { readonly format?: SearchFormat | undefined; readonly out?: string | undefined },
>({
  format,
  ...flags
}: T) => ({
  ...flags,
  out: outOtherThanStdout(flags.out),
  ...chooseFormat(format, flags.out, searchFormatsByExtension, 'table'),
});

const common = (env: Readonly<Record<string, string | undefined>>) => ({
  // No default here: withChosenFormat chooses one.
  format: z.string().trim().toLowerCase().pipe(z.enum(searchFormats)).optional(),
  out: z.string().min(1).optional(),
  threads: integer({ min: 1, max: 256 }).default(Math.max(1, availableParallelism())),
  shard: shardSchema(env).optional(),
  // As run's --sessions (run-flags.ts): any positive integer.
  sessions: integer({ min: 1, max: Number.MAX_SAFE_INTEGER }).optional(),
});

const sweepFlagsSchema = (env: Readonly<Record<string, string | undefined>>) =>
  z.strictObject({ ...common(env), seeds: seedRange }).transform(withChosenFormat);

const swarmFlagsSchema = (env: Readonly<Record<string, string | undefined>>) =>
  z
    .strictObject({
      ...common(env),
      runs: integer(searchLimits.runs),
      seed: integer(searchLimits.seed).default(1),
      maxRules: integer(searchLimits.maxRules).default(4),
      shrink: z.boolean().default(true),
      shrinkBudget: integer(searchLimits.shrinkBudget).default(DEFAULT_SHRINK_BUDGET),
      outDir: z.string().min(1).default('swarm-failures'),
      kinds: z
        .string()
        .transform((text) => text.split(',').map((kind) => kind.trim()))
        // Which name is no fault kind follows the fixed shape (validate-flags.ts).
        .check((context) => {
          const detail = describeUnknownKinds(context.value, faultKinds);
          if (detail !== undefined) {
            context.issues.push({
              code: 'custom',
              message: 'unknown fault kind',
              input: context.value,
              params: { detail },
            });
          }
        })
        .pipe(z.array(z.enum(faultKinds as [FaultKind, ...FaultKind[]])).min(1))
        // The catalogue's order, each once: the plans do not depend on the order written, so
        // neither does the header (merge refused shards of `a,b` and `b,a` as two searches).
        .transform((kinds) => faultKinds.filter((kind) => kinds.includes(kind)))
        .optional(),
    })
    .transform(withChosenFormat);

const shrinkFlagsSchema = z
  .strictObject({
    seed: integer(searchLimits.seed).optional(),
    case: integer({ min: 0, max: Number.MAX_SAFE_INTEGER }).optional(),
    budget: integer(searchLimits.shrinkBudget).default(DEFAULT_SHRINK_BUDGET),
    out: z.string().min(1).optional(),
  })
  .transform(({ out, ...flags }) => ({ ...flags, out: outOtherThanStdout(out) }));

const flagNames: Readonly<Record<string, string>> = {
  format: '--format',
  out: '--out',
  threads: '--threads',
  shard: '--shard',
  sessions: '--sessions',
  seeds: '--seeds',
  runs: '--runs',
  seed: '--seed',
  maxRules: '--max-rules',
  shrink: '--no-shrink',
  shrinkBudget: '--shrink-budget',
  outDir: '--out-dir',
  budget: '--budget',
  kinds: '--kinds',
  case: '--case',
};

const expectations: Readonly<Record<string, string>> = {
  format: 'one of table, ndjson',
  out: 'a file name',
  threads: 'an integer from 1 to 256',
  shard: 'k/n with 1 <= k <= n, or auto/n with JOB_COMPLETION_INDEX set (0-based)',
  sessions: 'a positive integer',
  seeds: `A..B with integers ${searchLimits.seed.min} <= A <= B <= ${MAX_SEED}, or one seed`,
  runs: describeRange(searchLimits.runs),
  seed: describeRange(searchLimits.seed),
  maxRules: describeRange(searchLimits.maxRules),
  shrink: 'no value',
  shrinkBudget: describeRange(searchLimits.shrinkBudget),
  outDir: 'a folder name',
  budget: describeRange(searchLimits.shrinkBudget),
  case: 'a case index of the output (0 or more)',
  kinds: `fault kinds separated by commas (${faultKinds.join(', ')})`,
};

const described = { names: flagNames, expected: expectations };

/** The swarm flags that only matter when failures are shrunk. */
const SHRINK_ONLY = ['shrinkBudget', 'outDir'] as const;

/** The flags of `sweep`, validated. */
export type SweepFlags = z.output<ReturnType<typeof sweepFlagsSchema>>;
/** The flags of `swarm`, validated. */
export type SwarmFlags = z.output<ReturnType<typeof swarmFlagsSchema>>;
/** The flags of `shrink`, validated. */
export type ShrinkFlags = z.output<typeof shrinkFlagsSchema>;

/**
 * @param raw - the values commander parsed
 * @param env - the environment (for `--shard auto/n`)
 * @returns the flags
 * @throws CommandLineError (`cli.bad-flag`) with one line per bad flag
 */
export function parseSweepFlags(
  raw: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): SweepFlags {
  return validateFlags(sweepFlagsSchema(env), raw, described);
}

/**
 * @param raw - the values commander parsed
 * @param env - the environment (for `--shard auto/n`)
 * @returns the flags
 * @throws CommandLineError (`cli.bad-flag`) with one line per bad flag, and for
 * `--shrink-budget` or `--out-dir` given with `--no-shrink`
 */
export function parseSwarmFlags(
  raw: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): SwarmFlags {
  const flags = validateFlags(swarmFlagsSchema(env), raw, described);
  const ignored = flags.shrink ? [] : SHRINK_ONLY.filter((key) => raw[key] !== undefined);
  if (ignored.length > 0) {
    throw new CommandLineError(
      ignored.map(
        (key) =>
          new InvalidOptionError(
            flagNames[key] ?? key,
            `no ${flagNames[key] ?? key} with --no-shrink (nothing is shrunk)`,
            raw[key],
            'cli.bad-flag',
          ).message,
      ),
    );
  }
  return flags;
}

/**
 * @param raw - the values commander parsed
 * @returns the flags
 * @throws CommandLineError (`cli.bad-flag`) with one line per bad flag
 */
export function parseShrinkFlags(raw: Readonly<Record<string, unknown>>): ShrinkFlags {
  return validateFlags(shrinkFlagsSchema, raw, described);
}
