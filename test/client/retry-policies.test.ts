// The built-in client policies (issue 7), decision by decision: delays, attempts, what they
// retry on, jitter drawn from the seeded `clients` stream, and the breaker's states.
import { describe, expect, it } from 'vitest';
import type { AttemptReport, ClientPolicyContext } from '../../src/client/client-policy.js';
import {
  circuitBreaker,
  createRetryPolicy,
  exponentialBackoff,
  fixedDelay,
  noRetry,
} from '../../src/client/retry-policies.js';
import type { ClientId, SessionId } from '../../src/core/ids.js';
import { ms } from '../../src/core/millis.js';
import { createRandom, type RandomStream } from '../../src/core/prng.js';
import { isDispatchsimError } from '../../src/errors/dispatchsim-error.js';
import { clientViews, type ClientView } from '../../src/events/session-outcome.js';
import { retryPolicySchema } from '../../src/scenario/client-schema.js';

const via = 'net.tcp://localhost/orders/service.svc';

const views = {
  abort: clientViews.abort('tcp'),
  reset: clientViews.reset('tcp'),
  refused: clientViews.refused(via, 'tcp'),
  EndpointNotFound: clientViews.endpointNotFound(via),
  EndpointUnavailable: clientViews.endpointUnavailable(via),
  ConnectionDispatchFailed: clientViews.connectionDispatchFailed(via),
  ServiceActivationFailed: clientViews.serviceActivationFailed(via),
} as const;

function report(attempt: number, client: ClientView = views.reset, atMs = 0): AttemptReport {
  return {
    clientId: 1 as ClientId,
    attempt,
    atMs: ms(atMs),
    succeeded: client.result === 'ok',
    client,
    outcome: {
      kind: 'dispatch-failed',
      sessionId: attempt as SessionId,
      clientId: 1 as ClientId,
      attempt,
      via,
      app: 'orders',
      arrivedAtMs: ms(atMs),
      atMs: ms(atMs),
      client,
      reason: 'test',
    },
  };
}

function context(random: RandomStream = createRandom(7).stream('clients'), at = { ms: 0 }) {
  return {
    now: () => ms(at.ms),
    sleep: () => Promise.resolve(),
    random,
  } satisfies ClientPolicyContext;
}

describe('noRetry', () => {
  it('gives up after any failure', () => {
    expect(noRetry()(report(1), context())).toEqual({ retry: false });
  });
});

describe('fixedDelay', () => {
  it('retries after the delay until maxAttempts attempts were made', () => {
    const policy = fixedDelay({ delayMs: 250, maxAttempts: 3 });
    const ctx = context();
    expect([1, 2, 3].map((attempt) => policy(report(attempt), ctx))).toEqual([
      { retry: true, afterMs: 250 },
      { retry: true, afterMs: 250 },
      { retry: false },
    ]);
  });

  it('defaults to 1000 ms and 3 attempts, like a scenario file', () => {
    const policy = fixedDelay();
    expect(policy(report(2), context())).toEqual({ retry: true, afterMs: 1000 });
    expect(policy(report(3), context())).toEqual({ retry: false });
  });

  it.each([
    { result: 'abort', retried: true },
    { result: 'reset', retried: true },
    { result: 'refused', retried: true },
    { result: 'EndpointUnavailable', retried: true },
    { result: 'ConnectionDispatchFailed', retried: true },
    { result: 'EndpointNotFound', retried: false },
    { result: 'ServiceActivationFailed', retried: false },
  ] as const)('retries $result by default: $retried', ({ result, retried }) => {
    const decision = fixedDelay({ delayMs: 0, maxAttempts: 2 })(
      report(1, views[result]),
      context(),
    );
    expect(decision.retry).toBe(retried);
  });

  it('retries only what retryOn lists', () => {
    const policy = fixedDelay({ delayMs: 0, maxAttempts: 2, retryOn: ['EndpointNotFound'] });
    expect(policy(report(1, views.EndpointNotFound), context()).retry).toBe(true);
    expect(policy(report(1, views.reset), context()).retry).toBe(false);
  });

  it('names a bad or unknown option in a config.invalid-option error', () => {
    const bad = (run: () => unknown): unknown => {
      try {
        run();
      } catch (error: unknown) {
        return error;
      }
      return undefined;
    };
    const negative = bad(() => fixedDelay({ delayMs: -1 }));
    expect(isDispatchsimError(negative)).toBe(true);
    expect(negative).toMatchObject({
      code: 'config.invalid-option',
      option: 'fixedDelay.delayMs',
      message: 'fixedDelay.delayMs: expected a number of ms from 0 to 1e10, got -1 (number)',
    });
    // @ts-expect-error `delay` is not an option
    expect(bad(() => fixedDelay({ delay: 5 }))).toMatchObject({ option: 'fixedDelay.delay' });
    expect(bad(() => exponentialBackoff({ factor: 0.5 }))).toMatchObject({
      option: 'exponentialBackoff.factor',
    });
  });
});

describe('a policy factory given an option it does not take', () => {
  // Each factory lists its own options: delayMs is fixedDelay's and circuitBreaker's, so
  // exponentialBackoff must not call it known.
  it.each([
    [
      'exponentialBackoff',
      "exponentialBackoff: unknown option 'delayMs' (known: baseMs, factor, maxDelayMs, maxAttempts, jitter, retryOn)",
      () => exponentialBackoff({ delayMs: 5 } as never),
    ],
    [
      'exponentialBackoff',
      "exponentialBackoff: unknown option 'maxDelay' (known: baseMs, factor, maxDelayMs, maxAttempts, jitter, retryOn); did you mean maxDelayMs?",
      () => exponentialBackoff({ maxDelay: 5 } as never),
    ],
    [
      'fixedDelay',
      "fixedDelay: unknown option 'baseMs' (known: delayMs, maxAttempts, retryOn)",
      () => fixedDelay({ baseMs: 5 } as never),
    ],
    [
      'fixedDelay',
      "fixedDelay: unknown option 'maxAttempt' (known: delayMs, maxAttempts, retryOn); did you mean maxAttempts?",
      () => fixedDelay({ maxAttempt: 2 } as never),
    ],
    [
      'fixedDelay',
      "fixedDelay: unknown option 'delay' (known: delayMs, maxAttempts, retryOn); did you mean delayMs?",
      () => fixedDelay({ delay: 5 } as never),
    ],
    [
      'circuitBreaker',
      "circuitBreaker: unknown option 'openms' (known: failureThreshold, openMs, delayMs, maxAttempts, retryOn); did you mean openMs?",
      () => circuitBreaker({ openms: 5 } as never),
    ],
  ])('%s says: %s', (_factory, message, run) => {
    expect(run).toThrow(expect.objectContaining({ code: 'config.invalid-option', message }));
  });
});

describe('a policy factory given something other than an options object', () => {
  // A JavaScript caller (no types to stop it) passes a string, a number or a list: the error
  // names the factory and what it got, not a character index of the string as an option.
  it.each([
    ['fixedDelay', () => fixedDelay('fast' as never), "'fast' (string)"],
    ['exponentialBackoff', () => exponentialBackoff([7] as never), '[7]'],
    ['circuitBreaker', () => circuitBreaker(5 as never), '5 (number)'],
  ])('%s says it expected an object of options', (factory, run, got) => {
    expect(run).toThrow(
      expect.objectContaining({
        code: 'config.invalid-option',
        option: factory,
        message: `${factory}: expected an object of options, got ${got}`,
      }),
    );
  });

  it('takes null or nothing as no options: the defaults', () => {
    expect(fixedDelay(null as never)(report(1, views.reset), context())).toEqual(
      fixedDelay()(report(1, views.reset), context()),
    );
  });
});

describe('exponentialBackoff', () => {
  it('doubles the delay per retry up to maxDelayMs without jitter', () => {
    const policy = exponentialBackoff({
      baseMs: 100,
      factor: 2,
      maxDelayMs: 500,
      maxAttempts: 6,
      jitter: 'none',
    });
    const ctx = context();
    expect([1, 2, 3, 4, 5, 6].map((attempt) => policy(report(attempt), ctx))).toEqual([
      { retry: true, afterMs: 100 },
      { retry: true, afterMs: 200 },
      { retry: true, afterMs: 400 },
      { retry: true, afterMs: 500 },
      { retry: true, afterMs: 500 },
      { retry: false },
    ]);
  });

  it('draws full jitter in [0, ceiling] from the clients stream', () => {
    const policy = exponentialBackoff({ baseMs: 100, factor: 2, maxDelayMs: 10_000 });
    const delays = [1, 2, 3, 4, 5].map((attempt) =>
      policy(report(attempt), context(createRandom(7).stream('clients'))),
    );
    const stream = createRandom(7).stream('clients');
    // Each call above had a fresh stream of seed 7, so each drew the stream's first float.
    const first = stream.nextFloat();
    expect(delays).toEqual(
      [100, 200, 400, 800, 1600].map((ceiling) => ({
        retry: true,
        afterMs: Math.round(first * ceiling * 1000) / 1000,
      })),
    );
  });

  it('gives the same delays for the same seed and others for another seed', () => {
    const delaysFor = (seed: number): number[] => {
      const policy = exponentialBackoff({ baseMs: 100, maxDelayMs: 10_000, maxAttempts: 9 });
      const ctx = context(createRandom(seed).stream('clients'));
      return [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => {
        const decision = policy(report(attempt), ctx);
        return 'afterMs' in decision ? (decision.afterMs ?? 0) : -1;
      });
    };
    const seven = delaysFor(7);
    expect(delaysFor(7)).toEqual(seven);
    expect(delaysFor(8)).not.toEqual(seven);
    seven.forEach((delay, index) => {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(Math.min(10_000, 100 * 2 ** index));
    });
  });

  it('defaults to the scenario defaults: 100 ms base, factor 2, 6 attempts, full jitter', () => {
    const policy = exponentialBackoff();
    const decision = policy(report(3), context());
    expect(decision.retry).toBe(true);
    expect('afterMs' in decision && (decision.afterMs ?? 0) <= 400).toBe(true);
    expect(policy(report(6), context())).toEqual({ retry: false });
  });

  it('waits nothing when the base is 0, however many retries', () => {
    const policy = exponentialBackoff({ baseMs: 0, maxAttempts: 5000, jitter: 'none' });
    expect(policy(report(4000), context())).toEqual({ retry: true, afterMs: 0 });
  });
});

describe('circuitBreaker', () => {
  const options = { failureThreshold: 3, openMs: 1000, delayMs: 100, maxAttempts: 10 };

  it('opens after failureThreshold consecutive failures and delays retries until it half-opens', () => {
    const policy = circuitBreaker(options);
    const at = { ms: 0 };
    const ctx = context(undefined, at);
    const decide = (atMs: number) => {
      at.ms = atMs;
      return policy(report(1, views.reset, atMs), ctx);
    };
    expect(decide(0)).toEqual({ retry: true, afterMs: 100 });
    expect(decide(5)).toEqual({ retry: true, afterMs: 100 });
    // The third consecutive failure opens the circuit until 1010 ms.
    expect(decide(10)).toEqual({ retry: true, afterMs: 1000 });
    // While open, retries wait until it half-opens.
    expect(decide(500)).toEqual({ retry: true, afterMs: 510 });
    // Half-open: the next failure opens it again, for another openMs.
    expect(decide(1010)).toEqual({ retry: true, afterMs: 1000 });
    expect(decide(1500)).toEqual({ retry: true, afterMs: 510 });
  });

  it('closes on a success and counts failures from zero again', () => {
    const policy = circuitBreaker(options);
    const at = { ms: 0 };
    const ctx = context(undefined, at);
    for (const atMs of [0, 1, 2]) {
      at.ms = atMs;
      policy(report(1, views.reset, atMs), ctx);
    }
    at.ms = 1002;
    policy.onSuccess?.(report(1, clientViews.ok(), 1002));
    expect(policy(report(1, views.reset, 1002), ctx)).toEqual({ retry: true, afterMs: 100 });
    expect(policy(report(1, views.reset, 1002), ctx)).toEqual({ retry: true, afterMs: 100 });
    expect(policy(report(1, views.reset, 1002), ctx)).toEqual({ retry: true, afterMs: 1000 });
  });

  it('ignores failures it does not retry and gives up at maxAttempts', () => {
    const policy = circuitBreaker({ ...options, failureThreshold: 1 });
    const ctx = context();
    expect(policy(report(1, views.EndpointNotFound), ctx)).toEqual({ retry: false });
    // EndpointNotFound did not count: this is the first failure, which opens the circuit.
    expect(policy(report(1), ctx)).toEqual({ retry: true, afterMs: 1000 });
    expect(policy(report(10), ctx)).toEqual({ retry: false });
  });
});

describe('createRetryPolicy', () => {
  it('builds the built-in policy a scenario names, with the schema defaults', () => {
    expect(createRetryPolicy(retryPolicySchema.parse({ policy: 'none' }))).toBeUndefined();
    const fixed = createRetryPolicy(retryPolicySchema.parse({ policy: 'fixed' }));
    expect(fixed?.(report(1), context())).toEqual({ retry: true, afterMs: 1000 });
    const exponential = createRetryPolicy(
      retryPolicySchema.parse({ policy: 'exponential', jitter: 'none' }),
    );
    expect(exponential?.(report(2), context())).toEqual({ retry: true, afterMs: 200 });
    const breaker = createRetryPolicy(retryPolicySchema.parse({ policy: 'circuit-breaker' }));
    expect(breaker?.(report(1), context())).toEqual({ retry: true, afterMs: 1000 });
  });
});
