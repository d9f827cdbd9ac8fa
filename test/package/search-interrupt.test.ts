// Ctrl-C stops a search (user report, 2026-12-03). On worker threads it ended with
// `internal error: Terminating worker thread` and exit 70: closing the pool rejected the
// cases still running. On one thread (`--threads 1`, the default on a one-core machine) the
// signal was never handled: the cases ran on promises alone, the event loop never reached
// the signal, and a 100,000-case sweep ran to its end; a swarm's shrink, likewise, ran to
// its end and wrote its file. Stopped while shrinking, a swarm now keeps its finished cases
// (user report, 2026-12-04: they were thrown away), and the smallest failing scenario so far
// of the shrink in progress, if any (a later report). `dispatchsim shrink` ignored Ctrl-C too,
// and ended with 130 and nothing said (same report); it now writes the smallest failing
// scenario found so far, if any (a later report). Real signals, so the built executable.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const bin = resolve(root, 'dist/bin/dispatchsim.js');

let child: ChildProcess | undefined;

afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

interface Stopped {
  readonly code: number | null;
  readonly stderr: string;
  readonly stdout: string;
}

// Starts the command, sends SIGINT once its output (either stream) shows `ready`, and waits
// for the end.
function interruptWhen(args: readonly string[], ready: RegExp): Promise<Stopped> {
  const process_ = spawn(process.execPath, [bin, ...args], { cwd: root });
  child = process_;
  let stdout = '';
  let stderr = '';
  let sent = false;
  const check = (): void => {
    if (!sent && (ready.test(stdout) || ready.test(stderr))) {
      sent = true;
      process_.kill('SIGINT');
    }
  };
  process_.stdout.setEncoding('utf8');
  process_.stderr.setEncoding('utf8');
  process_.stdout.on('data', (text: string) => {
    stdout += text;
    check();
  });
  process_.stderr.on('data', (text: string) => {
    stderr += text;
    check();
  });
  return new Promise((done) => {
    process_.on('close', (code) => done({ code, stderr, stdout }));
  });
}

// A case line of the NDJSON output (the header comes first).
const FIRST_CASE = /\n\{"type":"case"/;

describe('Ctrl-C during a search', () => {
  it.each(['1', '2'])(
    'stops a sweep on %s thread(s) with exit 130 and one line',
    async (threads) => {
      const run = await interruptWhen(
        [
          'sweep',
          'healthy-baseline',
          '--seeds',
          '1..100000',
          '--threads',
          threads,
          '--format',
          'ndjson',
        ],
        FIRST_CASE,
      );

      expect(run.stderr).toMatch(/^dispatchsim: interrupted after \d+ of 100000 cases\n$/);
      expect(run.code).toBe(130);
    },
    60_000,
  );

  // A case whose clients retry every 1 ms without end runs for minutes: Ctrl-C and SIGTERM
  // waited for it to end, more than 10 minutes with nothing said (user report). The cases
  // running are stopped at once.
  it.each([
    ['sweep', '1'],
    ['sweep', '2'],
    ['shrink', '1'],
  ])(
    'stops a %s on %s thread(s) in the middle of a long case',
    async (command, threads) => {
      const scenario = 'test/cli/fixtures/endless-retry.yaml';
      const args =
        command === 'sweep'
          ? ['sweep', scenario, '--seeds', '1..2', '--threads', threads, '--format', 'ndjson']
          : ['shrink', scenario];
      const process_ = spawn(process.execPath, [bin, ...args], { cwd: root });
      child = process_;
      let stderr = '';
      process_.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
      // Well inside the first cases, which run for minutes.
      const timer = setTimeout(() => process_.kill('SIGINT'), 2_000);
      const code = await new Promise<number | null>((done) => process_.on('close', done));
      clearTimeout(timer);

      expect(stderr).toMatch(
        command === 'sweep'
          ? /dispatchsim: interrupted after 0 of 2 cases\n$/
          : /dispatchsim: interrupted after 0 shrink runs, before a smaller failing scenario was found\n$/,
      );
      expect(code).toBe(130);
    },
    60_000,
  );

  it.each(['1', '2'])(
    "stops a swarm's shrink on %s thread(s) with exit 130, writing its cases and no shrunk file or the smallest so far",
    async (threads) => {
      const outDir = await mkdtemp(join(tmpdir(), 'dispatchsim-swarm-'));
      try {
        const run = await interruptWhen(
          [
            'swarm',
            'test/cli/fixtures/slow-shrink.yaml',
            '--runs',
            '1',
            '--seed',
            '3',
            '--kinds',
            'worker-callback-failure,duplicate-handle-failure',
            '--threads',
            threads,
            '--format',
            'ndjson',
            '--out-dir',
            outDir,
          ],
          /shrinking/,
        );

        // Nothing shrunk when the shrink had found no smaller failing scenario yet, else the
        // smallest so far, whole (no temporary file left).
        expect(run.stderr).toMatch(
          /^dispatchsim: shrinking 1 distinct failure \(up to 400 runs each\)…\n(dispatchsim: interrupted while shrinking: wrote the 1 case without a shrunk scenario to|shrunk so far: .*\n {2}replay: .*\ndispatchsim: interrupted while shrinking: kept 1 of 1 shrunk scenario in .*\/ \(smallest so far, not fully shrunk\); wrote the 1 case to) standard output; to shrink one later, run the swarm again with --no-shrink --out swarm\.ndjson, then: dispatchsim shrink swarm\.ndjson --case 0\n$/,
        );
        const wrote = run.stderr.includes('\nshrunk so far: ');
        expect(run.code).toBe(130);
        // The output is whole, as with --no-shrink: header, the case, the totals.
        expect(run.stdout.split('\n').map((line) => /"type":"(\w+)"/.exec(line)?.[1])).toEqual([
          'header',
          'case',
          'totals',
          undefined,
        ]);
        expect(await readdir(outDir)).toEqual(wrote ? ['slow-shrink-1.yaml'] : []);
      } finally {
        await rm(outDir, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it('stops a shrink with exit 130 and one line saying how far it got, writing no file or a whole one', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'dispatchsim-shrink-'));
    try {
      // Arrange: a failing case whose shrink takes seconds (slow-shrink.yaml).
      const found = join(folder, 'found.ndjson');
      spawnSync(
        process.execPath,
        [
          bin,
          ...['swarm', 'test/cli/fixtures/slow-shrink.yaml', '--runs', '1', '--seed', '3'],
          ...['--kinds', 'worker-callback-failure,duplicate-handle-failure', '--threads', '1'],
          ...['--format', 'ndjson', '--no-shrink', '--out', found],
        ],
        { cwd: root },
      );

      // Act
      const run = await interruptWhen(
        ['shrink', found, '--case', '0', '--out', join(folder, 'small.yaml')],
        /shrinking/,
      );

      // Assert: nothing when no smaller failing scenario was found yet, else the smallest so
      // far, whole (no temporary file left).
      expect(run.stderr).toMatch(
        /shrinking…\ndispatchsim: interrupted after \d+ shrink runs?(, before a smaller failing scenario was found; '.*small\.yaml' was not written|; wrote the smallest failing scenario so far \(.*\) to .*small\.yaml; run the shrink again to go further)\n$/,
      );
      expect(run.code).toBe(130);
      const wrote = run.stderr.includes('; wrote the smallest');
      expect((await readdir(folder)).sort()).toEqual(
        wrote ? ['found.ndjson', 'small.yaml'] : ['found.ndjson'],
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
