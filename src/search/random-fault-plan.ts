// Random fault plans (issue 10's fuzzer, issue 13's swarm): fast-check arbitraries of valid
// fault rules aimed at a given scenario's applications and pools, with probabilities, counts,
// windows and targets. Swarm testing (as FoundationDB's BUGGIFY and TigerBeetle's VOPR do)
// first draws which fault kinds a case may use at all, then the rules, so each case explores
// a different corner instead of every case mixing a little of everything.

import fc from 'fast-check';
import type { DurationInput } from '../scenario/duration-schema.js';
import { faultTargetFields } from '../scenario/fault-target-fields.js';
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
  /**
   * `plausible` (a swarm's): probabilities of 1% to 100%, whole milliseconds, which a rule
   * aimed at a run fires with and a shrunk file reads cleanly; `edge-cases` (the fuzzer's):
   * zeros and tiny fractions too, which find the simulator's own bugs but rarely fire (user
   * report: 517 of 1,743 swarm rules had a probability under 1e-6, such as 4.9e-175).
   * @default 'edge-cases'
   */
  readonly values?: 'plausible' | 'edge-cases' | undefined;
  /** Plausible values: the most worker processes of a pool (a worker target's range). */
  readonly maxWorkers?: number | undefined;
}

/** The kinds whose nthSession counts worker launches, registrations or listener-channel opens. */
const launchKinds: readonly FaultKind[] = [
  'worker-start-failure',
  'registration-failure',
  'open-listener-channel-failure',
];

const small = fc.oneof(
  fc.constantFrom(0, 0.003, 0.004, 1, 5),
  fc.integer({ min: 0, max: 300 }),
  fc.double({ min: 0, max: 50, noNaN: true, noDefaultInfinity: true }),
);

/**
 * @param max - the largest duration parameter, in ms
 * @param values - `plausible`: whole milliseconds only (see {@link FaultPlanContext})
 * @returns an arbitrary of durations in every form the schema takes
 */
export const durationArbitrary = (
  max: number,
  values: FaultPlanContext['values'] = 'edge-cases',
): fc.Arbitrary<DurationInput> =>
  fc.oneof(
    fc.integer({ min: 0, max }),
    values === 'plausible' ? fc.integer({ min: 0, max: 300 }) : small,
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

const edgeProbability = fc.oneof(
  fc.constantFrom(0, 0.05, 0.2, 0.5, 1),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

// 1% to 100% in whole percents: a rule that may fire, written as a person would.
const plausibleProbability = fc.oneof(
  fc.constantFrom(0.05, 0.2, 0.5, 1),
  fc.integer({ min: 1, max: 100 }).map((percent) => percent / 100),
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
  const plausible = context.values === 'plausible';
  const instant = plausible
    ? fc.integer({ min: 0, max: spanMs })
    : fc.oneof(fc.integer({ min: 0, max: spanMs }), small);
  const probability = plausible ? plausibleProbability : edgeProbability;
  const width = fc.integer({ min: 0, max: spanMs });
  const targets = {
    app: fc.constantFrom(...apps.map((a) => a.name)),
    ...(pools.length > 0 ? { pool: fc.constantFrom(...pools) } : {}),
    worker: fc.integer({ min: 1, max: plausible ? (context.maxWorkers ?? 4) : 4 }),
    via: fc.constantFrom(...apps.map((a) => `${a.baseAddress}*`), '*.svc'),
  };
  const target = fc.record(targets, { requiredKeys: [] });
  // Plausible: one target key at most, as each narrows what the rule fires on (user report: a
  // worker, a via, a window and an nth session together left most rules silent), and only a
  // key the kind reads (a worker launch has no via: such a rule never fired).
  const targetOf = (kind: FaultKind): fc.Arbitrary<Record<string, unknown>> =>
    plausible
      ? fc.oneof(
          fc.constant({}),
          ...Object.entries(targets)
            .filter(([key]) => (faultTargetFields[kind].reads as readonly string[]).includes(key))
            .map(([key, value]) =>
              (value as fc.Arbitrary<unknown>).map((chosen) => ({ [key]: chosen })),
            ),
        )
      : target;
  const service = fc.constantFrom('portSharing', 'tcpActivator', 'pipeActivator');
  // Plausible: a stop always ends (a service or pool stopped for good breaks every promise,
  // and says nothing of a policy).
  const restart = plausible
    ? fc.integer({ min: 0, max: spanMs })
    : fc.option(fc.integer({ min: 0, max: spanMs }), { nil: undefined });
  // A rule decided at a step: its target, and optionally a window, an nth session, a
  // probability and a count. Plausible: a window or an nth session, not both; and transient:
  // a closed window, one session, or a count (a rule that fails every session for good breaks
  // every promise, and says nothing of a policy). What nthSession counts is sessions for most
  // kinds, but launches, registrations or listener-channel opens for some, of which a run has
  // a few (user report: a launch kind's nthSession of 10 never came).
  const count = fc.integer({ min: 1, max: 5 });
  const plausibleConditions = (nthMax: number): fc.Arbitrary<Record<string, unknown>> =>
    fc.oneof(
      fc.record(
        { fromMs: instant, span: width, probability, count },
        { requiredKeys: ['fromMs', 'span'] },
      ),
      fc.record(
        { nthSession: fc.integer({ min: 1, max: nthMax }), probability },
        { requiredKeys: ['nthSession'] },
      ),
      fc.record({ probability, count }, { requiredKeys: ['count'] }),
    );
  const perSession = plausibleConditions(10);
  const perLaunch = plausibleConditions(3);
  const conditionsOf = (kind: FaultKind): fc.Arbitrary<Record<string, unknown>> =>
    !plausible ? conditions : launchKinds.includes(kind) ? perLaunch : perSession;
  const conditions: fc.Arbitrary<Record<string, unknown>> = fc.record(
    {
      fromMs: instant,
      span: width,
      nthSession: fc.integer({ min: 1, max: 10 }),
      probability,
      count: fc.integer({ min: 1, max: 5 }),
    },
    { requiredKeys: [] },
  );
  const session = (kind: FaultKind, extra: Record<string, fc.Arbitrary<unknown>> = {}) =>
    fc
      .tuple(
        fc.record({ kind: fc.constant(kind), target: targetOf(kind), ...extra }),
        conditionsOf(kind),
      )
      .map(([base, { fromMs, span, ...rest }]): Record<string, unknown> => ({
        ...base,
        ...(fromMs === undefined ? {} : { fromMs }),
        ...(fromMs === undefined || span === undefined
          ? {}
          : { toMs: (fromMs as number) + (span as number) }),
        ...dropUndefined(rest),
      }));
  // A timed window from fromMs, open-ended or closed after a span.
  const window = (kind: FaultKind, extra: Record<string, fc.Arbitrary<unknown>>) =>
    fc
      .record({
        kind: fc.constant(kind),
        ...extra,
        fromMs: instant,
        span: plausible ? width : fc.option(width, { nil: undefined }),
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
    'worker-hang': () =>
      session('worker-hang', { hangMs: durationArbitrary(5000, context.values) }),
    'service-activation-failure': () =>
      session('service-activation-failure', {
        fault: fc.constantFrom('ServiceActivationFailed', 'EndpointNotFound'),
      }),
    'queue-paused': () => window('queue-paused', { target: targetOf('queue-paused') }),
    'worker-start-failure': () => session('worker-start-failure'),
    'open-listener-channel-failure': () => session('open-listener-channel-failure'),
    'registration-failure': () =>
      session('registration-failure', {
        status: fc.constantFrom('FailedToListen', 'InvalidArgument', 'ConflictingRegistration'),
        abort: fc.boolean(),
      }),
    'worker-crash': () =>
      fc.record({
        kind: fc.constant('worker-crash'),
        target: targetOf('worker-crash'),
        atMs: instant,
      }),
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
        shutdownMs: durationArbitrary(1000, context.values),
      }),
    'protocol-disabled': () =>
      window('protocol-disabled', { target: targetOf('protocol-disabled') }),
    'was-disconnect': () =>
      fc
        .record({
          kind: fc.constant('was-disconnect'),
          atMs: instant,
          reconnectAfterMs: plausible
            ? fc.integer({ min: 0, max: spanMs })
            : fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
        })
        .map(dropUndefined),
  };
  const usable = kinds.filter((kind) => applicableKinds(context).includes(kind));
  const rule = fc.oneof(...usable.map((kind) => byKind[kind]()));
  // Plausible: no `target: {}` (every target is optional) in a plan or a shrunk file.
  const written = plausible
    ? rule.map((drawn) =>
        Object.fromEntries(
          Object.entries(drawn).filter(
            ([key, value]) =>
              key !== 'target' ||
              (typeof value === 'object' && value !== null && Object.keys(value).length > 0),
          ),
        ),
      )
    : rule;
  return written as unknown as fc.Arbitrary<FaultRuleInput>;
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
 * @returns what its fault rules may aim at: its apps, its pools, its workload's span, with
 *   plausible values (a swarm's)
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
    values: 'plausible',
    maxWorkers: Math.max(
      1,
      ...scenario.appPools.map((pool) => pool.maxProcesses ?? 1),
      ...scenario.apps.map((app) => app.workers ?? 1),
    ),
  };
}
