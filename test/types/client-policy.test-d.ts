// Type-level tests of the client hook (issue 7, STYLE rule 38): what a policy receives, the
// RetryDecision union, and plain or async functions as policies.
import { describe, expectTypeOf, it } from 'vitest';
import {
  circuitBreaker,
  exponentialBackoff,
  fixedDelay,
  noRetry,
  type AttemptReport,
  type ClientException,
  type ClientPolicy,
  type ClientPolicyContext,
  type ClientView,
  type Millis,
  type RetryDecision,
  type RunOptions,
  type SessionOutcome,
  type SyncClientPolicy,
} from '../../src/index.js';

describe('ClientPolicy', () => {
  it('receives the attempt report and the virtual-time context', () => {
    expectTypeOf<ClientPolicy>().parameter(0).toEqualTypeOf<AttemptReport>();
    expectTypeOf<ClientPolicy>().parameter(1).toEqualTypeOf<ClientPolicyContext>();
    expectTypeOf<AttemptReport['attempt']>().toEqualTypeOf<number>();
    expectTypeOf<AttemptReport['atMs']>().toEqualTypeOf<Millis>();
    expectTypeOf<AttemptReport['client']>().toEqualTypeOf<ClientView>();
    expectTypeOf<AttemptReport['outcome']>().toEqualTypeOf<SessionOutcome>();
    expectTypeOf<ClientView['fault']>().toEqualTypeOf<
      | 'EndpointNotFound'
      | 'EndpointUnavailable'
      | 'ConnectionDispatchFailed'
      | 'ServiceActivationFailed'
      | null
    >();
    expectTypeOf<ClientPolicyContext['sleep']>().toEqualTypeOf<(ms: number) => Promise<void>>();
    expectTypeOf<ClientPolicyContext['now']>().returns.toEqualTypeOf<Millis>();
    expectTypeOf<ClientPolicyContext['random']['nextFloat']>().returns.toEqualTypeOf<number>();
  });

  it('returns a RetryDecision: give up, or retry after an optional delay', () => {
    expectTypeOf<RetryDecision>().toEqualTypeOf<
      { readonly retry: false } | { readonly retry: true; readonly afterMs?: number | undefined }
    >();
    const decide = (decision: RetryDecision): number =>
      decision.retry ? (decision.afterMs ?? 0) : -1;
    expectTypeOf(decide).returns.toEqualTypeOf<number>();
    // @ts-expect-error a decision to give up has no delay
    const wrong: RetryDecision = { retry: false, afterMs: 5 };
    expectTypeOf(wrong).toEqualTypeOf<RetryDecision>();
  });

  it('accepts plain and async functions', () => {
    const plain: ClientPolicy = (report) =>
      report.attempt < 3 ? { retry: true, afterMs: 100 } : { retry: false };
    const patient: ClientPolicy = async (report, { sleep, random }) => {
      if (report.client.fault === 'EndpointNotFound') return { retry: false };
      await sleep(random.nextFloat() * 1000);
      return { retry: true };
    };
    expectTypeOf(plain).toExtend<ClientPolicy>();
    expectTypeOf(patient).returns.toEqualTypeOf<RetryDecision | Promise<RetryDecision>>();
    expectTypeOf<() => Promise<{ retry: 'yes' }>>().not.toExtend<ClientPolicy>();
    expectTypeOf<ClientPolicy['onSuccess']>().toEqualTypeOf<
      ((report: AttemptReport) => void) | undefined
    >();
    expectTypeOf<RunOptions['clientPolicy']>().toEqualTypeOf<ClientPolicy | undefined>();
  });

  it('builds the built-in policies from typed options', () => {
    expectTypeOf(noRetry).returns.toEqualTypeOf<SyncClientPolicy>();
    expectTypeOf(exponentialBackoff).returns.toEqualTypeOf<SyncClientPolicy>();
    expectTypeOf<SyncClientPolicy>().toExtend<ClientPolicy>();
    expectTypeOf(fixedDelay()).returns.toEqualTypeOf<RetryDecision>();
    expectTypeOf(fixedDelay).toBeCallableWith({ delayMs: 0, maxAttempts: 2 });
    expectTypeOf(exponentialBackoff).toBeCallableWith({ baseMs: 200, jitter: 'full' });
    expectTypeOf(circuitBreaker).toBeCallableWith({ retryOn: ['reset', 'EndpointUnavailable'] });
    // @ts-expect-error jitter is 'none' or 'full'
    exponentialBackoff({ jitter: 'some' });
    // @ts-expect-error retryOn lists transport results and framing faults
    fixedDelay({ retryOn: ['timeout'] });
  });
});

// A classifier compared the exception with its full name, which never matched (user report):
// the short names are a union, so such a comparison does not compile.
describe("a client view's exception", () => {
  it('is one of the short names the simulator gives, or null', () => {
    expectTypeOf<ClientView['exception']>().toEqualTypeOf<ClientException | null>();
    const classify = (report: AttemptReport): boolean =>
      // @ts-expect-error: the full type name is never given
      report.client.exception === 'System.ServiceModel.CommunicationException';
    expectTypeOf(classify).returns.toBeBoolean();
  });
});
