// The flags of `dispatchsim run`, validated with one zod schema (STYLE rule 21). Commander
// hands every value over as text; this file turns it into typed flags or into one message per
// bad flag, in the fixed shape `--flag: expected …, got 'value' (string)` (STYLE rule 26).

import { closestMatch } from '../core/closest-match.js';
import { z } from 'zod';
import { MAX_SEED } from '../core/prng.js';
import { CommandLineError } from '../errors/command-line-error.js';
import type { EventLevel } from '../events/event-descriptor.js';
import { eventLevels, levelNamed } from '../report/level-filter.js';
import { chooseFormat, describeFormatChoice, outOtherThanStdout } from './format-from-out.js';
import { validateFlags } from './validate-flags.js';
import {
  formatsByExtension,
  outputFormats,
  streamedFormats,
  traceFormats,
} from './output-formats.js';

export {
  outputFormats,
  streamedFormats,
  traceFormats,
  type OutputFormat,
} from './output-formats.js';

const digits = (max: number, min: number) =>
  z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));

// Levels are accepted in any letter case, or as their ETW number (1 Critical … 5 Verbose).
const levelFlag = z
  .string()
  .trim()
  .transform((text, context): EventLevel => {
    const level = levelNamed(text);
    if (level === undefined) {
      const suggestion = closestMatch(text, eventLevels);
      context.issues.push({
        code: 'custom',
        message: 'unknown level',
        input: text,
        ...(suggestion === undefined ? {} : { params: { detail: `did you mean ${suggestion}?` } }),
      });
      return z.NEVER;
    }
    return level;
  });

/**
 * The schema of the `run` flags as commander hands them over. The format defaults to the one
 * `--out`'s extension names (formatsByExtension), else `summary`; `formatSource` says which.
 */
export const runFlagsSchema = z
  .strictObject({
    seed: digits(MAX_SEED, 0).optional(),
    sessions: digits(Number.MAX_SAFE_INTEGER, 1).optional(),
    format: z.string().trim().toLowerCase().pipe(z.enum(outputFormats)).optional(),
    level: levelFlag.optional(),
    out: z.string().min(1).optional(),
    checkDeterminism: z.boolean().default(false),
  })
  .transform(({ format, out, ...flags }) => ({
    ...flags,
    ...(outOtherThanStdout(out) === undefined ? {} : { out }),
    ...chooseFormat(format, out, formatsByExtension, 'summary'),
  }));

/** The `run` flags, validated. */
export type RunFlags = z.output<typeof runFlagsSchema>;

const flagNames: Readonly<Record<string, string>> = {
  seed: '--seed',
  sessions: '--sessions',
  format: '--format',
  level: '--level',
  out: '--out',
  checkDeterminism: '--check-determinism',
};

const expectations: Readonly<Record<string, string>> = {
  seed: `an integer from 0 to ${MAX_SEED}`,
  sessions: 'a positive integer',
  format: `one of ${outputFormats.join(', ')}`,
  level: `one of ${eventLevels.join(', ')} (or 1 to 5)`,
  out: 'a file name',
  checkDeterminism: 'no value',
};

/**
 * Validates the flags of `run`.
 * @param raw - the option values commander parsed (strings and booleans)
 * @param files - the scenario files given, for the checks that involve them
 * @param stdoutIsTTY - whether standard output is a terminal (where a page is no use)
 * @returns the flags
 * @throws CommandLineError (`cli.bad-flag`) with one line per bad flag
 */
export function parseRunFlags(
  raw: Readonly<Record<string, unknown>>,
  files: readonly string[],
  stdoutIsTTY = false,
): RunFlags {
  const flags = validateFlags(runFlagsSchema, raw, { names: flagNames, expected: expectations });
  const problems: string[] = [];
  const chosen = describeFormatChoice(flags.format, flags.formatSource, flags.out);
  // --level filters the traces and the event tables of the summary and the JSON report; the
  // HTML report shows every level.
  if (flags.level !== undefined && flags.format === 'html') {
    problems.push(
      `--level: filters the summary, json and trace formats (${traceFormats.join(', ')}), got ${chosen}`,
    );
  }
  if (streamedFormats.includes(flags.format) && files.length > 1) {
    const what = flags.format === 'html' ? 'a report' : 'a trace';
    // Chosen by the extension, the way out is a format that holds several runs.
    const several =
      flags.formatSource === 'extension' ? '; --format summary or json writes several' : '';
    problems.push(
      `${chosen}: expected one scenario file (${what} is one run), got ${files.length}${several}`,
    );
  }
  // A page for a browser or a trace for Perfetto is a file to open: on a terminal it is
  // screens of markup and no summary.
  const opener =
    flags.format === 'html'
      ? 'a browser'
      : flags.format === 'perfetto'
        ? 'ui.perfetto.dev'
        : undefined;
  if (opener !== undefined && flags.out === undefined && stdoutIsTTY) {
    problems.push(
      `--format ${flags.format}: writes a file for ${opener}, and standard output is a terminal; give --out FILE, or redirect: > run.${flags.format === 'html' ? 'html' : 'json'}`,
    );
  }
  if (problems.length > 0) throw new CommandLineError(problems);
  return flags;
}
