// The dispatchsim matchers on outcomes (issue 7): sessions by outcome kind, the books
// balancing (every session exactly one outcome), and the simulated clients' per-request figures.

import type { MatcherState } from 'vitest';
import type { RequestSummary } from '../client/client-driver.js';
import { describeReceived } from '../errors/describe-received.js';
import { sessionOutcomeKinds, type SessionOutcomeKind } from '../events/session-outcome.js';
import { isStoppedRunResult } from '../sim/run-result.js';
import {
  asRun,
  describeStopBooks,
  firstLines,
  header,
  quote,
  showArgument,
  times,
  type MatcherResult,
} from './matcher-support.js';
import {
  checkCountOptions,
  describeCount,
  formatOutcome,
  formatRecord,
  formatRequest,
  requestGroups,
  withinCount,
  type Count,
} from './trace-excerpt.js';
import { describeRecorded } from './record-options.js';

/** The per-request figures `toHaveRequests` checks: each exact, or a count bound. */
export type RequestsExpectation = {
  readonly [
    K in 'total' | 'succeededFirstTime' | 'succeededAfterRetry' | 'gaveUp' | 'attempts'
  ]?: Count;
};

/** `toHaveOutcome`: how many sessions ended with an outcome kind. */
export function toHaveOutcome(
  this: MatcherState,
  received: unknown,
  kind: SessionOutcomeKind,
  count?: Count,
): MatcherResult {
  const run = asRun('toHaveOutcome', received);
  if (!(sessionOutcomeKinds as readonly string[]).includes(kind)) {
    throw new TypeError(
      `toHaveOutcome: ${String(kind)} is not an outcome kind (${sessionOutcomeKinds.join(', ')})`,
    );
  }
  const bound = checkCountOptions('toHaveOutcome', count);
  const observed = run.result.outcomes[kind];
  const { utils } = this;
  return {
    pass: withinCount(observed, bound),
    actual: observed,
    message: () => {
      const tallies = Object.entries(run.result.outcomes)
        .filter(([, n]) => n > 0)
        .map(([other, n]) => `${other} ${n}`)
        .join(', ');
      const examples = run.outcomes.filter((o) => o.kind === kind).map(formatOutcome);
      return [
        header(this, 'toHaveOutcome', quote(kind), showArgument(count)),
        '',
        `Expected: ${utils.EXPECTED_COLOR(kind)} ${this.isNot ? 'not ' : ''}${describeCount(bound)}`,
        `Received: ${utils.RECEIVED_COLOR(times(observed))}`,
        '',
        `Outcomes of the run: ${tallies || 'none'}`,
        ...(run.recorded.outcomes
          ? firstLines(`Sessions that ended ${kind}`, examples)
          : ['', `(Outcomes were not recorded: ${describeRecorded(run.recorded)})`]),
      ].join('\n');
    },
  };
}

/** `toBalance`: every session has exactly one outcome. */
export function toBalance(this: MatcherState, received: unknown): MatcherResult {
  const run = asRun('toBalance', received);
  const { result } = run;
  const bySession = new Map<number, SessionOutcomeKind[]>();
  for (const outcome of run.outcomes) {
    const kinds = bySession.get(outcome.sessionId) ?? [];
    kinds.push(outcome.kind);
    bySession.set(outcome.sessionId, kinds);
  }
  const missing: number[] = [];
  for (let session = 1; run.recorded.outcomes && session <= result.sessions; session++) {
    if (!bySession.has(session)) missing.push(session);
  }
  const several = [...bySession].filter(([, kinds]) => kinds.length > 1);
  const tallied = Object.values(result.outcomes).reduce((sum, n) => sum + n, 0);
  // Without the outcomes (record.outcomes: false), the run's own books are what is checked:
  // its ledger gives each session one outcome, and the tallies add up to the sessions.
  const perSession = run.recorded.outcomes;
  const pass =
    result.balanced &&
    tallied === result.sessions &&
    (!perSession ||
      (missing.length === 0 && several.length === 0 && run.outcomes.length === result.sessions));
  const { utils } = this;
  return {
    pass,
    message: () => {
      const lastEvent = (session: number): string => {
        const last = run.trace.findLast((record) => record.annotations.sessionId === session);
        return last === undefined ? '    (no event)' : formatRecord(last).slice(2);
      };
      return [
        header(this, 'toBalance', ''),
        '',
        `Expected: ${utils.EXPECTED_COLOR(`every session ${this.isNot ? 'not ' : ''}to have exactly one outcome`)}`,
        `Received: ${utils.RECEIVED_COLOR(
          perSession
            ? `${result.sessions} sessions, ${run.outcomes.length} outcomes recorded, ${tallied} tallied; ${missing.length} without an outcome, ${several.length} with several`
            : `${result.sessions} sessions, ${tallied} outcomes tallied, the run's books ${result.balanced ? 'balanced' : 'unbalanced'} (outcomes not recorded, ${describeRecorded(run.recorded)}: the tallies checked, not each session)`,
        )}`,
        ...(isStoppedRunResult(result) ? ['', describeStopBooks(result)] : []),
        ...firstLines(
          'Sessions without an outcome, with their last event',
          missing.map((session) => `    session ${session}: ${lastEvent(session).trim()}`),
        ),
        ...firstLines(
          'Sessions with several outcomes',
          several.map(([session, kinds]) => `    session ${session}: ${kinds.join(', ')}`),
        ),
      ].join('\n');
    },
  };
}

const requestKeys = [
  'total',
  'succeededFirstTime',
  'succeededAfterRetry',
  'gaveUp',
  'attempts',
] as const satisfies readonly (keyof RequestSummary)[];

/** `toHaveRequests`: the simulated clients' per-request figures. */
export function toHaveRequests(
  this: MatcherState,
  received: unknown,
  expected: RequestsExpectation,
): MatcherResult {
  const run = asRun('toHaveRequests', received);
  if (typeof expected !== 'object' || expected === null) {
    throw new TypeError('toHaveRequests: give an object such as { gaveUp: 0 }');
  }
  const given: [string, unknown][] = Object.entries(expected);
  const rows = given
    .filter(([, want]) => want !== undefined)
    .map(([key, want]) => {
      if (!(requestKeys as readonly string[]).includes(key)) {
        throw new TypeError(`toHaveRequests: '${key}' is not one of ${requestKeys.join(', ')}`);
      }
      const bound = checkCountOptions('toHaveRequests', want);
      const got = run.result.requests[key as (typeof requestKeys)[number]];
      return { key, bound, got, ok: withinCount(got, bound) };
    });
  if (rows.length === 0) {
    // An empty expectation would pass (and fail under .not) with nothing checked.
    throw new TypeError(
      `toHaveRequests: give at least one figure to check (${requestKeys.join(', ')}), got ${describeReceived(expected)}`,
    );
  }
  const pass = rows.every((row) => row.ok);
  const { utils } = this;
  const actual = Object.fromEntries(rows.map((row) => [row.key, row.got]));
  return {
    pass,
    actual,
    expected,
    message: () => {
      const width = Math.max(...rows.map((row) => row.key.length));
      const groups = requestGroups(run.outcomes);
      const gaveUp = groups.filter((g) => g.at(-1)?.client.result !== 'ok').map(formatRequest);
      const retried = groups
        .filter((g) => g.length > 1 && g.at(-1)?.client.result === 'ok')
        .map(formatRequest);
      return [
        header(this, 'toHaveRequests', JSON.stringify(expected)),
        '',
        ...rows.map(
          (row) =>
            `  ${row.ok ? ' ' : '✗'} ${row.key.padEnd(width)}  expected ${utils.EXPECTED_COLOR(describeCount(row.bound, 'figure'))}, received ${utils.RECEIVED_COLOR(String(row.got))}`,
        ),
        '',
        `All figures: ${requestKeys.map((key) => `${key} ${run.result.requests[key]}`).join(', ')}`,
        ...(run.recorded.outcomes
          ? [
              ...firstLines('Requests that gave up', gaveUp),
              ...firstLines('Requests that succeeded after a retry', retried),
            ]
          : ['', `(Outcomes were not recorded: ${describeRecorded(run.recorded)})`]),
      ].join('\n');
    },
  };
}
