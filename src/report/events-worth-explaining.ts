// eventsWorthExplaining: which events a run's summary points to with `dispatchsim explain`:
// first the most severe seen at Warning or worse, preferring SMSvcHost's own ActivationServices
// events (40xx) and, among those, the last in a session's chain (4031 over 4016); then, of the
// others, the one written most often. One failure often brings another that outnumbers it:
// each 4031 takes its worker out while a new one starts, and a queue that fills meanwhile
// writes 4010 for every session it turns away (a user saw 907 4031s and 76,769 4010s, and the
// summary pointed to 4031 only).

import { findEvent } from '../events/event-catalog.js';
import { levelValue, type EventLevel } from '../events/event-descriptor.js';
import type { RunResult, StoppedRunResult } from '../sim/run-result.js';

/**
 * The events a run's summary suggests explaining (`dispatchsim explain <id>`).
 * @param result - a run's result, whole or up to a stop
 * @returns the most severe event at Warning or worse, then the one written most often of the
 *   others when it outnumbers the first; none when no event is at Warning or worse
 */
export function eventsWorthExplaining(result: RunResult | StoppedRunResult): number[] {
  const rank = (id: number, level: EventLevel): readonly [number, number, number] => [
    levelValue[level],
    id >= 4000 ? 0 : 1,
    -id,
  ];
  const candidates = Object.entries(result.eventCounts)
    .flatMap(([key, count]) => {
      const id = Number(key);
      const entry = findEvent(id);
      return entry === undefined || levelValue[entry.level] > levelValue.Warning
        ? []
        : [{ id, count, rank: rank(id, entry.level) }];
    })
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.rank[2] - b.rank[2]);
  const [first, ...others] = candidates;
  if (first === undefined) return [];
  const mostOften = others.reduce<(typeof others)[number] | undefined>(
    (best, candidate) => (best === undefined || candidate.count > best.count ? candidate : best),
    undefined,
  );
  return mostOften === undefined || mostOften.count <= first.count
    ? [first.id]
    : [first.id, mostOften.id];
}
