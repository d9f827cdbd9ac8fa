// The lifelines of a session's journey in the HTML report (issue 16): who writes or takes
// part in each step of domain §3.1, left to right as a connection travels: the client, then
// SMSvcHost's transport listener (accept, preamble, 4001), its routing table (4033/4034), its
// message queue (4035 … 4030/4031), WAS (activation and the listener adapter) and the worker
// process; Event Log entries (§2.4) get a column of their own.

import { findEvent } from '../../events/event-catalog.js';
import { isEventLogEntry, type TraceRecord } from '../../events/trace.js';

/** The lifelines, left to right. */
export const journeyLifelines = [
  'Client',
  'Listener',
  'Routing',
  'Message queue',
  'WAS',
  'Worker',
  'Event Log',
] as const;

/** One lifeline. */
export type JourneyLifeline = (typeof journeyLifelines)[number];

// Tasks of the SMSvcHost provider (domain §2.1) by the component that writes them.
const listenerTasks = new Set(['Quotas', 'Connect', 'ActivationTcpListenerListening']);
const wasTasks = new Set(['WASActivation', 'ActivationServiceStart']);

/**
 * @param record - an ETW event or Event Log entry
 * @returns the lifeline that writes it in a journey
 */
export function lifelineOf(record: TraceRecord): JourneyLifeline {
  if (isEventLogEntry(record)) return 'Event Log';
  const entry = findEvent(record.id);
  if (entry === undefined) return 'Message queue';
  if (entry.emitter === 'worker') return 'Worker';
  // 4001 is the listener handing a session over; 4035 is the message queue's own ratio,
  // although its task is Quotas.
  if (record.id === 4001) return 'Listener';
  if (record.id === 4035) return 'Message queue';
  const task = entry.task.name;
  if (task === 'ActivationRoutingTableLookup') return 'Routing';
  if (listenerTasks.has(task) || task.startsWith('ActivationPipeListener')) return 'Listener';
  if (wasTasks.has(task)) return 'WAS';
  return 'Message queue';
}
