// InvalidOptionError: an option of the library or the CLI is out of range (STYLE rule 26):
// the option, what was expected, and the value received with its type.

import { describeReceived } from './describe-received.js';
import { DispatchsimError } from './dispatchsim-error.js';

/** A bad option value. */
export class InvalidOptionError extends DispatchsimError {
  readonly option: string;
  readonly expected: string;
  readonly received: unknown;

  /**
   * @param option - the option's name, e.g. `seed` or `--format`
   * @param expected - what it takes
   * @param received - what it got
   * @param code - `config.invalid-option` (library) or `cli.bad-flag` (command line)
   */
  constructor(
    option: string,
    expected: string,
    received: unknown,
    code: 'config.invalid-option' | 'cli.bad-flag' = 'config.invalid-option',
  ) {
    super(code, `${option}: expected ${expected}, got ${describeReceived(received)}`);
    this.option = option;
    this.expected = expected;
    this.received = received;
  }
}
