// Reading back the lines of a sweep's or swarm's NDJSON output (issue 13): the header first,
// then one case per line, and the totals. An edited, cut-short or foreign file is bad input
// named by its file and line, never an internal error where a field is used; `merge` and
// `shrink` read it alike (user report: shrink gave JSON.parse's words as an internal error).

import { CommandLineError } from '../errors/command-line-error.js';
import type { CaseResult } from '../search/search-case.js';
import type { SearchHeader } from './search-output.js';

/** Where a line is, for messages: its file (as named) and its 1-based line. */
export interface LinePlace {
  readonly name: string;
  readonly line: number;
}

function bad(problem: string): CommandLineError {
  return new CommandLineError([problem], 'cli.io');
}

const at = (place: LinePlace): string => `${place.name}:${place.line}`;

/** The first line of formatSearchTable's table. */
const SEARCH_TABLE_HEAD = /^\s*case\s+scenario\s+seed\s+verdict\b/;

/**
 * @param name - the file, as named
 * @returns the error for a file with no line at all
 */
export function emptySearchOutputError(name: string): CommandLineError {
  return bad(`${name}: expected a sweep or swarm output (got an empty file)`);
}

/**
 * Parses one line of a search output as a JSON object.
 * @param place - the line's file and number
 * @param text - the line
 * @param tableAdvice - what to do with a search table instead, for this command
 *   (`run the shards with --format ndjson`)
 * @returns the object
 * @throws CommandLineError (`cli.io`) for a line that is no JSON object: cut short, edited, or
 *   a line of the table sweep and swarm write without `--format ndjson`
 */
export function parseSearchOutputLine(
  place: LinePlace,
  text: string,
  tableAdvice: string,
): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (isObject(value)) return value;
  } catch {
    // reported below
  }
  // sweep and swarm write a table unless told --format ndjson or given a .ndjson --out (a
  // file run with --format table, or by an older version); --format ndjson is right either way.
  const got = SEARCH_TABLE_HEAD.test(text)
    ? `the table of a sweep or swarm: ${tableAdvice}`
    : text.slice(0, 60);
  throw bad(`${at(place)}: expected a JSON object of a sweep or swarm output (got ${got})`);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// The first field of a header line that a SearchHeader could not have: an edited or foreign
// file must be bad input, not an internal error where the header is used.
function malformedHeaderField(value: Record<string, unknown>): string | undefined {
  for (const field of ['tool', 'version', 'command'] as const) {
    if (typeof value[field] !== 'string') return field;
  }
  const inputs = value['inputs'];
  const isInput = (input: unknown): boolean =>
    isObject(input) && typeof input['file'] === 'string' && typeof input['sha256'] === 'string';
  if (!Array.isArray(inputs) || !inputs.every(isInput)) return 'inputs';
  return isObject(value['cases']) ? undefined : 'cases';
}

/**
 * Checks the first line of a search output.
 * @param place - the line's file and number
 * @param value - the line, parsed ({@link parseSearchOutputLine})
 * @returns the header
 * @throws CommandLineError (`cli.io`) for a line of another type, or a header missing a field
 *   its readers use
 */
export function readSearchHeader(place: LinePlace, value: Record<string, unknown>): SearchHeader {
  if (value['type'] !== 'header') {
    throw bad(`${at(place)}: expected the header line first (got type ${String(value['type'])})`);
  }
  const malformed = malformedHeaderField(value);
  if (malformed !== undefined) {
    throw bad(
      `${at(place)}: expected the header of a sweep or swarm output (its ${malformed} is missing or malformed)`,
    );
  }
  return value as unknown as SearchHeader;
}

const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);

// The first field of a case line that the totals read and a CaseResult could not have: an
// edited file must be bad input, not an internal error or a NaN in the totals line.
function malformedCaseField(value: Record<string, unknown>): string | undefined {
  if (typeof value['index'] !== 'number') return 'index';
  const verdict = value['verdict'];
  if (verdict !== 'pass' && verdict !== 'fail' && verdict !== 'error') return 'verdict';
  if (!isCount(value['sessions'])) return 'sessions';
  const outcomes = value['outcomes'];
  if (!isObject(outcomes) || !Object.values(outcomes).every(isCount)) return 'outcomes';
  const requests = value['requests'];
  const requestFields = ['total', 'succeededFirstTime', 'succeededAfterRetry', 'gaveUp'] as const;
  if (!isObject(requests) || !requestFields.every((key) => isCount(requests[key]))) {
    return 'requests';
  }
  const fired = value['faultsFired'];
  if (!isObject(fired) || !Object.values(fired).every(isCount)) return 'faultsFired';
  return undefined;
}

// The first field of a case line that a replay of the case reads (shrink-command.ts): its
// scenario file, its seed, what failed and the fault rules a swarm added.
function malformedReplayField(value: Record<string, unknown>): string | undefined {
  if (typeof value['file'] !== 'string') return 'file';
  if (!Number.isSafeInteger(value['seed'])) return 'seed';
  const failure = value['failure'];
  if (failure !== null && typeof failure !== 'string') return 'failure';
  const plan = value['plan'];
  if (plan !== null && plan !== undefined && !(Array.isArray(plan) && plan.every(isObject))) {
    return 'plan';
  }
  return undefined;
}

/**
 * Checks a case line of a search output: what the totals and a merge read.
 * @param place - the line's file and number
 * @param value - the line, parsed ({@link parseSearchOutputLine}), not the totals line
 * @param replay - whether the case is to be replayed, which reads its file, seed, failure
 *   and plan too
 * @returns the case
 * @throws CommandLineError (`cli.io`) for a line of another type, or a case missing a field
 */
export function readSearchCase(
  place: LinePlace,
  value: Record<string, unknown>,
  replay = false,
): CaseResult {
  if (value['type'] !== 'case') {
    throw bad(`${at(place)}: expected a case line (got type ${String(value['type'])})`);
  }
  const field = malformedCaseField(value) ?? (replay ? malformedReplayField(value) : undefined);
  // Request figures were named firstTime and afterRetry before 2026-12-04: such a file is
  // named for what it is (user report: "its requests is missing or malformed" alone).
  const requests = value['requests'];
  const older =
    field === 'requests' && isObject(requests) && 'firstTime' in requests
      ? '; it was written by an older dispatchsim (requests.firstTime, now succeededFirstTime): run the search again'
      : '';
  if (field !== undefined) {
    throw bad(
      `${at(place)}: expected a case line of a sweep or swarm output (its ${field} is missing or malformed)${older}`,
    );
  }
  return value as unknown as CaseResult;
}
