// Where JSON text stops being JSON (RFC 8259), for the line of a .json scenario's syntax
// error: JSON.parse gives a position for some errors ("… in JSON at position 12") and only a
// quoted piece of the text for others (`Unexpected token ']', …"},]," is not valid JSON`).

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const LITERALS = ['true', 'false', 'null'] as const;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// A string's body: any character but a quote, a backslash or a control character, or an
// escape.
// eslint-disable-next-line no-control-regex -- JSON refuses a raw control character in a string
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/**
 * @param text - text JSON.parse refused
 * @returns the offset of the first character that is not JSON (the text's length when it
 *   ends too soon), or undefined when the text is JSON
 */
export function jsonErrorOffset(text: string): number | undefined {
  let at = 0;
  // One entry per open collection, true for an array: a stack, not recursion, so that deep
  // nesting cannot overflow the call stack.
  const open: boolean[] = [];
  const skipWhitespace = (): void => {
    while (at < text.length && WHITESPACE.has(text.charCodeAt(at))) at++;
  };
  const match = (pattern: RegExp): boolean => {
    pattern.lastIndex = at;
    if (!pattern.test(text)) return false;
    at = pattern.lastIndex;
    return true;
  };
  for (;;) {
    // A value is expected at `at`.
    skipWhitespace();
    const char = text[at];
    if (char === '{' || char === '[') {
      at++;
      skipWhitespace();
      const array = char === '[';
      if (text[at] === (array ? ']' : '}')) {
        at++;
      } else {
        open.push(array);
        if (!array) {
          if (!match(STRING)) return at;
          skipWhitespace();
          if (text[at] !== ':') return at;
          at++;
        }
        continue;
      }
    } else if (char === '"') {
      if (!match(STRING)) return at;
    } else if (!match(NUMBER)) {
      const literal = LITERALS.find((word) => text.startsWith(word, at));
      if (literal === undefined) return at;
      at += literal.length;
    }
    // A value ended: a comma and the next element, or the end of its collections.
    for (;;) {
      skipWhitespace();
      const array = open.at(-1);
      if (array === undefined) return at === text.length ? undefined : at;
      const char = text[at];
      if (char === (array ? ']' : '}')) {
        open.pop();
        at++;
        continue;
      }
      if (char !== ',') return at;
      at++;
      if (!array) {
        skipWhitespace();
        if (!match(STRING)) return at;
        skipWhitespace();
        if (text[at] !== ':') return at;
        at++;
      }
      break;
    }
  }
}

/** A comma with only whitespace between it and a closing bracket. */
export interface JsonTrailingComma {
  /** The comma's offset. */
  readonly commaAt: number;
  /** The bracket after it. */
  readonly before: ']' | '}';
}

/**
 * A trailing comma (`[1,]`, `{"a": 1, }`), which JSON refuses and Node names by the bracket
 * after it, on that bracket's line: the README warns about it by name, so the error does too.
 * @param text - text JSON.parse refused
 * @param offset - where it stops being JSON ({@link jsonErrorOffset})
 * @returns the comma, or undefined when the error at `offset` is something else
 */
export function jsonTrailingComma(text: string, offset: number): JsonTrailingComma | undefined {
  const before = text[offset];
  if (before !== ']' && before !== '}') return undefined;
  let at = offset - 1;
  while (at >= 0 && WHITESPACE.has(text.charCodeAt(at))) at--;
  return text[at] === ',' ? { commaAt: at, before } : undefined;
}
