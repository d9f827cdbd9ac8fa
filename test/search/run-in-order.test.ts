// runInOrder: results handed on in case order whatever order the cases end in, and a case
// that fails while an earlier one is still running is no unhandled rejection (user report,
// 2026-12-03: Ctrl-C on a two-thread sweep sometimes ended in "internal error: interrupted
// by SIGINT", exit 70, through the executable's unhandledRejection safety net).
import { afterEach, describe, expect, it } from 'vitest';
import { runInOrder, type CaseRunner } from '../../src/search/run-in-order.js';
import type { CaseResult, SearchCase } from '../../src/search/search-case.js';

// The cases are opaque to runInOrder: only the index is read here.
const cases = (count: number): SearchCase[] =>
  Array.from(
    { length: count },
    (_, index) => ({ index, file: 'x.yaml', seed: index }) as unknown as SearchCase,
  );

// The runner's results are opaque to runInOrder: only the index is read here.
const resultOf = (searchCase: SearchCase): CaseResult =>
  ({ index: searchCase.index }) as unknown as CaseResult;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  unhandled.length = 0;
});

describe('runInOrder', () => {
  it('hands results on in case order when later cases end first', async () => {
    const seen: number[] = [];
    const runner: CaseRunner = async (searchCase) => {
      // Case 0 ends last.
      for (let turn = 0; turn < 5 - searchCase.index; turn++) await Promise.resolve();
      return resultOf(searchCase);
    };
    await runInOrder(cases(5), runner, {
      concurrency: 2,
      onResult: (result) => {
        seen.push(result.index);
      },
    });
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('leaves no unhandled rejection when a later case fails before an earlier one ends', async () => {
    process.on('unhandledRejection', onUnhandled);
    let releaseFirst: () => void = () => undefined;
    const runner: CaseRunner = (searchCase) => {
      if (searchCase.index === 0) {
        return new Promise((resolve) => {
          releaseFirst = () => resolve(resultOf(searchCase));
        });
      }
      return Promise.reject(new Error(`case ${searchCase.index} stopped`));
    };
    const running = runInOrder(cases(4), runner, { concurrency: 2, onResult: () => undefined });
    // Let the later cases' rejections reach Node's unhandled-rejection check.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    releaseFirst();

    await expect(running).rejects.toThrow('case 1 stopped');
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  });
});
