// deepFreeze: an object and everything it holds made immutable, for data checked once and
// trusted after (a validated scenario: changed in place, it would run unchecked).

/**
 * A type with every property and array readonly, all the way down: what {@link deepFreeze}
 * returns at runtime (functions are left as they are).
 */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer E)[]
    ? readonly DeepReadonly<E>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/**
 * Freezes an object, its arrays and nested objects, in place.
 * @param value - plain data (objects, arrays, primitives)
 * @returns the same value, frozen all the way down
 * @example
 * const scenario = deepFreeze(parsed); // scenario.workload.sessions = 1 now throws in strict code
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  Object.freeze(value);
  for (const nested of Object.values(value)) deepFreeze(nested);
  return value;
}
