// describeEventLogEntry: one SMSvcHost Event Log entry's descriptor joined with its
// plain-language explanation, for the CLI's `explain` (domain §2.4).

import { EVENT_LOG_SOURCE, eventLogCatalog, type EventLogDescriptor } from './event-log-entry.js';
import type { EventExplanation } from './event-explanations.js';
import { eventLogExplanations } from './event-log-explanations.js';

/** An Event Log entry's descriptor, its source and its explanation. */
export interface EventLogDescription extends EventLogDescriptor {
  /** The Event Log source, e.g. `SMSvcHost 4.0.0.0`. */
  readonly source: string;
  readonly explanation: EventExplanation;
}

/**
 * Describes a Windows Event Log entry of SMSvcHost: its descriptor, when it is written, its
 * causes, what the client sees and what it is confused with.
 *
 * @param idOrName - the id (`8` or `'8'`, 1 to 10) or the name in any letter case
 * @returns the description, or `undefined` for an unknown entry
 * @example
 * describeEventLogEntry('MessageQueueDuplicatedSocketLeak')?.explanation.triggers;
 */
export function describeEventLogEntry(idOrName: number | string): EventLogDescription | undefined {
  const text = String(idOrName).trim();
  const entry = eventLogCatalog.find(
    (e) => String(e.id) === text || e.name.toLowerCase() === text.toLowerCase(),
  );
  if (entry === undefined) return undefined;
  return { ...entry, source: EVENT_LOG_SOURCE, explanation: eventLogExplanations[entry.id] };
}
