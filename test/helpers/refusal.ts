// What a promise was refused with, as `code message`, for tests of up-front option checks:
// 'resolved' when it was not refused; an error that is not dispatchsim's is rethrown.
import { isDispatchsimError } from '../../src/errors/dispatchsim-error.js';

export async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error: unknown) {
    if (isDispatchsimError(error)) return `${error.code} ${error.message}`;
    throw error;
  }
  return 'resolved';
}
