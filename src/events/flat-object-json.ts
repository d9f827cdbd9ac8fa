// The JSON of flat objects (string, number, boolean and null values), written by shape. A
// trace has a handful of annotation shapes, each written hundreds of thousands of times:
// each shape's keys, quoted, and their sorted order are worked out once, and an object of
// that shape is then written by concatenation (issue 12). Node 20's JSON.stringify took
// 503-564 ns for one event's annotations, this 278-307 ns (the 201,125 annotation objects of
// a 20,000-session M/M/8 run, side by side), and the NDJSON trace needs them sorted too,
// which cost a sorted copy per line before. An object with any other value (an object, an
// array, a function...) is left to JSON.stringify's own rules.

import { jsonNumber } from './json-fragment.js';

/** Shapes kept at most; a caller with endlessly new shapes only empties the cache. */
const MAX_SHAPES = 256;

interface Shape {
  /** The keys in the object's own order. */
  readonly own: readonly string[];
  /** For each own key, its JSON name and colon: `"app":`. */
  readonly ownNames: readonly string[];
  /** The keys, sorted. */
  readonly sorted: readonly string[];
  /** For each sorted key, its JSON name and colon. */
  readonly sortedNames: readonly string[];
}

/** The shapes seen, by number of keys. */
const shapesByLength: Shape[][] = [];
let shapeCount = 0;

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

function shapeOf(own: readonly string[]): Shape {
  // Comparing the few shapes of one length key by key is cheaper than naming the shape by a
  // joined string and hashing it (9% of an NDJSON run measured for the join).
  let shapes = shapesByLength[own.length];
  if (shapes !== undefined) {
    for (const shape of shapes) if (sameKeys(shape.own, own)) return shape;
  }
  if (shapeCount >= MAX_SHAPES) {
    shapesByLength.length = 0;
    shapeCount = 0;
    shapes = undefined;
  }
  if (shapes === undefined) {
    shapes = [];
    shapesByLength[own.length] = shapes;
  }
  const quoted = (key: string): string => `${JSON.stringify(key)}:`;
  const sorted = [...own].sort();
  const shape = { own, ownNames: own.map(quoted), sorted, sortedNames: sorted.map(quoted) };
  shapes.push(shape);
  shapeCount++;
  return shape;
}

/** The object's JSON with these keys in this order, or undefined when a value is not flat. */
function flatJson(
  record: Readonly<Record<string, unknown>>,
  keys: readonly string[],
  names: readonly string[],
): string | undefined {
  let text = '';
  for (let index = 0; index < keys.length; index++) {
    const field = record[keys[index] as string];
    let json: string;
    if (typeof field === 'number') {
      json = jsonNumber(field);
    } else if (typeof field === 'string' || typeof field === 'boolean' || field === null) {
      json = JSON.stringify(field);
    } else if (field === undefined) {
      // JSON.stringify leaves out a key whose value is undefined.
      continue;
    } else {
      return undefined;
    }
    text += (text === '' ? '{' : ',') + (names[index] as string) + json;
  }
  return text === '' ? '{}' : `${text}}`;
}

/**
 * `JSON.stringify` of a copy of `value` whose keys are in sorted order (only the top level
 * is sorted; only own enumerable keys are copied), byte for byte.
 * @param value - a plain object
 * @returns its JSON text
 */
export function sortedKeysJson(value: object): string {
  const record = value as Readonly<Record<string, unknown>>;
  const { sorted, sortedNames } = shapeOf(Object.keys(record));
  return (
    flatJson(record, sorted, sortedNames) ??
    // An object, a function, a symbol or a bigint: JSON.stringify's own rules (toJSON, a
    // TypeError for a bigint) on the sorted copy. fromEntries defines each key, `__proto__`
    // included, as an own property.
    JSON.stringify(Object.fromEntries(sorted.map((key) => [key, record[key]])))
  );
}

/**
 * `JSON.stringify(value)`, byte for byte, when `value` is a flat plain object.
 * @param value - an object
 * @returns its JSON text, or undefined when it is not flat (an array, an object with a
 *   `toJSON`, or one holding an object, a function, a symbol or a bigint): then
 *   JSON.stringify's own rules apply, and the caller knows where it stands in its document
 */
export function flatObjectJson(value: object): string | undefined {
  if (Array.isArray(value) || 'toJSON' in value) return undefined;
  const record = value as Readonly<Record<string, unknown>>;
  const { own, ownNames } = shapeOf(Object.keys(record));
  return flatJson(record, own, ownNames);
}
