// `dispatchsim swarm` stopped while it shrinks keeps the shrunk scenarios already finished
// (user report, 2026-12-04: Ctrl-C after 3 of 6 shrinks kept the cases and dropped all 6, and
// the line gave no shrink command for table output or stdout). Runs are counted through a
// wrapped runCase, which sends the signal after a given run, so no test depends on how long
// a run takes.
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
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

    // Act: the signal comes in the second shrink (the first takes at most 5 runs).
    const { io, code } = await interruptedAfterRun(30 + 5 + 1, [
      ...swarmArgs,
      '--out-dir',
      'found',
    ]);

    // Assert
    expect(code).toBe(130);
    const line =
      /\ndispatchsim: interrupted while shrinking: kept (\d+) of up to \d+ shrunk scenarios in found\/; wrote the 30 cases to standard output; to shrink one later, run the swarm again with --no-shrink --format ndjson --out swarm\.ndjson, then: dispatchsim shrink swarm\.ndjson --case (\d+)\n$/.exec(
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
    const keptCases = [...io.out().matchAll(/^shrunk: .* \(case (\d+)\)/gm)].map((m) => m[1]);
    expect(keptCases).toHaveLength(kept);
    expect(keptCases).not.toContain(line?.[2]);
    expect(io.out().startsWith(unshrunkIo.out())).toBe(true);
    expect(io.open.size).toBe(0);
  });

  it('points the shrink command at its NDJSON file when it wrote one', async () => {
    // Act
    const { io, code } = await interruptedAfterRun(30 + 5 + 1, [
      ...swarmArgs,
      ...['--format', 'ndjson', '--out', 'found.ndjson', '--out-dir', 'found'],
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
  });
});
