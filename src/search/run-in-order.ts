// runInOrder: cases run with up to `concurrency` in flight (on threads, or interleaved on
// this one), their results handed on strictly in case order, so the output's bytes depend
// neither on the number of threads nor on which case finished first. At most a few times
// `concurrency` results wait for an earlier one, so memory stays bounded however many cases.

import type { CaseResult, SearchCase } from './search-case.js';

/** Runs one case: in this process, or on a worker thread. */
export type CaseRunner = (searchCase: SearchCase) => Promise<CaseResult>;

/** Options of {@link runInOrder}. */
export interface RunInOrderOptions {
  /** Cases in flight at once. @default 1 */
  readonly concurrency?: number;
  /** Receives each result, in case order. */
  readonly onResult: (result: CaseResult) => void | Promise<void>;
}

/**
 * @param cases - the cases, in index order (indices may skip, e.g. one shard's)
 * @param runner - runs one case
 * @param options - concurrency and the ordered consumer
 * @returns once every result was handed on
 */
export async function runInOrder(
  cases: Iterable<SearchCase>,
  runner: CaseRunner,
  options: RunInOrderOptions,
): Promise<void> {
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const iterator = cases[Symbol.iterator]();
  const pending: Promise<CaseResult>[] = [];
  let exhausted = false;
  const fill = (): void => {
    while (!exhausted && pending.length < concurrency * 2) {
      const next = iterator.next();
      if (next.done === true) {
        exhausted = true;
        return;
      }
      const running = runner(next.value);
      // Awaited in case order below, or abandoned; a later case may fail first (Ctrl-C
      // stops every case still to start), and nothing else would handle its rejection
      // before then: Node would report it as unhandled.
      running.catch(() => undefined);
      pending.push(running);
    }
  };
  fill();
  // The oldest case is awaited first: later ones run meanwhile, and are handed on after it.
  // Stopped early (the consumer or a runner threw, e.g. on Ctrl-C), the cases still in
  // flight are abandoned: their ends (a closed thread pool rejects them) are nobody's.
  while (pending.length > 0) {
    const result = await (pending.shift() as Promise<CaseResult>);
    fill();
    await options.onResult(result);
  }
}
