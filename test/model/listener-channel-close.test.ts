// When an application leaves WAS's configuration (its listener adapter stops, WAS goes), its
// listener channel closes in every process of its pool; a process left hosting nothing exits,
// which is not a failure for rapid-fail protection, and one still hosting another application
// keeps serving it (domain §6.3).
import { describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../src/scenario/fault-schema.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import {
  runRecorded,
  type RecordedRun,
  registrations as registered,
} from '../helpers/run-recorded.js';

const orders = 'net.tcp://localhost/orders/service.svc';

// One AlwaysRunning pool whose process comes up at 100 ms; sessions to orders at `at`.
function pool(
  apps: ScenarioInput['apps'],
  faults: readonly FaultRuleInput[],
  at: readonly number[],
): ScenarioInput {
  return {
    name: 'listener-channel-close',
    appPools: [
      {
        name: 'Shared',
        startMode: 'AlwaysRunning',
        startupMs: 100,
        idleTimeoutMs: 0,
        rapidFailProtection: { maxFailures: 1 },
      },
    ],
    apps,
    workload: { sessions: at.length, arrivals: { at: [...at] }, vias: [{ via: orders }] },
    faults: [...faults],
  };
}

const ordersApp = {
  name: 'orders',
  baseAddress: 'net.tcp://localhost/orders/',
  appPool: 'Shared',
  dispatchMs: 5,
};
const filesApp = {
  name: 'files',
  baseAddress: 'net.pipe://localhost/files/',
  appPool: 'Shared',
  dispatchMs: 5,
};

/** Each session's outcome and the pid of the worker it was dispatched to (4008). */
const servedBy = (run: RecordedRun): unknown[][] =>
  [...run.outcomes]
    .sort((a, b) => a.sessionId - b.sessionId)
    .map((o) => [
      o.kind,
      run.events.find((e) => e.id === 4008 && e.annotations.sessionId === o.sessionId)?.annotations
        .pid,
    ]);

describe('an application leaving WAS closes its listener channel', () => {
  it('keeps a process that still hosts another application serving it', async () => {
    const run = await runRecorded(
      pool(
        [ordersApp, filesApp],
        [{ kind: 'service-stop', service: 'pipeActivator', atMs: 300 }],
        [200, 400, 600],
      ),
    );

    expect(servedBy(run)).toEqual([
      ['dispatched', 4004],
      ['dispatched', 4004],
      ['dispatched', 4004],
    ]);
    expect(registered(run)).toEqual([
      ['orders', 4004, 100],
      ['files', 4004, 100],
    ]);
  });

  it('ends a process left with nothing to host, without counting a failure', async () => {
    // The Net.TCP activator stops at 300 ms and starts again at 500 ms: the old process has
    // exited, so WAS launches a new one; rapid-fail protection (one failure) stays quiet.
    const run = await runRecorded(
      pool(
        [ordersApp],
        [{ kind: 'service-stop', service: 'tcpActivator', atMs: 300, restartAfterMs: 200 }],
        [200, 700],
      ),
    );

    expect(registered(run)).toEqual([
      ['orders', 4004, 100],
      ['orders', 4008, 600],
    ]);
    expect(servedBy(run)).toEqual([
      ['dispatched', 4004],
      ['dispatched', 4008],
    ]);
  });

  it('ends a process still starting when its only application leaves', async () => {
    // The activator stops at 50 ms, while the pool's first process is starting (up at 100).
    const run = await runRecorded(
      pool(
        [ordersApp],
        [{ kind: 'service-stop', service: 'tcpActivator', atMs: 50, restartAfterMs: 100 }],
        [300],
      ),
    );

    expect(registered(run)).toEqual([['orders', 4008, 250]]);
    expect(servedBy(run)).toEqual([['dispatched', 4008]]);
  });
});
