// `dispatchsim shrink` of a search's NDJSON output reads it as NDJSON only: parsing a merged
// swarm of thousands of cases as a YAML scenario first took most of a minute and gigabytes.
// Ctrl-C stops a shrink with one line (user report, 2026-12-04): it ended with exit 130 and
// nothing said; and it writes the smallest failing scenario found so far (user report, later:
// it said one was found, then wrote nothing). Runs are counted through a wrapped runCase, which sends the
// signal after a given run, so no test depends on how long a run takes. A file given with
// --case that is no whole search output is bad input named by its file and line, as merge
// names it (user report: a swarm output cut short ended in an internal error, exit 70).
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
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

// The lines of a real swarm output: header, cases 0 to 3, totals.
async function swarmOutputLines(): Promise<string[]> {
  const swarmIo = createFakeIo({ cwd: fixtures });
  await runCli(
    [
      ...['swarm', 'weak-retry.yaml', '--runs', '4', '--seed', '3', '--no-shrink'],
      ...['--format', 'ndjson', '--threads', '1'],
    ],
    swarmIo,
  );
  return swarmIo.out().split('\n');
}

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

  // A shrunk file was the data alone in yaml's layout: the file's header comment, which said
  // what the scenario is for, was gone, and every `{ … }` was spelt out (user report).
  it("keeps the scenario file's header comment and flow style in the shrunk file", async () => {
    const file = resolve(repoRoot, 'failing.yaml');
    const text = `# failing: the pool stops at once; a weak retry gives up.\n\n${shrinkableFailingScenario}\n`;
    const io = createFakeIo({ files: { [file]: text } });

    const code = await runCli(['shrink', 'failing.yaml', '--out', 'small.yaml'], io);

    expect(code).toBe(0);
    const small = io.written.get(resolve(repoRoot, 'small.yaml')) ?? '';
    expect(small).toMatch(
      /^# Shrunk by dispatchsim shrink from failing\.yaml: requests gaveUp <= 0\n(#.*\n){2}\n# failing: the pool stops at once; a weak retry gives up\.\n\nname: failing\n/,
    );
    expect(small).toMatch(
      /\nfaults:\n {2}- \{ kind: app-pool-stop, pool: OrdersPool, atMs: 0, restartAfterMs: \d+ \}\n/,
    );
    const replayIo = createFakeIo({ files: { [resolve(repoRoot, 'small.yaml')]: small } });
    expect(await runCli(['run', 'small.yaml', '--format', 'json'], replayIo)).toBe(1);
    expect(replayIo.err()).toMatch(/expectation not met: requests gaveUp <= 0/);
  });

  // `--budget 5` said "shrunk to 1 fault rule(s) and 5000 session(s) in 1 steps (5 runs)",
  // exit 0, with nothing to say the shrink stopped at its budget (user report).
  it('says when it stopped at its budget, not fully shrunk', async () => {
    const file = resolve(repoRoot, 'failing.yaml');
    const io = createFakeIo({ files: { [file]: shrinkableFailingScenario } });

    const code = await runCli(['shrink', 'failing.yaml', '--budget', '5'], io);

    expect(code).toBe(0);
    expect(io.err()).toMatch(
      /dispatchsim: stopped at --budget 5 \(\d+ steps?\), not fully shrunk: shrink the result again to go further\n$/,
    );
    expect(io.out()).toMatch(/^# .*; stopped at --budget 5, not fully shrunk\.$/m);
  });

  // A run's NDJSON trace given to shrink printed five lines of YAML parser noise ("Unexpected
  // flow-map-start at node end"), where merge says what the file is (user report).
  it("says a run's trace is no scenario and no search output", async () => {
    const runIo = createFakeIo({ cwd: fixtures });
    await runCli(['run', 'weak-retry.yaml', '--format', 'ndjson'], runIo);
    const io = createFakeIo({
      cwd: fixtures,
      files: { [resolve(fixtures, 't.ndjson')]: runIo.out() },
    });

    const code = await runCli(['shrink', 't.ndjson'], io);

    expect(code).toBe(2);
    expect(io.err()).toBe(
      "dispatchsim: t.ndjson: a run's NDJSON trace (--format ndjson); shrink takes a scenario, or a sweep's or swarm's --format ndjson output\n",
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

  describe('given a file that is no whole search output', () => {
    // A real swarm output (header, 4 cases, totals), its lines edited per row.
    let lines: string[] = [];
    beforeAll(async () => {
      lines = await swarmOutputLines();
    });
    const edited = (line: number, change: Record<string, unknown>): string =>
      lines
        .map((text, index) =>
          index === line - 1 ? JSON.stringify({ ...JSON.parse(text), ...change }) : text,
        )
        .join('\n');
    // The file cut 59 characters into its third line, case 1 (case 0 passes, 2 fails).
    const cutShort = (): string =>
      lines.join('\n').slice(0, lines.slice(0, 2).join('\n').length + 60);

    it.each([
      {
        // The user report: `head -c 1500` of a swarm output ended in an internal error (70).
        case: 'a file cut short in a line',
        text: cutShort,
        message:
          'found.ndjson:3: expected a JSON object of a sweep or swarm output (got {"type":"case","index":1,"file":"weak-retry.yaml","scenario)',
      },
      {
        case: 'a header with no inputs',
        text: () => edited(1, { inputs: undefined }),
        message:
          'found.ndjson:1: expected the header of a sweep or swarm output (its inputs is missing or malformed)',
      },
      {
        case: 'a case line whose plan is not a list',
        text: () => edited(2, { plan: 'none' }),
        message:
          'found.ndjson:2: expected a case line of a sweep or swarm output (its plan is missing or malformed)',
      },
      {
        case: 'a case line with no seed',
        text: () => edited(2, { seed: undefined }),
        message:
          'found.ndjson:2: expected a case line of a sweep or swarm output (its seed is missing or malformed)',
      },
      {
        case: 'a line of another type',
        text: () => edited(3, { type: 'note' }),
        message: 'found.ndjson:3: expected a case line (got type note)',
      },
      {
        case: 'a file without its header line',
        text: () => lines.slice(1).join('\n'),
        message: 'found.ndjson:1: expected the header line first (got type case)',
      },
      {
        // The user report: it was called a scenario.
        case: 'a file whose first line is not JSON',
        text: () => 'not json at all\n',
        message:
          'found.ndjson:1: expected a JSON object of a sweep or swarm output (got not json at all)',
      },
      {
        case: 'a search table',
        text: () =>
          '  case  scenario           seed  verdict  sessions  4031  gave up  what failed\n',
        message:
          'found.ndjson:1: expected a JSON object of a sweep or swarm output (got the table of a sweep or swarm: run it again with --format ndjson)',
      },
      {
        case: 'an empty file',
        text: () => '\n',
        message: 'found.ndjson: expected a sweep or swarm output (got an empty file)',
      },
      {
        case: 'a scenario',
        text: () => shrinkableFailingScenario,
        message: '--case: found.ndjson is a scenario, not a sweep or swarm output',
      },
    ])('exits 2 naming the place for $case with --case', async ({ text, message }) => {
      // Arrange
      const io = createFakeIo({
        cwd: fixtures,
        files: { [resolve(fixtures, 'found.ndjson')]: text() },
      });

      // Act
      const code = await runCli(['shrink', 'found.ndjson', '--case', '0'], io);

      // Assert
      expect(io.err()).toBe(`dispatchsim: ${message}\n`);
      expect(code).toBe(2);
      expect(io.out()).toBe('');
    });

    it('exits 2 naming the line of a file cut short without --case', async () => {
      // Arrange: case 0 passes, so a shrink without --case reads on to case 1, cut short.
      const io = createFakeIo({
        cwd: fixtures,
        files: { [resolve(fixtures, 'found.ndjson')]: cutShort() },
      });

      // Act
      const code = await runCli(['shrink', 'found.ndjson'], io);

      // Assert
      expect(code).toBe(2);
      expect(io.err()).toMatch(/^dispatchsim: found\.ndjson:3: expected a JSON object /);
    });
  });

  describe('given a --case the search output does not have', () => {
    // A real swarm output: header, cases 0 to 3, totals.
    let lines: string[] = [];
    beforeAll(async () => {
      lines = await swarmOutputLines();
    });
    const shardHeader = (): string =>
      JSON.stringify({ ...JSON.parse(lines[0] ?? '{}'), shard: '1/2' });

    it.each([
      {
        // The user report: `has no case 999`, and which cases there are was left to guess.
        case: 'a whole search',
        text: () => lines.join('\n'),
        message: '--case: found.ndjson has no case 999 (its cases are 0..3)',
      },
      {
        case: 'a shard of a search',
        text: () => [shardHeader(), lines[1], lines[3]].join('\n'),
        message: '--case: found.ndjson has no case 999 (shard 1/2: its cases are 0, 2)',
      },
      {
        case: 'a search of one case',
        text: () => [lines[0], lines[1]].join('\n'),
        message: '--case: found.ndjson has no case 999 (its only case is 0)',
      },
      {
        case: 'a search without cases',
        text: () => [lines[0]].join('\n'),
        message: '--case: found.ndjson has no case 999 (it has no cases)',
      },
    ])(
      'exits 2 naming the cases of $case for a --case it does not have',
      async ({ text, message }) => {
        // Arrange
        const io = createFakeIo({
          cwd: fixtures,
          files: { [resolve(fixtures, 'found.ndjson')]: text() },
        });

        // Act
        const code = await runCli(['shrink', 'found.ndjson', '--case', '999'], io);

        // Assert
        expect(io.err()).toBe(`dispatchsim: ${message}\n`);
        expect(code).toBe(2);
        expect(io.out()).toBe('');
      },
    );
  });
});
