// Stopping one of SMSvcHost's services (fault `service-stop`, domain §6.3, §6.4): a listener
// adapter that stops closes all its listener channel instances (4023), deletes its
// transport's WAS applications (their pending sessions get EndpointUnavailable, their routes
// go: 4013) and unregisters its protocol (4022, hresult 0); the other transport is left alone.
// The Port Sharing Service takes the Net.TCP adapter with it and aborts the TCP queues' pending
// sessions. A stopped service stays stopped through a pause window, and a second stop finds
// nothing left to do.
import { describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../src/scenario/fault-schema.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import {
  outcomeReasons as outcomes,
  runRecorded,
  type RecordedRun,
} from '../helpers/run-recorded.js';

const ordersVia = 'net.tcp://localhost/orders/service.svc';
const filesVia = 'net.pipe://localhost/files/service.svc';

// orders (TCP) and files (pipe) in one AlwaysRunning pool; one registration each, so a
// second session waits while the first is dispatched (10 to 110 ms).
function machine(
  via: string,
  at: readonly number[],
  faults: readonly FaultRuleInput[],
  apps: ScenarioInput['apps'] = [ordersApp, filesApp],
): ScenarioInput {
  return {
    name: 'service-stop',
    appPools: [
      { name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 },
      { name: 'Q' },
    ],
    apps,
    workload: { sessions: at.length, arrivals: { at: [...at] }, vias: [{ via }] },
    faults: [...faults],
  };
}
const ordersApp = {
  name: 'orders',
  baseAddress: 'net.tcp://localhost/orders/',
  appPool: 'P',
  dispatchMs: 100,
};
const filesApp = {
  name: 'files',
  baseAddress: 'net.pipe://localhost/files/',
  appPool: 'P',
  dispatchMs: 100,
};

/** The adapter-wide events: [name, transport] for 4023 and 4022, [name, app] for 4013. */
const adapterEvents = (run: RecordedRun): unknown[][] =>
  run.events
    .filter((e) => e.id === 4023 || e.id === 4022 || e.id === 4013)
    .map((e) => [e.name, e.annotations.transport ?? e.annotations.app]);

describe('a listener adapter that stops', () => {
  it.each([
    ['pipeActivator', filesVia, 'pipe', 'files', 'Net.Pipe'],
    ['tcpActivator', ordersVia, 'tcp', 'orders', 'Net.Tcp'],
  ] as const)(
    '%s closes its own transport’s applications only',
    async (service, via, transport, app, adapter) => {
      const run = await runRecorded(
        machine(via, [10, 20], [{ kind: 'service-stop', service, atMs: 50 }]),
      );

      expect(adapterEvents(run)).toEqual([
        ['WasCloseAllListenerChannelInstancesCompleted', transport],
        ['MessageQueueUnregisterSucceeded', app],
        ['WebhostUnregisterProtocolFailed', transport],
      ]);
      expect(run.events.find((e) => e.id === 4022)?.payload).toMatchObject({ hresult: '0' });
      expect(outcomes(run)).toEqual([
        "dispatch-failed: F2: the application's listener channel closed during the callback (CommunicationObjectAbortedException)",
        `dropped-unavailable: the ${adapter} Listener Adapter stopped`,
      ]);
      // The waiting session is told EndpointUnavailable (3346) before its outcome.
      expect(
        run.events
          .filter((e) => e.id === 3346 && e.annotations.sessionId === 2)
          .map((e) => e.annotations.fault),
      ).toEqual(['EndpointUnavailable']);
    },
  );

  it('leaves the other transport’s applications served', async () => {
    const pipeStops = await runRecorded(
      machine(ordersVia, [10, 200], [{ kind: 'service-stop', service: 'pipeActivator', atMs: 50 }]),
    );
    const portSharingStops = await runRecorded(
      machine(filesVia, [10, 200], [{ kind: 'service-stop', service: 'portSharing', atMs: 50 }]),
    );

    expect(outcomes(pipeStops)).toEqual([
      'dispatched: the worker accepted the connection',
      'dispatched: the worker accepted the connection',
    ]);
    expect(outcomes(portSharingStops)).toEqual([
      'dispatched: the worker accepted the connection',
      'dispatched: the worker accepted the connection',
    ]);
  });

  it('unregisters its protocol (4022) even when none of its transport’s applications is WAS-hosted, on a machine with WAS', async () => {
    // ListenerAdapterBase.Close calls WebhostUnregisterProtocol whatever it hosts (domain
    // §6.3): no pipe application at all beside a WAS one on TCP. A machine with a
    // self-hosted application only is modelled without WAS (no 4026 at start): nothing.
    const noPipeApp = await runRecorded(
      machine(
        ordersVia,
        [10, 100],
        [{ kind: 'service-stop', service: 'pipeActivator', atMs: 50 }],
        [ordersApp],
      ),
    );
    const selfHostedOnly = await runRecorded(
      machine(
        ordersVia,
        [10, 100],
        [{ kind: 'service-stop', service: 'tcpActivator', atMs: 50 }],
        [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', hosting: 'self' }],
      ),
    );

    expect(adapterEvents(noPipeApp)).toEqual([['WebhostUnregisterProtocolFailed', 'pipe']]);
    expect(adapterEvents(selfHostedOnly)).toEqual([]);
    expect(selfHostedOnly.events.filter((e) => e.id === 4026)).toEqual([]);
    expect(outcomes(selfHostedOnly)[1]).toBe('dispatched: the worker accepted the connection');
  });

  it('asks WAS to close the instances of each application that has some (4023), and only those', async () => {
    // orders and billing run in the AlwaysRunning pool P; archive's OnDemand pool never
    // started, so archive is removed at once (domain §6.3: "apps without running instances
    // removed at once; others closed via WAS (4023/4024)").
    const run = await runRecorded(
      machine(
        ordersVia,
        [10],
        [{ kind: 'service-stop', service: 'tcpActivator', atMs: 50 }],
        [
          ordersApp,
          { ...ordersApp, name: 'billing', baseAddress: 'net.tcp://localhost/billing/' },
          { name: 'archive', baseAddress: 'net.tcp://localhost/archive/', appPool: 'Q' },
        ],
      ),
    );

    expect(
      run.events
        .filter((e) => e.id === 4023 || e.id === 4022 || e.id === 4013)
        .map((e) => [e.id, e.annotations.app ?? e.annotations.transport]),
    ).toEqual([
      [4023, 'orders'],
      [4023, 'billing'],
      [4013, 'orders'],
      [4013, 'billing'],
      [4013, 'archive'],
      [4022, 'tcp'],
    ]);
  });

  it('is stopped once: a second stop of the same service emits nothing more', async () => {
    const run = await runRecorded(
      machine(
        filesVia,
        [10, 100],
        [
          { kind: 'service-stop', service: 'pipeActivator', atMs: 50 },
          { kind: 'service-stop', service: 'pipeActivator', atMs: 60 },
        ],
      ),
    );

    expect(adapterEvents(run).map(([name]) => name)).toEqual([
      'WasCloseAllListenerChannelInstancesCompleted',
      'MessageQueueUnregisterSucceeded',
      'WebhostUnregisterProtocolFailed',
    ]);
  });
});

describe('the Net.TCP Port Sharing Service that stops', () => {
  it('stops the Net.TCP adapter first, then aborts the sessions waiting in the self-hosted queues', async () => {
    // NetTcpActivator depends on NetTcpPortSharing, so Windows stops it first: the WAS
    // application is deleted (EndpointUnavailable, domain §6.3); MessageQueue.CloseAll then
    // closes what is left (abort, no fault, §3.4).
    const stop = [{ kind: 'service-stop', service: 'portSharing', atMs: 50 }] as const;
    const was = await runRecorded(machine(ordersVia, [10, 20], stop));
    const selfHosted = await runRecorded(
      machine(ordersVia, [10, 20], stop, [
        {
          name: 'orders',
          baseAddress: 'net.tcp://localhost/orders/',
          hosting: 'self',
          dispatchMs: 100,
        },
      ]),
    );

    expect(outcomes(was)[1]).toBe('dropped-unavailable: the Net.Tcp Listener Adapter stopped');
    expect(adapterEvents(was).map(([name]) => name)).toEqual([
      'WasCloseAllListenerChannelInstancesCompleted',
      'MessageQueueUnregisterSucceeded',
      'WebhostUnregisterProtocolFailed',
    ]);
    expect(outcomes(selfHosted)[1]).toBe(
      'dropped-aborted: the self-hosted queue closed: its last worker left',
    );
  });

  it('starts the Net.TCP adapter again with it, which the pipe adapter’s start does not', async () => {
    // At 50 ms the Net.TCP adapter stops (with port sharing, or on its own beside the pipe
    // adapter); at 100 ms port sharing, or the pipe adapter, starts again. A session at 300 ms.
    const portSharing = await runRecorded(
      machine(
        ordersVia,
        [300],
        [{ kind: 'service-stop', service: 'portSharing', atMs: 50, restartAfterMs: 50 }],
      ),
    );
    const pipe = await runRecorded(
      machine(
        ordersVia,
        [300],
        [
          { kind: 'service-stop', service: 'tcpActivator', atMs: 50 },
          { kind: 'service-stop', service: 'pipeActivator', atMs: 50, restartAfterMs: 50 },
        ],
      ),
    );

    expect(outcomes(portSharing)).toEqual(['dispatched: the worker accepted the connection']);
    expect(outcomes(pipe)).toEqual([
      'connection-refused: nothing listens on the endpoint of the via: the Net.Tcp Listener Adapter is stopped',
    ]);
  });
});

describe('a listener adapter that starts again', () => {
  it.each(['pipeActivator', 'portSharing'] as const)(
    'connects to WAS again (4026) when %s starts (port sharing starts the Net.TCP adapter)',
    async (service) => {
      const run = await runRecorded(
        machine(
          ordersVia,
          [300],
          [{ kind: 'service-stop', service, atMs: 50, restartAfterMs: 50 }],
        ),
      );

      expect(run.events.filter((e) => e.id === 4026).map((e) => e.atMs)).toEqual([0, 100]);
    },
  );

  it('does not connect on a machine without WAS applications', async () => {
    const run = await runRecorded(
      machine(
        ordersVia,
        [300],
        [{ kind: 'service-stop', service: 'tcpActivator', atMs: 50, restartAfterMs: 50 }],
        [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', hosting: 'self' }],
      ),
    );

    expect(run.events.filter((e) => e.id === 4026 || e.id === 4022)).toEqual([]);
  });

  it('does not connect while WAS itself is away', async () => {
    const run = await runRecorded(
      machine(
        filesVia,
        [400],
        [
          { kind: 'was-disconnect', atMs: 20, reconnectAfterMs: 200 },
          { kind: 'service-stop', service: 'pipeActivator', atMs: 50, restartAfterMs: 50 },
        ],
      ),
    );

    expect(run.events.filter((e) => e.id === 4026).map((e) => e.atMs)).toEqual([0, 220]);
  });
});

describe('a stopped adapter in a pause window', () => {
  it('stays stopped when the window ends', async () => {
    // Stopped at 50 ms, paused from 100 to 150 ms; WAS reconnects at 300 ms: the stopped
    // adapter creates no application, so the session at 400 ms finds nothing listening.
    const run = await runRecorded(
      machine(
        filesVia,
        [400],
        [
          { kind: 'service-stop', service: 'pipeActivator', atMs: 50 },
          { kind: 'service-pause', service: 'pipeActivator', fromMs: 100, toMs: 150 },
          { kind: 'was-disconnect', atMs: 200, reconnectAfterMs: 100 },
        ],
      ),
    );

    expect(outcomes(run)[0]).toMatch(/^connection-refused/);
  });
});
