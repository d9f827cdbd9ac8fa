// JSON fragments: pieces of JSON text spelled exactly as JSON.stringify spells them inside an
// object, so a writer can join constant pieces and per-event values into a line instead of
// building an object and stringifying it (issue 12). The Perfetto trace spent ~46% of its time in
// JSON.stringify of whole trace events; most of each line never changes from one event to the
// next, and the payloads the event bus emits are frozen and shared.

/**
 * @param n - a number
 * @returns its JSON text: what `String` gives for a finite number, `null` for NaN and ±Infinity
 */
export function jsonNumber(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

// The JSON text of deeply frozen objects, by identity: such an object cannot change, so its
// text cannot either (payloads recur: 1,032 distinct ones in 300,000 events of the M/M/8
// benchmark; annotations, mostly a session's own, are written by shape instead, in
// flat-object-json.ts). Objects that are only shallowly frozen or have a toJSON are not kept
// (their text may change), nor are unfrozen ones. Getters are not looked for: reading each
// property's descriptor cost 10% of the writer's time, and the bus's payloads are plain data.
const frozenText = new WeakMap<object, string>();

function isFrozenData(value: object): boolean {
  if (!Object.isFrozen(value) || 'toJSON' in value) return false;
  for (const key of Object.keys(value)) {
    const member: unknown = (value as Record<string, unknown>)[key];
    if (typeof member === 'object' && member !== null && !isFrozenData(member)) return false;
  }
  return true;
}

/**
 * The JSON text of an object member's value, as `JSON.stringify` writes it inside the object
 * (a top-level `toJSON` is called with the member's key, as it would be there).
 * @param key - the member's key
 * @param value - its value
 * @returns the text, or undefined when JSON.stringify leaves the member out (undefined, a
 *   function, a symbol)
 */
export function jsonValue(key: string, value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const cached = frozenText.get(value);
  if (cached !== undefined) return cached;
  if ('toJSON' in value) {
    // toJSON receives the key: stringify the member itself and keep its value's text.
    const member = JSON.stringify({ [key]: value });
    const prefix = `{${JSON.stringify(key)}:`;
    return member.startsWith(prefix) ? member.slice(prefix.length, -1) : undefined;
  }
  const text = JSON.stringify(value);
  if (isFrozenData(value)) frozenText.set(value, text);
  return text;
}

// The JSON text of strings that recur, by value (a run's messages: 25 distinct ones in
// 300,000 events of the M/M/8 benchmark). Cleared past 10,000 entries so that a run of unique
// strings cannot grow it without bound.
const recurringText = new Map<string, string>();
const MAX_RECURRING = 10_000;

function jsonRecurring(key: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return jsonValue(key, value);
  let text = recurringText.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    if (recurringText.size >= MAX_RECURRING) recurringText.clear();
    recurringText.set(value, text);
  }
  return text;
}

/**
 * A member of a JSON object after its first: `,"key":value` as JSON.stringify writes it, or ''
 * where it leaves the member out.
 * @param key - the member's key
 * @param recurring - whether its string values recur (a message), so their text is kept by value
 * @returns a function of the member's value
 * @example
 * const reason = jsonMember('reason');
 * reason('no route'); // ',"reason":"no route"'
 * reason(undefined); // ''
 */
export function jsonMember(key: string, recurring = false): (value: unknown) => string {
  const prefix = `,${JSON.stringify(key)}:`;
  const valueText = recurring ? jsonRecurring : jsonValue;
  return (value) => {
    const text = valueText(key, value);
    return text === undefined ? '' : prefix + text;
  };
}
