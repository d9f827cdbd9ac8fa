// The JSON of an object with its keys in sorted order: how a trace line writes annotations
// (STYLE rule 31). A trace has a handful of annotation shapes, each written hundreds of
// thousands of times, so the sorted order of each shape is worked out once and its keys'
// quoted prefixes kept; a flat annotation object is then written by concatenation (issue 12;
// see trace.ts for what the trace line gained).

import { jsonNumber } from './json-fragment.js';

/** Key orders kept at most; a caller with endlessly new shapes only empties the cache. */
const MAX_SHAPES = 256;

interface Shape {
  /** The keys in the object's own order. */
  readonly own: readonly string[];
  /** The keys, sorted. */
  readonly keys: readonly string[];
  /** For each sorted key, its JSON name and colon: `"app":`. */
  readonly names: readonly string[];
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
  const keys = [...own].sort();
  const shape = { own, keys, names: keys.map((key) => `${JSON.stringify(key)}:`) };
  shapes.push(shape);
  shapeCount++;
  return shape;
}

function sortedCopy(value: Readonly<Record<string, unknown>>, keys: readonly string[]): object {
  // fromEntries defines each key, `__proto__` included, as an own property.
  return Object.fromEntries(keys.map((key) => [key, value[key]]));
}

/**
 * `JSON.stringify` of a copy of `value` whose keys are in sorted order (only the top level
 * is sorted), byte for byte.
 * @param value - a plain object
 * @returns its JSON text
 */
export function sortedKeysJson(value: object): string {
  const record = value as Readonly<Record<string, unknown>>;
  const { keys, names } = shapeOf(Object.keys(record));
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
      // An object, a function, a symbol or a bigint: JSON.stringify's own rules (toJSON, a
      // replacer's absence, a TypeError for a bigint) on the sorted copy, as before.
      return JSON.stringify(sortedCopy(record, keys));
    }
    text += (text === '' ? '{' : ',') + (names[index] as string) + json;
  }
  return text === '' ? '{}' : `${text}}`;
}
