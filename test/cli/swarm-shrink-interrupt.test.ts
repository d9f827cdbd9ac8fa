// `dispatchsim swarm` stopped while it shrinks keeps the shrunk scenarios already finished
// (user report, 2026-12-04: Ctrl-C after 3 of 6 shrinks kept the cases and dropped all 6, and
// the line gave no shrink command for table output or stdout), and the smallest failing
// scenario so far of the shrink in progress, as `shrink` does (user report, later: that
// shrink was dropped, the work done on it lost). Runs are counted through a wrapped runCase,
// which sends the signal after a given run, so no test depends on how long a run takes.
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../../src/cli/run-cli.js';
import { createFakeIo, fixture, repoRoot, type FakeIo } from '../helpers/fake-cli-io.js';
import { interruptedAfterRun } from '../helpers/interrupted-after-run.js';

vi.mock(import('../../src/search/run-case.js'), async (importOriginal) => {
  const original = await importOriginal();
  return { ...original, runCase: vi.fn(original.runCase) };
});

const at = (name: string): string => resolve(repoRoot, name);

// 30 cases with several distinct failures; 5 runs at most per shrink.
const swarmArgs = [
  'swarm',
  fixture('weak-retry'),
  ...['--runs', '30', '--seed', '3', '--threads', '1', '--shrink-budget', '5'],
];

const yamlWritten = (io: FakeIo): string[] =>
  [...io.written.keys()].filter((path) => path.endsWith('.yaml')).sort();

describe('dispatchsim swarm interrupted while shrinking', () => {
  it('keeps the shrunk scenarios finished, writes the table as --no-shrink would, and says how to shrink the rest', async () => {
    // Arrange: the same swarm without shrinking is what stdout must start with.
    const unshrunkIo = createFakeIo();
    await runCli([...swarmArgs, '--no-shrink'], unshrunkIo);

    // Act: the signal comes in the second shrink (the first takes at most 5 runs), after its
    // first run, before it has found a smaller failing scenario: nothing is kept of it.
    const { io, code } = await interruptedAfterRun(30 + 5 + 1, [
      ...swarmArgs,
      '--out-dir',
      'found',
    ]);

    // Assert
    expect(code).toBe(130);
    const line =
      /\ndispatchsim: interrupted while shrinking: kept (\d+) of up to \d+ shrunk scenarios in found\/; wrote the 30 cases to standard output; to shrink one later, run the swarm again with --no-shrink --out swarm\.ndjson, then: dispatchsim shrink swarm\.ndjson --case (\d+)\n$/.exec(
        io.err(),
      );
    expect(line).not.toBeNull();
    const kept = Number(line?.[1]);
    expect(kept).toBeGreaterThanOrEqual(1);
    const files = yamlWritten(io);
    expect(files).toHaveLength(kept);
    expect(files[0]).toBe(at('found/weak-retry-1.yaml'));
    for (const file of files)
      expect(io.written.get(file)).toMatch(/^# Shrunk by dispatchsim swarm/);
    // The case to shrink later is one not shrunk yet.
    const keptCases = [...io.out().matchAll(/^shrunk: .* \(case (\d+)[;)]/gm)].map((m) => m[1]);
    expect(keptCases).toHaveLength(kept);
    expect(keptCases).not.toContain(line?.[2]);
    expect(io.out().startsWith(unshrunkIo.out())).toBe(true);
    expect(io.out()).not.toMatch(/^shrunk so far/m);
    expect(io.open.size).toBe(0);
  });

  it('writes the smallest failing scenario so far of the shrink in progress, whole, and counts it apart', async () => {
    // Act: the signal comes once the second shrink has kept a step (the first takes at most 5
    // runs; user report: the shrink in progress was dropped, the work done on it lost).
    const { io, code } = await interruptedAfterRun(30 + 5 + 2, [
      ...swarmArgs,
      ...['--format', 'ndjson', '--out', 'found.ndjson', '--out-dir', 'found'],
    ]);

    // Assert
    expect(code).toBe(130);
    const line =
      /\ndispatchsim: interrupted while shrinking: kept 2 of up to \d+ shrunk scenarios in found\/ \(1 of them smallest so far, not fully shrunk\); wrote the 30 cases to found\.ndjson; shrink one later: dispatchsim shrink found\.ndjson --case (\d+)\n$/.exec(
        io.err(),
      );
    expect(line).not.toBeNull();
    expect(yamlWritten(io)).toEqual([at('found/weak-retry-1.yaml'), at('found/weak-retry-2.yaml')]);
    expect(io.open.size).toBe(0);
    // The one in progress is said apart, and is the case the line says to shrink later.
    const soFar =
      /^shrunk so far: requests gaveUp <= 0 \(case (\d+), not fully shrunk\) to \d+ rule\(s\) and \d+ session\(s\): found\/weak-retry-2\.yaml$/m.exec(
        io.out(),
      );
    expect(soFar?.[1]).toBe(line?.[1]);
    const text = io.written.get(at('found/weak-retry-2.yaml')) ?? '';
    expect(text).toMatch(
      new RegExp(`^# Shrunk by dispatchsim swarm from .*weak-retry\\.yaml, case ${soFar?.[1]}:\n`),
    );
    expect(text).toMatch(
      /^# .*; 1 shrink step kept in \d+ runs; interrupted: the smallest failing scenario so far, not fully shrunk\.$/m,
    );
    expect(text).toMatch(/^# Replay: dispatchsim run found\/weak-retry-2\.yaml$/m);

    // Smaller than its case, and whole: it fails the same way with its seed.
    const cases = (io.written.get(at('found.ndjson')) ?? '')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; index?: number; plan?: unknown[] });
    const { plan = [] } =
      cases.find((c) => c.type === 'case' && c.index === Number(soFar?.[1])) ?? {};
    const scenario = parse(text) as { faults?: unknown[]; workload?: { sessions?: number } };
    const smaller =
      (scenario.faults?.length ?? 0) < plan.length || (scenario.workload?.sessions ?? 100) < 100;
    expect(smaller).toBe(true);
    const replayIo = createFakeIo({ files: { [at('found/weak-retry-2.yaml')]: text } });
    expect(await runCli(['run', 'found/weak-retry-2.yaml', '--format', 'json'], replayIo)).toBe(1);
    expect(replayIo.err()).toMatch(/expectation not met: requests gaveUp <= 0/);
  });

  it('says so when the one scenario it kept is the smallest so far of the first shrink', async () => {
    // Act: the signal comes once the first shrink has kept a step.
    const { io, code } = await interruptedAfterRun(30 + 2, [...swarmArgs, '--out-dir', 'found']);

    // Assert
    expect(code).toBe(130);
    const line =
      /\ndispatchsim: interrupted while shrinking: kept 1 of up to \d+ shrunk scenarios in found\/ \(smallest so far, not fully shrunk\); wrote the 30 cases to standard output; .* --case (\d+)\n$/.exec(
        io.err(),
      );
    expect(io.out()).toMatch(
      new RegExp(
        `^shrunk so far: requests gaveUp <= 0 \\(case ${line?.[1]}, not fully shrunk\\)`,
        'm',
      ),
    );
    expect(yamlWritten(io)).toEqual([at('found/weak-retry-1.yaml')]);
  });

  it.for([
    { how: '--format ndjson', format: ['--format', 'ndjson'] },
    { how: 'its .ndjson name', format: [] },
  ])(
    'points the shrink command at its NDJSON file when it wrote one ($how)',
    async ({ format }) => {
      // Act
      const { io, code } = await interruptedAfterRun(30 + 5 + 1, [
        ...swarmArgs,
        ...[...format, '--out', 'found.ndjson', '--out-dir', 'found'],
      ]);

      // Assert
      expect(code).toBe(130);
      expect(io.err()).toMatch(
        /\ndispatchsim: interrupted while shrinking: kept \d+ of up to \d+ shrunk scenarios in found\/; wrote the 30 cases to found\.ndjson; shrink one later: dispatchsim shrink found\.ndjson --case \d+\n$/,
      );
      // Only the cases go to the NDJSON file, as a complete swarm writes them.
      const lines = (io.written.get(at('found.ndjson')) ?? '').trim().split('\n');
      expect(lines).toHaveLength(32);
      expect(yamlWritten(io).length).toBeGreaterThanOrEqual(1);
    },
  );

  // The rerun asks for --format ndjson only when the table was asked for by name: a .ndjson
  // name alone is NDJSON (user report: the hint said --format ndjson after --out cases.ndjson).
  it.for([
    { given: [], rerun: '--no-shrink --out swarm.ndjson' },
    { given: ['--out', 'cases.txt'], rerun: '--no-shrink --out swarm.ndjson' },
    { given: ['--format', 'table'], rerun: '--no-shrink --format ndjson --out swarm.ndjson' },
    {
      given: ['--format', 'table', '--out', 'cases.ndjson'],
      rerun: '--no-shrink --format ndjson --out swarm.ndjson',
    },
  ])('says to run it again with $rerun after $given', async ({ given, rerun }) => {
    // Act
    const { io, code } = await interruptedAfterRun(30 + 5 + 1, [
      ...swarmArgs,
      ...given,
      '--out-dir',
      'found',
    ]);

    // Assert
    expect(code).toBe(130);
    expect(io.err()).toMatch(
      new RegExp(
        `; to shrink one later, run the swarm again with ${rerun.replaceAll('.', '\\.')}, then: dispatchsim shrink swarm\\.ndjson --case \\d+\n$`,
      ),
    );
  });
});
