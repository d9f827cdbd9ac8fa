// The file named by --out, opened before anything runs (every command that writes one: run,
// sweep, swarm, shrink, merge), so that a path that cannot be written is bad input found at once
// (exit 2), not after a long run. A name ending in a slash, a folder, or one of the command's
// own input files is refused: the first two would become a file named like a folder (or fail
// only at the end), the last would be overwritten by the output. Inputs are compared as
// written and with symlinks followed: `--out dirlink/s.yaml`, through a link to the folder,
// wrote over the scenario s.yaml (user report).

import { dirname, resolve } from 'node:path';
import { CommandLineError } from '../errors/command-line-error.js';
import type { CliIo, TextSink } from './cli-io.js';
import { describeFileError, errorCode } from './file-errors.js';

/**
 * Checks `--out` before anything runs: a name ending in a slash, and one of the command's
 * inputs, as written or with symlinks followed. For serve's `--trace`, and before
 * {@link openOutFile} opens it.
 * @param io - the outside world
 * @param out - the path as given
 * @param inputs - the files the command reads, as given (never written over)
 * @param flag - the flag that names the file, for messages
 * @returns the absolute path to open
 * @throws CommandLineError (`cli.io`) naming the path and the problem
 */
export async function checkOutPath(
  io: CliIo,
  out: string,
  inputs: readonly string[] = [],
  flag = '--out',
): Promise<string> {
  if (/[\\/]$/.test(out)) {
    throw new CommandLineError(
      [`${flag}: '${out}' names a folder; give the name of a file to write`],
      'cli.io',
    );
  }
  const target = resolve(io.cwd, out);
  if (inputs.some((file) => resolve(io.cwd, file) === target)) {
    throw new CommandLineError(
      [`${flag}: '${out}' is also read by this command; write to another file`],
      'cli.io',
    );
  }
  const realPath = io.realPath;
  if (realPath === undefined || inputs.length === 0) return target;
  const written = await realPath(target);
  for (const file of inputs) {
    if ((await realPath(resolve(io.cwd, file))) === written) {
      throw new CommandLineError(
        [`${flag}: '${out}' is ${file}, which this command reads; write to another file`],
        'cli.io',
      );
    }
  }
  return target;
}

/**
 * Opens `--out` for writing (a temporary file beside it until the sink commits).
 * @param io - the outside world
 * @param out - the path as given
 * @param inputs - the files the command reads, as given (never written over)
 * @returns the sink
 * @throws CommandLineError (`cli.io`) naming the path and the problem
 */
export async function openOutFile(
  io: CliIo,
  out: string,
  inputs: readonly string[] = [],
): Promise<TextSink> {
  const target = await checkOutPath(io, out, inputs);
  try {
    return await io.openFile(target);
  } catch (error: unknown) {
    throw await cannotWrite(io, out, error);
  }
}

async function cannotWrite(io: CliIo, out: string, error: unknown): Promise<CommandLineError> {
  const code = errorCode(error);
  const reason =
    code === 'ENOENT'
      ? await noEntryReason(io, out)
      : code === 'EISDIR'
        ? 'a folder; give the name of a file to write'
        : describeFileError(code);
  return new CommandLineError([`--out: cannot write '${out}' (${reason})`], 'cli.io');
}

// ENOENT on creating a file most often means that its folder is missing, but not always
// (user report): /proc exists and takes no new file. The folder is said not to exist only
// when listing it says so; otherwise the system's reason is given.
async function noEntryReason(io: CliIo, out: string): Promise<string> {
  const folder = dirname(out);
  const systemReason = `${describeFileError('ENOENT')} (ENOENT)`;
  try {
    await io.readDir(resolve(io.cwd, folder));
  } catch (error: unknown) {
    return errorCode(error) === 'ENOENT'
      ? `the folder '${folder}' does not exist`
      : `creating a file in '${folder}' failed: ${systemReason}`;
  }
  return `the folder '${folder}' exists, but creating a file in it failed: ${systemReason}`;
}
