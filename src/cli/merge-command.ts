// `dispatchsim merge <shard files...>` (issue 13): the NDJSON outputs of the shards of one
// sweep or swarm become the output of the whole search (merge-search-results.ts), to stdout
// or --out. Inconsistent shards (another search, a missing shard or case, a duplicate that
// differs) are bad input: one line naming the file and line, or the shard, exit 2. The exit
// code of a merge is the whole search's: 1 when a case failed or erred, as on one machine.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { CommandLineError } from '../errors/command-line-error.js';
import { isDispatchsimError } from '../errors/dispatchsim-error.js';
import { RunInterruptedError } from '../errors/run-interrupted-error.js';
import { cutShortMessage, mergeSearchResults } from '../report/merge-search-results.js';
import { describeCaseCounts } from '../report/search-output.js';
import type { CliIo } from './cli-io.js';
import { exitCodes, type ExitCode } from './exit-codes.js';
import { outOtherThanStdout } from './format-from-out.js';
import { describeFileError, errorCode } from './file-errors.js';
import { ChunkedText } from './chunked-text.js';
import { openOutFile } from './out-file.js';
import { refuseRepeatedFiles } from './repeated-files.js';

/** Reads a file's lines; a fake io's in-memory files are read through `readFile`. */
async function* linesOf(io: CliIo, path: string): AsyncGenerator<string> {
  try {
    if (io.readLines !== undefined) {
      yield* io.readLines(path);
      return;
    }
    const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) yield line;
  } catch (error: unknown) {
    // A read of a directory fails without its path (user report: `cannot read a shard (a
    // directory)` named none): the error is named after the file read.
    if (typeof error === 'object' && error !== null && !('path' in error))
      Object.assign(error, { path });
    throw error;
  }
}

/** The bytes read from a shard's end for its last line (a totals line is well under 1 KB). */
const TAIL_BYTES = 64 * 1024;

/**
 * The last line of a file that is not blank, or undefined when it has none or cannot be read
 * (the merge itself then names the problem). Read from the file's end; a fake io's in-memory
 * files through `readLines`.
 */
async function lastLineOf(io: CliIo, path: string): Promise<string | undefined> {
  let last: string | undefined;
  try {
    if (io.readLines !== undefined) {
      for await (const line of io.readLines(path)) if (line.trim() !== '') last = line;
      return last;
    }
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, TAIL_BYTES);
      const { buffer, bytesRead } = await handle.read(
        Buffer.alloc(length),
        0,
        length,
        size - length,
      );
      const lines = buffer.toString('utf8', 0, bytesRead).split('\n');
      return lines.findLast((line) => line.trim() !== '');
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

function isTotalsLine(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return (
      typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'totals'
    );
  } catch {
    return false;
  }
}

/**
 * Runs `dispatchsim merge`.
 * @param io - the outside world
 * @param files - the shard outputs
 * @param rawFlags - `--out`
 * @returns 0 when merged and every case passed, 1 when a case failed or erred (as the whole
 *   sweep or swarm would have exited)
 * @throws CommandLineError for an unreadable file, inconsistent shards or an unwritable --out
 *   (found before anything is read)
 */
export async function mergeCommand(
  io: CliIo,
  files: readonly string[],
  rawFlags: Readonly<Record<string, unknown>>,
): Promise<ExitCode> {
  const out = outOtherThanStdout(typeof rawFlags['out'] === 'string' ? rawFlags['out'] : undefined);
  refuseRepeatedFiles('merge', files, io.cwd, 'shard');
  // A merge of large shards takes a while: Ctrl-C (or SIGTERM…) stops it between two lines, and
  // the temporary --out file goes. Listened for before the file opens, so none is left.
  let signal: string | undefined;
  const stopListening = io.onInterrupt((s) => {
    signal = s;
  });
  let sink;
  try {
    sink = out === undefined ? io.stdoutSink() : await openOutFile(io, out, files);
  } catch (error: unknown) {
    stopListening();
    throw error;
  }
  // A shard cut short was found at its end, when the other shards' cases had been written to
  // standard output (user report): each shard's last line is read before anything is written.
  for (const file of files) {
    const last = await lastLineOf(io, resolve(io.cwd, file));
    if (last !== undefined && !isTotalsLine(last)) {
      await sink.discard();
      stopListening();
      throw new CommandLineError([cutShortMessage(file)]);
    }
  }
  const text = new ChunkedText(sink);
  let merged = 0;
  try {
    const totals = await mergeSearchResults(
      files.map((file) => ({ name: file, lines: linesOf(io, resolve(io.cwd, file)) })),
      async (line) => {
        if (signal !== undefined) throw new RunInterruptedError(signal);
        merged++;
        text.write(`${line}\n`);
        await text.backpressure();
      },
    );
    await text.flush();
    await sink.commit();
    if (out !== undefined) {
      io.stdout(`Wrote the merged search (${describeCaseCounts(totals)}) to ${out}\n`);
    }
    return totals.failed + totals.errors > 0 ? exitCodes.notPassed : exitCodes.ok;
  } catch (error: unknown) {
    await sink.discard();
    if (error instanceof RunInterruptedError) {
      io.stderr(
        `dispatchsim: interrupted after ${merged} lines${out === undefined ? '' : `; '${out}' was not written`}\n`,
      );
      return exitCodes.interrupted;
    }
    if (isDispatchsimError(error)) throw error;
    const code = errorCode(error);
    if (code !== 'unknown') {
      const path = (error as { readonly path?: unknown }).path;
      const shard = files.find((file) => resolve(io.cwd, file) === path);
      const which = shard === undefined ? 'a shard' : `'${shard}'`;
      throw new CommandLineError(
        [`merge: cannot read ${which} (${describeFileError(code)})`],
        'cli.io',
      );
    }
    throw error;
  } finally {
    stopListening();
  }
}
