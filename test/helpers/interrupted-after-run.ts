// Runs the command line with an io that gets SIGINT once a given run of runCase has ended
// (cases first, then shrink runs), so that no test of an interrupted search or shrink depends
// on how long a run takes. The calling test file mocks runCase with a vi.fn wrapping the
// original (vi.mock of src/search/run-case.js), which this module then sees too.
import { vi } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { runCase } from '../../src/search/run-case.js';
import { createFakeIo, type FakeIo } from './fake-cli-io.js';

/**
 * @param run - the run after which the signal comes (1 is the first)
 * @param args - the command line
 * @param files - files the fake io holds, by absolute path
 * @returns the io and the exit code
 */
export async function interruptedAfterRun(
  run: number,
  args: readonly string[],
  files: Readonly<Record<string, string>> = {},
): Promise<{ io: FakeIo; code: number }> {
  const io = createFakeIo({ files });
  const actual = await vi.importActual<{ runCase: typeof runCase }>('../../src/search/run-case.js');
  let runs = 0;
  vi.mocked(runCase).mockImplementation(async (searchCase, options) => {
    const result = await actual.runCase(searchCase, options);
    if (++runs === run) io.interrupt('SIGINT');
    return result;
  });
  try {
    return { io, code: await runCli(args, io) };
  } finally {
    vi.mocked(runCase).mockReset();
  }
}
