// Runs the dispatchsim command line in this process and, when it ends, appends one JSON line
// to the file named by DISPATCHSIM_BENCH_REPORT: the exit code, the wall time and this
// process's peak RSS. bench/streaming-output.js starts one of these per format, so each
// format's peak memory is measured on its own.

import { appendFileSync } from 'node:fs';
import { limitThisProcessHeapGrowth } from '../dist/cli/heap-growth.js';
import { createNodeIo } from '../dist/cli/node-io.js';
import { runCli } from '../dist/cli/run-cli.js';

// What the executable asks of V8 before it runs a command (src/cli/main.ts), so the peak RSS
// measured here is the one a user of the executable gets.
limitThisProcessHeapGrowth();

const started = performance.now();
const code = await runCli(process.argv.slice(2), createNodeIo());
const report = process.env.DISPATCHSIM_BENCH_REPORT;
if (report !== undefined) {
  appendFileSync(
    report,
    `${JSON.stringify({
      code,
      wallMs: performance.now() - started,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    })}\n`,
  );
}
process.exitCode = code;
