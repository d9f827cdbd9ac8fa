// describeUnknownKinds: what is wrong with the names `swarm --kinds` was given (user report:
// `--kinds worker-crash,foo` listed every fault kind but did not say that `foo` was the one
// that is none). Each name that is no fault kind is named, with the kind it most likely
// misspells (closestMatch, as for scenario files and options).

import { closestMatch } from '../core/closest-match.js';

// `'a'`, `'a' and 'b'`, `'a', 'b' and 'c'`.
function listed(items: readonly string[]): string {
  return items.length < 2
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/**
 * @param names - the names given, split at the commas and trimmed
 * @param kinds - the fault kinds
 * @returns e.g. `'foo' is not a fault kind`, `'worker-crsh' is not a fault kind; did you
 *   mean worker-crash?`, `'foo' and 'bar' are not fault kinds`, or `a kind between commas is
 *   empty`; undefined when every name is a fault kind
 */
export function describeUnknownKinds(
  names: readonly string[],
  kinds: readonly string[],
): string | undefined {
  const known = new Set(kinds);
  const unknown = [...new Set(names.filter((name) => name !== '' && !known.has(name)))];
  if (unknown.length === 0) {
    return names.includes('') ? 'a kind between commas is empty' : undefined;
  }
  const [only] = unknown;
  if (unknown.length === 1 && only !== undefined) {
    const suggestion = closestMatch(only, kinds);
    const hint = suggestion === undefined ? '' : `; did you mean ${suggestion}?`;
    return `'${only}' is not a fault kind${hint}`;
  }
  const named = unknown.map((name) => {
    const suggestion = closestMatch(name, kinds);
    return suggestion === undefined ? `'${name}'` : `'${name}' (did you mean ${suggestion}?)`;
  });
  return `${listed(named)} are not fault kinds`;
}
