// UnknownOptionError: an option bag of the library holds a key its function does not take
// (STYLE rules 23, 26). The message names the function, the key, that function's own options
// and, when one is close, the option the key most likely misspells.

import { InvalidOptionError } from './invalid-option-error.js';

/** What an {@link UnknownOptionError} is built from. */
export interface UnknownOptionFields {
  /** The function that takes the options, e.g. `exponentialBackoff` or `createSimulation`. */
  readonly owner: string;
  /** The key written, e.g. `delayMs`. */
  readonly key: string;
  /** The options the function takes, in the order its documentation gives them. */
  readonly known: readonly string[];
  /** The value given for the key. */
  readonly received: unknown;
  /** The known option the key most likely misspells: "did you mean …?". */
  readonly suggestion?: string | undefined;
  /** The option as other errors of that function name it. @default the key */
  readonly option?: string;
}

/** An option that the function given it does not take. */
export class UnknownOptionError extends InvalidOptionError {
  /** The function that takes the options. */
  readonly owner: string;
  /** The key written. */
  readonly key: string;
  /** The options the function takes. */
  readonly known: readonly string[];

  /**
   * @param fields - the function, the key, its known options, the value and a suggestion
   */
  constructor(fields: UnknownOptionFields) {
    super(
      fields.option ?? fields.key,
      `one of ${fields.known.join(', ')}`,
      fields.received,
      'config.invalid-option',
      fields.suggestion,
    );
    this.owner = fields.owner;
    this.key = fields.key;
    this.known = fields.known;
    // The fixed shape of InvalidOptionError would say "expected one of …, got 5 (number)",
    // which reads as if the value were wrong: here the name is.
    const hint = fields.suggestion === undefined ? '' : `; did you mean ${fields.suggestion}?`;
    this.message = `${fields.owner}: unknown option '${fields.key}' (known: ${fields.known.join(', ')})${hint}`;
  }
}
