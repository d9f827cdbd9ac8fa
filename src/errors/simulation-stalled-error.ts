// SimulationStalledError: nothing is scheduled any more but sessions are still open, so
// virtual time can never give them an outcome (a model bug, a scenario that parks sessions
// forever, or a client policy awaiting a promise that virtual time cannot settle: a real
// timer or a foreign promise). Reported at once instead of a hang.

import { countOf } from './count-of.js';
import { DispatchsimError } from './dispatchsim-error.js';

/** A run with open sessions and nothing left to happen. */
export class SimulationStalledError extends DispatchsimError {
  /** The virtual time the run reached, in ms. */
  readonly atMs: number;
  /** Timers fired. */
  readonly steps: number;
  /** Sessions (or client requests) without an outcome. */
  readonly open: number;
  /**
   * Requests whose client policy returned a promise that has not settled. Only the run loop
   * settles promises that wait on virtual time (`context.sleep`), so when the run stalls with
   * these, the policy awaits something else: a real timer, or a promise from outside the run.
   */
  readonly awaitingPolicy: number;

  /**
   * @param fields - the figures of the run when it stopped; `awaitingPolicy` @default 0
   */
  constructor(fields: { atMs: number; steps: number; open: number; awaitingPolicy?: number }) {
    const awaitingPolicy = fields.awaitingPolicy ?? 0;
    const hint =
      awaitingPolicy > 0
        ? `; ${countOf(awaitingPolicy, 'request is', 'requests are')} waiting on the client policy's promise, which virtual time cannot settle: a policy must not wait on real timers (setTimeout) or on promises from outside the run; wait with \`await context.sleep(ms)\` or return \`{ retry: true, afterMs }\``
        : '';
    super(
      'sim.stalled',
      `The run stalled at ${fields.atMs} ms of virtual time after ${countOf(fields.steps, 'step', 'steps')}: nothing more is scheduled, yet ${countOf(fields.open, 'session or request has', 'sessions or requests have')} no outcome${hint}`,
    );
    this.atMs = fields.atMs;
    this.steps = fields.steps;
    this.open = fields.open;
    this.awaitingPolicy = awaitingPolicy;
  }
}
