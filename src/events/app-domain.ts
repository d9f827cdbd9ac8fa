// The AppDomain string that ends every ETW payload of the provider (domain §2.2): the
// friendly name of the AppDomain that wrote the event. SMSvcHost's own events say
// `SMSvcHost.exe`; the worker's (3358, 3364-3366) name the hosted application's AppDomain.
//
// Simplification: a worker's AppDomain is written as IIS names the root application of site 1
// (`/LM/W3SVC/1/ROOT/<app>`) for self-hosted services too, and without the numeric suffix
// (`-1-131…`) that the real name carries, so traces stay the same for the same seed.

import type { EventEmitterProcess } from './event-descriptor.js';

/** The AppDomain of every event SMSvcHost writes. */
export const SMSVCHOST_APP_DOMAIN = 'SMSvcHost.exe';

/**
 * @param emitter - which process wrote the event
 * @param app - the application the event is about, when known
 * @returns the AppDomain string of its payload
 */
export function appDomainOf(emitter: EventEmitterProcess, app: string | undefined): string {
  if (emitter === 'SMSvcHost') return SMSVCHOST_APP_DOMAIN;
  return app === undefined ? 'worker' : `/LM/W3SVC/1/ROOT/${app}`;
}
