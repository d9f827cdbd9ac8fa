// Worker lifecycle under WAS and self-hosting (domain §6.1-§6.4): idle shutdown, identities
// outside allowAccounts, registration faults, service stops, and the net.pipe variants.
import { describe, expect, it } from 'vitest';
import { activityIds, outcomeOf, runRecorded } from '../helpers/run-recorded.js';

const tcpVia = 'net.tcp://localhost/orders/service.svc';
const pipeVia = 'net.pipe://localhost/orders/service.svc';

describe('worker lifecycle', () => {
  it('shuts an idle WAS worker down and launches a new one for the next session', async () => {
    const run = await runRecorded({
      name: 'idle',
      appPools: [{ name: 'P', startupMs: 100, idleTimeoutMs: 1000 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: { sessions: 2, arrivals: { at: [0, 5000] }, vias: [{ via: tcpVia }] },
    });
    const registered = run.events.filter((e) => e.name === 'MessageQueueRegisterCompleted');
    expect(registered.map((e) => [e.atMs, e.annotations.workerId])).toEqual([
      [100, 1],
      [5100, 2],
    ]);
    expect(run.outcomes.map((o) => [o.kind, o.atMs])).toEqual([
      ['dispatched', 101],
      ['dispatched', 5101],
    ]);
  });

  it('ends the run when an idle deadline is not exactly representable (no re-arm at the same instant)', async () => {
    // (500.004 + 0.003) - 500.004 < 0.003 in floating point: the idle check once re-armed
    // the timer at its own instant forever, and the run never ended.
    const run = await runRecorded({
      name: 'idle-rounding',
      appPools: [{ name: 'P', idleTimeoutMs: 0.003 }],
      apps: [
        {
          name: 'orders',
          baseAddress: 'net.tcp://localhost/orders/',
          appPool: 'P',
          dispatchMs: 0.004,
        },
      ],
      workload: { sessions: 2, arrivals: { at: [0, 600] }, vias: [{ via: tcpVia }] },
    });
    expect(run.outcomes.map((o) => o.kind)).toEqual(['dispatched', 'dispatched']);
    // The first worker idled out after its dispatch; the second session launched another.
    const registered = run.events.filter((e) => e.name === 'MessageQueueRegisterCompleted');
    expect(registered.map((e) => e.annotations.workerId)).toEqual([1, 2]);
  });

  it('completes a registration before the new worker takes a session, so an F1 at once cannot leave an exited worker registered', async () => {
    // dupHandleMs 0 (the default): the first dispatch to a cold worker fails as soon as the
    // worker joins the queue. It once did so inside Register: 4015 came after the 4031, the
    // exited worker stayed registered and, with no idle timeout, nothing was dispatched again.
    const run = await runRecorded({
      name: 'f1-cold-worker',
      appPools: [{ name: 'P', idleTimeoutMs: 0 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: {
        sessions: 3,
        arrivals: { fixed: { intervalMs: 1000 } },
        vias: [{ via: tcpVia }],
      },
      faults: [{ kind: 'duplicate-handle-failure', nthSession: 1 }],
    });
    expect(run.outcomes.map((o) => o.kind)).toEqual([
      'dispatch-failed',
      'dispatched',
      'dispatched',
    ]);
    const worker1 = run.events
      .filter((e) => e.annotations.workerId === 1 || e.annotations.sessionId === 1)
      .map((e) => e.id)
      .filter((id) => [4015, 4008, 4016, 4031].includes(id));
    expect(worker1).toEqual([4015, 4008, 4016, 4031]);
    expect(run.result.counters.registrationsActive).toBe(1);
  });

  it('dispatches the first session after a protocol-disabled window in which a worker registered and left', async () => {
    // The worker registers inside the window and idles out; WAS's "can open a new instance"
    // was once ignored while the app was disabled, so the queue stayed Connected with no
    // worker and the session after the window was never dispatched (sim.stalled).
    const run = await runRecorded({
      name: 'register-in-window',
      appPools: [{ name: 'P', startupMs: 100, idleTimeoutMs: 1 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: { sessions: 2, arrivals: { at: [0, 2000] }, vias: [{ via: tcpVia }] },
      faults: [{ kind: 'protocol-disabled', fromMs: 50, toMs: 1000 }],
    });
    expect(run.outcomes.map((o) => [o.kind, o.atMs])).toEqual([
      ['dropped-unavailable', 50],
      ['dispatched', 2101],
    ]);
  });

  it('restarts an AlwaysRunning worker recycled during a protocol-disabled window once the window ends', async () => {
    const run = await runRecorded({
      name: 'recycle-in-window',
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 100, idleTimeoutMs: 0 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: { sessions: 1, arrivals: { at: [2000] }, vias: [{ via: tcpVia }] },
      faults: [
        { kind: 'protocol-disabled', fromMs: 200, toMs: 1000 },
        { kind: 'app-pool-recycle', pool: 'P', atMs: 300, overlapped: false, shutdownMs: 100 },
      ],
    });
    const registered = run.events.filter((e) => e.name === 'MessageQueueRegisterCompleted');
    expect(registered.map((e) => [e.atMs, e.annotations.workerId])).toEqual([
      [100, 1],
      [1100, 2],
    ]);
    expect(run.outcomes.map((o) => [o.kind, o.atMs])).toEqual([['dispatched', 2001]]);
  });

  it('launches an AlwaysRunning pool’s worker as soon as the pool is started again', async () => {
    const run = await runRecorded({
      name: 'always-running-restart',
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 100, idleTimeoutMs: 0 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: { sessions: 1, arrivals: { at: [5000] }, vias: [{ via: tcpVia }] },
      // The stopped pool's worker exits at 1500; the pool starts again at 2500.
      faults: [{ kind: 'app-pool-stop', pool: 'P', atMs: 500, restartAfterMs: 2000 }],
    });
    const registered = run.events.filter((e) => e.name === 'MessageQueueRegisterCompleted');
    expect(registered.map((e) => e.atMs)).toEqual([100, 2600]);
    expect(run.outcomes.map((o) => [o.kind, o.atMs])).toEqual([['dispatched', 5001]]);
  });

  it('never registers a worker whose identity allowAccounts does not cover', async () => {
    const run = await runRecorded({
      name: 'identity',
      appPools: [
        {
          name: 'P',
          startupMs: 100,
          identityAllowed: false,
          rapidFailProtection: { enabled: false },
        },
      ],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: { sessions: 1, vias: [{ via: tcpVia }] },
    });
    expect(run.result.eventCounts['3364'] ?? 0).toBe(0);
    expect(run.result.eventCounts['4011'] ?? 0).toBe(0);
    // Seven launches fail, the queue faults and drops the session.
    expect(outcomeOf(run, 1).kind).toBe('dropped-unavailable');
  });

  it('aborts a registration with 4012 and fails one with 4014 + 3366', async () => {
    const run = await runRecorded({
      name: 'registration',
      appPools: [{ name: 'P', startupMs: 10 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: { sessions: 1, vias: [{ via: tcpVia }] },
      faults: [
        { kind: 'registration-failure', nthSession: 1, status: 'InvalidArgument', abort: true },
        { kind: 'registration-failure', nthSession: 2, status: 'VersionUnsupported' },
      ],
    });
    const ids = run.events.filter((e) => [3364, 3365, 3366, 4011, 4012, 4014, 4015].includes(e.id));
    expect(ids.map((e) => e.id)).toEqual([
      3364, 4011, 4012, 3364, 4011, 4014, 3366, 3364, 4011, 4015, 3365,
    ]);
    expect(ids.find((e) => e.id === 4012)?.message).toBe(
      "Message queue registration aborted with status:'InvalidArgument' for uri:'net.tcp://localhost/orders/'.",
    );
    expect(outcomeOf(run, 1).kind).toBe('dispatched');
  });

  it('closes every TCP queue when the port sharing service stops and refuses new connections', async () => {
    const run = await runRecorded({
      name: 'stop',
      apps: [
        {
          name: 'orders',
          baseAddress: 'net.tcp://localhost/orders/',
          hosting: 'self',
          dispatchMs: 100,
        },
      ],
      workload: { sessions: 3, arrivals: { at: [0, 10, 500] }, vias: [{ via: tcpVia }] },
      faults: [{ kind: 'service-stop', service: 'portSharing', atMs: 50 }],
    });
    expect(run.outcomes.map((o) => o.kind)).toEqual([
      'dispatch-failed',
      'dropped-aborted',
      'connection-refused',
    ]);
    expect(run.result.eventCounts['4013']).toBe(1);
  });

  it('re-registers a self-hosted worker once the port sharing service is back', async () => {
    const run = await runRecorded({
      name: 'restart',
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', hosting: 'self' }],
      workload: { sessions: 2, arrivals: { at: [0, 100_000] }, vias: [{ via: tcpVia }] },
      faults: [{ kind: 'service-stop', service: 'portSharing', atMs: 10, restartAfterMs: 20_000 }],
    });
    // Back-off 30 s (service still stopped? no: back at 20 s) → registers at 30 010 ms.
    const registered = run.events
      .filter((e) => e.name === 'MessageQueueRegisterCompleted')
      .map((e) => e.atMs);
    expect(registered).toEqual([0, 30_010]);
    expect(outcomeOf(run, 2).kind).toBe('dispatched');
  });

  it('dispatches net.pipe sessions without 4016/4019 and writes Event Log 9 on a 4031', async () => {
    const run = await runRecorded({
      name: 'pipe',
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0 }],
      apps: [{ name: 'orders', baseAddress: 'net.pipe://localhost/orders/', appPool: 'P' }],
      workload: { sessions: 3, vias: [{ via: pipeVia }] },
      faults: [{ kind: 'duplicate-handle-failure', nthSession: 2 }],
    });
    expect(run.events.slice(0, 3).map((e) => e.id)).toEqual([4026, 4028, 4029]);
    expect(activityIds(run, 1)).toEqual([4001, 4008, 4030]);
    expect(activityIds(run, 2)).toEqual([4001, 4008, 4031]);
    expect(run.eventLog.map((e) => [e.id, e.name])).toEqual([
      [9, 'MessageQueueDuplicatedPipeLeak'],
    ]);
    expect(outcomeOf(run, 2).client.fault).toBe('ConnectionDispatchFailed');
    expect(run.result.countersByTransport.pipe.connectionsDispatched).toBe(2);
  });

  it('refuses connections beyond the acceptor limit and the listen backlog', async () => {
    const run = await runRecorded({
      name: 'backlog',
      config: { maxPendingConnections: 1, listenBacklog: 1 },
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: {
        sessions: 3,
        arrivals: { at: [0, 0, 0] },
        preambleMs: 100,
        vias: [{ via: tcpVia }],
      },
    });
    expect(run.outcomes.map((o) => o.kind)).toEqual([
      'connection-refused',
      'dispatched',
      'dispatched',
    ]);
    // Session 2 reaches the limit (1419), and so does session 3 when it leaves the backlog.
    expect(run.result.eventCounts['1419']).toBe(2);
    expect(run.result.counters.connectionsAccepted).toBe(2);
  });

  it('launches again after a pool stopped mid-launch is started again', async () => {
    const run = await runRecorded({
      name: 'pool-restart',
      appPools: [{ name: 'P', startupMs: 500 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: { sessions: 2, arrivals: { at: [0, 2000] }, vias: [{ via: tcpVia }] },
      faults: [{ kind: 'app-pool-stop', pool: 'P', atMs: 100, restartAfterMs: 900 }],
    });
    expect(run.outcomes.map((o) => [o.kind, o.atMs])).toEqual([
      ['dropped-unavailable', 100],
      ['dispatched', 2501],
    ]);
  });

  it('starts the new worker of an AlwaysRunning pool right after a non-overlapped recycle', async () => {
    const run = await runRecorded({
      name: 'always-running',
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 100, idleTimeoutMs: 0 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: { sessions: 1, arrivals: { at: [5000] }, vias: [{ via: tcpVia }] },
      faults: [
        { kind: 'app-pool-recycle', pool: 'P', atMs: 1000, overlapped: false, shutdownMs: 200 },
      ],
    });
    const registered = run.events.filter((e) => e.name === 'MessageQueueRegisterCompleted');
    expect(registered.map((e) => [e.atMs, e.annotations.workerId])).toEqual([
      [100, 1],
      [1300, 2],
    ]);
  });
});
