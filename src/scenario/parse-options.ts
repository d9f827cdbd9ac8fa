// parseOptions: the option bag of a library function (createSimulation, the retry-policy
// factories, sweep, swarm) checked against its zod schema (STYLE rules 21, 26). The first
// problem becomes one error: a bad value names the option, what it takes and what it got, and a
// misspelt value of a fixed set (a fault kind, a tie order) the one it stands for; an unknown
// key names the function, that function's own options and the one it most likely misspells,
// with the scenario validator's "did you mean …?".

import type { z } from 'zod';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { UnknownOptionError } from '../errors/unknown-option-error.js';
import { closestMatch } from '../core/closest-match.js';
import { WITHOUT_COMPILING } from './parse-without-compiling.js';

/** How a function's options are named and described in its errors. */
export interface OptionDescriptions {
  /** The function that takes the options, e.g. `swarm`: it scopes an unknown option. */
  readonly owner: string;
  /**
   * What each option takes, by key, e.g. `{ runs: 'an integer from 1 to 100000000' }`. Its
   * keys are the options the function takes, in the order an unknown option lists them.
   */
  readonly expected: Readonly<Record<string, string>>;
  /** What the bag itself takes, e.g. `an object of run options`. */
  readonly whole: string;
  /** How the bag is named when it is not an object. @default 'options' */
  readonly wholeName?: string;
  /** How an option is named in errors, e.g. `fixedDelay.delayMs`. @default the key */
  readonly nameOf?: (key: string) => string;
}

const isBag = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * @param schema - the options' schema (a strict object: unknown keys are issues)
 * @param options - what the caller passed
 * @param describe - the function's name and what each option takes
 * @returns the options, with the schema's defaults
 * @throws InvalidOptionError (`config.invalid-option`) for the first bad option (with the
 *   allowed value a misspelt one most likely stands for as its `suggestion`), or its subclass
 *   UnknownOptionError for a key the function does not take
 */
export function parseOptions<S extends z.ZodType>(
  schema: S,
  options: unknown,
  describe: OptionDescriptions,
): z.output<S> {
  // Spread or read as a mapping, a string or a list would make each character or item an
  // "unknown option" named by its index.
  if (!isBag(options)) {
    throw new InvalidOptionError(describe.wholeName ?? 'options', describe.whole, options);
  }
  const parsed = schema.safeParse(options, WITHOUT_COMPILING);
  if (parsed.success) return parsed.data;
  const nameOf = describe.nameOf ?? ((key: string): string => key);
  const known = Object.keys(describe.expected);
  // A misspelt required option is both missing and unknown: the unknown key says more.
  const issue =
    parsed.error.issues.find((found) => found.code === 'unrecognized_keys') ??
    parsed.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    // Stryker disable next-line StringLiteral: an unrecognized_keys issue names at least one key
    const key = issue.keys[0] ?? '';
    // A key already written is not what a misspelt one stands for.
    const free = known.filter((option) => !(option in options));
    throw new UnknownOptionError({
      owner: describe.owner,
      key,
      known,
      received: options[key],
      suggestion: closestMatch(key, free),
      option: nameOf(key),
    });
  }
  // Stryker disable next-line OptionalChaining: a failed parse has at least one issue
  const key = String(issue?.path[0] ?? '');
  throw new InvalidOptionError(
    nameOf(key),
    // Stryker disable next-line StringLiteral: the schema's keys are those of `expected`
    describe.expected[key] ?? 'a valid value',
    options[key],
    'config.invalid-option',
    issue?.code === 'invalid_value' ? suggestValue(options, issue.path, issue.values) : undefined,
  );
}

// A misspelt value of a fixed set (`kinds: ['worker-crsh']`, `tieOrder: 'shuffle'`): the one
// it most likely stands for, found where the issue points, in a list too.
function suggestValue(
  options: unknown,
  path: readonly PropertyKey[],
  allowed: readonly unknown[],
): string | undefined {
  let value = options;
  for (const step of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Readonly<Record<PropertyKey, unknown>>)[step];
  }
  if (typeof value !== 'string') return undefined;
  return closestMatch(
    value,
    allowed.filter((candidate): candidate is string => typeof candidate === 'string'),
  );
}
