// HorizonExceededError: a run passed its virtual-time horizon with sessions still open
// (STYLE rule 27): a named error with the figures, never a hang.

import { countOf } from './count-of.js';
import { DispatchsimError } from './dispatchsim-error.js';

/** A run that passes its horizon. */
export class HorizonExceededError extends DispatchsimError {
  /** The virtual time the run reached, in ms. */
  readonly atMs: number;
  /** Timers fired. */
  readonly steps: number;
  /** Sessions (or client requests) without an outcome. */
  readonly open: number;
  /** The horizon, in ms. */
  readonly horizonMs: number;

  /**
   * @param fields - the figures of the run when it stopped
   */
  constructor(fields: { atMs: number; steps: number; open: number; horizonMs: number }) {
    super(
      'sim.horizon-exceeded',
      `The run passed its horizon of ${fields.horizonMs} ms: at ${fields.atMs} ms of virtual time, after ${countOf(fields.steps, 'step', 'steps')}, ${countOf(fields.open, 'session or request', 'sessions or requests')} had no outcome`,
    );
    this.atMs = fields.atMs;
    this.steps = fields.steps;
    this.open = fields.open;
    this.horizonMs = fields.horizonMs;
  }
}
