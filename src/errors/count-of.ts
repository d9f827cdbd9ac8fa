// countOf: a count with its noun in the right number, for the messages the run-ending errors
// derive from their figures ("1 session or request has no outcome", "2 steps").

/**
 * @param n - the count
 * @param one - the words for exactly one, e.g. `session or request`
 * @param many - the words for any other count, e.g. `sessions or requests`
 * @returns the count and the words, e.g. `1 step`, `0 steps`, `40 steps`
 */
export function countOf(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
