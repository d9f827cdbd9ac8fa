// closestMatch: the "did you mean …?" of scenario issues (issue 15). A misspelt key or value
// (`baseAdress`, `DispatchSesionFailed`, `gave-up` for `gaveUp`, `startup` for `startupMs`) is
// matched to the allowed one it is closest to, by letters alone first (case, dashes and
// underscores ignored), then the same with its unit, then by edit distance. Bounded work per
// candidate, so validation stays linear in the file.

// Letters and digits only, lower-cased: `gave-up`, `GaveUp` and `gave_up` are the same word.
function normalize(word: string): string {
  return word.toLowerCase().replace(/[-_\s.]/g, '');
}

// Levenshtein distance with a cap: stops as soon as every path exceeds `max`.
function distanceWithin(a: string, b: string, max: number): number {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator,BlockStatement: an early exit for bounded work; the full distance is more than max too
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: an early exit for bounded work; once a row exceeds max, so does the distance
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}

/**
 * @param word - what was written
 * @param candidates - what is allowed
 * @returns the candidate the word most likely misspells, or undefined when none is close:
 *   equal but for case, dashes and underscores; the same with `Ms` added (a key written without
 *   its unit); or within 1 edit (words of 2-7 letters), 2 (8-11 letters) or about one in six
 *   (longer words); the closest one wins
 * @example
 * closestMatch('baseAdress', ['name', 'baseAddress']); // 'baseAddress'
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const wanted = normalize(word);
  if (wanted.length === 0) return undefined;
  const length = wanted.length;
  const max = length < 2 ? 0 : length < 8 ? 1 : length < 12 ? 2 : Math.floor(length / 6) + 1;
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const candidate of candidates) {
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
  return best;
}
