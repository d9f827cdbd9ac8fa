// isPromiseLike: the one test for "a value the caller wants awaited" at the hooks that take
// user code returning a thenable or nothing (a client policy's decision, `onStep`). Any
// thenable counts, not only a native Promise, as `await` itself treats them.

/**
 * @param value - what a user function returned
 * @returns true when it is an object with a `then` method
 */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
