// closestMatch: the "did you mean …?" of scenario issues (issue 15), options and event names.
// A misspelt key or value (`baseAdress`, `DispatchSesionFailed`, `gave-up` for `gaveUp`,
// `startup` for `startupMs`) is matched to the allowed one it is closest to, by letters alone
// first (case, dashes and underscores ignored), then the same with its unit, then by edit
// distance, and failing all three as an abbreviation of exactly one (`dup-handle-failure` for
// `duplicate-handle-failure`, `hang` for `worker-hang`). Bounded work per candidate, so
// validation stays linear in the file.

// Letters and digits only, lower-cased: `gave-up`, `GaveUp` and `gave_up` are the same word.
function normalize(word: string): string {
  return word.toLowerCase().replace(/[-_\s.]/g, '');
}

// Edit distance with a cap: insertions, deletions, substitutions and two neighbours swapped
// (`levle` for `level`, the commonest slip) count one each (optimal string alignment);
// stops as soon as every path exceeds `max`.
function distanceWithin(a: string, b: string, max: number): number {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator,BlockStatement: an early exit for bounded work; the full distance is more than max too
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: an early exit for bounded work; once a row exceeds max, so does the distance
    if (rowMin > max) return max + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}

// The words of a name, lower-cased: split at dashes, underscores, spaces, dots and capitals
// (`DispatchSessionFailed`, `nthSession`, `worker-hang`).
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[-_\s.]+/)
    .filter((word) => word !== '');
}

// Fewer letters than this begin a word only when they are the whole word (`no` of no-route).
const MIN_WORD_START = 3;

// Words that make a name another quantity: `delayMs` is not a slip for `maxDelayMs` (it is
// fixedDelay's option, and exponentialBackoff's nearest is baseMs), nor `session` for
// `nthSession`.
const QUALIFIERS: ReadonlySet<string> = new Set(['max', 'min', 'nth']);

// Whether each word of the abbreviation begins a word of the name, in order, words of the name
// being skipped (`callback-failure`, `worker-callback`, `hang` of `worker-callback-failure`
// and `worker-hang`), but never a qualifier. Taking the first word that fits each time finds a
// fit if there is one.
function abbreviates(short: readonly string[], name: readonly string[]): boolean {
  let at = 0;
  for (const part of short) {
    const fits = (word: string): boolean =>
      word === part || (part.length >= MIN_WORD_START && word.startsWith(part));
    while (at < name.length && !fits(name[at] ?? '')) {
      if (QUALIFIERS.has(name[at] ?? '')) return false;
      at++;
    }
    if (at === name.length) return false;
    at++;
  }
  return true;
}

// The one candidate the word abbreviates, or undefined when it abbreviates none or several.
function abbreviated(word: string, candidates: readonly string[]): string | undefined {
  const short = words(word);
  if (short.length === 0) return undefined;
  let found: string | undefined;
  for (const candidate of candidates) {
    if (candidate === word || candidate === found || !abbreviates(short, words(candidate))) {
      continue;
    }
    if (found !== undefined) return undefined;
    found = candidate;
  }
  return found;
}

/**
 * @param word - what was written
 * @param candidates - what is allowed
 * @returns the candidate the word most likely misspells, or undefined when none is close:
 *   equal but for case, dashes and underscores; the same with `Ms` added (a key written without
 *   its unit); or within 1 edit (words of 2-7 letters), 2 (8-11 letters) or about one in six
 *   (longer words), two neighbours swapped counting as one, the closest one winning; failing those, the one candidate the word
 *   abbreviates: each of its words (split at dashes, underscores, spaces, dots and capitals)
 *   begins a word of the candidate, in order, and is the whole word when under 3 letters
 * @example
 * closestMatch('baseAdress', ['name', 'baseAddress']); // 'baseAddress'
 * closestMatch('dup-handle-failure', ['no-route', 'duplicate-handle-failure']); // 'duplicate-handle-failure'
 * closestMatch('worker', ['worker-hang', 'worker-crash']); // undefined: both start so
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  // Read twice (letters, then abbreviations): a generator would be empty the second time.
  const list = [...candidates];
  const wanted = normalize(word);
  if (wanted.length === 0) return undefined;
  const length = wanted.length;
  const max = length < 2 ? 0 : length < 8 ? 1 : length < 12 ? 2 : Math.floor(length / 6) + 1;
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const candidate of list) {
    if (candidate === word) continue;
    const normalized = normalize(candidate);
    // A duration or instant written without its unit (`startup` for `startupMs`, `at` for
    // `atMs`, `delay` for `delayMs`): every such key ends in Ms (STYLE rule 9), so the missing
    // unit is the likeliest slip, closer than any edit, however short the word.
    const distance = normalized === `${wanted}ms` ? 0.5 : distanceWithin(wanted, normalized, max);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      if (distance === 0) break;
    }
  }
  return best ?? abbreviated(word, list);
}
