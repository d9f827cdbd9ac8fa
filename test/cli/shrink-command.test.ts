// `dispatchsim shrink` of a search's NDJSON output reads it as NDJSON only: parsing a merged
// swarm of thousands of cases as a YAML scenario first took most of a minute and gigabytes.
// Ctrl-C stops a shrink with one line (user report, 2026-12-04): it ended with exit 130 and
// nothing said; and it writes the smallest failing scenario found so far (user report, later:
// it said one was found, then wrote nothing). Runs are counted through a wrapped runCase, which sends the
// signal after a given run, so no test depends on how long a run takes.
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import { createFakeIo, repoRoot } from '../helpers/fake-cli-io.js';
import { interruptedAfterRun } from '../helpers/interrupted-after-run.js';
import { shrinkableFailingScenario } from '../helpers/shrinkable-failing-scenario.js';

vi.mock(import('../../src/scenario/parse-scenario.js'), async (importOriginal) => {
  const original = await importOriginal();
  return { ...original, parseScenario: vi.fn(original.parseScenario) };
});

vi.mock(import('../../src/search/run-case.js'), async (importOriginal) => {
  const original = await importOriginal();
  return { ...original, runCase: vi.fn(original.runCase) };
});

const fixtures = resolve(repoRoot, 'test/cli/fixtures');

describe('dispatchsim shrink', () => {
  it('parses a swarm NDJSON output as a search output, never as a YAML scenario', async () => {
    const swarmIo = createFakeIo({ cwd: fixtures });
    await runCli(
      [
        'swarm',
        'weak-retry.yaml',
        '--runs',
        '6',
        '--seed',
        '3',
        '--kinds',
        'app-pool-stop',
        '--format',
        'ndjson',
        '--no-shrink',
        '--threads',
        '1',
      ],
      swarmIo,
    );
    const shrinkIo = createFakeIo({
      cwd: fixtures,
      files: { [resolve(fixtures, 'found.ndjson')]: swarmIo.out() },
    });
    vi.mocked(parseScenario).mockClear();

    const code = await runCli(['shrink', 'found.ndjson', '--budget', '20'], shrinkIo);

    expect(code).toBe(0);
    expect(shrinkIo.err()).toMatch(/found\.ndjson case \d+ fails with seed \d+/);
    expect(vi.mocked(parseScenario).mock.calls.map(([, file]) => file)).not.toContain(
      'found.ndjson',
    );
  });

  describe('interrupted', () => {
    const at = (name: string): string => resolve(repoRoot, name);
    // A file whose shrink keeps a step within its first few runs (1 rule, 1 session at the end).
    const interrupted = (run: number, out?: string) =>
      interruptedAfterRun(
        run,
        ['shrink', 'failing.yaml', ...(out === undefined ? [] : ['--out', out])],
        { [at('failing.yaml')]: shrinkableFailingScenario },
      );

    it('writes the smallest failing scenario so far to --out, says so and exits 130', async () => {
      // Act (user report: it said a smaller failing scenario was found, then wrote nothing)
      const { io, code } = await interrupted(12, 'small.yaml');

      // Assert
      expect(code).toBe(130);
      expect(io.err()).toMatch(
        /shrinking…\ndispatchsim: interrupted after 11 shrink runs; wrote the smallest failing scenario so far \(\d+ steps?: \d+ fault rules?, \d+ sessions?\) to small\.yaml; run the shrink again to go further\n$/,
      );
      const small = io.written.get(at('small.yaml')) ?? '';
      expect(small).toMatch(/^# Replay: dispatchsim run small\.yaml$/m);
      expect(small).toMatch(/interrupted after 11 shrink runs/);
      expect(io.open.size).toBe(0);
      expect(io.out()).toBe('');

      // The file is whole and fails the same way with its seed.
      const replayIo = createFakeIo({ files: { [at('small.yaml')]: small } });
      expect(await runCli(['run', 'small.yaml', '--format', 'json'], replayIo)).toBe(1);
      expect(replayIo.err()).toMatch(/expectation not met: requests gaveUp <= 0/);
    });

    it('writes the smallest failing scenario so far to standard output without --out', async () => {
      // Act
      const { io, code } = await interrupted(12);

      // Assert
      expect(code).toBe(130);
      expect(io.err()).toMatch(
        /; wrote the smallest failing scenario so far \(\d+ steps?: \d+ fault rules?, \d+ sessions?\) to standard output; run the shrink again to go further\n$/,
      );
      expect(io.out()).toMatch(
        /^# Shrunk by dispatchsim shrink from failing\.yaml: requests gaveUp <= 0\n/,
      );
      expect(io.out()).toMatch(/^seed: 4$/m);
    });

    it('says so when it stops before a smaller failing scenario was found', async () => {
      // Act: the signal comes during the run that checks the file fails.
      const { io, code } = await interrupted(1);

      // Assert
      expect(code).toBe(130);
      expect(io.err()).toMatch(
        /shrinking…\ndispatchsim: interrupted after 0 shrink runs, before a smaller failing scenario was found\n$/,
      );
      expect(io.out()).toBe('');
    });
  });
});
