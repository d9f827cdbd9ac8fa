// Streaming output benchmark (issue 10): 1,000,000 sessions of an 8-worker M/M/8 scenario
// with 1% F1 and 1% F2, run through the real command line once per output: the NDJSON trace
// to a pipe (read and counted by this process), NDJSON, Perfetto, Event Viewer XML and the
// HTML report to --out, and --check-determinism. Each runs in its own process, so each peak
// RSS is its own; the target is under 300 MB whatever the run's length (and under 20 MB of
// HTML report). BENCH_SESSIONS scales the runs.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mm8Scenario } from './mm8-scenario.js';

const runner = fileURLToPath(new URL('./cli-run.js', import.meta.url));

/** The scenario of every streamed run: M/M/8 with 1% F1 and 1% F2. */
export function streamingScenario(sessions) {
  return mm8Scenario(
    sessions,
    [
      { kind: 'duplicate-handle-failure', probability: 0.01 },
      { kind: 'worker-callback-failure', probability: 0.01 },
    ],
    'bench-streaming',
  );
}

function runOnce(args, dir) {
  const report = join(dir, 'report.ndjson');
  rmSync(report, { force: true });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner, ...args], {
      env: { ...process.env, DISPATCHSIM_BENCH_REPORT: report, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let piped = 0;
    child.stdout.on('data', (chunk) => {
      piped += chunk.length;
    });
    child.on('error', reject);
    child.on('close', () => {
      const line = readFileSync(report, 'utf8').trim().split('\n').at(-1);
      resolve({ ...JSON.parse(line), piped });
    });
  });
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/**
 * @param sessions - sessions per run
 * @returns printable lines: format, exit code, wall time, output size, peak RSS
 */
export async function benchStreamingOutput(sessions) {
  const dir = mkdtempSync(join(tmpdir(), 'dispatchsim-bench-'));
  const scenario = join(dir, 'streaming.json');
  writeFileSync(scenario, JSON.stringify(streamingScenario(sessions)));
  const cases = [
    { label: 'ndjson to a pipe', args: ['--format', 'ndjson'] },
    { label: 'ndjson --out', args: ['--format', 'ndjson', '--out'], file: 'run.ndjson' },
    { label: 'perfetto --out', args: ['--format', 'perfetto', '--out'], file: 'run.json' },
    { label: 'evtx-xml --out', args: ['--format', 'evtx-xml', '--out'], file: 'run.xml' },
    // The HTML report (issue 16): sampled journeys and marks, exact aggregates; target < 20 MB.
    { label: 'html --out', args: ['--format', 'html', '--out'], file: 'run.html' },
    { label: '--check-determinism', args: ['--check-determinism'], summary: true },
  ];
  const lines = [
    `Streaming output (${sessions.toLocaleString('en-US')} sessions, M/M/8, 1% F1 + 1% F2; target: peak RSS < 300 MB)`,
    `  ${'output'.padEnd(22)}${'exit'.padEnd(6)}${'wall'.padEnd(10)}${'written'.padEnd(10)}peak RSS`,
  ];
  try {
    for (const c of cases) {
      const target = c.file === undefined ? undefined : join(dir, c.file);
      const args = ['run', scenario, ...c.args, ...(target === undefined ? [] : [target])];
      const r = await runOnce(args, dir);
      const written = c.summary ? '-' : mb(target === undefined ? r.piped : statSync(target).size);
      if (target !== undefined) rmSync(target, { force: true });
      lines.push(
        `  ${c.label.padEnd(22)}${String(r.code).padEnd(6)}${`${(r.wallMs / 1000).toFixed(1)} s`.padEnd(10)}${written.padEnd(10)}${r.peakRssMb.toFixed(0)} MB${r.peakRssMb < 300 ? '' : '  (over target)'}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
