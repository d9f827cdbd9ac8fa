#!/usr/bin/env node
// The dispatchsim executable (package.json `bin`): builds the real io from `process` and runs
// the command line. The exit code is set, not forced, so piped output is flushed first.

import { describeFileError, errorCode } from './file-errors.js';
import { exitCodes } from './exit-codes.js';
import { createNodeIo } from './node-io.js';
import { runCli } from './run-cli.js';

// A failed write to standard output (EPIPE when the reader closed the pipe, ENOSPC on
// /dev/full, …) is one line and its own exit code, never a stack (exit-codes.ts).
process.stdout.on('error', (error: unknown) => {
  const code = errorCode(error);
  process.stderr.write(
    `dispatchsim: cannot write to standard output (${code}: ${describeFileError(code)})\n`,
  );
  process.exit(exitCodes.outputFailed);
});
// Nowhere is left to report a failed write to standard error.
process.stderr.on('error', () => undefined);

process.exitCode = await runCli(process.argv.slice(2), createNodeIo());
