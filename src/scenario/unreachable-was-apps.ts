// The WAS applications no session can reach: one whose base address another application of
// the scenario also has. The routing table gives every session for that address to one
// registration: a self-hosted service's (registered at start), else the first WAS app in the
// file. A WAS app created on an address another registration holds is not refused (README,
// Simplifications), so the other one silently gets nothing: validation warns.

import { parseServiceUri, registrationKey } from './service-uri.js';

/** What {@link unreachableWasApps} reads of an application. */
export interface AppAddress {
  readonly name: string;
  readonly baseAddress: string;
  readonly hosting: 'was' | 'self';
  readonly hostNameComparisonMode: 'strongWildcard' | 'exact' | 'weakWildcard';
}

/** A WAS app that gets no session, and the app that gets them. */
export interface UnreachableWasApp {
  /** Its index in `apps`. */
  readonly index: number;
  /** The app routing gives the address's sessions to. */
  readonly routedTo: string;
}

/**
 * @param apps - the scenario's applications, in file order
 * @returns each WAS app whose sessions routing gives to another app of the same address,
 *   in file order
 */
export function unreachableWasApps(apps: readonly AppAddress[]): UnreachableWasApp[] {
  const byAddress = new Map<string, { index: number; app: AppAddress }[]>();
  apps.forEach((app, index) => {
    const uri = parseServiceUri(app.baseAddress);
    if (typeof uri === 'string') return;
    const key = registrationKey(uri, app.hostNameComparisonMode);
    const group = byAddress.get(key);
    if (group === undefined) byAddress.set(key, [{ index, app }]);
    else group.push({ index, app });
  });
  const unreachable: UnreachableWasApp[] = [];
  for (const group of byAddress.values()) {
    if (group.length < 2) continue;
    const routedTo = (group.find(({ app }) => app.hosting === 'self') ?? group[0])?.app;
    for (const { index, app } of group) {
      if (app.hosting === 'was' && app !== routedTo && routedTo !== undefined) {
        unreachable.push({ index, routedTo: routedTo.name });
      }
    }
  }
  return unreachable.sort((a, b) => a.index - b.index);
}
