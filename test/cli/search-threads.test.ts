// A search starts no more worker threads than it has cases (user report, 2026-12-03):
// `--threads 256 --seeds 1..2` started 256 V8 isolates for two cases and took 40 s.
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { runCase } from '../../src/search/run-case.js';
import { createFakeIo, fixture } from '../helpers/fake-cli-io.js';

const started = vi.hoisted(() => [] as number[]);

// The pool is replaced by cases run in-process: only the number of threads asked is recorded.
vi.mock('../../src/io/threaded-runner.js', () => ({
  createThreadedRunner: (options: { threads: number }) => {
    started.push(options.threads);
    return { threads: options.threads, run: runCase, close: () => Promise.resolve() };
  },
}));

describe('search threads', () => {
  it.each([
    ['1..2', '256', [2]],
    ['1..5', '4', [4]],
    ['3', '8', []],
  ])('sweep --seeds %s --threads %s starts %j threads', async (seeds, threads, expected) => {
    started.length = 0;
    const io = createFakeIo();
    const argv = ['sweep', fixture('healthy-baseline'), '--seeds', seeds, '--threads', threads];

    const code = await runCli(argv, io);

    expect(code).toBe(0);
    expect(started).toEqual(expected);
  });
});
