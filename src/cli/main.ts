#!/usr/bin/env node
// The dispatchsim executable (package.json `bin`): builds the real io from `process` and runs
// the command line. The exit code is set, not forced, so piped output is flushed first.

import { createNodeIo } from './node-io.js';
import { runCli } from './run-cli.js';
import { stdoutFailureHandler } from './stdout-failure.js';

process.stdout.on(
  'error',
  stdoutFailureHandler({
    stderr: (text) => process.stderr.write(text),
    exit: (code) => process.exit(code),
  }),
);
// Nowhere is left to report a failed write to standard error.
process.stderr.on('error', () => undefined);

process.exitCode = await runCli(process.argv.slice(2), createNodeIo());
