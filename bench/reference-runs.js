// The reference runs of issue 12, whole process, as a user runs them: the M/M/8 queue
// (8 WAS workers in an AlwaysRunning pool, dispatch uniform 0.5-7.5 ms, Poisson 1000/s, 1%
// worker-callback-failure, `--format json`) with a stable pool (startupMs 0) and with the
// default pool (startupMs 500: each 4031 takes a worker out for half a second and the
// pending queue grows to tens of thousands), the same queue in SimPy 3 (bench/simpy-mm8.py,
// skipped with a line when `import simpy` fails), the start-up of a one-session run (JSON and
// YAML), and the floor p-queue alone sets under the default-pool run (bench/p-queue-floor.js).
// Where NODE_EXTRA_CA_CERTS is set (as on the project's machines), Node 20 reads and parses
// those certificates before running any script, ~60 ms here (Node 22 defers it); the
// start-up is then timed both with it and without it, and both are printed.
// Runs alternate (stable, default, SimPy) and the best of BENCH_REPEATS rounds is kept, so
// a busy machine slows every contestant alike.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measurePQueueFloor } from './p-queue-floor.js';

const reportAtExit = fileURLToPath(new URL('./report-at-exit.js', import.meta.url));
// The executable a user runs: the bundle package.json names as `bin`.
const dispatchsim = fileURLToPath(new URL('../dist/bin/dispatchsim.js', import.meta.url));
const simpyModel = fileURLToPath(new URL('./simpy-mm8.py', import.meta.url));

/**
 * @param sessions - first-attempt sessions
 * @param startupMs - the pool's worker start-up: 0 (stable) or the default 500
 * @returns the reference scenario
 */
export function referenceRunScenario(sessions, startupMs) {
  return {
    name: startupMs === 0 ? 'reference-stable' : 'reference-default-pool',
    config: { maxPendingConnections: 100_000 },
    appPools: [
      {
        name: 'BenchPool',
        startMode: 'AlwaysRunning',
        maxProcesses: 8,
        ...(startupMs === 0 ? { startupMs: 0, idleTimeoutMs: 0 } : {}),
      },
    ],
    apps: [
      {
        name: 'bench',
        baseAddress: 'net.tcp://localhost/bench/',
        appPool: 'BenchPool',
        dispatchMs: { uniform: [0.5, 7.5] },
      },
    ],
    workload: { sessions, arrivals: { poisson: { ratePerSec: 1000 } } },
    faults: [{ kind: 'worker-callback-failure', probability: 0.01 }],
  };
}

// One whole-process run of the command line as a user starts it: wall time from spawn to
// exit. Used for the start-up, where preloading report-at-exit.js would add its own load.
function runCliBare(args, env) {
  return runNodeBare([dispatchsim, ...args], env);
}

// One whole-process run of node with these arguments: wall time from spawn to exit (alone,
// `-e 0`, it is what any command costs before its first line, on this machine).
function runNodeBare(args, env = process.env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      env: { ...env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited ${code}`));
      else resolve({ seconds });
    });
  });
}

// One whole-process run of the command line: wall time from spawn to exit, and the peak RSS
// report-at-exit.js reports.
function runCliOnce(args, dir) {
  const report = join(dir, 'report.ndjson');
  rmSync(report, { force: true });
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', reportAtExit, dispatchsim, ...args], {
      env: { ...process.env, DISPATCHSIM_BENCH_REPORT: report, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', () => {
      const seconds = (performance.now() - started) / 1000;
      const line = readFileSync(report, 'utf8').trim().split('\n').at(-1);
      const { code, peakRssMb } = JSON.parse(line);
      if (code !== 0) reject(new Error(`dispatchsim ${args.join(' ')} exited ${code}`));
      else resolve({ seconds, peakRssMb });
    });
  });
}

// The first Python that can import simpy (Debian's python3-simpy3 installs for /usr/bin).
function findSimpyPython() {
  for (const python of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', 'import simpy'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  return undefined;
}

function runSimpyOnce(python, sessions) {
  const started = performance.now();
  const run = spawnSync(python, [simpyModel, String(sessions)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`SimPy model failed: ${run.stderr}`);
  return { seconds: (performance.now() - started) / 1000, ...JSON.parse(run.stdout) };
}

const best = (runs, key) => runs.reduce((a, b) => (b[key] < a[key] ? b : a));

/**
 * @param sessions - sessions per reference run
 * @param repeats - rounds; the best of each is kept
 * @returns printable lines
 */
export async function benchReferenceRuns(sessions, repeats) {
  const dir = mkdtempSync(join(tmpdir(), 'dispatchsim-reference-'));
  const files = {};
  for (const [label, startupMs] of [
    ['stable', 0],
    ['default', 500],
  ]) {
    files[label] = join(dir, `${label}.json`);
    writeFileSync(files[label], JSON.stringify(referenceRunScenario(sessions, startupMs)));
  }
  const one = join(dir, 'one.json');
  writeFileSync(
    one,
    JSON.stringify({
      name: 'one-session',
      apps: [{ name: 'a', baseAddress: 'net.tcp://localhost/a/' }],
      workload: { sessions: 1 },
    }),
  );
  // The same scenario in YAML: a JSON file is read without the yaml library, a YAML one with it.
  const oneYaml = join(dir, 'one.yaml');
  writeFileSync(
    oneYaml,
    'name: one-session\napps:\n  - name: a\n    baseAddress: net.tcp://localhost/a/\nworkload:\n  sessions: 1\n',
  );
  const python = findSimpyPython();
  // This environment without NODE_EXTRA_CA_CERTS, when it is set: what starting costs where
  // Node 20 has no extra certificates to read (dispatchsim opens no TLS connection).
  const { NODE_EXTRA_CA_CERTS: extraCaCerts, ...withoutExtraCaCerts } = process.env;
  const startupEnvs =
    extraCaCerts === undefined
      ? { asSet: process.env }
      : { asSet: process.env, withoutCerts: withoutExtraCaCerts };
  const startups = Object.fromEntries(
    Object.keys(startupEnvs).map((label) => [label, { json: [], yaml: [], node: [] }]),
  );
  const runs = { stable: [], default: [], simpy: [] };
  for (let round = 0; round < repeats; round++) {
    runs.stable.push(await runCliOnce(['run', files.stable, '--format', 'json'], dir));
    runs.default.push(await runCliOnce(['run', files.default, '--format', 'json'], dir));
    if (python !== undefined) runs.simpy.push(runSimpyOnce(python, sessions));
    for (let i = 0; i < 3; i++) {
      for (const [label, env] of Object.entries(startupEnvs)) {
        startups[label].json.push(await runCliBare(['run', one, '--format', 'json'], env));
        startups[label].yaml.push(await runCliBare(['run', oneYaml, '--format', 'json'], env));
        startups[label].node.push(await runNodeBare(['-e', '0'], env));
      }
    }
  }
  const floor = measurePQueueFloor(files.default, repeats);
  rmSync(dir, { recursive: true, force: true });
  const stable = best(runs.stable, 'seconds');
  const fallback = best(runs.default, 'seconds');
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const lines = [
    `Reference runs, whole process, best of ${repeats} alternating rounds (${fmt(sessions)} sessions, --format json)`,
    `  stable pool      ${stable.seconds.toFixed(2)} s, ${fmt(sessions / stable.seconds)} sessions/s, peak RSS ${Math.max(...runs.stable.map((r) => r.peakRssMb)).toFixed(0)} MB`,
    `  default pool     ${fallback.seconds.toFixed(2)} s, ${fmt(sessions / fallback.seconds)} sessions/s, peak RSS ${Math.max(...runs.default.map((r) => r.peakRssMb)).toFixed(0)} MB (target < 200 MB)`,
    `  default/stable   ${(fallback.seconds / stable.seconds).toFixed(2)}x (target <= 1.3x)`,
    `  p-queue floor    ${floor.seconds.toFixed(2)} s (${(floor.seconds / stable.seconds).toFixed(2)}x the stable run), peak RSS ${floor.peakRssMb.toFixed(0)} MB: p-queue alone, ${fmt(floor.tasks)} trivial tasks ${fmt(floor.meanDepth)} deep on average (the default run's sessions that became p-queue tasks: ${((100 * floor.tasks) / floor.sessions).toFixed(2)}% of them, as deep)`,
    `  over the floor   the default run's time beyond the stable run is ${((fallback.seconds - stable.seconds) / floor.seconds).toFixed(2)}x that floor`,
  ];
  if (python === undefined) {
    lines.push(
      '  SimPy            skipped: `python3 -c "import simpy"` fails (apt-get install python3-simpy3)',
    );
  } else {
    const simpy = best(runs.simpy, 'seconds');
    lines.push(
      `  SimPy 3 model    ${simpy.seconds.toFixed(2)} s (${python} bench/simpy-mm8.py, ${fmt(simpy.records)} records)`,
      `  speed vs SimPy   ${(simpy.seconds / stable.seconds).toFixed(2)}x faster (target >= 3x)`,
    );
  }
  const startupLine = ({ json, yaml, node }) =>
    `${best(json, 'seconds').seconds.toFixed(3)} s for a one-session run of a JSON file, ${best(yaml, 'seconds').seconds.toFixed(3)} s of the same in YAML, best of ${json.length} each (target <= 0.15 s; \`node -e 0\` alone ${best(node, 'seconds').seconds.toFixed(3)} s)`;
  if (startups.withoutCerts === undefined) {
    lines.push(`  start-up         ${startupLine(startups.asSet)}`);
  } else {
    lines.push(
      `  start-up         ${startupLine(startups.withoutCerts)}, without NODE_EXTRA_CA_CERTS`,
      `  start-up here    ${startupLine(startups.asSet)}, with NODE_EXTRA_CA_CERTS=${extraCaCerts} as set here: Node 20 parses those certificates before any script`,
    );
  }
  return lines;
}
