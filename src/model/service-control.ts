// ServiceControl: pausing, stopping and restarting the SMSvcHost services (domain §4.3,
// §6.3, §6.4). Paused: their queues answer EndpointUnavailable. Stopped: NetTcpActivator
// depends on NetTcpPortSharing, so Windows stops it first; then port sharing closes the TCP
// queues left (MessageQueue.CloseAll: pending sessions aborted). An activator closes through
// WAS each application with running instances (4023), removes the others (their pending
// sessions get EndpointUnavailable), and unregisters its protocol (4022), whatever it hosts.
// A restarted adapter connects to WAS again (4026).

import { NO_PAYLOAD } from '../events/event-bus.js';
import type { ServiceName } from './service-name.js';
import type { SelfHost } from './self-host.js';
import type { WasHost } from './was-host.js';
import type { AppRuntime, World } from './world.js';

/** Changes service states and applies their effects. */
export class ServiceControl {
  readonly #world: World;
  readonly #was: WasHost;
  readonly #self: SelfHost;

  /**
   * @param world - the machine
   * @param was - the WAS host
   * @param self - the self-hosted services
   */
  constructor(world: World, was: WasHost, self: SelfHost) {
    this.#world = world;
    this.#was = was;
    this.#self = self;
  }

  /**
   * @param service - the service to pause or resume
   * @param paused - true to pause, false to resume
   */
  setPaused(service: ServiceName, paused: boolean): void {
    const state = this.#world.services[service];
    if (state === 'stopped') return;
    this.#world.services[service] = paused ? 'paused' : 'running';
  }

  /** @param service - the service to stop */
  stop(service: ServiceName): void {
    const world = this.#world;
    if (world.services[service] === 'stopped') return;
    world.services[service] = 'stopped';
    if (service === 'portSharing') {
      // Windows stops the services that depend on it first: the Net.TCP adapter closes its
      // WAS applications (their pending sessions get EndpointUnavailable). Then
      // MessageQueue.CloseAll closes what is left, the self-hosted queues: their pending
      // sessions are aborted, and their workers lose their control channel and fall into
      // reconnect back-off.
      if (world.services.tcpActivator !== 'stopped') this.#stopActivator('tcp');
      for (const app of this.#appsOf('tcp', 'self')) {
        for (const worker of [...app.workers]) {
          if (worker.isRegistered) this.#self.controlChannelLost(app, worker);
        }
      }
    } else {
      this.#stopActivator(service === 'tcpActivator' ? 'tcp' : 'pipe');
    }
  }

  /** @param service - the service to start again */
  restart(service: ServiceName): void {
    const world = this.#world;
    world.services[service] = 'running';
    if (service === 'portSharing' && world.services.tcpActivator === 'stopped') {
      world.services.tcpActivator = 'running';
    }
    // The adapter connects to WAS again (4026, the config manager's connected callback) and
    // receives the configuration, as on a reconnect; not while WAS itself is away.
    if (world.wasConnected && this.#hasWas()) world.bus.emit('WasConnected', NO_PAYLOAD, {});
    this.#was.receiveConfiguration();
  }

  // An adapter stops (domain §6.3): the applications with running instances (a registered
  // worker) are closed through WAS, 4023 each; the others are removed at once. The wait for
  // WAS's "all instances stopped" is not modelled: every application is deleted now.
  #stopActivator(transport: 'tcp' | 'pipe'): void {
    const world = this.#world;
    const name = transport === 'tcp' ? 'tcpActivator' : 'pipeActivator';
    const apps = this.#appsOf(transport, 'was');
    world.services[name] = 'stopped';
    for (const app of this.#withInstances(apps)) {
      world.bus.emit('WasCloseAllListenerChannelInstancesCompleted', NO_PAYLOAD, {
        transport,
        app: app.name,
      });
    }
    for (const app of apps) {
      this.#was.deleteApp(
        app,
        `the ${transport === 'tcp' ? 'Net.Tcp' : 'Net.Pipe'} Listener Adapter stopped`,
      );
    }
    // ListenerAdapterBase.Close unregisters the protocol whatever the adapter hosts, and the
    // event is written whatever the result, even hresult 0 (domain §2.1 quirk). A machine
    // without WAS applications is modelled without WAS at all (no 4026 at start either).
    if (this.#hasWas()) {
      world.bus.emit('WebhostUnregisterProtocolFailed', { hresult: '0' }, { transport });
    }
  }

  // Whether the machine has WAS: the model connects the adapters to it only for WAS
  // applications (WasHost.start).
  #hasWas(): boolean {
    return this.#was.apps().length > 0;
  }

  // The applications whose queue has a registered worker: a running listener channel instance.
  #withInstances(apps: readonly AppRuntime[]): AppRuntime[] {
    return apps.filter((app) => (app.queue?.workers.size ?? 0) > 0);
  }

  #appsOf(transport: 'tcp' | 'pipe', hosting: 'self' | 'was'): AppRuntime[] {
    return [...this.#world.apps.values()].filter(
      (app) => app.transport === transport && app.hosting === hosting,
    );
  }
}
