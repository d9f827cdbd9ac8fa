// Windows Event Log entries that SMSvcHost writes beside its ETW events (domain §2.4):
// source "SMSvcHost <version>", System log. They are their own typed records in the trace,
// sharing the ETW events' sequence counter so the two interleave in emission order.

import type { Millis } from '../core/millis.js';
import type { EventAnnotations } from './dispatch-event.js';

/** Event Log categories (EventLogCategory.cs). */
export type EventLogCategory = 'Sharing Service' | 'Listener Adapter';

/** What the EventLogEventId table says about one Event Log id. */
export interface EventLogDescriptor {
  readonly id: number;
  readonly name: string;
  readonly level: 'Error' | 'Warning';
  readonly category: EventLogCategory;
  /** The first line of the description; details follow on further lines. */
  readonly message: string;
}

/**
 * The SMSvcHost Event Log ids (facility SMSvcHost, low word shown as Event ID; domain
 * §2.4). Only 5, 6, 8 and 9 have causes the simulator models; the rest are listed so that
 * the table is complete (`dispatchsim explain` explains every one).
 */
export const eventLogCatalog = [
  {
    id: 1,
    name: 'StartErrorPublish',
    level: 'Error',
    category: 'Sharing Service',
    message: 'The service failed to publish its endpoint.',
  },
  {
    id: 2,
    name: 'BindingError',
    level: 'Error',
    category: 'Listener Adapter',
    message: 'A binding of the application could not be used.',
  },
  {
    id: 3,
    name: 'LAFailedToListenForApp',
    level: 'Error',
    category: 'Listener Adapter',
    message: 'The listener adapter failed to listen for the application.',
  },
  {
    id: 4,
    name: 'UnknownListenerAdapterError',
    level: 'Error',
    category: 'Listener Adapter',
    message: 'An unknown error occurred in the listener adapter.',
  },
  {
    id: 5,
    name: 'WasDisconnected',
    level: 'Warning',
    category: 'Listener Adapter',
    message: 'The listener adapter lost its connection to the Windows Process Activation Service.',
  },
  {
    id: 6,
    name: 'WasConnectionTimedout',
    level: 'Warning',
    category: 'Listener Adapter',
    message:
      'The Windows Process Activation Service did not reconnect within the timeout; the listener adapter stops.',
  },
  {
    id: 7,
    name: 'ServiceStartFailed',
    level: 'Error',
    category: 'Sharing Service',
    message: 'The service failed to start.',
  },
  {
    id: 8,
    name: 'MessageQueueDuplicatedSocketLeak',
    level: 'Error',
    category: 'Sharing Service',
    // The first sentence is the real text (Jon Cole's blog, domain §2.4).
    message:
      'An error occurred while dispatching a duplicated socket: this handle is now leaked in the process.',
  },
  {
    id: 9,
    name: 'MessageQueueDuplicatedPipeLeak',
    level: 'Error',
    category: 'Sharing Service',
    // Inferred by analogy with id 8: the pipe variant written on a net.pipe 4031.
    message:
      'An error occurred while dispatching a duplicated named pipe: this handle is now leaked in the process.',
  },
  {
    id: 10,
    name: 'SharingUnhandledException',
    level: 'Error',
    category: 'Sharing Service',
    message: 'An unhandled exception occurred in the sharing service.',
  },
] as const satisfies readonly EventLogDescriptor[];

/** The names of the Event Log entries. */
export type EventLogName = (typeof eventLogCatalog)[number]['name'];

/**
 * The ids of the Event Log entries (8, 9, …): `toHaveLogged(4031)`, an ETW id, compiled and
 * failed only when it ran (user report).
 */
export type EventLogId = (typeof eventLogCatalog)[number]['id'];

/** One Event Log entry written during a run. */
export interface EventLogEntry {
  /** Shares the global sequence with ETW events. */
  readonly seq: number;
  readonly atMs: Millis;
  readonly log: 'System';
  /** The Event Log source, e.g. `SMSvcHost 4.0.0.0`. */
  readonly source: string;
  readonly id: number;
  readonly name: EventLogName;
  readonly level: 'Error' | 'Warning';
  readonly category: EventLogCategory;
  /** The full description: the first line from the table, then the details. */
  readonly message: string;
  readonly annotations: EventAnnotations;
}

/** The Event Log source name SMSvcHost uses for .NET Framework 4.x. */
export const EVENT_LOG_SOURCE = 'SMSvcHost 4.0.0.0';

/**
 * @param name - an Event Log entry name
 * @returns its descriptor
 */
export function eventLogDescriptor(name: EventLogName): EventLogDescriptor {
  const found = eventLogCatalog.find((entry) => entry.name === name);
  if (found === undefined) throw new RangeError(`Unknown Event Log entry '${name}'`);
  return found;
}
