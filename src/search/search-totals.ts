// SearchTotals: the sums over the cases of a sweep or swarm: verdicts, outcomes and requests.
// Kept by adding each result as it comes, so a search of any size costs no more memory.

import type { CaseResult } from './search-case.js';

/** Sums over cases. */
export interface SearchTotals {
  readonly cases: number;
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  readonly sessions: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly requests: {
    readonly total: number;
    readonly firstTime: number;
    readonly afterRetry: number;
    readonly gaveUp: number;
  };
}

/** Adds up case results. */
export class TotalsBuilder {
  #cases = 0;
  #passed = 0;
  #failed = 0;
  #errors = 0;
  #sessions = 0;
  readonly #outcomes = new Map<string, number>();
  readonly #requests = { total: 0, firstTime: 0, afterRetry: 0, gaveUp: 0 };

  /** @param result - one more case */
  add(result: CaseResult): void {
    this.#cases++;
    if (result.verdict === 'pass') this.#passed++;
    else if (result.verdict === 'fail') this.#failed++;
    else this.#errors++;
    this.#sessions += result.sessions;
    for (const [kind, n] of Object.entries(result.outcomes)) {
      this.#outcomes.set(kind, (this.#outcomes.get(kind) ?? 0) + n);
    }
    this.#requests.total += result.requests.total;
    this.#requests.firstTime += result.requests.firstTime;
    this.#requests.afterRetry += result.requests.afterRetry;
    this.#requests.gaveUp += result.requests.gaveUp;
  }

  /** @returns the sums so far */
  totals(): SearchTotals {
    return {
      cases: this.#cases,
      passed: this.#passed,
      failed: this.#failed,
      errors: this.#errors,
      sessions: this.#sessions,
      outcomes: Object.fromEntries(this.#outcomes),
      requests: { ...this.#requests },
    };
  }
}
