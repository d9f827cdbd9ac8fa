// InvalidOptionError: an option of the library or the CLI is out of range (STYLE rule 26):
// the option, what was expected, and the value received with its type.

import { describeReceived } from './describe-received.js';
import { DispatchsimError } from './dispatchsim-error.js';

/** A bad option value. */
export class InvalidOptionError extends DispatchsimError {
  readonly option: string;
  readonly expected: string;
  readonly received: unknown;
  /** The allowed value the one received most likely misspells: "did you mean …?". */
  readonly suggestion: string | undefined;

  /**
   * @param option - the option's name, e.g. `seed` or `--format`
   * @param expected - what it takes
   * @param received - what it got
   * @param code - `config.invalid-option` (library) or `cli.bad-flag` (command line)
   * @param suggestion - the allowed value it most likely misspells
   */
  constructor(
    option: string,
    expected: string,
    received: unknown,
    code: 'config.invalid-option' | 'cli.bad-flag' = 'config.invalid-option',
    suggestion?: string,
  ) {
    const hint = suggestion === undefined ? '' : `; did you mean ${suggestion}?`;
    super(code, `${option}: expected ${expected}, got ${describeReceived(received)}${hint}`);
    this.option = option;
    this.expected = expected;
    this.received = received;
    this.suggestion = suggestion;
  }
}
