// ClientPolicy: user code in the loop (issue 7). After each attempt a simulated client sees
// what a WCF client would see (domain §5) and decides, on virtual time, whether and when to
// try again. A retry is a new session in the same run, linked by its client id.

import type { ClientId } from '../core/ids.js';
import type { Millis } from '../core/millis.js';
import type { RandomStream } from '../core/prng.js';
import type { ClientView, SessionOutcome } from '../events/session-outcome.js';

/** What one attempt of a logical request came to, as its client sees it. */
export interface AttemptReport {
  /** The logical request. */
  readonly clientId: ClientId;
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number;
  /** When the client learnt the result (virtual time). */
  readonly atMs: Millis;
  /** True when the client got through (`client.result === 'ok'`). */
  readonly succeeded: boolean;
  /** The framing fault, exception type and message, or success. */
  readonly client: ClientView;
  /** The server side of the attempt, for tests and teaching. */
  readonly outcome: SessionOutcome;
}

/** A policy's answer: give up, or try again (after a delay on virtual time). */
export type RetryDecision =
  | { readonly retry: false }
  | { readonly retry: true; /** @default 0 */ readonly afterMs?: number | undefined };

/** What a policy may use: virtual time and a seeded stream of its own. */
export interface ClientPolicyContext {
  /** @returns the current virtual time */
  readonly now: () => Millis;
  /** Waits on virtual time; resolves when the run loop gets there. */
  readonly sleep: (ms: number) => Promise<void>;
  /** The `clients` stream, for jitter. */
  readonly random: RandomStream;
}

/**
 * Decides after each failed attempt (it is not called after a success). It may be a plain
 * function or an async one that awaits `context.sleep`.
 * @example
 * const retryTwice: ClientPolicy = async (report, { sleep }) => {
 *   if (report.attempt >= 3) return { retry: false };
 *   await sleep(250);
 *   return { retry: true };
 * };
 */
export type ClientPolicy = ((
  report: AttemptReport,
  context: ClientPolicyContext,
) => RetryDecision | Promise<RetryDecision>) & {
  /** Called after each successful attempt, for stateful policies (circuit breakers). */
  onSuccess?: (report: AttemptReport) => void;
};

/**
 * A policy that decides at once, as the built-in ones do: its decision is never a promise.
 * It can be used wherever a {@link ClientPolicy} is expected.
 */
export type SyncClientPolicy = ((
  report: AttemptReport,
  context: ClientPolicyContext,
) => RetryDecision) & {
  /** Called after each successful attempt, for stateful policies (circuit breakers). */
  onSuccess?: (report: AttemptReport) => void;
};
