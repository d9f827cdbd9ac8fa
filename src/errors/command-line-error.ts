// CommandLineError: the command line asked for something that cannot be done (STYLE rules
// 23, 25-26): bad flags, a file that cannot be read or written, an unknown event. It carries
// one line per problem; the CLI prints each and exits with 2, never with a stack trace.

import { DispatchsimError } from './dispatchsim-error.js';

/** Bad input on the command line. */
export class CommandLineError extends DispatchsimError {
  /** One line per problem, without the `dispatchsim:` prefix. */
  readonly problems: readonly string[];

  /**
   * @param problems - each problem, one line each (at least one)
   * @param code - `cli.bad-flag` for flags and arguments, `cli.io` for files
   */
  constructor(problems: readonly string[], code: 'cli.bad-flag' | 'cli.io' = 'cli.bad-flag') {
    super(code, problems.join('\n'));
    this.problems = problems;
  }
}
