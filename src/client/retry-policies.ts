// Built-in client policies (issue 7): none, fixed delay, exponential back-off with full
// jitter from the seeded `clients` stream, and a small circuit breaker. Each retries only on
// the results in its `retryOn` list (by default the transient ones).

import { assertNever } from '../core/assert-never.js';
import type { RetryPolicySpec } from '../scenario/client-schema.js';
import { defaultRetryOn } from '../scenario/client-schema.js';
import type { AttemptReport, ClientPolicy, RetryDecision } from './client-policy.js';

type RetryOn = readonly string[];

const giveUp: RetryDecision = { retry: false };

function isRetryable(report: AttemptReport, retryOn: RetryOn): boolean {
  const { result, fault } = report.client;
  return retryOn.includes(result === 'fault' ? (fault ?? '') : result);
}

/** @returns a policy that never retries */
export function noRetry(): ClientPolicy {
  return () => giveUp;
}

/**
 * @param options - delay between attempts, total attempts, what to retry on
 * @returns a policy that retries after a fixed delay
 */
export function fixedDelay(options: {
  readonly delayMs: number;
  readonly maxAttempts: number;
  readonly retryOn?: RetryOn;
}): ClientPolicy {
  const retryOn = options.retryOn ?? defaultRetryOn;
  return (report) =>
    report.attempt < options.maxAttempts && isRetryable(report, retryOn)
      ? { retry: true, afterMs: options.delayMs }
      : giveUp;
}

/**
 * Exponential back-off: the nth retry waits min(maxDelayMs, baseMs × factor^(n-1)); with
 * full jitter, a uniform draw in [0, that] from the `clients` stream.
 * @param options - the back-off parameters
 * @returns the policy
 */
export function exponentialBackoff(options: {
  readonly baseMs: number;
  readonly factor: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
  readonly jitter: 'none' | 'full';
  readonly retryOn?: RetryOn;
}): ClientPolicy {
  const retryOn = options.retryOn ?? defaultRetryOn;
  return (report, { random }) => {
    if (report.attempt >= options.maxAttempts || !isRetryable(report, retryOn)) return giveUp;
    const ceiling = Math.min(
      options.maxDelayMs,
      options.baseMs * options.factor ** (report.attempt - 1),
    );
    const delay = options.jitter === 'full' ? random.nextFloat() * ceiling : ceiling;
    return { retry: true, afterMs: Math.round(delay * 1000) / 1000 };
  };
}

/**
 * A small circuit breaker shared by all the run's clients: after `failureThreshold`
 * consecutive failures it opens, and retries wait until it half-opens `openMs` later.
 * Simplification: it only delays retries; first attempts are always sent.
 * @param options - the breaker parameters
 * @returns the policy (stateful: create one per run)
 */
export function circuitBreaker(options: {
  readonly failureThreshold: number;
  readonly openMs: number;
  readonly delayMs: number;
  readonly maxAttempts: number;
  readonly retryOn?: RetryOn;
}): ClientPolicy {
  const retryOn = options.retryOn ?? defaultRetryOn;
  let consecutiveFailures = 0;
  let openUntilMs = -Infinity;
  const policy: ClientPolicy = (report, { now }) => {
    consecutiveFailures++;
    const at = now();
    if (consecutiveFailures >= options.failureThreshold && at >= openUntilMs) {
      openUntilMs = at + options.openMs;
      consecutiveFailures = 0;
    }
    if (report.attempt >= options.maxAttempts || !isRetryable(report, retryOn)) return giveUp;
    const wait = Math.max(options.delayMs, openUntilMs - at);
    return { retry: true, afterMs: wait };
  };
  policy.onSuccess = () => {
    consecutiveFailures = 0;
  };
  return policy;
}

/**
 * @param spec - a scenario's retry policy
 * @returns the matching built-in policy, or undefined for `none`
 */
export function createRetryPolicy(spec: RetryPolicySpec): ClientPolicy | undefined {
  switch (spec.policy) {
    case 'none':
      return undefined;
    case 'fixed':
      return fixedDelay(spec);
    case 'exponential':
      return exponentialBackoff(spec);
    case 'circuit-breaker':
      return circuitBreaker(spec);
    default:
      return assertNever(spec);
  }
}
