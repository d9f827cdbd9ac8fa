// The worker-thread side of createThreadedRunner: runs one search case per task. It runs the
// same runCase as the in-process runner, so a case's result is the same bytes on any thread.

import { runCase } from '../search/run-case.js';
import type { CaseResult, SearchCase } from '../search/search-case.js';

/**
 * @param searchCase - the case, structured-cloned from the main thread
 * @returns its result
 */
export function runCaseTask(searchCase: SearchCase): Promise<CaseResult> {
  return runCase(searchCase);
}
