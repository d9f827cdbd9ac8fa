// SimulationStalledError: nothing is scheduled any more but sessions are still open, so
// virtual time can never give them an outcome (a model bug or a scenario that parks sessions
// forever). Reported at once instead of a hang.

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
   * @param fields - the figures of the run when it stopped
   */
  constructor(fields: { atMs: number; steps: number; open: number }) {
    super(
      'sim.stalled',
      `The run stalled at ${fields.atMs} ms of virtual time after ${countOf(fields.steps, 'step', 'steps')}: nothing more is scheduled, yet ${countOf(fields.open, 'session or request has', 'sessions or requests have')} no outcome`,
    );
    this.atMs = fields.atMs;
    this.steps = fields.steps;
    this.open = fields.open;
  }
}
