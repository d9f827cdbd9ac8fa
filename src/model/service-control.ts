// ServiceControl: pausing, stopping and restarting the SMSvcHost services (domain §4.3,
// §6.3, §6.4). Paused: their queues answer EndpointUnavailable. Stopped: NetTcpPortSharing
// closes every TCP queue (pending sessions aborted) and takes NetTcpActivator with it
// (which depends on it; Windows would stop the activator first, which is not modelled); an
// activator closes through WAS each application with running instances (4023), removes the
// others, and unregisters its protocol (4022), whatever it hosts. A restarted adapter
// connects to WAS again (4026).

import { NO_PAYLOAD } from '../events/event-bus.js';
import type { ServiceName } from './service-name.js';
import type { Registrar } from './registrar.js';
import type { SelfHost } from './self-host.js';
import type { WasHost } from './was-host.js';
import type { AppRuntime, World } from './world.js';

/** Changes service states and applies their effects. */
export class ServiceControl {
  readonly #world: World;
  readonly #was: WasHost;
  readonly #self: SelfHost;
  readonly #registrar: Registrar;

  /**
   * @param world - the machine
   * @param was - the WAS host
   * @param self - the self-hosted services
   * @param registrar - closes queues
   */
  constructor(world: World, was: WasHost, self: SelfHost, registrar: Registrar) {
    this.#world = world;
    this.#was = was;
    this.#self = self;
    this.#registrar = registrar;
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
      // The Net.TCP adapter stops with it, closing through WAS the applications that had
      // running instances before CloseAll took their workers.
      const running = this.#withInstances(this.#appsOf('tcp', 'was'));
      // MessageQueue.CloseAll: every TCP queue closes and its pending sessions are aborted;
      // self-hosted workers lose their control channel and fall into reconnect back-off.
      for (const app of this.#appsOf('tcp', 'self')) {
        for (const worker of [...app.workers]) {
          if (worker.isRegistered) this.#self.controlChannelLost(app, worker);
        }
      }
      for (const app of this.#appsOf('tcp', 'was')) {
        this.#registrar.closeQueue(
          app,
          'dropped-aborted',
          'the Net.Tcp Port Sharing Service stopped',
        );
      }
      this.#stopActivator('tcp', running);
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
    if (world.wasConnected) world.bus.emit('WasConnected', NO_PAYLOAD, {});
    this.#was.receiveConfiguration();
  }

  // An adapter stops (domain §6.3): the applications with running instances (`running`, by
  // default those with a registered worker now) are closed through WAS, 4023 each; the others
  // are removed at once. The wait for WAS's "all instances stopped" is not modelled: every
  // application is deleted now.
  #stopActivator(
    transport: 'tcp' | 'pipe',
    running: readonly AppRuntime[] = this.#withInstances(this.#appsOf(transport, 'was')),
  ): void {
    const world = this.#world;
    const name = transport === 'tcp' ? 'tcpActivator' : 'pipeActivator';
    const apps = this.#appsOf(transport, 'was');
    world.services[name] = 'stopped';
    for (const app of running) {
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
    // event is written whatever the result, even hresult 0 (domain §2.1 quirk).
    world.bus.emit('WebhostUnregisterProtocolFailed', { hresult: '0' }, { transport });
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
