// Checking a scenario's expectations against a run (issue 5): each is reported as met or
// not, with the figure seen.

import { assertNever } from '../core/assert-never.js';
import { findEvent } from '../events/event-catalog.js';
import { eventLogCatalog } from '../events/event-log-entry.js';
import type { CountBound, Expectation } from '../scenario/expectation-schema.js';
import { appEventKey, type AppEventCounts } from './app-event-tally.js';
import type { RunResult } from './run-result.js';
import type { SequenceExample, SequenceTally } from './sequence-tracker.js';

/** One expectation and what the run showed. */
export interface ExpectationResult {
  readonly expectation: Expectation;
  /** The expectation in words, e.g. `event 4031 DispatchSessionFailed count >= 1`. */
  readonly description: string;
  /** Met, not met, or null when it was not checked in this run (e.g. `deterministic`). */
  readonly met: boolean | null;
  /** The figure seen, in words. */
  readonly observed: string;
}

/**
 * @param bound - a count bound
 * @returns it in words, e.g. `>= 1`, `= 3`, `between 2 and 5`
 */
export function describeBound(bound: CountBound): string {
  if (typeof bound === 'number') return `= ${bound}`;
  const parts: string[] = [];
  if (bound.equals !== undefined) parts.push(`= ${bound.equals}`);
  if (bound.min !== undefined && bound.max !== undefined)
    parts.push(`between ${bound.min} and ${bound.max}`);
  else if (bound.min !== undefined) parts.push(`>= ${bound.min}`);
  else if (bound.max !== undefined) parts.push(`<= ${bound.max}`);
  return parts.join(' and ');
}

/**
 * @param bound - a count bound
 * @param value - a count
 * @returns whether the count is within the bound
 */
export function withinBound(bound: CountBound, value: number): boolean {
  if (typeof bound === 'number') return value === bound;
  return (
    (bound.equals === undefined || value === bound.equals) &&
    (bound.min === undefined || value >= bound.min) &&
    (bound.max === undefined || value <= bound.max)
  );
}

function eventId(ref: number | string): number {
  return findEvent(ref)?.id ?? -1;
}

function eventLabel(ref: number | string): string {
  const entry = findEvent(ref);
  return entry === undefined ? String(ref) : `${entry.id} ${entry.name}`;
}

function quote(example: SequenceExample): string {
  return `session ${example.sessionId} [${example.events.join(', ')}]`;
}

// The example quoted is labelled: one that matches when the expectation is met (or, for
// `any`, when some session matches), else the closest one that does not (issue 11 item 10).
function checkSequence(
  ids: readonly number[],
  contiguous: boolean,
  sessions: 'any' | 'all',
  tally: SequenceTally | undefined,
): { met: boolean | null; observed: string } {
  if (tally === undefined) return { met: null, observed: 'not recorded' };
  const { matching, candidates, firstMatch, closestMiss, closestMatched } = tally;
  const met = sessions === 'any' ? matching > 0 : candidates > 0 && matching === candidates;
  const how = contiguous ? 'in a row' : 'in order';
  let observed = `${matching} of ${candidates} sessions with ${ids[0]} show it ${how}`;
  // For `any`, met (matching > 0) holds exactly when firstMatch is set: naming `any` only
  // makes the rule plain, and its mutants survive as equivalent.
  if (firstMatch !== undefined && (sessions === 'any' || met)) {
    observed += `; e.g. ${quote(firstMatch)}`;
  } else if (closestMiss !== undefined) {
    observed += `; closest miss: ${quote(closestMiss)}, ${closestMatched} of ${ids.length} ${how}`;
  }
  return { met, observed };
}

/**
 * Checks expectations against a run's result.
 * @param expectations - the scenario's expectations
 * @param result - the run's result (without expectations)
 * @param sequences - the tally of each `sequence` or `subsequence` expectation, in the
 *   order they appear among the expectations, when tracked
 * @param deterministic - whether a second run gave the same trace, when checked
 * @param appEvents - the counts of the events `event` expectations with an `app` name, per
 *   app, when tracked
 * @returns one result per expectation
 */
export function checkExpectations(
  expectations: readonly Expectation[],
  result: Omit<RunResult, 'expectations'>,
  sequences: readonly SequenceTally[] | undefined,
  deterministic: boolean | undefined,
  appEvents?: AppEventCounts,
): ExpectationResult[] {
  let sequenceIndex = 0;
  return expectations.map((expectation): ExpectationResult => {
    if ('event' in expectation) {
      const id = eventId(expectation.event);
      const app = expectation.app;
      if (app !== undefined) {
        const value = appEvents?.get(appEventKey(id, app)) ?? 0;
        return {
          expectation,
          description: `event ${eventLabel(expectation.event)} for app ${app} count ${describeBound(expectation.count)}`,
          met: appEvents === undefined ? null : withinBound(expectation.count, value),
          observed: appEvents === undefined ? 'not recorded' : `${value}`,
        };
      }
      const value = result.eventCounts[String(id)] ?? 0;
      return {
        expectation,
        description: `event ${eventLabel(expectation.event)} count ${describeBound(expectation.count)}`,
        met: withinBound(expectation.count, value),
        observed: `${value}`,
      };
    }
    if ('eventLog' in expectation) {
      const ref = expectation.eventLog;
      const entry = eventLogCatalog.find(
        (e) => e.id === ref || e.name.toLowerCase() === String(ref).toLowerCase(),
      );
      const value = entry === undefined ? 0 : (result.eventLogCounts[String(entry.id)] ?? 0);
      return {
        expectation,
        description: `Event Log ${entry === undefined ? String(ref) : `${entry.id} ${entry.name}`} count ${describeBound(expectation.count)}`,
        met: withinBound(expectation.count, value),
        observed: `${value}`,
      };
    }
    if ('outcome' in expectation) {
      const app = expectation.app;
      const value =
        app === undefined
          ? result.outcomes[expectation.outcome]
          : (result.outcomesByApp[app]?.[expectation.outcome] ?? 0);
      return {
        expectation,
        description: `outcome ${expectation.outcome}${app === undefined ? '' : ` for app ${app}`} count ${describeBound(expectation.count)}`,
        met: withinBound(expectation.count, value),
        observed: `${value}`,
      };
    }
    if ('counter' in expectation) {
      const value = result.counters[expectation.counter];
      return {
        expectation,
        description: `counter ${expectation.counter} ${describeBound(expectation.count)}`,
        met: withinBound(expectation.count, value),
        observed: `${value}`,
      };
    }
    if ('requests' in expectation) {
      const value = result.requests[expectation.requests];
      return {
        expectation,
        description: `requests ${expectation.requests} ${describeBound(expectation.count)}`,
        met: withinBound(expectation.count, value),
        observed: `${value}`,
      };
    }
    if ('sequence' in expectation || 'subsequence' in expectation) {
      const contiguous = 'sequence' in expectation;
      const ids = ('sequence' in expectation ? expectation.sequence : expectation.subsequence).map(
        eventId,
      );
      const tally = sequences?.[sequenceIndex++];
      const { met, observed } = checkSequence(ids, contiguous, expectation.sessions, tally);
      return {
        expectation,
        description: `${expectation.sessions === 'all' ? 'every' : 'some'} session shows [${ids.join(', ')}] ${contiguous ? 'in a row' : 'in order'}`,
        met,
        observed,
      };
    }
    switch (expectation.invariant) {
      case 'balanced':
        return {
          expectation,
          description: 'the books balance',
          met: result.balanced,
          observed: `${result.sessions} sessions, ${Object.values(result.outcomes).reduce((a, b) => a + b, 0)} outcomes`,
        };
      case 'deterministic':
        return {
          expectation,
          description: 'the same seed gives the same trace',
          met: deterministic ?? null,
          observed:
            deterministic === undefined
              ? 'not checked (run twice to check)'
              : deterministic
                ? 'identical traces'
                : 'traces differ',
        };
      default:
        return assertNever(expectation.invariant);
    }
  });
}
