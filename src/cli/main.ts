#!/usr/bin/env node
// The dispatchsim executable (package.json `bin`): builds the real io from `process` and runs
// the command line. The exit code is set, not forced, so piped output is flushed first.

import { readFile, readdir, writeFile } from 'node:fs/promises';
import type { CliIo } from './cli-io.js';
import { runCli } from './run-cli.js';

// `dispatchsim run … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: unknown) => {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'EPIPE') {
      process.exit(process.exitCode ?? 0);
    }
    throw error;
  });
}

const io: CliIo = {
  stdout: (text) => {
    process.stdout.write(text);
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  columns: process.stdout.columns,
  env: process.env,
  readFile: (path) => readFile(path, 'utf8'),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
  readDir: (path) => readdir(path),
  cwd: process.cwd(),
  now: () => performance.now(),
};

process.exitCode = await runCli(process.argv.slice(2), io);
