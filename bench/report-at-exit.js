// Preloaded with `node --import ./bench/report-at-exit.js <program>`: when the process exits,
// appends one JSON line to the file named by DISPATCHSIM_BENCH_REPORT with its exit code
// and peak RSS, so a benchmark can run the real `dispatchsim` executable (the bundle a user
// gets) and still read its memory.

import { appendFileSync } from 'node:fs';

process.on('exit', (code) => {
  const report = process.env.DISPATCHSIM_BENCH_REPORT;
  if (report === undefined) return;
  appendFileSync(
    report,
    `${JSON.stringify({ code, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
});
