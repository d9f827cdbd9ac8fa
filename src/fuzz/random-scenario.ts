// Random valid scenarios for fuzzing the simulator itself (issue 10): a fast-check arbitrary
// that covers every app kind (WAS and self-hosted, net.tcp and net.pipe, nested paths, web
// gardens), hosting mode, arrival kind, config knob, client retry policy and fault kind
// (per-session rules with targets, windows, probabilities and counts; timed rules on
// workers, pools, services and WAS). Being an arbitrary, every case shrinks with
// fast-check's shrinker. Sizes stay small so that a case runs in milliseconds; durations
// include awkward fractions (0.003 ms) because float rounding found a real hang.

import fc from 'fast-check';
import type { ScenarioInput } from '../scenario/scenario-schema.js';
import {
  durationArbitrary as durationArb,
  faultRuleArbitrary,
} from '../search/random-fault-plan.js';

/** How big the generated scenarios may be. */
export interface RandomScenarioOptions {
  /** Most first-attempt sessions of a case. @default 40 */
  readonly maxSessions?: number;
  /** Most fault rules of a case. @default 6 */
  readonly maxFaults?: number;
}

/** Every generated scenario has this horizon: far beyond any wait a correct model makes. */
export const FUZZ_HORIZON_MS = 100_000_000;

/**
 * "Never" for an idle timeout: longer than the horizon, so a session that only an idle
 * timeout would rescue shows up as a horizon error instead of a silent 20-minute delay.
 */
const NEVER_IDLE_MS = 1_000_000_000;

/** Instants and windows of the fuzzed fault rules fall in [0, this]. */
const FUZZ_SPAN_MS = 3000;

const small = fc.oneof(
  fc.constantFrom(0, 0.003, 0.004, 1, 5),
  fc.integer({ min: 0, max: 300 }),
  fc.double({ min: 0, max: 50, noNaN: true, noDefaultInfinity: true }),
);
const instant = fc.oneof(fc.integer({ min: 0, max: FUZZ_SPAN_MS }), small);

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

interface AppShape {
  readonly name: string;
  readonly baseAddress: string;
}

function appArb(index: number, pools: readonly string[]) {
  const name = `a${index + 1}`;
  return fc
    .record({
      transport: fc.constantFrom('tcp', 'tcp', 'pipe'),
      port: fc.constantFrom(undefined, 9000, 9001),
      nested: fc.boolean(),
      hosting: fc.constantFrom('was', 'was', 'self'),
      appPool: fc.constantFrom(...pools, undefined),
      enabledProtocols: fc.constantFrom('default', 'list', 'iis-string', 'iis-string-spaced'),
      hostNameComparisonMode: fc.constantFrom('strongWildcard', 'exact', 'weakWildcard'),
      workers: fc.integer({ min: 1, max: 3 }),
      dispatchMs: durationArb(200),
      firstViaMs: durationArb(100),
    })
    .map((a) => {
      const scheme = a.transport === 'tcp' ? 'net.tcp' : 'net.pipe';
      const port = a.transport === 'tcp' && a.port !== undefined ? `:${a.port}` : '';
      // A nested path (/a1/a2/) makes routing choose the longest registered prefix.
      const path = a.nested && index > 0 ? `a1/${name}/` : `${name}/`;
      const app: Record<string, unknown> = {
        name,
        baseAddress: `${scheme}://localhost${port}/${path}`,
        // Port sharing is net.tcp only: a net.pipe app is WAS-hosted (domain §1).
        hosting: a.transport === 'pipe' ? 'was' : a.hosting,
        hostNameComparisonMode: a.hostNameComparisonMode,
        dispatchMs: a.dispatchMs,
        firstViaMs: a.firstViaMs,
      };
      // A self-hosted service's processes; a WAS app's come from its pool (maxProcesses).
      if (app['hosting'] === 'self') app['workers'] = a.workers;
      if (app['hosting'] === 'was') {
        if (a.appPool !== undefined) app['appPool'] = a.appPool;
        if (a.enabledProtocols === 'list') app['enabledProtocols'] = [scheme];
        else if (a.enabledProtocols === 'iis-string') app['enabledProtocols'] = `http,${scheme}`;
        else if (a.enabledProtocols === 'iis-string-spaced')
          app['enabledProtocols'] = `http, ${scheme}`;
      }
      return app as unknown as ScenarioInput['apps'][number] & AppShape;
    });
}

// An AlwaysRunning pool restarts a worker that idled out at once (as IIS does), so a tiny
// idle timeout there is an endless churn of launches: legal, but a run of hours. Such pools
// get no idle timeout, or one of a second or more.
const poolArb = (name: string) =>
  fc.constantFrom('OnDemand', 'AlwaysRunning').chain((startMode) =>
    fc.record({
      name: fc.constant(name),
      enabled: fc.constantFrom(true, true, true, false),
      identityAllowed: fc.constantFrom(true, true, true, false),
      startMode: fc.constant(startMode),
      // The web garden: every process hosts every application of the pool.
      maxProcesses: fc.integer({ min: 1, max: 3 }),
      startupMs: durationArb(800),
      idleTimeoutMs:
        startMode === 'AlwaysRunning'
          ? fc.constantFrom(0, 1000, 1500, NEVER_IDLE_MS)
          : fc.oneof(
              fc.constantFrom(0, NEVER_IDLE_MS, 0.003, 1),
              fc.integer({ min: 0, max: 2000 }),
            ),
      rapidFailProtection: fc.record({
        enabled: fc.boolean(),
        maxFailures: fc.integer({ min: 1, max: 6 }),
        intervalMs: fc.integer({ min: 0, max: 600_000 }),
      }),
    }),
  );

const retryArb = fc.oneof(
  fc.constant({ policy: 'none' as const }),
  fc.record({
    policy: fc.constant('fixed' as const),
    delayMs: fc.integer({ min: 0, max: 500 }),
    maxAttempts: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    policy: fc.constant('exponential' as const),
    baseMs: fc.integer({ min: 0, max: 200 }),
    factor: fc.constantFrom(1, 2, 3),
    maxDelayMs: fc.integer({ min: 0, max: 5000 }),
    maxAttempts: fc.integer({ min: 1, max: 5 }),
    jitter: fc.constantFrom('none' as const, 'full' as const),
  }),
  fc.record({
    policy: fc.constant('circuit-breaker' as const),
    failureThreshold: fc.integer({ min: 1, max: 4 }),
    openMs: fc.integer({ min: 0, max: 3000 }),
    delayMs: fc.integer({ min: 0, max: 500 }),
    maxAttempts: fc.integer({ min: 1, max: 4 }),
  }),
);

function arrivalsArb(sessions: number) {
  return fc.oneof(
    fc.record({
      poisson: fc.record({ ratePerSec: fc.constantFrom(1, 20, 200, 2000, 100_000) }),
    }),
    fc.record({
      fixed: fc.record({ intervalMs: fc.oneof(small, fc.integer({ min: 0, max: 500 })) }),
    }),
    fc.record({
      burst: fc.record({
        size: fc.integer({ min: 1, max: Math.max(1, sessions) }),
        everyMs: fc.integer({ min: 0, max: 2000 }),
      }),
    }),
    // One instant per session: a shorter list is a scenario error.
    fc.record({
      at: fc.array(instant, { minLength: Math.max(1, sessions), maxLength: Math.max(1, sessions) }),
    }),
  );
}

function viasArb(apps: readonly AppShape[]) {
  const candidates = [
    ...apps.flatMap((a) => [`${a.baseAddress}service.svc`, `${a.baseAddress}x/y.svc`]),
    ...apps.map((a) => `${a.baseAddress.replace('localhost', 'LocalHost')}service.svc`),
    ...apps.map((a) => `${a.baseAddress.replace('localhost', 'otherhost')}service.svc`),
    'net.tcp://localhost/nowhere/x.svc',
    'net.pipe://localhost/nowhere/x.svc',
  ];
  return fc.option(
    fc.array(
      fc.record(
        {
          via: fc.constantFrom(...candidates),
          weight: fc.constantFrom(0.2, 1, 3),
          localPort: fc.constantFrom(808, 9000),
        },
        { requiredKeys: ['via'] },
      ),
      { minLength: 1, maxLength: 5 },
    ),
    { nil: undefined, freq: 3 },
  );
}

/**
 * An arbitrary of valid scenario inputs (checked by `validateScenario` in the tests), sized
 * for fuzzing: up to 4 apps, 3 pools and `maxSessions` sessions.
 * @param options - the largest sizes
 * @returns the arbitrary; its values shrink towards fewer rules, sessions and apps
 * @example
 * const [scenario] = fc.sample(randomScenario(), { seed: 42, numRuns: 1 });
 */
export function randomScenario(options: RandomScenarioOptions = {}): fc.Arbitrary<ScenarioInput> {
  const maxSessions = options.maxSessions ?? 40;
  const maxFaults = options.maxFaults ?? 6;
  return fc
    .record({ apps: fc.integer({ min: 1, max: 4 }), pools: fc.integer({ min: 1, max: 3 }) })
    .chain(({ apps: appCount, pools: poolCount }) => {
      const poolNames = Array.from({ length: poolCount }, (_, i) => `P${i + 1}`);
      return fc
        .tuple(...Array.from({ length: appCount }, (_, i) => appArb(i, poolNames)))
        .chain((apps) =>
          fc.integer({ min: 1, max: maxSessions }).chain((sessions) =>
            fc.record({
              name: fc.constant('fuzz'),
              horizonMs: fc.constant(FUZZ_HORIZON_MS),
              config: fc.record(
                {
                  processorCount: fc.integer({ min: 1, max: 8 }),
                  maxPendingConnections: fc.integer({ min: 1, max: 50 }),
                  maxPendingAccepts: fc.integer({ min: 1, max: 8 }),
                  receiveTimeoutMs: fc.oneof(fc.integer({ min: 0, max: 2000 }), small),
                  listenBacklog: fc.integer({ min: 1, max: 20 }),
                  dupHandleMs: durationArb(50),
                  callbackTimeoutMs: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null }),
                },
                { requiredKeys: [] },
              ),
              services: fc.record(
                {
                  portSharing: fc.constantFrom(
                    'running',
                    'running',
                    'running',
                    'paused',
                    'stopped',
                  ),
                  tcpActivator: fc.constantFrom(
                    'running',
                    'running',
                    'running',
                    'paused',
                    'stopped',
                  ),
                  pipeActivator: fc.constantFrom(
                    'running',
                    'running',
                    'running',
                    'paused',
                    'stopped',
                  ),
                },
                { requiredKeys: [] },
              ),
              appPools: fc.tuple(...poolNames.map(poolArb)),
              apps: fc.constant(apps),
              workload: fc.record(
                {
                  sessions: fc.constant(sessions),
                  arrivals: arrivalsArb(sessions),
                  startMs: fc.integer({ min: 0, max: 1000 }),
                  preambleMs: durationArb(100),
                  mode: fc.constantFrom('duplex', 'singleton'),
                  vias: viasArb(apps),
                  client: fc.record({ retry: retryArb }),
                },
                { requiredKeys: ['sessions'] },
              ),
              faults: fc.array(
                faultRuleArbitrary({ apps, pools: poolNames, spanMs: FUZZ_SPAN_MS }),
                { maxLength: maxFaults },
              ),
            }),
          ),
        );
    })
    .map((scenario) => {
      // fast-check's optional keys may still be present with undefined in nested options.
      const workload = dropUndefined(scenario.workload as Record<string, unknown>);
      return { ...scenario, workload };
    });
}
