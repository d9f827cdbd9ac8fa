// RunInterruptedError: the user stopped a run (Ctrl-C, SIGTERM). Not a failure of the run or
// of dispatchsim: the CLI reports how far it got and exits 130.

import { DispatchsimError } from './dispatchsim-error.js';

/** A run stopped by a signal. */
export class RunInterruptedError extends DispatchsimError {
  /** The signal, e.g. `SIGINT`. */
  readonly signal: string;

  /** @param signal - the signal that stopped the run */
  constructor(signal: string) {
    super('cli.interrupted', `interrupted by ${signal}`);
    this.signal = signal;
  }
}
