// WasConnection: the listener adapters' connection to WAS (domain §6.3): a disconnect drops
// every WAS application (4027, Event Log 5; ListenerAdapter.OnConfigManagerDisconnected →
// Cleanup(false) → AppManager.Clear, each queue deleted and its paths unregistered, which
// stops a listener whose last registration that was: see Registrar.releaseListener); WAS
// either comes back (4026, configuration replayed) or, after 120 s, the adapters give up and
// stop (Event Log 6, 4032).

import { ms } from '../core/millis.js';
import { TimerPriority } from '../core/virtual-clock.js';
import { NO_PAYLOAD } from '../events/event-bus.js';
import type { WasHost } from './was-host.js';
import type { World } from './world.js';

/** WAS reconnect wait before the adapters give up (WasConnectTimeout, domain §4.2). */
export const WAS_CONNECT_TIMEOUT_MS = 120_000;

/** The adapters' side of the WAS connection. */
export class WasConnection {
  readonly #world: World;
  readonly #was: WasHost;
  /** The adapters gave up waiting for WAS (4032) and stopped. */
  #gaveUp = false;

  /**
   * @param world - the machine
   * @param was - the WAS host whose applications come and go with the connection
   */
  constructor(world: World, was: WasHost) {
    this.#world = world;
    this.#was = was;
  }

  /**
   * WAS disconnects (fault `was-disconnect`): 4027, Event Log 5, every app deleted; it
   * reconnects after a delay (4026) or, after 120 s, the adapters give up (4032, Event Log 6).
   * @param reconnectAfterMs - when WAS comes back, or undefined for never
   */
  disconnect(reconnectAfterMs: number | undefined): void {
    const world = this.#world;
    if (!world.wasConnected) return;
    world.wasConnected = false;
    world.bus.emit('WasDisconnected', NO_PAYLOAD, {});
    world.bus.log('WasDisconnected', [], {});
    for (const app of this.#was.apps())
      this.#was.deleteApp(app, 'the listener adapter lost its connection to WAS');
    world.clock.scheduleIn(
      ms(WAS_CONNECT_TIMEOUT_MS),
      () => {
        if (world.wasConnected) return;
        // ListenerAdapter.WasConnected(timedOut): Event Log 6 first, then 4032.
        world.bus.log('WasConnectionTimedout', [], {});
        world.bus.emit('WasConnectionTimedout', NO_PAYLOAD, {});
        this.#gaveUp = true;
        world.services.tcpActivator = 'stopped';
        world.services.pipeActivator = 'stopped';
      },
      TimerPriority.control,
      // Stryker disable next-line StringLiteral: a timer's owner only names it in a livelock error
      'was-connect-timeout',
    );
    if (reconnectAfterMs === undefined) return;
    world.clock.scheduleIn(
      ms(reconnectAfterMs),
      () => {
        if (world.wasConnected || this.#gaveUp) return;
        world.wasConnected = true;
        world.bus.emit('WasConnected', NO_PAYLOAD, {});
        this.#was.receiveConfiguration();
      },
      TimerPriority.control,
      // Stryker disable next-line StringLiteral: a timer's owner only names it in a livelock error
      'was-reconnect',
    );
  }
}
