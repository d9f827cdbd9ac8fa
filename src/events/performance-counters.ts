// The SMSvcHost performance counters (domain §2.5, ListenerPerfCounters.cs), counted with
// the real rules: a 4031 is not a Dispatch Failure, nor is a queued session dropped later.

/** The counter names, camel-cased from the "SMSvcHost" category. */
export const performanceCounterNames = [
  'connectionsAccepted',
  'connectionsDispatched',
  'dispatchFailures',
  'protocolFailures',
  'urisRegistered',
  'urisUnregistered',
  'registrationsActive',
] as const;

/** One counter name. */
export type PerformanceCounterName = (typeof performanceCounterNames)[number];

/** A set of counter values. `registrationsActive` is the value at the end of the run. */
export type PerformanceCounters = { readonly [K in PerformanceCounterName]: number };

/** The real counter titles, for reports. */
export const performanceCounterTitles: { readonly [K in PerformanceCounterName]: string } = {
  connectionsAccepted: 'Connections Accepted',
  connectionsDispatched: 'Connections Dispatched',
  dispatchFailures: 'Dispatch Failures',
  protocolFailures: 'Protocol Failures',
  urisRegistered: 'Uris Registered',
  urisUnregistered: 'Uris Unregistered',
  registrationsActive: 'Registrations Active',
};
