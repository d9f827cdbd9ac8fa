// The timed faults of a plan (domain §6, §7; world-faults.ts): each acts at its instant on the
// applications or pool it targets and no other, a window ends at its `toMs`, a stop restarts
// `restartAfterMs` after its `atMs`, and each counts once in `faultsFired` when it happens.
import { describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../src/scenario/fault-schema.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded, type RecordedRun } from '../helpers/run-recorded.js';

const orders = 'net.tcp://localhost/orders/service.svc';
const billing = 'net.tcp://localhost/billing/service.svc';

// Two WAS applications in two pools; one session to each every 100 ms from 50 ms.
function scenario(faults: readonly FaultRuleInput[], sessions = 6): ScenarioInput {
  return {
    name: 'timed-fault-windows',
    appPools: [
      { name: 'A', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 },
      { name: 'B', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 },
    ],
    apps: [
      { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'A' },
      { name: 'billing', baseAddress: 'net.tcp://localhost/billing/', appPool: 'B' },
    ],
    workload: {
      sessions,
      startMs: 50,
      arrivals: { fixed: { intervalMs: 50 } },
      vias: [{ via: orders }, { via: billing }],
    },
    faults: [...faults],
  };
}

/** Each session as `arrival app kind`, in arrival order. */
const fates = (run: RecordedRun): string[] =>
  [...run.outcomes]
    .sort((a, b) => a.sessionId - b.sessionId)
    .map((o) => `${o.arrivedAtMs} ${o.via.includes('orders') ? 'orders' : 'billing'} ${o.kind}`);

// Seed 1 draws the vias as: 50 orders, 100 billing, 150 billing, 200 orders, 250 billing,
// 300 billing, 350 billing, 400 billing, 450 orders, 500 billing.
describe('a timed fault', () => {
  it('pauses only the application it targets, until the end of its window', async () => {
    const run = await runRecorded(
      scenario([{ kind: 'queue-paused', target: { app: 'billing' }, fromMs: 0, toMs: 200 }]),
    );

    expect(fates(run)).toEqual([
      '50 orders dispatched',
      '100 billing unavailable',
      '150 billing unavailable',
      '200 orders dispatched',
      '250 billing dispatched',
      '300 billing dispatched',
    ]);
    expect(run.result.faultsFired).toEqual({ 'queue-paused': 1 });
  });

  it('pauses the applications of the pool it targets', async () => {
    const run = await runRecorded(scenario([{ kind: 'queue-paused', target: { pool: 'A' } }]));

    expect(fates(run)).toEqual([
      '50 orders unavailable',
      '100 billing dispatched',
      '150 billing dispatched',
      '200 orders unavailable',
      '250 billing dispatched',
      '300 billing dispatched',
    ]);
  });

  it('starts a stopped pool again restartAfterMs after the stop', async () => {
    const run = await runRecorded(
      scenario([{ kind: 'app-pool-stop', pool: 'A', atMs: 60, restartAfterMs: 300 }], 10),
    );

    // Pool A is stopped from 60 ms to 360 ms; its AlwaysRunning worker starts again at once.
    expect(fates(run)).toEqual([
      '50 orders dispatched',
      '100 billing dispatched',
      '150 billing dispatched',
      '200 orders unavailable',
      '250 billing dispatched',
      '300 billing dispatched',
      '350 billing dispatched',
      '400 billing dispatched',
      '450 orders dispatched',
      '500 billing dispatched',
    ]);
    expect(run.result.faultsFired).toEqual({ 'app-pool-stop': 1 });
  });

  it('resumes a paused service at the end of its window', async () => {
    const run = await runRecorded(
      scenario([{ kind: 'service-pause', service: 'portSharing', fromMs: 60, toMs: 160 }]),
    );

    expect(fates(run)).toEqual([
      '50 orders dispatched',
      '100 billing unavailable',
      '150 billing unavailable',
      '200 orders dispatched',
      '250 billing dispatched',
      '300 billing dispatched',
    ]);
    expect(run.result.faultsFired).toEqual({ 'service-pause': 1 });
  });

  it('enables a disabled protocol again at the end of its window', async () => {
    const run = await runRecorded(
      scenario([{ kind: 'protocol-disabled', target: { app: 'billing' }, fromMs: 60, toMs: 200 }]),
    );

    expect(fates(run)).toEqual([
      '50 orders dispatched',
      '100 billing unavailable',
      '150 billing unavailable',
      '200 orders dispatched',
      '250 billing dispatched',
      '300 billing dispatched',
    ]);
    expect(run.outcomes.find((o) => o.kind === 'unavailable')?.reason).toBe(
      'the protocol net.tcp is not in enabledProtocols (requests blocked)',
    );
  });

  it('leaves a self-hosted service alone when it disables a protocol', async () => {
    const run = await runRecorded({
      name: 'protocol-disabled-self-hosted',
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', hosting: 'self' }],
      workload: { sessions: 3, arrivals: { at: [10, 20, 30] } },
      faults: [{ kind: 'protocol-disabled', fromMs: 0 }],
    });

    expect(run.outcomes.map((o) => o.kind)).toEqual(['dispatched', 'dispatched', 'dispatched']);
  });
});
