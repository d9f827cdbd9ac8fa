// SequenceTracker: the `sequence` and `subsequence` expectations of a scenario, checked as
// the run goes (issue 5; issue 10's bounded memory; issue 11 item 10's semantics). Each
// session's activity event ids (domain §2.2: the events that carry its ActivityId) are kept
// only while the session is open; at its outcome they are compared with every expectation
// and dropped, so memory follows the sessions in flight, not the length of the run. Per
// expectation only counts and two example sessions (as text) are kept.
//
// - `sequence`: the listed ids appear in the session's events as a contiguous run, nothing
//   between them: [4001, 4031] is not met by a session that shows 4001, 4008, 4016, 4031.
// - `subsequence`: the listed ids appear in that order, other events may come between.

/** One tracked expectation: the ids, and whether they must be contiguous. */
export interface TrackedSequence {
  readonly ids: readonly number[];
  /** `sequence` (true): nothing between the listed ids; `subsequence` (false): gaps allowed. */
  readonly contiguous: boolean;
}

/** One session quoted as an example: its id and its activity event ids. */
export interface SequenceExample {
  readonly sessionId: number;
  readonly events: readonly number[];
}

/** What one expectation saw over the sessions that ended. */
export interface SequenceTally {
  /** Sessions that show the first listed id at all. */
  readonly candidates: number;
  /** Candidates that show the listed ids as the expectation requires. */
  readonly matching: number;
  /** The first session that matched, if any. */
  readonly firstMatch: SequenceExample | undefined;
  /**
   * The first candidate that did not match, among those that came closest (showed the
   * longest prefix of the listed ids, as the expectation requires); undefined when every
   * candidate matched.
   */
  readonly closestMiss: SequenceExample | undefined;
  /** How many listed ids, from the first, `closestMiss` shows. */
  readonly closestMatched: number;
}

interface MutableTally {
  readonly ids: readonly number[];
  readonly contiguous: boolean;
  candidates: number;
  matching: number;
  firstMatch: SequenceExample | undefined;
  closestMiss: SequenceExample | undefined;
  closestMatched: number;
}

/**
 * @param events - a session's activity event ids, in order
 * @param ids - the listed ids
 * @returns how many of the listed ids, from the first, the events show in order, other
 *   events allowed between them (greedy)
 */
export function subsequencePrefix(events: readonly number[], ids: readonly number[]): number {
  let next = 0;
  for (const id of events) {
    if (next < ids.length && id === ids[next]) next++;
  }
  return next;
}

/**
 * @param events - a session's activity event ids, in order
 * @param ids - the listed ids
 * @returns the longest prefix of the listed ids that the events show as a contiguous run
 */
export function contiguousPrefix(events: readonly number[], ids: readonly number[]): number {
  let best = 0;
  // Reading past the end of either list gives undefined, which equals no id, so the bounds
  // checks here and in subsequencePrefix never change the result (their mutants survive,
  // equivalent); `best < ids.length` only stops the search once the whole list is found.
  for (let start = 0; start < events.length && best < ids.length; start++) {
    let n = 0;
    while (n < ids.length && start + n < events.length && events[start + n] === ids[n]) n++;
    if (n > best) best = n;
  }
  return best;
}

/** Tallies `sequence` and `subsequence` expectations session by session. */
export class SequenceTracker {
  readonly #tallies: MutableTally[];
  readonly #open = new Map<number, number[]>();

  /** @param sequences - each expectation, in scenario order */
  constructor(sequences: readonly TrackedSequence[]) {
    this.#tallies = sequences.map(({ ids, contiguous }) => ({
      ids,
      contiguous,
      candidates: 0,
      matching: 0,
      firstMatch: undefined,
      closestMiss: undefined,
      closestMatched: -1,
    }));
  }

  /** Sessions whose events are held (open sessions). */
  get openSessions(): number {
    return this.#open.size;
  }

  /**
   * @param sessionId - the session of an event that carries its ActivityId
   * @param eventId - the event's id
   */
  onEvent(sessionId: number, eventId: number): void {
    const list = this.#open.get(sessionId);
    if (list === undefined) this.#open.set(sessionId, [eventId]);
    else list.push(eventId);
  }

  /** @param sessionId - a session that reached its outcome: its events are judged and dropped */
  onOutcome(sessionId: number): void {
    const events = this.#open.get(sessionId);
    if (events === undefined) return;
    this.#open.delete(sessionId);
    this.#judge(sessionId, events);
  }

  /**
   * Judges the sessions still open (a run that stopped early) and returns the tallies.
   * @returns one tally per expectation, in the order given
   */
  finish(): readonly SequenceTally[] {
    for (const [sessionId, events] of this.#open) this.#judge(sessionId, events);
    this.#open.clear();
    return this.#tallies.map(
      ({ candidates, matching, firstMatch, closestMiss, closestMatched }) => ({
        candidates,
        matching,
        firstMatch,
        closestMiss,
        closestMatched: Math.max(0, closestMatched),
      }),
    );
  }

  #judge(sessionId: number, events: readonly number[]): void {
    for (const tally of this.#tallies) {
      const { ids } = tally;
      // Stryker disable next-line UnaryOperator: no event has id -1 or 1; the schema gives every list an id
      if (!events.includes(ids[0] ?? -1)) continue;
      tally.candidates++;
      const matched = tally.contiguous
        ? contiguousPrefix(events, ids)
        : subsequencePrefix(events, ids);
      if (matched === ids.length) {
        tally.matching++;
        tally.firstMatch ??= { sessionId, events };
      } else if (matched > tally.closestMatched) {
        tally.closestMiss = { sessionId, events };
        tally.closestMatched = matched;
      }
    }
  }
}
