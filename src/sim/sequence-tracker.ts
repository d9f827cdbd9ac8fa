// SequenceTracker: the `sequence` expectations of a scenario, checked as the run goes
// (issue 5; issue 10's bounded memory). Each session's event ids are kept only while the
// session is open; at its outcome they are compared with every `sequence` expectation and
// dropped, so memory follows the sessions in flight, not the length of the run.

/** What one `sequence` expectation saw over the sessions that ended. */
export interface SequenceTally {
  /** Sessions whose first event among the listed ids is the first listed id. */
  readonly candidates: number;
  /** Candidates whose listed events are exactly the sequence, in order. */
  readonly matching: number;
  /** The listed events of the first candidate that did not match ('' when none). */
  readonly example: string;
}

interface MutableTally {
  readonly ids: readonly number[];
  readonly wanted: ReadonlySet<number>;
  candidates: number;
  matching: number;
  example: string;
}

/** Tallies `sequence` expectations session by session. */
export class SequenceTracker {
  readonly #tallies: MutableTally[];
  readonly #open = new Map<number, number[]>();

  /** @param sequences - the event ids of each `sequence` expectation, in scenario order */
  constructor(sequences: readonly (readonly number[])[]) {
    this.#tallies = sequences.map((ids) => ({
      ids,
      wanted: new Set(ids),
      candidates: 0,
      matching: 0,
      example: '',
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
    this.#judge(events);
  }

  /**
   * Judges the sessions still open (a run that stopped early) and returns the tallies.
   * @returns one tally per expectation, in the order given
   */
  finish(): readonly SequenceTally[] {
    for (const events of this.#open.values()) this.#judge(events);
    this.#open.clear();
    return this.#tallies.map(({ candidates, matching, example }) => ({
      candidates,
      matching,
      example,
    }));
  }

  #judge(events: readonly number[]): void {
    for (const tally of this.#tallies) {
      const filtered = events.filter((id) => tally.wanted.has(id));
      if (filtered[0] !== tally.ids[0]) continue;
      tally.candidates++;
      const same =
        filtered.length === tally.ids.length && filtered.every((id, i) => id === tally.ids[i]);
      if (same) tally.matching++;
      else if (tally.example === '') tally.example = filtered.join(', ');
    }
  }
}
