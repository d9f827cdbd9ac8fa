// OutcomesByApp: the outcomes of each application's sessions (those routed to it), for the
// summary's and JSON report's breakdown and the expectations that count an outcome for one
// app. A session never routed (a refused connection, a bad preamble, no route) belongs to no
// app and is in the run's outcomes only.

import {
  sessionOutcomeKinds,
  type SessionOutcome,
  type SessionOutcomeKind,
} from '../events/session-outcome.js';

/** Outcomes by kind, every kind present. */
export type OutcomeCounts = { readonly [K in SessionOutcomeKind]: number };

/** Counts outcomes per application. */
export class OutcomesByApp {
  readonly #byApp = new Map<string, Record<SessionOutcomeKind, number>>();

  /** @param apps - the scenario's applications, in file order: each is listed, even with none */
  constructor(apps: Iterable<string>) {
    for (const app of apps) this.#byApp.set(app, OutcomesByApp.#zero());
  }

  static #zero(): Record<SessionOutcomeKind, number> {
    return Object.fromEntries(sessionOutcomeKinds.map((kind) => [kind, 0])) as Record<
      SessionOutcomeKind,
      number
    >;
  }

  /** @param outcome - a session's outcome */
  add(outcome: SessionOutcome): void {
    if (outcome.app === null) return;
    let counts = this.#byApp.get(outcome.app);
    if (counts === undefined) {
      counts = OutcomesByApp.#zero();
      this.#byApp.set(outcome.app, counts);
    }
    counts[outcome.kind]++;
  }

  /** @returns each application's outcomes, in the scenario's order */
  list(): Readonly<Record<string, OutcomeCounts>> {
    return Object.fromEntries([...this.#byApp].map(([app, counts]) => [app, { ...counts }]));
  }
}
