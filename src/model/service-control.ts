// ServiceControl: pausing, stopping and restarting the SMSvcHost services (domain §4.3,
// §6.3, §6.4). Paused: their queues answer EndpointUnavailable. Stopped: NetTcpPortSharing
// closes every TCP queue (pending sessions aborted) and takes NetTcpActivator with it
// (which depends on it); an activator closes its applications (4023, then 4022).

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
      this.#stopActivator('tcp');
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
    // The adapter connects to WAS again and receives the configuration, as on a reconnect.
    this.#was.receiveConfiguration();
  }

  #stopActivator(transport: 'tcp' | 'pipe'): void {
    const world = this.#world;
    const name = transport === 'tcp' ? 'tcpActivator' : 'pipeActivator';
    const apps = this.#appsOf(transport, 'was');
    world.services[name] = 'stopped';
    if (apps.length === 0) return;
    world.bus.emit('WasCloseAllListenerChannelInstancesCompleted', NO_PAYLOAD, { transport });
    for (const app of apps) {
      this.#was.deleteApp(
        app,
        `the ${transport === 'tcp' ? 'Net.Tcp' : 'Net.Pipe'} Listener Adapter stopped`,
      );
    }
    // Emitted on close whatever the result, even hresult 0 (domain §2.1 quirk).
    world.bus.emit('WebhostUnregisterProtocolFailed', { hresult: '0' }, { transport });
  }

  #appsOf(transport: 'tcp' | 'pipe', hosting: 'self' | 'was'): AppRuntime[] {
    return [...this.#world.apps.values()].filter(
      (app) => app.transport === transport && app.hosting === hosting,
    );
  }
}
