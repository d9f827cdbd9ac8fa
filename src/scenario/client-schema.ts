// Simulated clients' retry behaviour in a scenario file (issue 7): which built-in policy
// decides, after each failed attempt, whether and when to try again.

import { z } from 'zod';
import type { DeepReadonly } from '../core/deep-freeze.js';
import { msSchema as ms } from './duration-schema.js';
const attempts = z.number().int().positive();

/** What a client may retry on: the transport results and framing faults of domain §5. */
export const retryableResults = [
  'abort',
  'reset',
  'refused',
  'EndpointNotFound',
  'EndpointUnavailable',
  'ConnectionDispatchFailed',
  'ServiceActivationFailed',
] as const;

/** A transport result or framing fault a client policy may retry on. */
export type RetryableResult = (typeof retryableResults)[number];

/** Transient failures: what the built-in policies retry unless told otherwise. */
export const defaultRetryOn = [
  'abort',
  'reset',
  'refused',
  'EndpointUnavailable',
  'ConnectionDispatchFailed',
] as const;

const retryOn = z.array(z.enum(retryableResults)).default([...defaultRetryOn]);

/** A built-in retry policy. */
export const retryPolicySchema = z.discriminatedUnion('policy', [
  z.strictObject({ policy: z.literal('none') }),
  z.strictObject({
    policy: z.literal('fixed'),
    delayMs: ms.default(1000),
    maxAttempts: attempts.default(3),
    retryOn,
  }),
  z.strictObject({
    policy: z.literal('exponential'),
    baseMs: ms.default(100),
    factor: z.number().min(1).default(2),
    maxDelayMs: ms.default(30_000),
    maxAttempts: attempts.default(6),
    /** `full`: a uniform draw in [0, delay] from the seeded `clients` stream. */
    jitter: z.enum(['none', 'full']).default('full'),
    retryOn,
  }),
  z.strictObject({
    policy: z.literal('circuit-breaker'),
    /** Consecutive failures that open the circuit. */
    failureThreshold: attempts.default(5),
    /** How long the circuit stays open before one trial attempt. */
    openMs: ms.default(10_000),
    delayMs: ms.default(1000),
    maxAttempts: attempts.default(5),
    retryOn,
  }),
]);

/** A retry policy after parsing. */
export type RetryPolicySpec = DeepReadonly<z.output<typeof retryPolicySchema>>;

/** The client part of a workload. */
export const clientSchema = z.strictObject({
  retry: retryPolicySchema.prefault({ policy: 'none' }),
});
