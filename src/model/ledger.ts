// Ledger: the books of a run. Every session that arrives is counted once, and once more when
// it reaches its terminal outcome; at the end the two sides must balance (DEVELOPERS.md).

import type { SessionOutcome, SessionOutcomeKind } from '../events/session-outcome.js';
import { sessionOutcomeKinds } from '../events/session-outcome.js';

/** The tallies of a run. */
export interface LedgerSummary {
  readonly arrived: number;
  /** Sessions SMSvcHost accepted (arrived minus refused connections). */
  readonly accepted: number;
  readonly outcomes: { readonly [K in SessionOutcomeKind]: number };
  /** Sessions still without an outcome. */
  readonly open: number;
  /** True when every arrived session has exactly one outcome. */
  readonly balanced: boolean;
}

/** Counts arrivals and outcomes. */
export class Ledger {
  #arrived = 0;
  #finished = 0;
  readonly #outcomes = new Map<SessionOutcomeKind, number>(
    sessionOutcomeKinds.map((kind) => [kind, 0]),
  );

  /** Counts one arrival. */
  arrive(): void {
    this.#arrived++;
  }

  /** @param outcome - a session's terminal outcome */
  finish(outcome: SessionOutcome): void {
    this.#finished++;
    this.#outcomes.set(outcome.kind, (this.#outcomes.get(outcome.kind) ?? 0) + 1);
  }

  /** Arrivals and outcomes booked so far: grows whenever the books change. */
  get entries(): number {
    return this.#arrived + this.#finished;
  }

  /** Sessions that arrived and have no outcome yet. */
  get open(): number {
    return this.#arrived - this.#finished;
  }

  /** @returns the tallies so far */
  summary(): LedgerSummary {
    const outcomes = Object.fromEntries(this.#outcomes) as LedgerSummary['outcomes'];
    const sum = sessionOutcomeKinds.reduce((total, kind) => total + outcomes[kind], 0);
    return {
      arrived: this.#arrived,
      accepted: this.#arrived - outcomes['connection-refused'],
      outcomes,
      open: this.#arrived - this.#finished,
      // Stryker disable next-line ConditionalExpression: a cross-check; the tallies sum to #finished unless an outcome of a kind outside sessionOutcomeKinds is booked, which the types forbid
      balanced: sum === this.#arrived && this.#finished === this.#arrived,
    };
  }
}
