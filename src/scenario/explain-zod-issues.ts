// explainZodIssues: turns zod's issues about a scenario into problems a scenario author can
// act on (STYLE rules 25-26): the field path, what was expected in words, and the value
// received. Unions are resolved to the form the author meant, or reported once with the
// forms allowed; discriminators list their options; missing fields say they are required.

import { describeReceived } from '../errors/describe-received.js';
import { eventCatalog, findEvent } from '../events/event-catalog.js';
import { eventLogCatalog } from '../events/event-log-entry.js';
import type { z } from 'zod';
import { closestMatch } from '../core/closest-match.js';
import { deprecatedRequestResultKinds } from './expectation-schema.js';
import { targetFields } from './fault-target-fields.js';
import { allowedKeys } from './schema-keys.js';

type ZodIssue = z.core.$ZodIssue;

/** One problem with a field: where, what was expected, what was found. */
export interface FieldProblem {
  readonly path: readonly PropertyKey[];
  readonly expected: string;
  readonly received: string;
  /** The allowed key or value the one written most likely misspells. */
  readonly suggestion?: string;
}

/** Where explanations look things up: the schema the value was parsed with. */
interface Context {
  readonly input: unknown;
  readonly schema: z.core.$ZodType | undefined;
}

/** Messages of refinements whose allowed values are a catalogue, and that catalogue. */
const refinementCandidates: Readonly<Record<string, () => readonly string[]>> = {
  'an event id or name from the catalogue (see `dispatchsim events`)': () =>
    eventCatalog.map((entry) => entry.name),
  'an Event Log id (1-10) or name': () => eventLogCatalog.map((entry) => entry.name),
};

// An ETW event under `eventLog:`, or an Event Log entry under `event:`: the other key is meant.
const otherCatalogue: Readonly<Record<string, (received: unknown) => string | undefined>> = {
  'an event id or name from the catalogue (see `dispatchsim events`)': (received) => {
    // Event Log ids are 1-10 and ETW ids 1419 and up: a small number is an entry's id.
    if (typeof received === 'number') {
      const byId = eventLogCatalog.find((e) => e.id === received);
      return byId === undefined ? undefined : `eventLog: ${byId.id} (${byId.name})`;
    }
    const entry = eventLogCatalog.find(
      (e) => typeof received === 'string' && e.name.toLowerCase() === received.trim().toLowerCase(),
    );
    return entry === undefined ? undefined : `eventLog: ${entry.name}`;
  },
  'an Event Log id (1-10) or name': (received) => {
    const entry =
      typeof received === 'string' || typeof received === 'number'
        ? findEvent(received)
        : undefined;
    return entry === undefined ? undefined : `event: ${entry.name}`;
  },
};

// Spellings accepted for one more release are not offered in "one of …".
const deprecatedSpellings = new Set<unknown>(Object.keys(deprecatedRequestResultKinds));

// A suggestion for a misspelt string value among the allowed ones.
function suggestValue(received: unknown, allowed: Iterable<unknown>): string | undefined {
  if (typeof received !== 'string') return undefined;
  const strings = [...allowed].filter(
    (value): value is string => typeof value === 'string' && !deprecatedSpellings.has(value),
  );
  return closestMatch(received, strings);
}

// Drops an undefined suggestion, which exactOptionalPropertyTypes does not let through.
function problem(
  path: readonly PropertyKey[],
  expected: string,
  received: string,
  suggestion: string | undefined,
): FieldProblem {
  return suggestion === undefined
    ? { path, expected, received }
    : { path, expected, received, suggestion };
}

const durationForms =
  'a duration in ms: a number, { fixed: ms }, { uniform: [min, max] }, { exponential: mean }, { normal: { mean, stddev } } or { lognormal: { median, sigma } }';

/**
 * What the unions of the scenario format accept, by the path they sit at, and the keys of
 * their one-key object forms (a misspelt key gets a suggestion: `{ exponental: 8 }` did not).
 */
const unionForms: readonly (readonly [RegExp, string, (readonly string[])?])[] = [
  [
    /(^|\.)arrivals$/,
    'one of { poisson: { ratePerSec } }, { fixed: { intervalMs } }, { burst: { size, everyMs } }, { at: [ms, ...] }',
    ['poisson', 'fixed', 'burst', 'at'],
  ],
  [
    /(^|\.)(dupHandleMs|startupMs|dispatchMs|firstViaMs|preambleMs|hangMs|shutdownMs)$/,
    durationForms,
    ['fixed', 'uniform', 'exponential', 'normal', 'lognormal'],
  ],
  [/(^|\.)count$/, 'a count: a number, or { min, max, equals }'],
  [
    /(^|\.)enabledProtocols$/,
    'a list of protocols, or the IIS comma-separated string (e.g. "http,net.tcp")',
  ],
  [/(^|\.)(event|eventLog)$|\.sequence\[\d+\]$/, 'an event id (a positive number) or name'],
  [
    /^expect\[\d+\]$/,
    'an expectation: { event, count, app? }, { eventLog, count }, { outcome, count, app? }, { counter, count }, { requests, count }, { sequence }, { subsequence }, or { invariant }',
  ],
];

/**
 * Numbers of the scenario format that a bare bound (`a number <= 1`) would not explain, by
 * the path they sit at: what the number is, with both its bounds.
 */
const boundedForms: readonly (readonly [RegExp, string])[] = [
  [/(^|\.)probability$/, 'a probability between 0 and 1'],
];

/** Discriminators of the scenario format and what their values are called. */
const discriminators: Readonly<Record<string, string>> = {
  kind: 'a fault kind',
  policy: 'a retry policy',
};

/** Refinement messages of the schema, rephrased to follow "expected". */
const customMessages: Readonly<Record<string, string>> = {
  'min must not exceed max': 'a count whose min does not exceed its max',
  'a count needs min, max or equals': 'a count with min, max or equals',
  'equals must lie between min and max': 'a count that can be met: equals between its min and max',
};

/**
 * @param path - a field path
 * @returns its dotted form, e.g. `apps[0].workers`
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function typeWord(type: string): string {
  const word = type === 'array' || type === 'tuple' ? 'list' : type === 'object' ? 'mapping' : type;
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

function expectedOf(issue: ZodIssue, received: unknown): string {
  if (
    issue.code === 'too_small' ||
    issue.code === 'too_big' ||
    (issue.code === 'invalid_type' && received !== undefined)
  ) {
    const where = formatPath(issue.path);
    const named = boundedForms.find(([pattern]) => pattern.test(where))?.[1];
    if (named !== undefined) return named;
  }
  switch (issue.code) {
    case 'invalid_type':
      return received === undefined
        ? typeWord(issue.expected).replace(/^an? /, 'a required ')
        : typeWord(issue.expected);
    case 'too_small':
      if (issue.origin === 'array') return `at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string') return `a non-empty string`;
      return `a number ${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `at most ${String(issue.maximum)} item(s)`;
      return `a number ${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}`;
    case 'invalid_value': {
      const values = issue.values.filter((v) => !deprecatedSpellings.has(v));
      return values.length === 1
        ? `exactly ${JSON.stringify(values[0])}`
        : `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    case 'not_multiple_of':
      return `a multiple of ${String(issue.divisor)}`;
    case 'custom':
      return customMessages[issue.message] ?? issue.message;
    default:
      return issue.message;
  }
}

// A branch of a union rejects the value's shape when it fails at the union's own place with
// a wrong type, an unknown key or a wrong literal; otherwise the author meant that form and
// only got details wrong.
function rejectsShape(issue: ZodIssue): boolean {
  return (
    issue.path.length === 0 &&
    (issue.code === 'invalid_type' ||
      issue.code === 'unrecognized_keys' ||
      issue.code === 'invalid_value' ||
      issue.code === 'invalid_union')
  );
}

function explainUnion(
  issue: Extract<ZodIssue, { code: 'invalid_union' }>,
  context: Context,
): FieldProblem[] {
  const { input } = context;
  const received = valueAt(input, issue.path);
  if (issue.errors.length === 0 && 'discriminator' in issue) {
    // zod 4 reports an unknown discriminator with its options (and the discriminator's path).
    const disc = String(issue.discriminator);
    const options = 'options' in issue && Array.isArray(issue.options) ? issue.options : [];
    const what = discriminators[disc] ?? `a known ${disc}`;
    return [
      problem(
        issue.path,
        `${received === undefined ? what.replace(/^an? /, 'a required ') : what} (one of ${options.map(String).join(', ')})`,
        describeReceived(received),
        suggestValue(received, options),
      ),
    ];
  }
  const accepted = issue.errors
    .filter((branch) => !branch.some(rejectsShape))
    .sort((a, b) => a.length - b.length);
  const best = accepted[0];
  if (best !== undefined) {
    return best.flatMap((inner) =>
      explainIssue({ ...inner, path: [...issue.path, ...inner.path] }, context),
    );
  }
  const literals = issue.errors.flat();
  if (literals.length > 0 && literals.every((i) => i.code === 'invalid_value')) {
    const values = literals.flatMap((i) => (i.code === 'invalid_value' ? i.values : []));
    return [
      problem(
        issue.path,
        `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`,
        describeReceived(received),
        suggestValue(received, values),
      ),
    ];
  }
  const where = formatPath(issue.path);
  const [, forms, keys] = unionForms.find(([pattern]) => pattern.test(where)) ?? [];
  const expected = forms ?? 'a value of one of the allowed forms';
  const written =
    typeof received === 'object' && received !== null && !Array.isArray(received)
      ? Object.keys(received)
      : [];
  const suggestion =
    keys !== undefined && written.length === 1 && !keys.includes(written[0] ?? '')
      ? closestMatch(written[0] ?? '', keys)
      : undefined;
  return [
    problem(
      issue.path,
      received === undefined ? `${expected} (required)` : expected,
      describeReceived(received),
      suggestion === undefined ? undefined : `{ ${suggestion}: … }`,
    ),
  ];
}

// A fault kind takes an instant (atMs) or a window (fromMs, toMs), and the two are too far
// apart for closestMatch: a rule written with the other kind's time key is told which key its
// kind takes (user report: `atMs` on queue-paused said only "unknown key"). A Map, so that a
// key such as `__proto__` finds nothing.
const TIME_KEY_COUNTERPARTS = new Map<string, readonly string[]>([
  ['atMs', ['fromMs']],
  ['fromMs', ['atMs']],
  ['toMs', ['atMs']],
]);

function timeKeyCounterpart(key: string, free: readonly string[]): string | undefined {
  return TIME_KEY_COUNTERPARTS.get(key)?.find((counterpart) => free.includes(counterpart));
}

// Names authors give the fields of a fault's `target` (user report: `application: orders`
// said only "unknown key"), too far from `app` and `pool` for closestMatch.
const KEY_SYNONYMS = new Map<string, readonly string[]>([
  ['application', ['app']],
  ['applicationPool', ['pool', 'appPool']],
  ['appPool', ['pool']],
  ['process', ['worker']],
  ['workerProcess', ['worker']],
]);

// A target field written beside a rule's kind (`{ kind: worker-hang, pool: … }`) belongs in
// its `target`, where the kind has one.
function synonymOrTarget(key: string, free: readonly string[]): string | undefined {
  const synonym = KEY_SYNONYMS.get(key)?.find((candidate) => free.includes(candidate));
  if (synonym !== undefined) return synonym;
  return free.includes('target') && (targetFields as readonly string[]).includes(key)
    ? `target: { ${key}: … }`
    : undefined;
}

// `{ sessions: 1,000 }` is, to YAML, sessions 1 and a key 000 with no value (user report).
const NO_THOUSANDS_SEPARATOR =
  'no such field (unknown key; in { }, a number written with a comma, such as 1,000, is read as a number and a key: write 1000)';

// `x-app: &app { … }` shares fields in a docker compose file; a scenario has no such fields,
// and an anchor on the first item that has them does the same.
const NO_EXTENSION_FIELDS =
  'no such field (unknown key; a scenario has no x- fields: put the anchor on the first item that has these fields, `- &app { … }`, and merge it into the others with `<<: *app`)';

// What an unknown key gets, with the reason for the common ones.
function unknownKeyExpected(path: readonly PropertyKey[], key: string, value: unknown): string {
  if (path.length === 0 && key.startsWith('x-')) return NO_EXTENSION_FIELDS;
  if (key === 'app' && path.length === 2 && path[0] === 'expect') {
    return 'no such field (unknown key; an expectation for one app is an { event } or { outcome } one)';
  }
  if (/^\d+$/.test(key) && value === null) return NO_THOUSANDS_SEPARATOR;
  return 'no such field (unknown key)';
}

function explainIssue(issue: ZodIssue, context: Context): FieldProblem[] {
  const { input, schema } = context;
  if (issue.code === 'unrecognized_keys') {
    // The keys allowed here and not written yet: a misspelt key stands for one of them.
    const mapping = valueAt(input, issue.path);
    const written = typeof mapping === 'object' && mapping !== null ? mapping : {};
    const free =
      schema === undefined
        ? []
        : allowedKeys(schema, issue.path, input).filter((key) => !(key in written));
    return issue.keys.map((key) =>
      problem(
        [...issue.path, key],
        unknownKeyExpected(issue.path, key, valueAt(input, [...issue.path, key])),
        describeReceived(valueAt(input, [...issue.path, key])),
        closestMatch(key, free) ?? timeKeyCounterpart(key, free) ?? synonymOrTarget(key, free),
      ),
    );
  }
  if (issue.code === 'invalid_union') return explainUnion(issue, context);
  const received = valueAt(input, issue.path);
  const suggestion =
    issue.code === 'invalid_value'
      ? suggestValue(received, issue.values)
      : issue.code === 'custom'
        ? (otherCatalogue[issue.message]?.(received) ??
          suggestValue(received, refinementCandidates[issue.message]?.() ?? []))
        : undefined;
  // A scalar where a mapping goes (`poisson: 100`): the mapping's keys, and with one key, the
  // mapping the value most likely stands for (user report: "expected a mapping" said not which).
  if (
    issue.code === 'invalid_type' &&
    issue.expected === 'object' &&
    issue.path.length > 0 &&
    schema !== undefined &&
    (typeof received === 'number' || typeof received === 'string')
  ) {
    const keys = allowedKeys(schema, issue.path, input);
    const last = issue.path.at(-1);
    if (keys.length > 0) {
      const only = keys.length === 1 && typeof last === 'string' ? keys[0] : undefined;
      return [
        problem(
          issue.path,
          `a mapping { ${keys.join(', ')} }`,
          describeReceived(received),
          only === undefined
            ? undefined
            : `{ ${String(last)}: { ${only}: ${JSON.stringify(received)} } }`,
        ),
      ];
    }
  }
  return [problem(issue.path, expectedOf(issue, received), describeReceived(received), suggestion)];
}

/**
 * Explains zod's issues about a scenario object, one problem per field.
 * @param issues - the issues of a failed `safeParse`
 * @param input - the value that was parsed
 * @param schema - the schema it was parsed with, for the keys a misspelt key may stand for
 * @returns the problems, in zod's order, without duplicates
 */
export function explainZodIssues(
  issues: readonly ZodIssue[],
  input: unknown,
  schema?: z.core.$ZodType,
): FieldProblem[] {
  const seen = new Set<string>();
  const context: Context = { input, schema };
  return issues
    .flatMap((issue) => explainIssue(issue, context))
    .filter((problem) => {
      const key = `${formatPath(problem.path)}\n${problem.expected}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
