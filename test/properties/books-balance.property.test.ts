// Properties of whole runs under random fault plans mixing session, worker, pool, service
// and WAS faults (issues 3 and 4): every session gets exactly one outcome and the books
// balance; the same scenario and seed give a byte-identical NDJSON trace; every 4031 follows
// a 4008 of the same activity.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTrace, type TraceRecord } from '../../src/events/trace.js';
import type { FaultRuleInput } from '../../src/scenario/fault-schema.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { createSimulation } from '../../src/sim/simulation.js';
import { runRecorded } from '../helpers/run-recorded.js';

const SEED = 20261127;

const probability = fc.constantFrom(0, 0.05, 0.2, 0.5, 1);
const at = fc.integer({ min: 0, max: 400 });
const app = fc.constantFrom('orders', 'billing', 'legacy', 'pipes');

const faultArb: fc.Arbitrary<FaultRuleInput> = fc.oneof(
  fc.record({ kind: fc.constant('preamble-timeout' as const), probability }),
  fc.record({
    kind: fc.constant('bad-preamble' as const),
    probability,
    variant: fc.constantFrom(
      'bad-record',
      'unsupported-version',
      'unsupported-mode',
      'via-too-long',
    ),
  }),
  fc.record({ kind: fc.constant('no-route' as const), probability }),
  fc.record({
    kind: fc.constant('duplicate-handle-failure' as const),
    probability,
    target: fc.record({ app }),
  }),
  fc.record({ kind: fc.constant('worker-callback-failure' as const), probability }),
  fc.record({
    kind: fc.constant('worker-hang' as const),
    probability,
    hangMs: fc.integer({ min: 0, max: 2000 }),
  }),
  fc.record({ kind: fc.constant('service-activation-failure' as const), probability }),
  fc.record({
    kind: fc.constant('queue-paused' as const),
    fromMs: at,
    toMs: fc.integer({ min: 400, max: 800 }),
  }),
  fc.record({ kind: fc.constant('worker-start-failure' as const), probability }),
  fc.record({ kind: fc.constant('open-listener-channel-failure' as const), probability }),
  fc.record({
    kind: fc.constant('registration-failure' as const),
    probability,
    abort: fc.boolean(),
    status: fc.constantFrom('FailedToListen', 'InvalidArgument', 'ConflictingRegistration'),
  }),
  fc.record({ kind: fc.constant('worker-crash' as const), atMs: at, target: fc.record({ app }) }),
  fc.record({
    kind: fc.constant('service-pause' as const),
    service: fc.constantFrom('portSharing', 'tcpActivator', 'pipeActivator'),
    fromMs: at,
    toMs: fc.integer({ min: 400, max: 900 }),
  }),
  fc.record({
    kind: fc.constant('service-stop' as const),
    service: fc.constantFrom('portSharing', 'tcpActivator', 'pipeActivator'),
    atMs: at,
    restartAfterMs: fc.integer({ min: 0, max: 500 }),
  }),
  fc.record({
    kind: fc.constant('app-pool-stop' as const),
    pool: fc.constantFrom('A', 'B'),
    atMs: at,
    restartAfterMs: fc.integer({ min: 0, max: 500 }),
  }),
  fc.record({
    kind: fc.constant('app-pool-recycle' as const),
    pool: fc.constantFrom('A', 'B'),
    atMs: at,
    overlapped: fc.boolean(),
    shutdownMs: fc.integer({ min: 0, max: 300 }),
  }),
  fc.record({
    kind: fc.constant('protocol-disabled' as const),
    fromMs: at,
    toMs: fc.integer({ min: 400, max: 900 }),
  }),
  fc.record({
    kind: fc.constant('was-disconnect' as const),
    atMs: at,
    reconnectAfterMs: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
  }),
);

function scenario(faults: FaultRuleInput[], sessions: number, workers: number): ScenarioInput {
  return {
    name: 'property',
    config: { maxPendingConnections: 8, receiveTimeoutMs: 200 },
    appPools: [
      {
        name: 'A',
        startupMs: { uniform: [0, 50] },
        rapidFailProtection: { maxFailures: 3, intervalMs: 1000 },
      },
      { name: 'B', startMode: 'AlwaysRunning', startupMs: 20 },
    ],
    apps: [
      {
        name: 'orders',
        baseAddress: 'net.tcp://localhost/orders/',
        appPool: 'A',
        workers,
        dispatchMs: { exponential: 20 },
      },
      {
        name: 'billing',
        baseAddress: 'net.tcp://localhost:9000/billing/',
        appPool: 'B',
        dispatchMs: 5,
      },
      {
        name: 'legacy',
        baseAddress: 'net.tcp://localhost:9001/legacy/',
        hosting: 'self',
        dispatchMs: { uniform: [1, 30] },
      },
      { name: 'pipes', baseAddress: 'net.pipe://localhost/pipes/', appPool: 'B', dispatchMs: 3 },
    ],
    workload: {
      sessions,
      arrivals: { poisson: { ratePerSec: 200 } },
      preambleMs: { exponential: 5 },
      vias: [
        { via: 'net.tcp://localhost/orders/a.svc', weight: 3 },
        { via: 'net.tcp://localhost:9000/billing/b.svc' },
        { via: 'net.tcp://localhost:9001/legacy/c.svc' },
        { via: 'net.pipe://localhost/pipes/d.svc' },
        { via: 'net.tcp://localhost/nowhere/x.svc', weight: 0.2 },
      ],
    },
    faults,
  };
}

const planArb = fc.record({
  faults: fc.array(faultArb, { maxLength: 5 }),
  sessions: fc.integer({ min: 1, max: 60 }),
  workers: fc.integer({ min: 1, max: 3 }),
  seed: fc.nat(),
});

describe(`whole runs (fast-check seed ${SEED})`, () => {
  it('give every session exactly one outcome and balance the books', async () => {
    await fc.assert(
      fc.asyncProperty(planArb, async ({ faults, sessions, workers, seed }) => {
        const run = await runRecorded(scenario(faults, sessions, workers), {
          seed,
          horizonMs: 3_600_000,
        });
        const ids = run.outcomes.map((o) => o.sessionId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.length).toBe(run.result.sessions);
        const total = Object.values(run.result.outcomes).reduce((a, b) => a + b, 0);
        expect(total).toBe(run.result.sessions);
        expect(run.result.balanced).toBe(true);
        expect(run.result.requests.total).toBe(sessions);
      }),
      { seed: SEED, numRuns: 120 },
    );
  });

  it('give the same NDJSON trace, byte for byte, for the same scenario and seed', async () => {
    const trace = async (s: ScenarioInput, seed: number): Promise<string> => {
      const sim = createSimulation(s, { seed, horizonMs: 3_600_000 });
      const records: TraceRecord[] = [];
      sim.events.on('event', (e) => records.push(e));
      sim.events.on('eventLog', (e) => records.push(e));
      await sim.run();
      return formatTrace(records.sort((a, b) => a.seq - b.seq));
    };
    await fc.assert(
      fc.asyncProperty(planArb, async ({ faults, sessions, workers, seed }) => {
        const s = scenario(faults, sessions, workers);
        expect(await trace(s, seed)).toBe(await trace(s, seed));
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('precede every 4031 with a 4008 of the same activity', async () => {
    await fc.assert(
      fc.asyncProperty(planArb, async ({ faults, sessions, workers, seed }) => {
        const run = await runRecorded(scenario(faults, sessions, workers), {
          seed,
          horizonMs: 3_600_000,
        });
        const started = new Set<string>();
        for (const e of run.events) {
          if (e.name === 'DispatchSessionStart') started.add(e.activityId);
          if (e.name === 'DispatchSessionFailed') expect(started.has(e.activityId)).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 80 },
    );
  });

  it('never fire a fault whose probability is 0', async () => {
    await fc.assert(
      fc.asyncProperty(planArb, async ({ faults, sessions, workers, seed }) => {
        const zeroed = faults.map((f) => ('probability' in f ? { ...f, probability: 0 } : f));
        const run = await runRecorded(scenario(zeroed, sessions, workers), {
          seed,
          horizonMs: 3_600_000,
        });
        for (const f of zeroed) {
          if ('probability' in f) expect(run.result.faultsFired[f.kind] ?? 0).toBe(0);
        }
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});
