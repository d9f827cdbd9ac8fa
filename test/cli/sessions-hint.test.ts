// --sessions that makes a scenario's arrivals outlast its horizon is warned about before the
// run, as validation warns about a file whose own sessions do (user report, 2026-12-04):
// `run hung-worker-3x-timeout --sessions 300000` ran until its horizon of 24 h and stopped
// with exit 1, with no warning up front.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { sessionsWithinHorizon } from '../../src/scenario/validate-scenario.js';
import { createFakeIo, repoRoot } from '../helpers/fake-cli-io.js';

// Five sessions 100 ms apart fit in 10 s; two hundred do not.
const FITS_AT_ITS_SIZE = `name: short
horizonMs: 10000
apps:
  - { name: orders, baseAddress: net.tcp://localhost/orders/ }
workload:
  sessions: 5
  arrivals: { fixed: { intervalMs: 100 } }
expect: [{ invariant: balanced }]
`;

const io = () => createFakeIo({ files: { [resolve(repoRoot, 'short.yaml')]: FITS_AT_ITS_SIZE } });

const WARNING =
  'short.yaml: warning: workload.arrivals: expected arrivals that end within horizonMs (10000 ms): the last of 200 sessions arrives at about 19900 ms, and the run stops at its horizon (use --sessions 100 or fewer, or a copy of the file with a larger horizonMs) (got { fixed: { intervalMs: 100 } }), with --sessions 200 (the file runs 5)\n';

describe('--sessions past the horizon', () => {
  it.each([
    ['run', ['run', 'short.yaml']],
    ['sweep', ['sweep', 'short.yaml', '--seeds', '1..1', '--threads', '1']],
    ['swarm', ['swarm', 'short.yaml', '--runs', '1', '--threads', '1', '--no-shrink']],
  ])('%s: warns before it runs, as validation warns about such a file', async (_, argv) => {
    // Arrange
    const fake = io();

    // Act
    await runCli([...argv, '--sessions', '200'], fake);

    // Assert
    expect(fake.err().startsWith(WARNING)).toBe(true);
  });

  it('gives no warning when the sessions given still arrive within the horizon', async () => {
    // Arrange
    const fake = io();

    // Act
    const code = await runCli(['run', 'short.yaml', '--sessions', '10'], fake);

    // Assert
    expect(code).toBe(0);
    expect(fake.err()).toBe('');
  });
});

// Twenty sessions 100 ms apart outlast 1 s, which validation warns about; ten fit.
const OUTLASTS_AT_ITS_SIZE = `name: long
horizonMs: 1000
apps:
  - { name: orders, baseAddress: net.tcp://localhost/orders/ }
workload:
  sessions: 20
  arrivals: { fixed: { intervalMs: 100 } }
expect: [{ invariant: balanced }]
`;

const longIo = () =>
  createFakeIo({ files: { [resolve(repoRoot, 'long.yaml')]: OUTLASTS_AT_ITS_SIZE } });

const fileWarning = (sessions: number, advice: string): string =>
  `long.yaml:7: warning: workload.arrivals: expected arrivals that end within horizonMs (1000 ms): the last of ${sessions} sessions arrives at about ${(sessions - 1) * 100} ms, and the run stops at its horizon (${advice}) (got { fixed: { intervalMs: 100 } })`;

// The user report: `run horizon.yaml --sessions 150000` warned about the file's own 400000
// sessions, and the run then fitted in the horizon.
describe('--sessions in a file whose own sessions outlast the horizon', () => {
  it.each([
    ['run', ['run', 'long.yaml']],
    ['sweep', ['sweep', 'long.yaml', '--seeds', '1..1', '--threads', '1']],
    ['swarm', ['swarm', 'long.yaml', '--runs', '1', '--threads', '1', '--no-shrink']],
  ])("%s: warns about the sessions given, not the file's own", async (_, argv) => {
    // Arrange
    const fake = longIo();

    // Act
    await runCli([...argv, '--sessions', '15'], fake);

    // Assert
    const advice = 'use --sessions 10 or fewer, or a copy of the file with a larger horizonMs';
    expect(
      fake.err().startsWith(`${fileWarning(15, advice)}, with --sessions 15 (the file runs 20)\n`),
    ).toBe(true);
    expect(fake.err()).not.toContain('the last of 20 sessions');
  });

  it.each([
    ['run', ['run', 'long.yaml']],
    ['sweep', ['sweep', 'long.yaml', '--seeds', '1..1', '--threads', '1']],
    // A no-route rule ends its session at once: a plan of worker faults could keep the run
    // past this file's short horizon, which is not what this test is about.
    [
      'swarm',
      ['swarm', 'long.yaml', '--runs', '1', '--threads', '1', '--no-shrink', '--kinds', 'no-route'],
    ],
  ])('%s: gives no warning when the sessions given arrive within the horizon', async (_, argv) => {
    // Arrange
    const fake = longIo();

    // Act
    const code = await runCli([...argv, '--sessions', '5'], fake);

    // Assert
    expect(code).toBe(0);
    expect(fake.err()).toBe('');
  });

  it.each([
    ['run without --sessions', ['run', 'long.yaml']],
    ["run with the file's own sessions", ['run', 'long.yaml', '--sessions', '20']],
    ['validate', ['validate', 'long.yaml']],
  ])("%s: warns about the file's own sessions", async (_, argv) => {
    // Arrange
    const fake = longIo();

    // Act
    await runCli(argv, fake);

    // Assert
    const advice = 'raise horizonMs, or lower intervalMs';
    const err = fake.err() + fake.out();
    expect(err).toContain(fileWarning(20, advice));
    expect(err.split('the last of').length).toBe(2);
  });
});

describe('sessionsWithinHorizon', () => {
  it.each([
    [{ fixed: { intervalMs: 1000 } }, 86_400_000, 86_400],
    [{ fixed: { intervalMs: 100 } }, 10_000, 100],
    [{ poisson: { ratePerSec: 2 } }, 10_000, 20],
    [{ burst: { size: 5, everyMs: 1000 } }, 2500, 15],
    [{ at: [0, 50, 20_000] }, 10_000, 2],
    [{ at: [20_000] }, 10_000, 0],
  ] as const)(
    'gives the most sessions of %o that arrive before %i ms: %i',
    (arrivals, horizonMs, most) => {
      // Act
      const found = sessionsWithinHorizon({ arrivals, startMs: 0 }, horizonMs);

      // Assert
      expect(found).toBe(most);
    },
  );

  it.each([
    [{ fixed: { intervalMs: 1000 } }, 86_400_000, 86_399],
    [{ poisson: { ratePerSec: 2 } }, 10_000, 18],
    [{ burst: { size: 5, everyMs: 1000 } }, 2500, 10],
    [{ at: [0, 50, 9_000] }, 10_000, 2],
  ] as const)(
    'counts from workload.startMs, 1000 ms here: %o before %i ms gives %i',
    (arrivals, horizonMs, most) => {
      // hung-worker-3x-timeout starts at 1000 ms: `--sessions 86400`, the advice, arrived at
      // exactly the horizon and stopped there (user report).
      expect(sessionsWithinHorizon({ arrivals, startMs: 1000 }, horizonMs)).toBe(most);
    },
  );
});
