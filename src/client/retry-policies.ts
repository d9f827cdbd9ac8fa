// Built-in client policies (issue 7): none, fixed delay, exponential back-off with full
// jitter from the seeded `clients` stream, and a small circuit breaker. Each retries only on
// the results in its `retryOn` list (by default the transient ones of domain §5). Options
// given in code go through the scenario schema, so code and YAML share defaults and checks.

import type { z } from 'zod';
import { assertNever } from '../core/assert-never.js';
import {
  retryPolicySchema,
  type RetryableResult,
  type RetryPolicySpec,
} from '../scenario/client-schema.js';
import { parseOptions } from '../scenario/parse-options.js';
import type {
  AttemptReport,
  ClientPolicy,
  RetryDecision,
  SyncClientPolicy,
} from './client-policy.js';

/** Options shared by the built-in policies. */
export interface RetryOnOptions {
  /**
   * The transport results and framing faults worth retrying.
   * @default ['abort', 'reset', 'refused', 'EndpointUnavailable', 'ConnectionDispatchFailed']
   */
  readonly retryOn?: readonly RetryableResult[];
}

/** Options of {@link fixedDelay}. */
export interface FixedDelayOptions extends RetryOnOptions {
  /** Wait before each retry, in ms of virtual time. @default 1000 */
  readonly delayMs?: number;
  /** Attempts in all, the first one included. @default 3 */
  readonly maxAttempts?: number;
}

/** Options of {@link exponentialBackoff}. */
export interface ExponentialBackoffOptions extends RetryOnOptions {
  /** The first retry's delay ceiling, in ms. @default 100 */
  readonly baseMs?: number;
  /** Growth of the ceiling per retry (at least 1). @default 2 */
  readonly factor?: number;
  /** The ceiling never exceeds this, in ms. @default 30000 */
  readonly maxDelayMs?: number;
  /** Attempts in all, the first one included. @default 6 */
  readonly maxAttempts?: number;
  /** `full`: wait a uniform draw in [0, ceiling] from the `clients` stream. @default 'full' */
  readonly jitter?: 'none' | 'full';
}

/** Options of {@link circuitBreaker}. */
export interface CircuitBreakerOptions extends RetryOnOptions {
  /** Consecutive retryable failures that open the circuit. @default 5 */
  readonly failureThreshold?: number;
  /** How long the circuit stays open before it half-opens, in ms. @default 10000 */
  readonly openMs?: number;
  /** Wait before a retry while the circuit is closed, in ms. @default 1000 */
  readonly delayMs?: number;
  /** Attempts in all, the first one included. @default 5 */
  readonly maxAttempts?: number;
}

type SpecOf<P extends RetryPolicySpec['policy']> = Extract<RetryPolicySpec, { policy: P }>;

const giveUp: RetryDecision = Object.freeze({ retry: false });

const optionExpectations: Readonly<Record<string, string>> = {
  delayMs: 'a number of ms from 0 to 1e10',
  baseMs: 'a number of ms from 0 to 1e10',
  maxDelayMs: 'a number of ms from 0 to 1e10',
  openMs: 'a number of ms from 0 to 1e10',
  maxAttempts: 'a positive integer',
  failureThreshold: 'a positive integer',
  factor: 'a number >= 1',
  jitter: "'none' or 'full'",
  retryOn:
    "a list of 'abort', 'reset', 'refused', 'EndpointNotFound', 'EndpointUnavailable', 'ConnectionDispatchFailed', 'ServiceActivationFailed'",
};

// Code options are checked and defaulted by the same schema as a scenario's `client.retry`:
// the policy's own form of it, so an unknown option is listed against that policy's options.
function parsePolicyOptions<P extends 'fixed' | 'exponential' | 'circuit-breaker'>(
  policy: P,
  factory: string,
  options: object,
): SpecOf<P> {
  const form: z.ZodObject | undefined = retryPolicySchema.options.find(
    (option) => option.shape.policy.value === policy,
  );
  // Stryker disable next-line ConditionalExpression: the union has a form for every policy
  if (form === undefined) throw new Error(`internal: no retry policy form '${policy}'`);
  const own = form.omit({ policy: true });
  const expected = Object.fromEntries(
    Object.keys(own.shape).map((key) => [key, optionExpectations[key] ?? 'a valid value']),
  );
  // null, like nothing, is no options.
  const parsed = parseOptions(own, options === null ? {} : options, {
    owner: factory,
    expected,
    whole: 'an object of options',
    wholeName: factory,
    nameOf: (key) => `${factory}.${key}`,
  });
  return { ...parsed, policy } as SpecOf<P>;
}

function isRetryable(report: AttemptReport, retryOn: readonly string[]): boolean {
  const { result, fault } = report.client;
  return retryOn.includes(result === 'fault' ? (fault ?? '') : result);
}

/**
 * The nth retry's delay ceiling: min(maxDelayMs, baseMs × factor^(n-1)).
 * @param spec - the back-off parameters
 * @param retry - 1 for the first retry
 * @returns the ceiling in ms
 */
function backoffCeiling(spec: SpecOf<'exponential'>, retry: number): number {
  if (spec.baseMs === 0) return 0;
  // factor^(n-1) may overflow to Infinity; min() then keeps maxDelayMs.
  return Math.min(spec.maxDelayMs, spec.baseMs * spec.factor ** (retry - 1));
}

/**
 * A policy that never retries: every failed attempt is the request's last.
 * @returns the policy
 */
export function noRetry(): SyncClientPolicy {
  return () => giveUp;
}

function buildFixedDelay(spec: SpecOf<'fixed'>): SyncClientPolicy {
  const retry: RetryDecision = Object.freeze({ retry: true, afterMs: spec.delayMs });
  return (report) =>
    report.attempt < spec.maxAttempts && isRetryable(report, spec.retryOn) ? retry : giveUp;
}

/**
 * A policy that retries after a fixed delay, up to `maxAttempts` attempts in all.
 * @param options - delay, attempts and what to retry on
 * @returns the policy (stateless)
 * @throws InvalidOptionError (`config.invalid-option`) naming a bad or unknown option
 * @example
 * // The naive client: one immediate retry.
 * const naive = fixedDelay({ delayMs: 0, maxAttempts: 2 });
 */
export function fixedDelay(options: FixedDelayOptions = {}): SyncClientPolicy {
  return buildFixedDelay(parsePolicyOptions('fixed', 'fixedDelay', options));
}

function buildExponentialBackoff(spec: SpecOf<'exponential'>): SyncClientPolicy {
  return (report, { random }) => {
    if (report.attempt >= spec.maxAttempts || !isRetryable(report, spec.retryOn)) return giveUp;
    const ceiling = backoffCeiling(spec, report.attempt);
    const delay = spec.jitter === 'full' ? random.nextFloat() * ceiling : ceiling;
    // Rounded to the microsecond, like trace times, so printed delays stay short.
    return { retry: true, afterMs: Math.round(delay * 1000) / 1000 };
  };
}

/**
 * Exponential back-off: the nth retry waits min(maxDelayMs, baseMs × factor^(n-1)); with
 * full jitter, a uniform draw in [0, that] from the context's `clients` stream, so a run
 * replays exactly from its seed.
 * @param options - the back-off parameters
 * @returns the policy (stateless)
 * @throws InvalidOptionError (`config.invalid-option`) naming a bad or unknown option
 * @example
 * const patient = exponentialBackoff({ baseMs: 200, maxDelayMs: 4000, maxAttempts: 8 });
 */
export function exponentialBackoff(options: ExponentialBackoffOptions = {}): SyncClientPolicy {
  return buildExponentialBackoff(parsePolicyOptions('exponential', 'exponentialBackoff', options));
}

// Closed: count consecutive retryable failures; at the threshold, open for openMs. Open:
// retries wait until it half-opens. Half-open (open, time elapsed): the next result decides,
// a failure opens it again for openMs and a success closes it.
function buildCircuitBreaker(spec: SpecOf<'circuit-breaker'>): SyncClientPolicy {
  let open = false;
  let consecutiveFailures = 0;
  let openUntilMs = 0;
  const trip = (atMs: number): void => {
    open = true;
    openUntilMs = atMs + spec.openMs;
    consecutiveFailures = 0;
  };
  const policy: SyncClientPolicy = (report, { now }) => {
    // Results the breaker does not handle neither count nor retry (like cockatiel's `handle`).
    if (!isRetryable(report, spec.retryOn)) return giveUp;
    const at = now();
    if (!open) {
      consecutiveFailures++;
      if (consecutiveFailures >= spec.failureThreshold) trip(at);
    } else if (at >= openUntilMs) {
      trip(at);
    }
    if (report.attempt >= spec.maxAttempts) return giveUp;
    return { retry: true, afterMs: open ? Math.max(spec.delayMs, openUntilMs - at) : spec.delayMs };
  };
  // Any success shows the service answers: the circuit closes and the count starts over.
  policy.onSuccess = () => {
    open = false;
    consecutiveFailures = 0;
  };
  return policy;
}

/**
 * A small circuit breaker shared by all the run's clients. After `failureThreshold`
 * consecutive retryable failures it opens: retries wait until it half-opens `openMs` later.
 * Half-open, the next result decides: a failure opens it again, a success closes it.
 * Simplification: it only delays retries; first attempts are always sent.
 * @param options - the breaker parameters
 * @returns the policy (stateful: create one per run)
 * @throws InvalidOptionError (`config.invalid-option`) naming a bad or unknown option
 */
export function circuitBreaker(options: CircuitBreakerOptions = {}): SyncClientPolicy {
  return buildCircuitBreaker(parsePolicyOptions('circuit-breaker', 'circuitBreaker', options));
}

/**
 * @param spec - a scenario's retry policy, already parsed
 * @returns the matching built-in policy, or undefined for `none`
 */
export function createRetryPolicy(spec: RetryPolicySpec): ClientPolicy | undefined {
  switch (spec.policy) {
    case 'none':
      return undefined;
    case 'fixed':
      return buildFixedDelay(spec);
    case 'exponential':
      return buildExponentialBackoff(spec);
    case 'circuit-breaker':
      return buildCircuitBreaker(spec);
    default:
      return assertNever(spec);
  }
}
