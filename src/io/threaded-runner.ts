// createThreadedRunner: search cases on a piscina worker-thread pool (issue 13), one case per
// task, as many threads as asked (default: the cores). Cases carry only data (the validated
// scenario and a seed), so a client policy written in code cannot cross to a thread: such
// searches run in-process. Results are handed on in case order by runInOrder, so the output
// does not depend on the number of threads.

import type { EventEmitter } from 'node:events';
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
 * Piscina reports a thread's answer to a task it has already given up as an `'error'` event
 * on the pool ("Unexpected message from Worker"): a close racing a case's end, as on Ctrl-C.
 * An `'error'` event nobody listens to throws, and the interrupted search ended in an internal
 * error instead of exit 130 (seen once in CI on a loaded machine). Once the pool is closing,
 * such an answer is expected and dropped; before that, the error is thrown as it was.
 * @param pool - the pool's event emitter
 * @returns `closing()`, to call before closing the pool
 */
export function dropErrorsOnceClosing(pool: Pick<EventEmitter, 'on'>): { closing(): void } {
  let closing = false;
  pool.on('error', (error: unknown) => {
    if (!closing) throw error;
  });
  return {
    closing: () => {
      closing = true;
    },
  };
}

/**
 * @param options - threads and worker module
 * @returns the runner: pass its `run` as a search's `runner` and its `threads` as its
 *   `concurrency`; close it when the search is done
 * @example
 * const threaded = createThreadedRunner({ threads: 4 });
 * try {
 *   await sweep(inputs, { seeds, runner: threaded.run, concurrency: threaded.threads });
 * } finally {
 *   await threaded.close();
 * }
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
  const errors = dropErrorsOnceClosing(pool);
  return {
    threads,
    // The validated scenario stays on this thread (validation marks it in a WeakSet that
    // does not cross); the worker validates the scenario as written.
    run: ({ scenario: _validated, ...searchCase }) => pool.run(searchCase) as Promise<CaseResult>,
    // Closing early (Ctrl-C) ends the cases still running: their promises reject with
    // "Terminating worker thread", which whoever abandoned them ignores (runInOrder does).
    close: () => {
      errors.closing();
      return pool.destroy();
    },
  };
}
