// describeEvent: one catalogue row joined with its plain-language explanation, for reports and
// the CLI (domain §2.1, §2.3 for the descriptors; §3.3, §3.4, §5 for the explanations).

import { findEvent, type CatalogEntry } from './event-catalog.js';
import { eventExplanations, type EventExplanation } from './event-explanations.js';

// The interface lives next to the explanation table it types; re-exported here so that
// callers of describeEvent find it in one place.
export type { EventExplanation } from './event-explanations.js';

/**
 * Describes an ETW event: its manifest descriptor plus when it is written, its causes, what
 * the client sees and what it is confused with.
 *
 * @param idOrName - the id (`4031` or `'4031'`) or the symbolic name in any letter case
 * @returns the catalogue row with an `explanation`, or `undefined` for an unknown event
 * @example
 * describeEvent('DispatchSessionFailed')?.explanation.clientSees;
 */
export function describeEvent(
  idOrName: number | string,
): (CatalogEntry & { readonly explanation: EventExplanation }) | undefined {
  const entry = findEvent(idOrName);
  if (entry === undefined) return undefined;
  return { ...entry, explanation: eventExplanations[entry.id] };
}
