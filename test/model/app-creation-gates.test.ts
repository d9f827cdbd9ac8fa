// When the listener adapter creates a WAS application in its mirror (domain §6.1, §6.3; WasHost
// createApp and startAlwaysRunning): only while its activator is not stopped, WAS is
// connected and, for TCP, port sharing is not stopped; until then nothing listens on its
// endpoint and its clients are refused. An AlwaysRunning pool starts a worker only for an
// application that is enabled.
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded } from '../helpers/run-recorded.js';

function scenario(patch: Partial<ScenarioInput>): ScenarioInput {
  return {
    name: 'app-creation-gates',
    appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
    apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
    workload: { sessions: 1, arrivals: { at: [10] } },
    ...patch,
  };
}

describe('the creation of a WAS application', () => {
  it('waits for a stopped Net.Tcp Listener Adapter: nothing listens and clients are refused', async () => {
    const run = await runRecorded(scenario({ services: { tcpActivator: 'stopped' } }));

    expect(run.outcomes.map((o) => o.kind)).toEqual(['connection-refused']);
    expect(run.events.filter((e) => e.name === 'TcpTransportListenerListeningStart')).toEqual([]);
  });

  it('waits for a stopped Net.Tcp Port Sharing Service', async () => {
    const run = await runRecorded(scenario({ services: { portSharing: 'stopped' } }));

    expect(run.outcomes.map((o) => o.kind)).toEqual(['connection-refused']);
  });

  it('waits for a stopped Net.Pipe Listener Adapter, for a pipe application', async () => {
    const run = await runRecorded(
      scenario({
        apps: [{ name: 'orders', baseAddress: 'net.pipe://localhost/orders/', appPool: 'P' }],
        services: { pipeActivator: 'stopped' },
      }),
    );

    expect(run.outcomes.map((o) => o.kind)).toEqual(['connection-refused']);
  });

  it.each(['tcpActivator', 'portSharing'] as const)(
    'does not wait for a stopped %s, for a pipe application',
    async (service) => {
      const run = await runRecorded(
        scenario({
          apps: [{ name: 'orders', baseAddress: 'net.pipe://localhost/orders/', appPool: 'P' }],
          services: { [service]: 'stopped' },
        }),
      );

      expect(run.outcomes.map((o) => o.kind)).toEqual(['dispatched']);
    },
  );

  it('is not done for a self-hosted service when a service restarts', async () => {
    // A restart creates the WAS applications again; the self-hosted queue stays as it was.
    const run = await runRecorded({
      name: 'restart-self-hosted',
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', hosting: 'self' }],
      workload: { sessions: 1, arrivals: { at: [50] } },
      faults: [{ kind: 'service-stop', service: 'pipeActivator', atMs: 20, restartAfterMs: 10 }],
    });

    expect(run.outcomes.map((o) => o.kind)).toEqual(['dispatched']);
  });

  it('waits for WAS when the activator restarts while WAS is away', async () => {
    // Arrange: WAS leaves at 10 ms and is back at 1000 ms; the Net.Tcp Listener Adapter is
    // stopped at 20 ms and restarts at 30 ms.
    const run = await runRecorded(
      scenario({
        workload: { sessions: 2, arrivals: { at: [40, 1100] } },
        faults: [
          { kind: 'was-disconnect', atMs: 10, reconnectAfterMs: 990 },
          { kind: 'service-stop', service: 'tcpActivator', atMs: 20, restartAfterMs: 10 },
        ],
      }),
    );

    // Assert: refused at 40 ms; created again when WAS is back.
    expect(run.outcomes.map((o) => [o.arrivedAtMs, o.kind])).toEqual([
      [40, 'connection-refused'],
      [1100, 'dispatched'],
    ]);
  });

  it('starts no AlwaysRunning worker for an application of a stopped pool', async () => {
    const run = await runRecorded(
      scenario({
        appPools: [
          { name: 'P', enabled: false, startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 },
        ],
      }),
    );

    expect(run.events.filter((e) => e.name === 'MessageQueueRegisterStart')).toEqual([]);
    expect(run.outcomes.map((o) => o.kind)).toEqual(['unavailable']);
  });

  it('starts no AlwaysRunning worker for an application whose protocol is not enabled', async () => {
    const run = await runRecorded(
      scenario({
        apps: [
          {
            name: 'orders',
            baseAddress: 'net.tcp://localhost/orders/',
            appPool: 'P',
            enabledProtocols: 'http',
          },
        ],
      }),
    );

    expect(run.events.filter((e) => e.name === 'MessageQueueRegisterStart')).toEqual([]);
  });
});
