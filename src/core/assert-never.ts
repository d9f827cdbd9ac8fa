// Exhaustiveness helper for switches over discriminated unions (STYLE rule 18).

/**
 * Marks a branch that the type system proves unreachable; adding a union member
 * without handling it fails the build where this is called.
 * @param value - the value that should have type `never`
 * @throws Error always, if reached at run time through an unchecked cast
 */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
