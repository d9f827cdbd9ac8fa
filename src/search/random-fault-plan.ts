// Random fault plans (issue 10's fuzzer, issue 13's swarm): fast-check arbitraries of valid
// fault rules aimed at a given scenario's applications and pools, with probabilities, counts,
// windows and targets. Swarm testing (as FoundationDB's BUGGIFY and TigerBeetle's VOPR do)
// first draws which fault kinds a case may use at all, then the rules, so each case explores
// a different corner instead of every case mixing a little of everything.

import fc from 'fast-check';
import type { DurationInput } from '../scenario/duration-schema.js';
import { faultKinds, type FaultKind, type FaultRuleInput } from '../scenario/fault-schema.js';
import type { Scenario } from '../scenario/scenario-schema.js';

/** What the rules may aim at, and over what span of virtual time. */
export interface FaultPlanContext {
  /** The scenario's applications: names for targets, base addresses for via patterns. */
  readonly apps: readonly { readonly name: string; readonly baseAddress: string }[];
  /** The application pools (WAS); empty when every app is self-hosted. */
  readonly pools: readonly string[];
  /** Windows and instants fall in [0, spanMs]. */
  readonly spanMs: number;
}

const small = fc.oneof(
  fc.constantFrom(0, 0.003, 0.004, 1, 5),
  fc.integer({ min: 0, max: 300 }),
  fc.double({ min: 0, max: 50, noNaN: true, noDefaultInfinity: true }),
);

/**
 * @param max - the largest duration parameter, in ms
 * @returns an arbitrary of durations in every form the schema takes
 */
export const durationArbitrary = (max: number): fc.Arbitrary<DurationInput> =>
  fc.oneof(
    fc.integer({ min: 0, max }),
    small,
    fc.record({ fixed: fc.integer({ min: 0, max }) }),
    fc
      .tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max }))
      .map(([a, b]) => ({ uniform: [Math.min(a, b), Math.max(a, b)] as [number, number] })),
    fc.record({ exponential: fc.integer({ min: 1, max: Math.max(1, max) }) }),
    fc.record({
      normal: fc.record({
        mean: fc.integer({ min: 0, max }),
        stddev: fc.integer({ min: 0, max: Math.max(0, max >> 1) }),
      }),
    }),
    fc.record({
      lognormal: fc.record({
        median: fc.integer({ min: 1, max: Math.max(1, max) }),
        sigma: fc.constantFrom(0, 0.25, 0.5, 1),
      }),
    }),
  );

const probability = fc.oneof(
  fc.constantFrom(0, 0.05, 0.2, 0.5, 1),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The kinds that need an application pool to aim at. */
const poolKinds: readonly FaultKind[] = ['app-pool-stop', 'app-pool-recycle'];

/**
 * @param context - the apps, pools and time span
 * @returns the fault kinds a plan for that scenario can use
 */
export function applicableKinds(context: FaultPlanContext): FaultKind[] {
  return faultKinds.filter((kind) => context.pools.length > 0 || !poolKinds.includes(kind));
}

/**
 * @param context - the apps, pools and time span the rules aim at
 * @param kinds - the kinds to draw from @default every applicable kind
 * @returns an arbitrary of one valid fault rule
 */
export function faultRuleArbitrary(
  context: FaultPlanContext,
  kinds: readonly FaultKind[] = applicableKinds(context),
): fc.Arbitrary<FaultRuleInput> {
  const { apps, pools } = context;
  const spanMs = Math.max(1, Math.ceil(context.spanMs));
  const instant = fc.oneof(fc.integer({ min: 0, max: spanMs }), small);
  const width = fc.integer({ min: 0, max: spanMs });
  const target = fc.record(
    {
      app: fc.constantFrom(...apps.map((a) => a.name)),
      ...(pools.length > 0 ? { pool: fc.constantFrom(...pools) } : {}),
      worker: fc.integer({ min: 1, max: 4 }),
      via: fc.constantFrom(...apps.map((a) => `${a.baseAddress}*`), '*.svc'),
    },
    { requiredKeys: [] },
  );
  const service = fc.constantFrom('portSharing', 'tcpActivator', 'pipeActivator');
  const restart = fc.option(fc.integer({ min: 0, max: spanMs }), { nil: undefined });
  // A rule decided per session: its target, and optionally a window, an nth session, a
  // probability and a count.
  const session = (kind: FaultKind, extra: Record<string, fc.Arbitrary<unknown>> = {}) =>
    fc
      .tuple(
        fc.record({ kind: fc.constant(kind), target, ...extra }),
        fc.record(
          {
            fromMs: instant,
            span: width,
            nthSession: fc.integer({ min: 1, max: 10 }),
            probability,
            count: fc.integer({ min: 1, max: 5 }),
          },
          { requiredKeys: [] },
        ),
      )
      .map(([base, { fromMs, span, ...rest }]): Record<string, unknown> => ({
        ...base,
        ...(fromMs === undefined ? {} : { fromMs }),
        ...(fromMs === undefined || span === undefined ? {} : { toMs: fromMs + span }),
        ...dropUndefined(rest),
      }));
  // A timed window from fromMs, open-ended or closed after a span.
  const window = (kind: FaultKind, extra: Record<string, fc.Arbitrary<unknown>>) =>
    fc
      .record({
        kind: fc.constant(kind),
        ...extra,
        fromMs: instant,
        span: fc.option(width, { nil: undefined }),
      })
      .map(({ span, ...rule }): Record<string, unknown> =>
        span === undefined ? rule : { ...rule, toMs: rule.fromMs + span },
      );
  const byKind: Record<FaultKind, () => fc.Arbitrary<Record<string, unknown>>> = {
    'preamble-timeout': () => session('preamble-timeout'),
    'bad-preamble': () =>
      session('bad-preamble', {
        variant: fc.constantFrom(
          'bad-record',
          'unsupported-version',
          'unsupported-mode',
          'via-too-long',
        ),
      }),
    'no-route': () => session('no-route'),
    'duplicate-handle-failure': () =>
      session('duplicate-handle-failure', { wsaError: fc.constantFrom(10022, 10024) }),
    'worker-callback-failure': () =>
      session('worker-callback-failure', {
        exception: fc.constantFrom(
          'CommunicationException',
          'CommunicationObjectAbortedException',
          'ObjectDisposedException',
        ),
      }),
    'worker-hang': () => session('worker-hang', { hangMs: durationArbitrary(5000) }),
    'service-activation-failure': () =>
      session('service-activation-failure', {
        fault: fc.constantFrom('ServiceActivationFailed', 'EndpointNotFound'),
      }),
    'queue-paused': () => window('queue-paused', { target }),
    'worker-start-failure': () => session('worker-start-failure'),
    'open-listener-channel-failure': () => session('open-listener-channel-failure'),
    'registration-failure': () =>
      session('registration-failure', {
        status: fc.constantFrom('FailedToListen', 'InvalidArgument', 'ConflictingRegistration'),
        abort: fc.boolean(),
      }),
    'worker-crash': () => fc.record({ kind: fc.constant('worker-crash'), target, atMs: instant }),
    'service-pause': () => window('service-pause', { service }),
    'service-stop': () =>
      fc
        .record({
          kind: fc.constant('service-stop'),
          service,
          atMs: instant,
          restartAfterMs: restart,
        })
        .map(dropUndefined),
    'app-pool-stop': () =>
      fc
        .record({
          kind: fc.constant('app-pool-stop'),
          pool: fc.constantFrom(...pools),
          atMs: instant,
          restartAfterMs: restart,
        })
        .map(dropUndefined),
    'app-pool-recycle': () =>
      fc.record({
        kind: fc.constant('app-pool-recycle'),
        pool: fc.constantFrom(...pools),
        atMs: instant,
        overlapped: fc.boolean(),
        shutdownMs: durationArbitrary(1000),
      }),
    'protocol-disabled': () => window('protocol-disabled', { target }),
    'was-disconnect': () =>
      fc
        .record({
          kind: fc.constant('was-disconnect'),
          atMs: instant,
          reconnectAfterMs: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
        })
        .map(dropUndefined),
  };
  const usable = kinds.filter((kind) => applicableKinds(context).includes(kind));
  return fc.oneof(
    ...usable.map((kind) => byKind[kind]()),
  ) as unknown as fc.Arbitrary<FaultRuleInput>;
}

/**
 * Swarm testing: a random subset of the fault kinds, then up to `maxRules` rules of those
 * kinds only.
 * @param context - the apps, pools and time span the rules aim at
 * @param maxRules - the most rules in a plan
 * @param kinds - the kinds a plan may use @default every kind
 * @returns an arbitrary of fault plans of one or more rules
 * @throws RangeError when none of `kinds` applies to the scenario (a pool kind without pools)
 */
export function faultPlanArbitrary(
  context: FaultPlanContext,
  maxRules: number,
  kinds: readonly FaultKind[] = faultKinds,
): fc.Arbitrary<FaultRuleInput[]> {
  const usable = applicableKinds(context).filter((kind) => kinds.includes(kind));
  if (usable.length === 0) {
    throw new RangeError(`none of the fault kinds ${kinds.join(', ')} applies to this scenario`);
  }
  return fc
    .subarray(usable, { minLength: 1 })
    .chain((kinds) =>
      fc.array(faultRuleArbitrary(context, kinds), { minLength: 1, maxLength: maxRules }),
    );
}

// When the workload's first attempts have all arrived, roughly: windows beyond it rarely matter.
function workloadSpanMs(scenario: Scenario): number {
  const { arrivals, sessions, startMs } = scenario.workload;
  let span: number;
  if ('poisson' in arrivals) span = (sessions / arrivals.poisson.ratePerSec) * 1000;
  else if ('fixed' in arrivals) span = sessions * arrivals.fixed.intervalMs;
  else if ('burst' in arrivals)
    span = Math.ceil(sessions / arrivals.burst.size) * arrivals.burst.everyMs;
  else span = Math.max(0, ...arrivals.at);
  return startMs + Math.max(1000, Math.min(span, 3_600_000));
}

/**
 * @param scenario - a validated scenario
 * @returns what its fault rules may aim at: its apps, its pools, its workload's span
 */
export function faultPlanContext(scenario: Scenario): FaultPlanContext {
  const pools = new Set<string>(scenario.appPools.map((pool) => pool.name));
  for (const app of scenario.apps) {
    if (app.hosting === 'was') pools.add(app.appPool ?? 'DefaultAppPool');
  }
  return {
    apps: scenario.apps.map((app) => ({ name: app.name, baseAddress: app.baseAddress })),
    pools: [...pools],
    spanMs: workloadSpanMs(scenario),
  };
}
