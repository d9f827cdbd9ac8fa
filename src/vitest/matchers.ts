// The dispatchsim matchers for vitest 4 (issue 7): assertions on a recorded ScenarioRun whose
// failure messages quote the relevant part of the trace (the closest session's activity
// events, the first matching events, the attempts of requests that gave up). They are typed
// by augmenting vitest's `Matchers` interface and registered by `installMatchers()`.

import { expect } from 'vitest';
import type { EventLogId, EventLogName } from '../events/event-log-entry.js';
import type { SessionOutcomeKind } from '../events/session-outcome.js';
import {
  toHaveEmitted,
  toHaveEmittedInOrder,
  toHaveEmittedSubsequence,
  toHaveLogged,
  type EventRef,
  type InOrderOptions,
} from './event-matchers.js';
import {
  toBalance,
  toHaveOutcome,
  toHaveRequests,
  type RequestsExpectation,
} from './outcome-matchers.js';
import { toMeetExpectations } from './expectation-matchers.js';
import { toPassSwarm } from './swarm-matchers.js';
import type { Count } from './trace-excerpt.js';

export type { EventRef, InOrderOptions } from './event-matchers.js';
export type { RequestsExpectation } from './outcome-matchers.js';

declare module 'vitest' {
  // The type parameter must match vitest's own declaration for the interfaces to merge.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars
  interface Matchers<T = any> {
    /**
     * Asserts how often an ETW event was emitted; without a count, at least once.
     * @param nameOrId - the event's id or symbolic name
     * @param count - a number (exactly), or `{ equals }`, `{ min }`, `{ max }` or a mix, as a
     *   scenario's `count`
     */
    toHaveEmitted: (nameOrId: EventRef, count?: Count) => void;
    /**
     * Asserts how often a Windows Event Log entry was written (domain §2.4); without a
     * count, at least once.
     * @param nameOrId - the entry's id (e.g. 8) or name
     * @param count - a number (exactly), or `{ equals }`, `{ min }`, `{ max }` or a mix, as a
     *   scenario's `count`
     */
    toHaveLogged: (nameOrId: EventLogId | EventLogName, count?: Count) => void;
    /**
     * Asserts that one session's activity events show these events one right after the
     * other, with no other activity event between them (a contiguous run), like a
     * scenario's `sequence` expectation: `[4001, 4031]` fails for a session that shows
     * 4001, 4008, 4016, 4031. Use `toHaveEmittedSubsequence` to allow gaps.
     * @param ids - event ids or names, in order
     * @param options - `activity` restricts the check to one ActivityId
     * @example
     * expect(run).toHaveEmittedInOrder([4001, 4008, 4016, 4031]);
     */
    toHaveEmittedInOrder: (ids: readonly EventRef[], options?: InOrderOptions) => void;
    /**
     * Asserts that one session's activity events show these events in this order, other
     * events allowed between them, like a scenario's `subsequence` expectation.
     * @param ids - event ids or names, in order
     * @param options - `activity` restricts the check to one ActivityId
     * @example
     * expect(run).toHaveEmittedSubsequence([4001, 4031]);
     */
    toHaveEmittedSubsequence: (ids: readonly EventRef[], options?: InOrderOptions) => void;
    /**
     * Asserts how many sessions ended with an outcome; without a count, at least one.
     * @param kind - the outcome kind, e.g. `'dispatch-failed'`
     * @param count - a number (exactly), or `{ equals }`, `{ min }`, `{ max }` or a mix, as a
     *   scenario's `count`
     */
    toHaveOutcome: (kind: SessionOutcomeKind, count?: Count) => void;
    /** Asserts that the books balance: every session has exactly one outcome. */
    toBalance: () => void;
    /**
     * Asserts the simulated clients' per-request results; each figure is a number (exact)
     * or a count bound.
     * @param expected - the figures to check; the others are ignored
     */
    toHaveRequests: (expected: RequestsExpectation) => void;
    /**
     * Asserts that the run kept every promise of its scenario's own `expect:` list, as
     * `dispatchsim run` checks them (exit 1 when one is not met); the failure message lists
     * each expectation with the figure seen. A run with none to check (no list, or only
     * `deterministic`, which one run cannot check) fails it, and its negation too.
     * @example
     * const run = await runScenario('shrunk.yaml', { clientPolicy: myPolicy });
     * expect(run).toMeetExpectations();
     */
    toMeetExpectations: () => void;
    /**
     * Asserts that every case of a swarm (`swarmScenario`) kept the scenario's expectations;
     * the failure message gives each failure's shrunk scenario, ready to save and replay. A
     * swarm that ran no case (e.g. a shard that holds none) fails it, and its negation too.
     */
    toPassSwarm: () => void;
  }
}

/** The dispatchsim matchers, as `expect.extend` takes them. */
export const dispatchsimMatchers = {
  toHaveEmitted,
  toHaveLogged,
  toHaveEmittedInOrder,
  toHaveEmittedSubsequence,
  toHaveOutcome,
  toBalance,
  toHaveRequests,
  toMeetExpectations,
  toPassSwarm,
};

/**
 * Registers the dispatchsim matchers with vitest's `expect`. Call it once, in a setup file
 * or at the top of a test file; calling it again is harmless.
 * @example
 * import { installMatchers, runScenario } from 'dispatchsim/vitest';
 * installMatchers();
 * expect(await runScenario('dup-handle-failure')).toHaveEmitted(4031);
 */
export function installMatchers(): void {
  expect.extend(dispatchsimMatchers);
}
