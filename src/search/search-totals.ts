// SearchTotals: the sums over the cases of a sweep or swarm: verdicts, outcomes and requests.
// Kept by adding each result as it comes, so a search of any size costs no more memory.

import type { CaseResult } from './search-case.js';

/** Sums over cases. */
export interface SearchTotals {
  readonly cases: number;
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  /**
   * Cases in which no fault fired at all (their `faultsFired` is empty): neither a rule of
   * the scenario's own plan nor one a swarm added matched a session, worker or instant of
   * the run, or won its probability draw. Such a case tested the scenario with no trouble
   * at all: a swarm whose cases are mostly such proves less than its case count says.
   */
  readonly noFaultFired: number;
  readonly sessions: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly requests: {
    readonly total: number;
    readonly succeededFirstTime: number;
    readonly succeededAfterRetry: number;
    readonly gaveUp: number;
  };
}

/** Adds up case results. */
export class TotalsBuilder {
  #cases = 0;
  #passed = 0;
  #failed = 0;
  #errors = 0;
  #noFaultFired = 0;
  #sessions = 0;
  readonly #outcomes = new Map<string, number>();
  readonly #requests = { total: 0, succeededFirstTime: 0, succeededAfterRetry: 0, gaveUp: 0 };

  /** @param result - one more case */
  add(result: CaseResult): void {
    this.#cases++;
    if (result.verdict === 'pass') this.#passed++;
    else if (result.verdict === 'fail') this.#failed++;
    else this.#errors++;
    if (Object.keys(result.faultsFired).length === 0) this.#noFaultFired++;
    this.#sessions += result.sessions;
    for (const [kind, n] of Object.entries(result.outcomes)) {
      this.#outcomes.set(kind, (this.#outcomes.get(kind) ?? 0) + n);
    }
    this.#requests.total += result.requests.total;
    this.#requests.succeededFirstTime += result.requests.succeededFirstTime;
    this.#requests.succeededAfterRetry += result.requests.succeededAfterRetry;
    this.#requests.gaveUp += result.requests.gaveUp;
  }

  /** @returns the sums so far */
  totals(): SearchTotals {
    return {
      cases: this.#cases,
      passed: this.#passed,
      failed: this.#failed,
      errors: this.#errors,
      noFaultFired: this.#noFaultFired,
      sessions: this.#sessions,
      outcomes: Object.fromEntries(this.#outcomes),
      requests: { ...this.#requests },
    };
  }
}
