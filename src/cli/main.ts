#!/usr/bin/env node
// The dispatchsim executable (package.json `bin`): builds the real io from `process` and runs
// the command line. The exit code is set, not forced, so piped output is flushed first.

import nodeModule from 'node:module';
import { exitCodes } from './exit-codes.js';
import { limitThisProcessHeapGrowth } from './heap-growth.js';
import { createNodeIo } from './node-io.js';
import { runCli } from './run-cli.js';
import { stdoutFailureHandler } from './stdout-failure.js';

// Node 22.1 and later keep the bytecode of the modules loaded from here on (the chunks a
// command imports) in a cache on disk, so the next run does not compile them again: a
// one-session run then starts 16-18 ms sooner (Node 22.21, min of 40 runs). Node 20 has no
// such cache, and its types do not name the function. NODE_DISABLE_COMPILE_CACHE=1 turns it
// off; NODE_COMPILE_CACHE names its directory (the default is in the temporary directory).
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
// A long queue's heap peaks at twice its live data, not four times (heap-growth.ts).
limitThisProcessHeapGrowth();

process.stdout.on(
  'error',
  stdoutFailureHandler({
    stderr: (text) => process.stderr.write(text),
    exit: (code) => process.exit(code),
  }),
);
// Nowhere is left to report a failed write to standard error.
process.stderr.on('error', () => undefined);
// A safety net: a rejection or exception nothing awaited is a bug, reported as runCli
// reports every internal error (one line, exit 70), never as Node's stack dump.
const internalError = (error: unknown): void => {
  const message = error instanceof Error ? error.message : String(error);
  if (process.env['DISPATCHSIM_DEBUG'] && error instanceof Error) {
    process.stderr.write(`${error.stack ?? message}\n`);
  }
  process.stderr.write(
    `dispatchsim: internal error: ${message.split('\n')[0] ?? ''} (a bug in dispatchsim; DISPATCHSIM_DEBUG=1 shows the stack)\n`,
  );
  process.exit(exitCodes.internalError);
};
process.on('unhandledRejection', internalError);
process.on('uncaughtException', internalError);
// With DISPATCHSIM_DEBUG a stack names the TypeScript sources: the bundle is minified, and
// the chunks a command loads from here on come with source maps.
if (process.env['DISPATCHSIM_DEBUG']) process.setSourceMapsEnabled(true);

process.exitCode = await runCli(process.argv.slice(2), createNodeIo());
