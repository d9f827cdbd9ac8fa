// OutcomeReasons: why sessions ended as they did, counted per outcome kind (user report: a
// web garden's run ended 69 sessions `unavailable` and 100 `dropped-unavailable`, and only
// the HTML report said why: the queue was Faulted by the failure throttle). Each outcome
// carries its reason; a run keeps the count of each, in bounded memory: the first
// MAX_REASONS_PER_OUTCOME reasons seen of each kind, the rest counted together (listed last).

import type { SessionOutcome, SessionOutcomeKind } from '../events/session-outcome.js';

/** How many sessions ended in one kind of outcome for one reason. */
export interface OutcomeReason {
  readonly outcome: SessionOutcomeKind;
  /** The model's reason, as each outcome carries it (`SessionOutcome.reason`). */
  readonly reason: string;
  readonly count: number;
}

/** Distinct reasons kept per outcome kind; any more are counted as {@link OTHER_REASONS}. */
export const MAX_REASONS_PER_OUTCOME = 8;

/** The reason the reasons past {@link MAX_REASONS_PER_OUTCOME} of a kind are counted under. */
export const OTHER_REASONS = 'other reasons';

/** Counts outcomes by kind and reason. */
export class OutcomeReasons {
  readonly #byKind = new Map<SessionOutcomeKind, Map<string, { count: number }>>();
  // The last entry counted: most outcomes of a run repeat the previous one's kind and reason
  // (the same string object), so the common case costs no Map lookup (issue 12).
  #lastKind: SessionOutcomeKind | undefined;
  #lastReason: string | undefined;
  #last: { count: number } | undefined;

  /** @param outcome - one more terminal outcome */
  add(outcome: SessionOutcome): void {
    if (outcome.kind === this.#lastKind && outcome.reason === this.#lastReason) {
      (this.#last as { count: number }).count++;
      return;
    }
    let byReason = this.#byKind.get(outcome.kind);
    if (byReason === undefined) {
      byReason = new Map();
      this.#byKind.set(outcome.kind, byReason);
    }
    let reason = outcome.reason;
    let entry = byReason.get(reason);
    if (entry === undefined) {
      if (byReason.size >= MAX_REASONS_PER_OUTCOME) {
        reason = OTHER_REASONS;
        entry = byReason.get(reason);
      }
      if (entry === undefined) {
        entry = { count: 0 };
        byReason.set(reason, entry);
      }
    }
    entry.count++;
    this.#lastKind = outcome.kind;
    this.#lastReason = outcome.reason;
    this.#last = entry;
  }

  /**
   * @returns every kind's reasons, most frequent first (ties in the order first seen) and
   *   {@link OTHER_REASONS} last, kinds in the order first seen
   */
  list(): OutcomeReason[] {
    const rank = (r: OutcomeReason): number => (r.reason === OTHER_REASONS ? -1 : r.count);
    return [...this.#byKind].flatMap(([outcome, byReason]) =>
      [...byReason]
        .map(([reason, { count }]) => ({ outcome, reason, count }))
        .sort((a, b) => rank(b) - rank(a)),
    );
  }
}
