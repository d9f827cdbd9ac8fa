// What the cross-field rules can still check in a scenario the schema refused. A file with a
// bad `dispatchMs` and a misspelt `appPool` used to get the first error, and the second only
// once the first was fixed: the cross-field rules ran on the parsed scenario alone. Here the
// fields the schema refused are left out (so they take their defaults, or the file stays
// refused when one is required) and the rest is parsed again. That is done only when none
// of the fields left out is one the cross-field rules read: their verdict on the rest is then
// the one they will give once the refused fields are fixed, whatever they are fixed to.

import type { z } from 'zod';
import { closestMatch } from '../core/closest-match.js';
import { WITHOUT_COMPILING } from './parse-without-compiling.js';
import { scenarioSchema, type Scenario } from './scenario-schema.js';

/**
 * The fields the cross-field rules read (validate-scenario.ts `crossCheck`), per list element
 * or section: a refused one among them leaves the rules nothing sure to say. The expectations
 * are read by warnings alone, which a refused file does not get: a refused expectation is
 * left out whole.
 */
const CROSS_CHECKED: Readonly<Record<string, ReadonlySet<string>>> = {
  apps: new Set(['name', 'baseAddress', 'hosting', 'hostNameComparisonMode', 'appPool', 'workers']),
  appPools: new Set(['name', 'maxProcesses']),
  faults: new Set(['kind', 'target', 'pool', 'fromMs', 'toMs']),
  workload: new Set(['vias']),
};

/** Sections whose value is a list of elements, each with its own fields. */
const LISTS = new Set(['apps', 'appPools', 'faults', 'expect']);

/**
 * What stands in a list for an element left out: an expectation no cross-field rule reads
 * (only `expect`'s elements are left out whole; a refused element of a list the rules read
 * leaves them nothing sure to say).
 */
const LEFT_OUT_ELEMENT = Object.freeze({ invariant: 'balanced' });

/** Rounds of leaving out refused fields: a field left out can reveal another. */
const MAX_ROUNDS = 3;

// Valid values for the required top-level fields the cross-field rules do not read.
const STAND_INS: Readonly<Record<string, unknown>> = { name: 'scenario' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Copies the plain objects and arrays of the input, so that leaving fields out does not
// touch the caller's object; any other value is shared, and so is one that contains itself
// (an object built in code can; copying it overflowed the stack): the schema refuses it
// anyway, and the copy only ever loses fields the schema refused.
function copyData(value: unknown, enclosing = new Set<unknown>()): unknown {
  const plain =
    Array.isArray(value) || (isRecord(value) && Object.getPrototypeOf(value) === Object.prototype);
  if (!plain || enclosing.has(value)) return value;
  enclosing.add(value);
  const copy = Array.isArray(value)
    ? value.map((item) => copyData(item, enclosing))
    : Object.fromEntries(
        Object.entries(value).map(([key, field]) => [key, copyData(field, enclosing)]),
      );
  enclosing.delete(value);
  return copy;
}

/** Where a refused field is held: its container's path and its key (an index in a list). */
interface FieldPlace {
  readonly container: readonly PropertyKey[];
  readonly key: string | number;
}

// The field an issue is about, at the depth the cross-field rules look at: a list element's
// own field (apps[0].dispatchMs for apps[0].dispatchMs.uniform[1]), a section's field
// (workload.arrivals), or a top-level one.
function placesOf(issue: z.core.$ZodIssue): FieldPlace[] | undefined {
  const { path } = issue;
  const [list, index] = path;
  // An element of a list whose fields no cross-field error reads (an expectation, whose
  // event 4017 is refused while faults[0].target.app is misspelt): left out whole.
  if (
    typeof list === 'string' &&
    typeof index === 'number' &&
    LISTS.has(list) &&
    !(list in CROSS_CHECKED)
  ) {
    return [{ container: [list], key: index }];
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ container: path, key }));
  }
  const [section] = path;
  if (typeof section !== 'string') return undefined;
  const depth = LISTS.has(section) ? 3 : 2;
  const fieldPath = path.length >= depth ? path.slice(0, depth) : path;
  const key = fieldPath.at(-1);
  if (typeof key !== 'string') return undefined;
  return [{ container: fieldPath.slice(0, -1), key }];
}

function isCrossChecked({ container, key }: FieldPlace): boolean {
  const [section] = container;
  if (typeof key === 'number') return typeof section === 'string' && section in CROSS_CHECKED;
  // A whole section left out (a top-level field), or a field the rules read.
  if (container.length === 0) return key in CROSS_CHECKED;
  const read = typeof section === 'string' ? CROSS_CHECKED[section] : undefined;
  if (read === undefined) return false;
  // An unknown key that misspells one the rules read (`hostng: self`) stands for it.
  return read.has(key) || closestMatch(key, read) !== undefined;
}

function containerAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (!isRecord(value) && !Array.isArray(value)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * @param input - the scenario as written, which the schema refused
 * @param error - the schema's issues with it
 * @returns the scenario with the refused fields left out, parsed, when none of them is one
 *   the cross-field rules read and the rest parses; otherwise undefined
 */
export function salvageForCrossCheck(input: unknown, error: z.ZodError): Scenario | undefined {
  if (!isRecord(input)) return undefined;
  const copy = copyData(input);
  let issues = error.issues;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // Elements to leave out of each list, once every issue is read (an element can have
    // several, and removing one shifts the indexes of the next).
    const dropped = new Map<unknown[], Set<number>>();
    for (const issue of issues) {
      const places = placesOf(issue);
      if (places === undefined) return undefined;
      for (const place of places) {
        if (isCrossChecked(place)) return undefined;
        const container = containerAt(copy, place.container);
        if (Array.isArray(container) && typeof place.key === 'number') {
          dropped.set(container, (dropped.get(container) ?? new Set()).add(place.key));
        } else if (isRecord(container) && typeof place.key === 'string') {
          // A required field no rule reads stands in with a valid value: left out, it kept
          // the file refused and held back every rule (user report: a bad name hid a window
          // that ended before it started).
          if (place.container.length === 0 && place.key in STAND_INS) {
            container[place.key] = STAND_INS[place.key];
          } else {
            delete container[place.key];
          }
        } else {
          return undefined;
        }
      }
    }
    // An element left out keeps its place, with a stand-in no rule reads: the rules name the
    // elements after it by their index (user report: an unknown app in expect[1] was named
    // expect[0], at the line before, when expect[0] was refused).
    for (const [list, indexes] of dropped) {
      for (const index of indexes) list[index] = LEFT_OUT_ELEMENT;
    }
    const parsed = scenarioSchema.safeParse(copy, WITHOUT_COMPILING);
    if (parsed.success) return parsed.data;
    issues = parsed.error.issues;
  }
  return undefined;
}
