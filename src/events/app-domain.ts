// The AppDomain string that ends every ETW payload of the provider (domain §2.2): the
// friendly name of the AppDomain that wrote the event. SMSvcHost's own events say
// `SMSvcHost.exe`; the worker's (3358, 3364-3366) name the AppDomain of the process that
// hosts the application: IIS's for a WAS worker, the exe's file name (the default AppDomain's
// friendly name) for a self-hosted service.
//
// Simplifications: a WAS worker's AppDomain is written as IIS names the root application of
// site 1 (`/LM/W3SVC/1/ROOT/<app>`), without the numeric suffix (`-1-131…`) that the real name
// carries, so traces stay the same for the same seed. The simulator does not know a
// self-hosted service's exe, so `<app>.exe` stands in for its file name.

import type { EventEmitterProcess } from './event-descriptor.js';

/** The AppDomain of every event SMSvcHost writes. */
export const SMSVCHOST_APP_DOMAIN = 'SMSvcHost.exe';

/** How the application whose process wrote a worker event is hosted. */
export type AppDomainHosting = 'was' | 'self';

/**
 * @param emitter - which process wrote the event
 * @param app - the application the event is about, when known
 * @param hosting - how that application is hosted: in a WAS worker (w3wp) or self-hosted
 * @returns the AppDomain string of its payload
 */
export function appDomainOf(
  emitter: EventEmitterProcess,
  app: string | undefined,
  hosting: AppDomainHosting = 'was',
): string {
  if (emitter === 'SMSvcHost') return SMSVCHOST_APP_DOMAIN;
  if (app === undefined) return 'worker';
  return hosting === 'self' ? `${app}.exe` : `/LM/W3SVC/1/ROOT/${app}`;
}
