// RoutingTable: URI-prefix lookup of a via to the message queue of its registration
// (domain §3.1 step 6; SMS/RoutingTable.cs). Three passes, in this order:
//   (a) strong-wildcard registrations, matching the via rewritten with the local port;
//   (b) exact-host registrations, matching the original via;
//   (c) weak-wildcard registrations, matching the rewritten via.
// Within a pass the longest registered path wins. Simplification: registrations on IP
// literals (and the local-address check they imply) are not modelled.

import type { ServiceUri, Transport } from '../scenario/service-uri.js';
import { isPathPrefix, registrationKey } from '../scenario/service-uri.js';

/** How a registration's host is compared with the via's (HostNameComparisonMode). */
export type HostNameComparisonMode = 'strongWildcard' | 'exact' | 'weakWildcard';

/** Which pass of the lookup matched. */
export type LookupPass = 'strong-wildcard' | 'exact' | 'weak-wildcard';

/** One registered base address. */
export interface Route<Q> {
  readonly uri: ServiceUri;
  readonly mode: HostNameComparisonMode;
  readonly queue: Q;
}

/** A lookup hit. */
export interface RouteMatch<Q> {
  readonly route: Route<Q>;
  readonly pass: LookupPass;
}

const passes: readonly [LookupPass, HostNameComparisonMode][] = [
  ['strong-wildcard', 'strongWildcard'],
  ['exact', 'exact'],
  ['weak-wildcard', 'weakWildcard'],
];

/** The two prefix tables of SMSvcHost (TCP and pipe). */
export class RoutingTable<Q> {
  readonly #routes: Record<Transport, Route<Q>[]> = { tcp: [], pipe: [] };

  /**
   * @param route - a base address to route to its queue
   * @returns false when the same base address (and mode) is already registered
   */
  add(route: Route<Q>): boolean {
    if (this.registered(route.uri, route.mode) !== undefined) return false;
    this.#routes[route.uri.transport].push(route);
    return true;
  }

  /**
   * The route of a base address already registered, compared as RoutingTable.Start compares
   * them (see {@link registrationKey}: a wildcard registration ignores the host, and `/a`
   * is `/a/`).
   * @param uri - a base address
   * @param mode - its HostNameComparisonMode
   * @returns the route registered for the same base address, or undefined
   */
  registered(uri: ServiceUri, mode: HostNameComparisonMode): Route<Q> | undefined {
    const key = registrationKey(uri, mode);
    return this.#routes[uri.transport].find((r) => registrationKey(r.uri, r.mode) === key);
  }

  /**
   * @param queue - removes every route to this queue
   * @returns the removed routes
   */
  removeQueue(queue: Q): Route<Q>[] {
    const removed: Route<Q>[] = [];
    for (const transport of ['tcp', 'pipe'] as const) {
      this.#routes[transport] = this.#routes[transport].filter((route) => {
        if (route.queue !== queue) return true;
        removed.push(route);
        return false;
      });
    }
    return removed;
  }

  /** @returns every route, TCP first */
  routes(): readonly Route<Q>[] {
    return [...this.#routes.tcp, ...this.#routes.pipe];
  }

  /**
   * @param via - the via the client sent
   * @param localPort - the port the connection arrived on (defaults to the via's port)
   * @returns the best match, or undefined on a miss
   */
  lookup(via: ServiceUri, localPort: number = via.port): RouteMatch<Q> | undefined {
    const list = this.#routes[via.transport];
    for (const [pass, mode] of passes) {
      let best: Route<Q> | undefined;
      for (const route of list) {
        if (route.mode !== mode) continue;
        const port = mode === 'exact' ? via.port : localPort;
        if (via.transport === 'tcp' && route.uri.port !== port) continue;
        if (mode === 'exact' && route.uri.host !== via.host) continue;
        if (!isPathPrefix(route.uri, via)) continue;
        if (best === undefined || route.uri.segments.length > best.uri.segments.length)
          best = route;
      }
      if (best !== undefined) return { route: best, pass };
    }
    return undefined;
  }
}
