// toMeetExpectations (user report): a recorded run keeps the promises of its scenario's own
// `expect:` list, as `dispatchsim run` checks them (exit 1 when one is not met). runScenario
// checks them too but only records the verdicts in `result.expectations`, so a replayed
// scenario whose promise broke passed unless a test looked there. The failure message is the
// CLI summary's expectation table: each expectation, its verdict and the figure seen.

import type { MatcherState } from 'vitest';
import { formatExpectationTable } from '../report/expectation-table.js';
import { isStoppedRunResult } from '../sim/run-result.js';
import { asRun, describeStop, header, type MatcherResult } from './matcher-support.js';

/**
 * `toMeetExpectations`: every expectation of the scenario's `expect:` list was met. A run
 * with none to check (no list, or only `deterministic`, which one run cannot check), or that
 * stopped early (see `stoppedScenarioRun`), proves nothing either way: it fails, negated or not.
 * @param this - vitest's matcher state
 * @param received - what `runScenario` returned
 * @returns the matcher's verdict and message
 */
export function toMeetExpectations(this: MatcherState, received: unknown): MatcherResult {
  const run = asRun('toMeetExpectations', received);
  if (isStoppedRunResult(run.result)) {
    // Like a run with nothing to check: no verdict either way.
    const why = `${describeStop(run.result)}, so the expectations of the scenario ${run.result.scenario}, judged on a whole run, were not checked`;
    return {
      pass: this.isNot,
      message: () => [header(this, 'toMeetExpectations', ''), '', why].join('\n'),
    };
  }
  const { expectations, scenario } = run.result;
  const notMet = expectations.filter((e) => e.met === false).length;
  const notChecked = expectations.filter((e) => e.met === null).length;
  const checked = expectations.length - notChecked;
  const table = formatExpectationTable(expectations);
  if (checked === 0) {
    const why =
      expectations.length === 0
        ? `the scenario ${scenario} has no expect: list, so there is nothing to check: give it one, or assert with the other matchers`
        : `${expectations.length === 1 ? 'the one expectation' : `none of the ${expectations.length} expectations`} of the scenario ${scenario} ${expectations.length === 1 ? 'cannot' : 'can'} be checked in one run: \`deterministic\` needs a second (dispatchsim run --check-determinism)`;
    return {
      pass: this.isNot,
      message: () => [header(this, 'toMeetExpectations', ''), '', why, '', ...table].join('\n'),
    };
  }
  const { utils } = this;
  const skipped = notChecked > 0 ? `, ${notChecked} not checked` : '';
  return {
    pass: notMet === 0,
    message: () =>
      [
        header(this, 'toMeetExpectations', ''),
        '',
        `Expected: ${utils.EXPECTED_COLOR(
          this.isNot
            ? `some expectation of the scenario ${scenario} not met`
            : `every expectation of the scenario ${scenario} met`,
        )}`,
        `Received: ${utils.RECEIVED_COLOR(
          notMet === 0
            ? `${checked} of ${expectations.length} met${skipped}`
            : `${notMet} of ${expectations.length} not met${skipped}`,
        )}`,
        '',
        ...table,
      ].join('\n'),
  };
}
