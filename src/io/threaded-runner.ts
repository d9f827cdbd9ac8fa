// createThreadedRunner: search cases on a piscina worker-thread pool (issue 13), one case per
// task, as many threads as asked (default: the cores). Cases carry only data (the validated
// scenario and a seed), so a client policy written in code cannot cross to a thread: such
// searches run in-process. Results are handed on in case order by runInOrder, so the output
// does not depend on the number of threads.

import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { CaseRunner } from '../search/run-in-order.js';
import type { CaseResult } from '../search/search-case.js';

/** A runner on worker threads, to close when done. */
export interface ThreadedRunner {
  readonly run: CaseRunner;
  readonly threads: number;
  /** Stops the threads. */
  close(): Promise<void>;
}

/** Options of {@link createThreadedRunner}. */
export interface ThreadedRunnerOptions {
  /** Worker threads. @default the machine's available parallelism */
  readonly threads?: number;
  /**
   * The compiled worker module (case-worker.js). @default the one beside this module; tests
   * running from TypeScript sources point at the built one in dist/
   */
  readonly workerFile?: string | URL;
}

/**
 * @param options - threads and worker module
 * @returns the runner; close it when the search is done
 */
export function createThreadedRunner(options: ThreadedRunnerOptions = {}): ThreadedRunner {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const filename = String(options.workerFile ?? new URL('../io/case-worker.js', import.meta.url));
  const pool = new Piscina({
    filename,
    name: 'runCaseTask',
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Number.POSITIVE_INFINITY,
  });
  return {
    threads,
    // The validated scenario stays on this thread (validation marks it in a WeakSet that
    // does not cross); the worker validates the scenario as written.
    run: ({ scenario: _validated, ...searchCase }) => pool.run(searchCase) as Promise<CaseResult>,
    // Closing early (Ctrl-C) ends the cases still running: their promises reject with
    // "Terminating worker thread", which whoever abandoned them ignores (runInOrder does).
    close: () => pool.destroy(),
  };
}
