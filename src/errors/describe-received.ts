// describeReceived: the one shape in which every error message shows the value it got
// (STYLE rule 26): a scalar with its type, a short list or mapping as written, a longer one
// by its size or keys, or "nothing".

// Writes small values as written; gives up (undefined) past a node budget or a long string,
// which also ends the walk of a value that refers to itself.
function compact(value: unknown, budget: { left: number }): string | undefined {
  if (--budget.left < 0) return undefined;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value === 'string') return value.length > 30 ? undefined : `'${value}'`;
  if (Array.isArray(value)) {
    const items = value.map((item) => compact(item, budget));
    return items.includes(undefined) ? undefined : `[${items.join(', ')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => {
      const shown = compact(item, budget);
      return shown === undefined ? undefined : `${key}: ${shown}`;
    });
    if (entries.length === 0) return '{}';
    return entries.includes(undefined) ? undefined : `{ ${entries.join(', ')} }`;
  }
  return undefined;
}

/**
 * Describes a value received where something else was expected.
 * @param value - the value found
 * @returns e.g. `-5 (number)`, `'abc' (string)`, `{ min: 5, max: 2 }`, `a function`, `nothing`
 */
export function describeReceived(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return `'${shown}' (string)`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${String(value)} (${typeof value})`;
  }
  if (typeof value === 'function') return 'a function';
  if (typeof value !== 'object') return typeof value;
  const shown = compact(value, { left: 12 });
  if (shown !== undefined && shown.length <= 60) return shown;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return `a mapping with keys ${Object.keys(value).join(', ')}`;
}
