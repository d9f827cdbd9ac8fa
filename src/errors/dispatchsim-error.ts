// DispatchsimError: the one base class of errors the library throws (STYLE rules 23-24).
// It has a literal `code` and structured fields; the message is derived from them. A brand
// symbol, not instanceof, identifies it, so the guard works across duplicate installs.

const brand = Symbol.for('dispatchsim.error');

/** The codes of the errors dispatchsim throws. */
export type DispatchsimErrorCode =
  | 'scenario.invalid'
  | 'cli.bad-flag'
  | 'cli.io'
  | 'sim.horizon-exceeded'
  | 'sim.stalled'
  | 'sim.livelock'
  | 'sim.already-run'
  | 'cli.output'
  | 'cli.interrupted'
  | 'config.invalid-option';

/** The base class of dispatchsim's errors. */
export class DispatchsimError extends Error {
  /** What kind of error this is. */
  readonly code: DispatchsimErrorCode;
  /** @internal the cross-install footprint */
  readonly [brand] = true;

  /**
   * @param code - the error code
   * @param message - the message, derived by the subclass from its fields
   */
  constructor(code: DispatchsimErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * @param value - anything caught
 * @returns true when it is a dispatchsim error (from any copy of the package)
 */
export function isDispatchsimError(value: unknown): value is DispatchsimError {
  return typeof value === 'object' && value !== null && brand in value;
}
