// OutputError: the output of a command could not be written (EPIPE, ENOSPC, EACCES, …). The
// CLI prints it as one line and exits 74 (EX_IOERR); an --out file is not left half-written.

import { DispatchsimError } from './dispatchsim-error.js';

/** A failed write to standard output or to an --out file. */
export class OutputError extends DispatchsimError {
  /** Where the output was going: `standard output` or the file as the user named it. */
  readonly target: string;
  /** The Node error code, e.g. `ENOSPC`, or `unknown`. */
  readonly errno: string;
  /** The code in words. */
  readonly reason: string;

  /**
   * @param fields - the target, the error code and its description
   */
  constructor(fields: { target: string; errno: string; reason: string }) {
    super('cli.output', `cannot write to ${fields.target} (${fields.errno}: ${fields.reason})`);
    this.target = fields.target;
    this.errno = fields.errno;
    this.reason = fields.reason;
  }
}
