// Registrations Active (domain §2.5; MessageQueue.OnRegisterCompleted, ActivatedMessageQueue
// .SetEnabledState): registered paths for self-hosted queues, enabled applications for WAS
// queues, never the number of worker processes.
import { describe, expect, it } from 'vitest';
import { runRecorded } from '../helpers/run-recorded.js';

const workload = { sessions: 4, arrivals: { fixed: { intervalMs: 10 } } };

describe('Registrations Active', () => {
  it('counts a WAS application once, however many workers its web garden has', async () => {
    const run = await runRecorded({
      name: 'garden',
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0 }],
      apps: [
        { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P', workers: 3 },
      ],
      workload,
    });

    expect(run.result.eventCounts['4015']).toBe(3);
    expect(run.result.counters.registrationsActive).toBe(1);
  });

  it('counts enabled WAS applications only: one whose protocol is blocked does not count', async () => {
    const run = await runRecorded({
      name: 'blocked',
      appPools: [{ name: 'P', startupMs: 0 }],
      apps: [
        { name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' },
        {
          name: 'billing',
          baseAddress: 'net.tcp://localhost/billing/',
          appPool: 'P',
          enabledProtocols: 'http, net.tcp',
        },
      ],
      workload: {
        ...workload,
        vias: [
          { via: 'net.tcp://localhost/orders/s.svc' },
          { via: 'net.tcp://localhost/billing/s.svc' },
        ],
      },
    });

    expect(run.result.counters.registrationsActive).toBe(1);
  });

  it('falls to 0 when the pool is stopped, with its workers still shutting down', async () => {
    const run = await runRecorded({
      name: 'stopped',
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload,
      faults: [{ kind: 'app-pool-stop', pool: 'P', atMs: 25 }],
    });

    expect(run.result.counters.registrationsActive).toBe(0);
  });

  it('counts the registered path of a self-hosted queue', async () => {
    const run = await runRecorded({
      name: 'self',
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', hosting: 'self' }],
      workload,
    });

    expect(run.result.counters.registrationsActive).toBe(1);
    expect(run.result.counters.urisRegistered).toBe(1);
  });

  it('does not count an application its stopped activator never created when its pool starts again', async () => {
    const run = await runRecorded({
      name: 'not-created',
      services: { tcpActivator: 'stopped' },
      appPools: [{ name: 'P', startupMs: 0 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: { sessions: 1, arrivals: { at: [500] } },
      faults: [{ kind: 'app-pool-stop', pool: 'P', atMs: 10, restartAfterMs: 100 }],
    });

    expect(run.result.counters.registrationsActive).toBe(0);
  });
});
