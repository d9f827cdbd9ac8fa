// The message of a dispatchsim matcher's failure, as a test reads it: without colours.
import { stripVTControlCharacters } from 'node:util';

/**
 * Runs an assertion that must fail.
 * @param assertion - an `expect(…)` that should throw
 * @returns its message without colours
 * @throws Error when the assertion passed
 */
export function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error: unknown) {
    if (error instanceof Error) return stripVTControlCharacters(error.message);
    throw error;
  }
  throw new Error('the assertion passed');
}
