// validateFlags: a command's flags, as commander hands them over, checked against its zod
// schema (STYLE rule 21): one line per bad flag, in the fixed shape
// `--flag: expected …, got 'value' (string)` (STYLE rule 26).

import { closestMatch } from '../core/closest-match.js';
import type { z } from 'zod';
import { CommandLineError } from '../errors/command-line-error.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { WITHOUT_COMPILING } from '../scenario/parse-without-compiling.js';

/** How the flags of a command are named and described in messages, by schema key. */
export interface FlagDescriptions {
  /** The flag as typed, e.g. `--seed`. */
  readonly names: Readonly<Record<string, string>>;
  /** What the flag takes, e.g. `an integer from 0 to 4294967295`. */
  readonly expected: Readonly<Record<string, string>>;
}

/**
 * @param schema - the command's flags schema
 * @param raw - the values commander parsed
 * @param describe - the flags' names and what each takes
 * @returns the flags
 * @throws CommandLineError (`cli.bad-flag`) with one line per bad flag, followed by
 *   `; <detail>` when its schema's custom issue gives a string `params.detail`
 */
export function validateFlags<S extends z.ZodType>(
  schema: S,
  raw: Readonly<Record<string, unknown>>,
  describe: FlagDescriptions,
): z.output<S> {
  const parsed = schema.safeParse(raw, WITHOUT_COMPILING);
  if (parsed.success) return parsed.data;
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? (issue.code === 'unrecognized_keys' ? issue.keys[0] : ''));
    if (seen.has(key)) continue;
    seen.add(key);
    // A value that is none of a list is matched to the one it likeliest means (`--format xml`:
    // evtx-xml), as options and scenario values are.
    const value = raw[key];
    const suggestion =
      issue.code === 'invalid_value' && typeof value === 'string'
        ? closestMatch(
            value,
            issue.values.filter((v): v is string => typeof v === 'string'),
          )
        : undefined;
    const message = new InvalidOptionError(
      describe.names[key] ?? key,
      describe.expected[key] ?? 'a valid value',
      value,
      'cli.bad-flag',
      suggestion,
    ).message;
    // What the value alone does not show, such as the environment variable `--shard auto/n`
    // read, comes after the fixed shape.
    const detail: unknown = issue.code === 'custom' ? issue.params?.['detail'] : undefined;
    problems.push(typeof detail === 'string' ? `${message}; ${detail}` : message);
  }
  throw new CommandLineError(problems);
}
