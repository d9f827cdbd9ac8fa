// HorizonExceededError: a run passed its virtual-time horizon with sessions still open
// (STYLE rule 27): a named error with the figures, never a hang.

import { countOf } from './count-of.js';
import { DispatchsimError } from './dispatchsim-error.js';

/** A run that passes its horizon. */
export class HorizonExceededError extends DispatchsimError {
  /** The virtual time the run reached (its last step's), in ms. */
  readonly atMs: number;
  /** Timers fired. */
  readonly steps: number;
  /** Sessions (or client requests) without an outcome, counting first attempts yet to arrive. */
  readonly open: number;
  /** First attempts that had not arrived when the run stopped (part of `open`). @default 0 */
  readonly notArrived: number;
  /** The horizon, in ms. */
  readonly horizonMs: number;
  /** When the next timer was due, past the horizon, in ms (when known). */
  readonly nextAtMs: number | undefined;
  /** Attempts sent (first attempts and retries), and first attempts that arrived, when known. */
  readonly attempts: { readonly sent: number; readonly firstAttempts: number } | undefined;

  /**
   * @param fields - the figures of the run when it stopped
   */
  constructor(fields: {
    atMs: number;
    steps: number;
    open: number;
    notArrived?: number | undefined;
    horizonMs: number;
    nextAtMs?: number | undefined;
    attempts?: { readonly sent: number; readonly firstAttempts: number } | undefined;
  }) {
    // The run stops before the step that would pass the horizon: atMs is the last step's
    // time, so the next one's says how far past the horizon the run was headed.
    const next =
      fields.nextAtMs === undefined ? '' : ` the next timer was due at ${fields.nextAtMs} ms, and`;
    // Sessions yet to arrive are not stuck: a run of 100,000 arrivals a second apart left
    // 13,600 of its 13,601 open sessions unarrived, and the reader looked for stuck ones.
    const notArrived = fields.notArrived ?? 0;
    const open =
      notArrived === 0
        ? `${countOf(fields.open, 'session or request', 'sessions or requests')} had no outcome`
        : `${countOf(notArrived, 'first attempt', 'first attempts')} never arrived before the horizon and ${countOf(fields.open - notArrived, 'session or request', 'sessions or requests')} in flight had no outcome`;
    super(
      'sim.horizon-exceeded',
      // Where to raise it (user report: a library run rejected without naming the option).
      `The run passed its horizon of ${fields.horizonMs} ms:${next} at ${fields.atMs} ms of virtual time, after ${countOf(fields.steps, 'step', 'steps')}, ${open} (${advice(fields.attempts)})`,
    );
    this.atMs = fields.atMs;
    this.steps = fields.steps;
    this.open = fields.open;
    this.notArrived = notArrived;
    this.horizonMs = fields.horizonMs;
    this.nextAtMs = fields.nextAtMs;
    this.attempts = fields.attempts;
  }
}

// Retries that outnumber first attempts tenfold, and by thousands, are a policy that never
// gives up, which a longer horizon only feeds (user report: 172,749 attempts for 20 requests,
// and the advice was to raise horizonMs).
function advice(attempts: { readonly sent: number; readonly firstAttempts: number } | undefined) {
  if (
    attempts === undefined ||
    attempts.sent < 10 * attempts.firstAttempts ||
    attempts.sent - attempts.firstAttempts < 1000
  ) {
    return 'raise horizonMs for a longer run';
  }
  return `${countOf(attempts.sent, 'attempt', 'attempts')} for ${countOf(attempts.firstAttempts, 'request', 'requests')}: the client policy retries until the horizon; give it a lower limit on attempts (maxAttempts, or { retry: false } after some)`;
}
