// runCase: a search case, run in this process, judged the way `dispatchsim run` judges a run:
// it fails when an expectation is not met or the books do not balance, and is an error when
// the run throws (a stall, a passed horizon, a livelock, a bug); a run that stopped early
// still gives its figures up to the stop, as `run` reports them. Never rejects.

import { isDispatchsimError } from '../errors/dispatchsim-error.js';
import { RunInterruptedError } from '../errors/run-interrupted-error.js';
import type { RunOptions } from '../sim/run-options.js';
import type { ClientPolicy } from '../client/client-policy.js';
import { resultOfStoppedRun } from '../sim/result-of-stopped-run.js';
import { createSimulation, resolveScenario } from '../sim/simulation.js';
import type { RunResult } from '../sim/run-result.js';
import type { CaseRunner } from './run-in-order.js';
import type { CaseResult, SearchCase } from './search-case.js';

/** Options of {@link runCase}. */
export interface RunCaseOptions {
  /** A client policy in code, instead of the scenario's retry policy (in-process only). */
  readonly clientPolicy?: ClientPolicy | undefined;
  /**
   * Makes the client policy of this run: a policy that keeps state must not carry it from one
   * case to the next (user report: a shard's cases gave other results than the same cases of
   * the whole swarm). Wins over `clientPolicy`; the options' checks refuse both.
   */
  readonly createClientPolicy?: (() => ClientPolicy) | undefined;
  /**
   * Called after every step of the case's run, as `RunOptions.onStep`: a promise it returns
   * is awaited, and one that rejects with a RunInterruptedError stops the case and rejects
   * `runCase` with it (a Ctrl-C, not a result of the case).
   */
  readonly onRunStep?: RunOptions['onStep'];
}

/**
 * @param result - a run's result
 * @returns the failure that names it: the books first, then the first expectation not met
 */
function failureOf(result: RunResult): string | null {
  if (!result.balanced) return 'the books do not balance';
  const unmet = result.expectations.find((e) => e.met === false);
  return unmet === undefined ? null : unmet.description;
}

/**
 * Runs one case.
 * @param searchCase - the scenario, seed and index
 * @param options - a client policy in code, if any
 * @returns the case's result; an error of the run is a result too
 */
export async function runCase(
  searchCase: SearchCase,
  options: RunCaseOptions = {},
): Promise<CaseResult> {
  const base = {
    index: searchCase.index,
    file: searchCase.file,
    scenario: searchCase.scenario?.name ?? searchCase.input.name,
    seed: searchCase.seed,
  };
  try {
    const scenario = searchCase.scenario ?? resolveScenario(searchCase.input, searchCase.file);
    const clientPolicy = options.createClientPolicy?.() ?? options.clientPolicy;
    const sim = createSimulation(scenario, {
      seed: searchCase.seed,
      recordOutcomes: false,
      ...(clientPolicy === undefined ? {} : { clientPolicy }),
      ...(options.onRunStep === undefined ? {} : { onStep: options.onRunStep }),
    });
    const result = await sim.run();
    const failure = failureOf(result);
    const r = result.requests;
    return {
      ...base,
      verdict: failure === null ? 'pass' : 'fail',
      failure,
      error: null,
      sessions: result.sessions,
      outcomes: result.outcomes,
      requests: {
        total: r.total,
        succeededFirstTime: r.succeededFirstTime,
        succeededAfterRetry: r.succeededAfterRetry,
        gaveUp: r.gaveUp,
      },
      expectations: result.expectations.map((e) => ({
        description: e.description,
        met: e.met,
        observed: e.observed,
      })),
      faultsFired: result.faultsFired,
      plan: searchCase.plan ?? null,
    };
  } catch (error: unknown) {
    if (error instanceof RunInterruptedError) throw error;
    const code = isDispatchsimError(error) ? error.code : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    const stopped = resultOfStoppedRun(error);
    const r = stopped?.requests;
    return {
      ...base,
      verdict: 'error',
      failure: `error: ${code}`,
      error: message.split('\n')[0] ?? '',
      sessions: stopped?.sessions ?? 0,
      outcomes: stopped?.outcomes ?? {},
      requests: {
        total: r?.total ?? 0,
        succeededFirstTime: r?.succeededFirstTime ?? 0,
        succeededAfterRetry: r?.succeededAfterRetry ?? 0,
        gaveUp: r?.gaveUp ?? 0,
      },
      expectations: [],
      faultsFired: stopped?.faultsFired ?? {},
      plan: searchCase.plan ?? null,
    };
  }
}

/**
 * @param options - the search's client policy in code, if any
 * @returns a runner of cases in this process, each with its client policy
 */
export function inProcessRunner(options: RunCaseOptions): CaseRunner {
  const { clientPolicy, createClientPolicy, onRunStep } = options;
  return (searchCase) => runCase(searchCase, { clientPolicy, createClientPolicy, onRunStep });
}
