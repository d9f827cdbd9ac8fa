// A failed write to standard output (EPIPE when the reader closed the pipe, ENOSPC on a full
// disk or /dev/full, …) anywhere in a command: one line on stderr and exit 74, never a
// Node stack trace or exit 1, which means "an expectation was not met" (exit-codes.ts).

import { exitCodes } from './exit-codes.js';
import { describeFileError, errorCode } from './file-errors.js';

/** What the handler needs: where to say it, and how to end the process. */
export interface StdoutFailureIo {
  readonly stderr: (text: string) => void;
  readonly exit: (code: number) => void;
}

/**
 * @param io - stderr and exit
 * @returns the 'error' listener for process.stdout
 */
export function stdoutFailureHandler(io: StdoutFailureIo): (error: unknown) => void {
  return (error) => {
    const code = errorCode(error);
    io.stderr(
      `dispatchsim: cannot write to standard output (${code}: ${describeFileError(code)})\n`,
    );
    io.exit(exitCodes.outputFailed);
  };
}
