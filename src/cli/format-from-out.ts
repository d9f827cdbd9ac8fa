// The output format an --out file's extension names, for a command whose --format was not
// given (user report: `swarm --out cases.ndjson` wrote a text table into cases.ndjson, and
// `run --out trace.ndjson` the summary). Only an extension that names one of the command's
// formats counts; any other keeps the default, and an explicit --format always wins: it is
// a deliberate choice (`--format perfetto --out run.json` is how Perfetto's JSON is named),
// where the extension is only a likely one. No module here loads zod: run-cli.ts names the
// extensions in its help.

import { extname } from 'node:path';

/** Names of the process's own standard output on Linux and macOS. */
const STANDARD_OUTPUT_NAMES: readonly string[] = ['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1'];

/**
 * `--out` as a command writes it: a name of standard output itself (`/dev/stdout`) is no file,
 * so the output goes to standard output as without --out, and what the command says of it does
 * not follow it into the same pipe (user report: 55 summary lines among an NDJSON trace's).
 * @param out - --out as given, if any
 * @returns it, or undefined when it names standard output
 */
export function outOtherThanStdout(out: string | undefined): string | undefined {
  return out === undefined || STANDARD_OUTPUT_NAMES.includes(out) ? undefined : out;
}

/** Where a command's output format came from. */
export type FormatSource = 'given' | 'extension' | 'default';

/**
 * @param out - the --out file as given, if any
 * @param byExtension - the command's formats by extension, lower case, with its dot
 * @returns the format the file's extension names (in any letter case), or undefined
 */
export function formatOfOut<F extends string>(
  out: string | undefined,
  byExtension: Readonly<Record<string, F>>,
): F | undefined {
  if (out === undefined) return undefined;
  const extension = extname(out).toLowerCase();
  return Object.hasOwn(byExtension, extension) ? byExtension[extension] : undefined;
}

/**
 * The format chosen: --format when given, else the one --out's extension names, else the
 * command's default.
 * @param given - --format, validated, if given
 * @param out - --out, if given
 * @param byExtension - the command's formats by extension (see {@link formatOfOut})
 * @param fallback - the command's default format
 * @returns the format and where it came from
 */
export function chooseFormat<F extends string>(
  given: F | undefined,
  out: string | undefined,
  byExtension: Readonly<Record<string, F>>,
  fallback: F,
): { readonly format: F; readonly formatSource: FormatSource } {
  if (given !== undefined) return { format: given, formatSource: 'given' };
  const named = formatOfOut(out, byExtension);
  return named === undefined
    ? { format: fallback, formatSource: 'default' }
    : { format: named, formatSource: 'extension' };
}

/**
 * How a message names the format, so that one chosen by the extension is not blamed on a
 * --format the user never typed.
 * @param format - the format
 * @param formatSource - where it came from
 * @param out - --out, if given
 * @returns `--format html`, or `--out r.html (--format html, from its extension)`
 */
export function describeFormatChoice(
  format: string,
  formatSource: FormatSource,
  out: string | undefined,
): string {
  return formatSource === 'extension' && out !== undefined
    ? `--out ${out} (--format ${format}, from its extension)`
    : `--format ${format}`;
}
