// Why the sessions of one outcome kind ended so, in the simulator's words, for the summary
// and the HTML report (user report: the report's table of outcomes left out the reasons the
// summary gives, e.g. the three sessions a recycle's shutdown aborted).

import type { SessionOutcomeKind } from '../events/session-outcome.js';
import type { OutcomeReason } from '../sim/outcome-reasons.js';

/**
 * @param reasons - the run's outcome reasons (`result.outcomeReasons`)
 * @param kind - one outcome kind
 * @returns `why: …`, or one `why (n): …` per reason; none for `dispatched` with a single
 *   reason (a plain dispatch needs no why)
 */
export function describeOutcomeReasons(
  reasons: readonly OutcomeReason[],
  kind: SessionOutcomeKind,
): string[] {
  const ofKind = reasons.filter((r) => r.outcome === kind);
  if (kind === 'dispatched' && ofKind.length < 2) return [];
  if (ofKind.length === 1) return [`why: ${ofKind[0]?.reason ?? ''}`];
  return ofKind.map((r) => `why (${r.count}): ${r.reason}`);
}
